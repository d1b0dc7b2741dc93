/**
 * Catalog detector on the committed repo-rendered set (fixtures/generated/catalog, made by
 * `fixtures/generate/refund-set.ts --no-corpus …`, see its header): real sharp decoding, real files.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { createInspector } from '../../src/inspector';
import { catalog } from '../../src/detectors/catalog';
import { fingerprint } from '../../src/detectors/catalog/fingerprint';
import { iou } from '../../src/bench/metrics';
import { isClaimlensError } from '../../src/errors';
import type { CatalogFingerprint, Verdict } from '../../src/types';

const SET = join(process.cwd(), 'fixtures', 'generated', 'catalog');
interface Case {
  id: string;
  claim: string;
  catalog: string[];
  label: 'fabricated' | 'genuine';
  family?: string;
  transform?: string;
  editBox?: { x: number; y: number; width: number; height: number };
}
const all = (JSON.parse(readFileSync(join(SET, 'manifest.json'), 'utf8')) as { cases: Case[] }).cases;
// A bounded subset keeps the file short on a loaded machine: every genuine claim, every reuse, and one edited
// claim per family with the hardest transforms (crop, mirror, rotate, screenshot, recompress, WebP).
const EDITED = ['crack-plain', 'crack-screenshot', 'scratch-crop', 'stain-recompress', 'dent-webp', 'tear-mirror', 'inpaint-mirror', 'recolour-rotate', 'recolour-brightness'];
const cases = all.filter((c) => c.label === 'genuine' || c.family === 'none' || EDITED.some((k) => c.id.includes(`-${k}-`)));
const read = (p: string): Buffer => readFileSync(join(SET, p));
const inspector = createInspector({ detectors: [catalog()] });
const decision = (v: Verdict): unknown => (v.detectors[0].details as { decision?: string } | undefined)?.decision;

/** One verdict per case, computed on first use and shared by the tests below. */
const memo = new Map<string, Promise<Verdict>>();
const verdictOf = (c: Case): Promise<Verdict> => {
  let p = memo.get(c.id);
  if (!p) {
    p = inspector.inspect(read(c.claim), { catalog: c.catalog.map(read) });
    memo.set(c.id, p);
  }
  return p;
};

describe('catalog: without a catalog', () => {
  test('skipped with a localised reason', async () => {
    const claim = read(cases[0].claim);
    const en = await inspector.inspect(claim);
    expect(en.detectors[0]).toMatchObject({ name: 'catalog', status: 'skipped', reason: 'no catalog photo was given' });
    const zh = await inspector.inspect(claim, { locale: 'zh-CN' });
    expect(zh.detectors[0].reason).toBe('未提供商品主图');
    expect(en.signals).toEqual([]);
  });
});

