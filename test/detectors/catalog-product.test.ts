/**
 * "Is it even our product?" (issue 15 §5): the catalog detector on buyer photos of the same product, of other
 * products, and on derived controls. The committed rendered set (fixtures/generated/product-set, product-set.ts)
 * runs always; the real shop photos of ../shared/corpus/products run when the corpus is present (skipped politely
 * otherwise). Real sharp decodes, real image-q quantisation; no stubs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalog } from '../../src/detectors/catalog';
import { createInspector } from '../../src/inspector';
import { loadImage, type LoadedImage } from '../../src/loader/image';
import type { CatalogFingerprint, CatalogReference, DetectorResult } from '../../src/types';
import { fingerprint } from '../../src/detectors/catalog/fingerprint';
import sharp from 'sharp';
import { corpusRows, describeCorpus } from '../helpers/corpus';
import { renderCapture, type ProductIdentity } from '../../fixtures/generate/product-render';

interface Case {
  id: string;
  claim: string;
  catalog: string[];
  kind: 'same-product' | 'different-product' | 'derived-edit';
  variant?: string;
}

const detector = catalog();
const loaded = new Map<string, Promise<LoadedImage>>();
const load = (file: string): Promise<LoadedImage> => {
  if (!loaded.has(file)) loaded.set(file, loadImage(readFileSync(file)));
  return loaded.get(file) as Promise<LoadedImage>;
};

async function run(claimFile: string, catalogFiles: string[]): Promise<DetectorResult> {
  const refs: CatalogReference[] = [];
  for (const [index, f] of catalogFiles.entries()) refs.push({ kind: 'image', index, image: await load(f) });
  const image = await loadImage(readFileSync(claimFile));
  return detector.run({ image, catalog: refs, context: {}, locale: 'en', artifacts: false, signal: new AbortController().signal });
}
const decisionOf = (r: DetectorResult): string => (r.details as { decision: string }).decision;

describe('catalog: rendered products (committed product set)', () => {
  const SET = join(process.cwd(), 'fixtures', 'generated', 'product-set');
  const cases = (JSON.parse(readFileSync(join(SET, 'manifest.json'), 'utf8')) as { cases: Case[] }).cases;
  const decisions = new Map<string, string>();
  // Bounded for the test suite: every same-product claim and derived control, the unrelated-product pairs.
  const chosen = cases.filter((c) => c.kind !== 'different-product' || c.variant === 'unrelated');

  beforeAll(async () => {
    for (const c of chosen) decisions.set(c.id, decisionOf(await run(join(SET, c.claim), c.catalog.map((p) => join(SET, p)))));
  }, 600_000);

  test('the set has every kind and the detector decided each case', () => {
    expect(chosen.filter((c) => c.kind === 'same-product').length).toBeGreaterThanOrEqual(20);
    expect(chosen.filter((c) => c.kind === 'different-product').length).toBeGreaterThanOrEqual(20);
    expect(chosen.filter((c) => c.kind === 'derived-edit').length).toBeGreaterThanOrEqual(10);
    expect(decisions.size).toBe(chosen.length);
  });

  test('a buyer photo of the listed product is never called a different product', () => {
    const wrong = chosen.filter((c) => c.kind === 'same-product' && decisions.get(c.id) === 'different-product').map((c) => c.id);
    expect(wrong).toEqual([]);
  });

  test('a derivation of the catalog photo is never called a different product', () => {
    const wrong = chosen.filter((c) => c.kind === 'derived-edit' && decisions.get(c.id) === 'different-product').map((c) => c.id);
    expect(wrong).toEqual([]);
  });

  test('a buyer photo of the listed product is recognised by its print: called the same product in most cases', () => {
    // Before the print match (palette rule alone) about a third; every rendered product carries a printed label.
    const same = chosen.filter((c) => c.kind === 'same-product');
    const recall = same.filter((c) => decisions.get(c.id) === 'new-photo').length / same.length;
    process.stdout.write(`rendered same-product recall ${recall.toFixed(3)} (${same.length} claims)\n`);
    expect(recall).toBeGreaterThanOrEqual(0.6);
  });

  test('a photo of another product is rarely called the same product (≤ 10 % here; target ≤ 5 % on the bench)', () => {
    const diff = chosen.filter((c) => c.kind === 'different-product');
    const same = diff.filter((c) => decisions.get(c.id) === 'new-photo').length;
    expect(same / diff.length).toBeLessThanOrEqual(0.1);
  });

  test('the chromaticity similarity is the same with the image, a version-2 and a version-1 fingerprint (it reads the thumbnails every version stores)', async () => {
    // An unrelated product: its palette does not decide, so the histogram is compared.
    const c = chosen.find((x) => x.variant === 'unrelated') as Case;
    const catFile = join(SET, c.catalog[0]);
    const v2 = JSON.parse(JSON.stringify(await fingerprint(readFileSync(catFile)))) as CatalogFingerprint;
    const v1 = { ...v2, version: 1 } as Record<string, unknown>;
    delete v1.palette;
    const image = await loadImage(readFileSync(join(SET, c.claim)));
    const chromaOf = async (ref: CatalogReference): Promise<number> => {
      const r = await detector.run({ image, catalog: [ref], context: {}, locale: 'en', artifacts: false, signal: new AbortController().signal });
      return ((r.details as { references: { chromaSimilarity: number }[] }).references[0]).chromaSimilarity;
    };
    const fromImage = await chromaOf({ kind: 'image', index: 0, image: await load(catFile) });
    expect(fromImage).toBeGreaterThan(0);
    expect(fromImage).toBeLessThanOrEqual(1);
    expect(await chromaOf({ kind: 'fingerprint', index: 0, fingerprint: v2 })).toBe(fromImage);
    expect(await chromaOf({ kind: 'fingerprint', index: 0, fingerprint: v1 as unknown as CatalogFingerprint })).toBe(fromImage);
  });

  test('different-product: a strong signal with a positive weight and a message in en and zh-CN', async () => {
    // A clear case rendered here: a buyer's home photo of a red mug against the studio photo of a blue box.
    const red: ProductIdentity = { shape: 'mug', hue: 2, sat: 80, light: 45, accentHue: 2, accentSat: 70, accentLight: 30, pattern: 'plain', label: 'AURORA' };
    const blue: ProductIdentity = { ...red, shape: 'box', hue: 220, accentHue: 220, label: 'KUMO' };
    const jpeg = async (p: ProductIdentity, setting: 'studio' | 'home', seed: number): Promise<Buffer> => {
      const r = await renderCapture(p, { width: 320, height: 256, seed, setting });
      return sharp(r.data, { raw: { width: r.width, height: r.height, channels: 3 } }).jpeg({ quality: 88 }).toBuffer();
    };
    const claim = await jpeg(red, 'home', 7);
    const listing = await jpeg(blue, 'studio', 8);
    const insp = createInspector({ detectors: [catalog()] });
    for (const [locale, text] of [['en', /does not seem to show the product/], ['zh-CN', /似乎不是商品主图中的商品/]] as const) {
      const v = await insp.inspect(claim, { catalog: [listing], locale });
      const s = v.signals.find((x) => x.code === 'catalog.different-product');
      expect(s).toMatchObject({ weight: 2, strength: 'strong' });
      expect(s?.message).toMatch(text);
      expect((s?.details as { productDistance: number }).productDistance).toBeGreaterThanOrEqual(22);
    }
  });
});

describeCorpus('catalog: real shop photos against their own and other products (corpus products)', () => {
  const rows = corpusRows().filter((r) => r.category === 'products' && r.license !== 'FLAGGED');
  const product = (t: Record<string, string>): string => (t.product ?? '').split(/[ (]/)[0];
  const catalogs = new Map(rows.filter((r) => /CATALOG/.test(r.truth.role ?? '')).map((r) => [product(r.truth), r.file]));
  const shop = rows.filter((r) => /NOT derived/.test(r.ground_truth) && catalogs.has(product(r.truth)));
  const names = [...catalogs.keys()].sort();
  const same: string[] = [];
  const diff: string[] = [];
  // Listing = the catalog photo plus the product's first shop photo (as the refund set lists products), claims being
  // the product's other shop photos.
  const firstShop = new Map<string, string>();
  for (const s of [...shop].sort((a, b) => a.file.localeCompare(b.file))) if (!firstShop.has(product(s.truth))) firstShop.set(product(s.truth), s.file);
  const listingSame: { produce: boolean; decision: string }[] = [];
  const listingDiff: string[] = [];

  beforeAll(async () => {
    // Every other shop photo against its own catalog photo and one other (a fixed rotation through the products):
    // bounded for the test suite; bench/product.ts runs every pair.
    for (const [i, s] of shop.entries()) {
      if (i % 2) continue;
      const own = product(s.truth);
      same.push(decisionOf(await run(s.file, [catalogs.get(own) as string])));
      const others = names.filter((n) => n !== own);
      diff.push(decisionOf(await run(s.file, [catalogs.get(others[(i * 7 + 3) % others.length]) as string])));
      if (firstShop.get(own) === s.file) continue;
      const other = others[(i * 5 + 1) % others.length];
      listingSame.push({ produce: !/\/Packages\//.test(s.path), decision: decisionOf(await run(s.file, [catalogs.get(own) as string, firstShop.get(own) as string])) });
      listingDiff.push(decisionOf(await run(s.file, [catalogs.get(other) as string, firstShop.get(other) as string])));
    }
  }, 1_200_000);

  test('it examined the corpus: half the shop photos against their own and another catalog photo', () => {
    expect(shop.length).toBeGreaterThanOrEqual(40);
    expect(same.length).toBe(Math.ceil(shop.length / 2));
    expect(diff.length).toBe(same.length);
  });

  test('different products called the same product: ≤ 5 % (before: the histogram rule called 7 % with the catalog photo alone, 70 % with a shop photo added)', () => {
    expect(diff.filter((d) => d === 'new-photo').length / diff.length).toBeLessThanOrEqual(0.05);
  });

  test('shop photos of printed products are recognised as the same product (before the print match: 0 of these)', () => {
    // Half the corpus shop photos against the catalog photo alone; the packaged products (cartons, cups) are matched
    // by their print, produce is not (bench/product.ts: 31 % of all same-product pairs, leave-one-product-out).
    const recall = same.filter((d) => d === 'new-photo').length / same.length;
    process.stdout.write(`corpus same-product recall ${recall.toFixed(3)} (${same.length} claims)\n`);
    expect(recall).toBeGreaterThanOrEqual(0.15);
  });

  test('listing (catalog photo + a shop photo): the same product is recognised in most cases, produce included, and other products rarely', () => {
    // Before the chromaticity histogram (0.2 with the print match), produce was called the same product in 3 of 21
    // listing pairs over the whole corpus; held out by product now 8 of 21 (bench/product-evidence.ts).
    expect(listingSame.length).toBeGreaterThanOrEqual(15);
    const recall = listingSame.filter((x) => x.decision === 'new-photo').length / listingSame.length;
    const produce = listingSame.filter((x) => x.produce);
    const produceHits = produce.filter((x) => x.decision === 'new-photo').length;
    process.stdout.write(`corpus listing same-product recall ${recall.toFixed(3)} (${listingSame.length} claims; produce ${produceHits}/${produce.length})\n`);
    expect(recall).toBeGreaterThanOrEqual(0.4);
    expect(produceHits).toBeGreaterThanOrEqual(2);
    expect(listingDiff.filter((d) => d === 'new-photo').length / listingDiff.length).toBeLessThanOrEqual(0.05);
  });

  test('genuine shop photos accused of showing another product: ≤ 5 %', () => {
    expect(same.filter((d) => d === 'different-product').length / same.length).toBeLessThanOrEqual(0.05);
  });

  test('some different products are recognised as such (the signal is not dead on real photos)', () => {
    expect(diff.filter((d) => d === 'different-product').length).toBeGreaterThanOrEqual(2);
  });
});
