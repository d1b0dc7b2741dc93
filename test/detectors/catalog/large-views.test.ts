/**
 * The catalog path on a photo larger than 2,304 px, where its views no longer come from an exact area average of the
 * full decode (catalog/views.ts: a libvips intermediate for the claim, libjpeg's DCT-scaled decode for
 * `fingerprint()`): fingerprints stored by the previous code must still load and give the same decisions.
 * Real sharp decoding of repo-rendered JPEGs (the scene renderer of the fixture generators).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { catalog } from '../../../src/detectors/catalog';
import { decodeFingerprint, fingerprint, fingerprintOf } from '../../../src/detectors/catalog/fingerprint';
import { productDistance } from '../../../src/detectors/catalog/palette';
import { areaSource } from '../../../src/detectors/catalog/views';
import { loadImage } from '../../../src/loader/image';
import { fitInside, resizeRaw } from '../../../src/pixels/resample';
import type { CatalogFingerprint, CatalogReference } from '../../../src/types';
import { renderScene } from '../../../fixtures/generate/render';

/**
 * fixtures/generated/catalog/large-render.fingerprint-v2.json: `fingerprint()` of aae4df0 (exact area averages of the
 * full decode) on `scene(3200, 2400, 31)` below, i.e. a version-2 fingerprint stored before this change.
 */
const STORED = JSON.parse(readFileSync(join(process.cwd(), 'fixtures', 'generated', 'catalog', 'large-render.fingerprint-v2.json'), 'utf8')) as CatalogFingerprint;

async function jpeg(rgb: Buffer, width: number, height: number, quality: number): Promise<Buffer> {
  return sharp(rgb, { raw: { width, height, channels: 3 } }).jpeg({ quality }).toBuffer();
}

async function scene(width: number, height: number, seed: number, product: 'box' | 'mug' = 'box', hue = 200): Promise<{ rgb: Buffer; jpg: Buffer }> {
  const s = await renderScene({ width, height, seed, product, hue, label: 'ACME', noise: 3 });
  return { rgb: s.data, jpg: await jpeg(s.data, width, height, 90) };
}

const det = catalog();
async function decide(claim: Buffer, ref: Buffer | CatalogFingerprint): Promise<{ decision: string; similarity: number }> {
  const entry: CatalogReference = Buffer.isBuffer(ref) ? { kind: 'image', index: 0, image: await loadImage(ref) } : { kind: 'fingerprint', index: 0, fingerprint: ref };
  const r = await det.run({ image: await loadImage(claim), catalog: [entry], context: {}, locale: 'en', artifacts: false, signal: new AbortController().signal });
  const d = r.details as { decision: string; references: { similarity: number }[] };
  return { decision: d.decision, similarity: d.references[0].similarity };
}

describe('catalog views of large photos', () => {
  let seller: { rgb: Buffer; jpg: Buffer };
  let claims: Record<string, Buffer>;
  beforeAll(async () => {
    seller = await scene(3200, 2400, 31);
    // A stain on the product, at full size (a claim over 2,304 px: the libvips intermediate), a smaller re-save of
    // the photo, and another scene.
    const stain = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="3200" height="2400"><ellipse cx="1500" cy="1150" rx="260" ry="170" fill="#3b2a1a" opacity="0.75"/></svg>');
    const stained = await sharp(seller.rgb, { raw: { width: 3200, height: 2400, channels: 3 } }).composite([{ input: stain }]).removeAlpha().raw().toBuffer();
    const small = await sharp(seller.rgb, { raw: { width: 3200, height: 2400, channels: 3 } }).resize(1600, 1200).raw().toBuffer();
    const other = await scene(3000, 2250, 32, 'mug', 20);
    claims = { edited: await jpeg(stained, 3200, 2400, 88), reuse: await jpeg(small, 1600, 1200, 85), other: other.jpg };
  }, 120_000);

  test('a large picture is area-averaged from a libvips intermediate three times the view, a small one exactly', async () => {
    const px = (await (await loadImage(seller.jpg)).pixels());
    const src = await areaSource(px, 384);
    expect(Math.max(src.width, src.height)).toBe(1152);
    const t = fitInside(px.width, px.height, 384);
    const exact = resizeRaw(px, t.width, t.height);
    const fast = resizeRaw(src, t.width, t.height);
    let sum = 0;
    let max = 0;
    for (let i = 0; i < exact.data.length; i++) {
      const e = Math.abs(exact.data[i] - fast.data[i]);
      sum += e;
      max = Math.max(max, e);
    }
    // Measured 2026-12-07: mean 0.1, max under 4 levels of 255 (the rendered scene's hard edges).
    expect(sum / exact.data.length).toBeLessThan(0.3);
    expect(max).toBeLessThan(8);
    const smallPx = { data: new Uint8Array(1200 * 900 * 3), width: 1200, height: 900, channels: 3 as const };
    expect(await areaSource(smallPx, 384)).toBe(smallPx);
  });

  test('fingerprint() of a large JPEG needs no full decode and stays within rounding of the stored version-2 fingerprint', async () => {
    const img = await loadImage(seller.jpg);
    const now = await fingerprintOf(img);
    expect(img.decodeCount).toBe(0);
    expect(now).toEqual(await fingerprint(seller.jpg));
    expect(STORED.version).toBe(2);
    expect(now.sha256).toBe(STORED.sha256);
    expect([now.width, now.height]).toEqual([STORED.width, STORED.height]);
    const a = decodeFingerprint(now);
    const b = decodeFingerprint(STORED as Parameters<typeof decodeFingerprint>[0]);
    expect([a.thumb.width, a.thumb.height]).toEqual([b.thumb.width, b.thumb.height]);
    let sum = 0;
    let max = 0;
    for (let i = 0; i < a.thumb.data.length; i++) {
      const e = Math.abs(a.thumb.data[i] - b.thumb.data[i]);
      sum += e;
      max = Math.max(max, e);
    }
    // Measured 2026-12-07: mean 0.14, max 5 levels; blockhash identical; palettes 0.15 ΔE00 apart.
    expect(sum / a.thumb.data.length).toBeLessThan(0.5);
    expect(max).toBeLessThanOrEqual(10);
    expect(productDistance(a.palette, b.palette)).toBeLessThan(1);
  });

  test('claims get the same decisions with the stored fingerprint, today\'s fingerprint and the image', async () => {
    const today = JSON.parse(JSON.stringify(await fingerprint(seller.jpg))) as CatalogFingerprint;
    const expected: Record<string, string[]> = { edited: ['derived-edit'], reuse: ['reuse'], other: ['uncertain', 'different-product'] };
    for (const [name, claim] of Object.entries(claims)) {
      const stored = await decide(claim, STORED);
      const now = await decide(claim, today);
      const image = await decide(claim, seller.jpg);
      expect([name, now.decision]).toEqual([name, stored.decision]);
      expect(Math.abs(now.similarity - stored.similarity)).toBeLessThan(0.01);
      expect(expected[name]).toContain(image.decision);
      // Two renders of one generator share the backdrop: at the fingerprint's 64 px the other scene reaches a
      // similarity of 0.945 (measured 2026-12-07, below the 0.95 of a derivation), so only the image reference's
      // call is pinned for it; the stored and today's fingerprints must agree with each other (above).
      if (name !== 'other') expect(expected[name]).toContain(now.decision);
    }
  }, 120_000);
});