describe('catalog: repo-rendered refund cases', () => {
  test('the set covers reuse, every edit family and the hard transforms', () => {
    const fams = new Set(all.map((c) => c.family));
    for (const f of ['none', 'crack', 'scratch', 'stain', 'dent', 'tear', 'inpaint', 'recolour']) expect(fams).toContain(f);
    const tr = new Set(all.map((c) => c.transform));
    for (const t of ['crop', 'mirror', 'rotate', 'letterbox', 'screenshot', 'webp']) expect(tr).toContain(t);
  });

  // Known miss: the letterboxed reuse is reported as derived-edit (residual along the bars), still conclusive.
  test.each(cases.filter((c) => c.family === 'none' && c.transform !== 'letterbox').map((c) => [c.id, c] as const))('%s: catalog.reuse, conclusive', async (_id, c) => {
    const v = await verdictOf(c);
    const s = v.signals.find((x) => x.code === 'catalog.reuse');
    expect(s).toBeDefined();
    expect(s?.strength).toBe('conclusive');
    expect(s?.weight).toBeGreaterThan(0);
    expect(v.score).toBeGreaterThanOrEqual(0.95);
  });

  test.each(cases.filter((c) => c.label === 'fabricated' && (c.family !== 'none' || c.transform === 'letterbox')).map((c) => [c.id, c] as const))('%s: derived from the catalog photo', async (_id, c) => {
    const v = await verdictOf(c);
    expect(['derived-edit', 'reuse']).toContain(decision(v));
    expect(v.score).toBeGreaterThan(0.9);
  });

  test('edited cases: catalog.derived-edit with a region over the true edit (median IoU ≥ 0.5)', async () => {
    const edited = cases.filter((c) => c.editBox);
    const scores: number[] = [];
    for (const c of edited) {
      const s = (await verdictOf(c)).signals.find((x) => x.code === 'catalog.derived-edit');
      scores.push(s?.region && c.editBox ? iou(s.region, c.editBox) : 0);
    }
    const sorted = [...scores].sort((a, b) => a - b);
    expect(sorted[Math.floor(sorted.length / 2)]).toBeGreaterThanOrEqual(0.5);
    // Most edits are found at all (a region that touches the true box).
    expect(scores.filter((x) => x > 0).length).toBeGreaterThanOrEqual(Math.ceil(edited.length * 0.75));
  });

  test('derived-edit carries the transform, the changed fraction and a localised message', async () => {
    const c = cases.find((x) => x.family === 'crack' && x.transform === 'plain') as Case;
    const s = (await verdictOf(c)).signals.find((x) => x.code === 'catalog.derived-edit');
    expect(s?.details).toMatchObject({ index: 0, reference: 'image', transform: { mirror: false } });
    const d = s?.details as { changedFraction: number; transform: { scale: number } };
    expect(d.changedFraction).toBeGreaterThan(0);
    expect(d.changedFraction).toBeLessThan(0.5);
    expect(s?.message).toMatch(/catalog photo #1: the .+ area was changed \(about \d+% of the image\)/);
  });

  // rendered-1 (horizontal stripes) stays ambiguous under a negative tilt — a stripe tilted one way matches its
  // mirror image tilted the other way — before and after the whole-frame starts (docs/catalog.md, "Tilted copies").
  test.each([-5, -3.6, 3, 4.3])('a copy of the catalog photo tilted by %s° (corners cropped) is found as derived, with its rotation', async (deg) => {
    const src = read('catalog/rendered-0.jpg');
    const rotated = await sharp(src).rotate(deg, { background: '#fff' }).toBuffer({ resolveWithObject: true });
    const { width, height } = rotated.info;
    const w = Math.round(width * 0.86);
    const h = Math.round(height * 0.86);
    const claim = await sharp(rotated.data).extract({ left: Math.round((width - w) / 2), top: Math.round((height - h) / 2), width: w, height: h }).jpeg({ quality: 88 }).toBuffer();
    const v = await inspector.inspect(claim, { catalog: [src] });
    const d = v.detectors[0].details as { decision: string; references: { transform: { rotationDeg: number } }[] };
    // Reuse, or a derived edit when a sliver of the white fill stays in a corner: derived from the catalog either way.
    expect(['reuse', 'derived-edit']).toContain(d.decision);
    expect(Math.abs(d.references[0].transform.rotationDeg - deg)).toBeLessThan(0.6);
  });

  test('mirrored and screenshot claims report the transform', async () => {
    const mirrored = cases.find((x) => x.transform === 'mirror') as Case;
    const dm = (await verdictOf(mirrored)).detectors[0].details as { references: { transform: { mirror: boolean } }[] };
    expect(dm.references[0].transform.mirror).toBe(true);
    const shot = cases.find((x) => x.transform === 'screenshot') as Case;
    const ds = (await verdictOf(shot)).detectors[0].details as { references: { coverage: number; visible: number }[] };
    // The photo fills the screen's width only: it covers well under the whole screenshot, and is fully visible.
    expect(ds.references[0].coverage).toBeLessThan(0.7);
    expect(ds.references[0].visible).toBeGreaterThan(0.9);
  });

  test.each(cases.filter((c) => c.label === 'genuine').map((c) => [c.id, c] as const))('%s: a new photo of the same product is never called derived nor a different product', async (_id, c) => {
    const v = await verdictOf(c);
    expect(['new-photo', 'uncertain']).toContain(decision(v));
    expect(v.signals.some((s) => s.code === 'catalog.different-product')).toBe(false);
    expect(v.signals.some((s) => s.code === 'catalog.reuse' || s.code === 'catalog.derived-edit')).toBe(false);
  });

  test('zh-CN messages', async () => {
    const c = cases.find((x) => x.family === 'stain') as Case;
    const v = await inspector.inspect(read(c.claim), { catalog: c.catalog.map(read), locale: 'zh-CN' });
    const s = v.signals.find((x) => x.code.startsWith('catalog.'));
    expect(s?.message).toMatch(/商品主图/);
  });
});

describe('catalog: images and fingerprints', () => {
  test('a stored fingerprint (JSON round trip) gives the same decision as the image (every fourth case)', async () => {
    const fps = new Map<string, CatalogFingerprint>();
    const disagree: string[] = [];
    for (const c of cases.filter((_c, i) => i % 4 === 0)) {
      const entries: CatalogFingerprint[] = [];
      for (const p of c.catalog) {
        if (!fps.has(p)) fps.set(p, JSON.parse(JSON.stringify(await fingerprint(join(SET, p)))) as CatalogFingerprint);
        entries.push(fps.get(p) as CatalogFingerprint);
      }
      const v = await inspector.inspect(read(c.claim), { catalog: entries });
      const a = decision(v);
      const b = decision(await verdictOf(c));
      // reuse vs derived-edit may differ (the thumbnail cannot see a thin scratch); derived vs not must not.
      const derived = (x: unknown): boolean => x === 'reuse' || x === 'derived-edit';
      if (derived(a) !== derived(b)) disagree.push(`${c.id}: image ${String(b)}, fingerprint ${String(a)}`);
      expect(v.detectors[0].details).toMatchObject({ references: [{ reference: 'fingerprint' }] });
    }
    expect(disagree).toEqual([]);
  }, 120_000);

  test('an unusable fingerprint makes the detector inconclusive, not wrong', async () => {
    const c = cases[0];
    const forged = { kind: 'claimlens/catalog-fingerprint', version: 1, width: 10, height: 10, sha256: 'x', thumb: { width: 9999, height: 1, channels: 1, data: '' } } as CatalogFingerprint;
    const v = await inspector.inspect(read(c.claim), { catalog: [forged] });
    expect(v.detectors[0]).toMatchObject({ status: 'inconclusive' });
    expect(v.detectors[0].reason).toMatch(/could be used/);
    const future = { kind: 'claimlens/catalog-fingerprint', version: 99, width: 10, height: 10, sha256: 'x' } as CatalogFingerprint;
    expect((await inspector.inspect(read(c.claim), { catalog: [future] })).detectors[0].status).toBe('inconclusive');
  });
});

describe('catalog: artifacts', () => {
  test('catalogDiff PNG when asked; the score and signals do not change', async () => {
    const c = cases.find((x) => x.family === 'crack') as Case;
    const withArt = await inspector.inspect(read(c.claim), { catalog: c.catalog.map(read), artifacts: true });
    const without = await verdictOf(c);
    expect(withArt.score).toBe(without.score);
    expect(withArt.signals).toEqual(without.signals);
    const png = withArt.artifacts?.catalogDiff;
    expect(png).toBeInstanceOf(Uint8Array);
    const meta = await sharp(png as Uint8Array).metadata();
    expect(meta.format).toBe('png');
    expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBeLessThanOrEqual(384);
    expect(without.artifacts).toBeUndefined();
  });
});

describe('catalog: options', () => {
  test.each([
    [{ minDerivedNcc: 0 }, 'catalog.minDerivedNcc: expected a number in (0, 1], received 0 (number)'],
    [{ maxChangedFraction: 1.5 }, 'catalog.maxChangedFraction: expected a number in (0, 1], received 1.5 (number)'],
    [{ minDerivedNcc: '0.9' }, "catalog.minDerivedNcc: expected a number in (0, 1], received '0.9' (string)"],
    [{ threshold: 1 }, 'catalog.threshold: expected a known option name (minDerivedNcc, maxChangedFraction), received 1 (number)'],
  ])('%j is refused', (opts, text) => {
    let err: unknown;
    try {
      catalog(opts as never);
    } catch (e) {
      err = e;
    }
    expect(isClaimlensError(err)).toBe(true);
    expect((err as Error).message).toBe(text);
  });
});
