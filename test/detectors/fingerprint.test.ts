/** fingerprint(): versioned, compact, JSON-safe; real sharp decode of repo-rendered files. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fingerprint, decodeFingerprint, V1_PALETTE_ERROR } from '../../src/detectors/catalog/fingerprint';
import { isCatalogFingerprint, isFingerprintV1, isFingerprintV2, isReadableFingerprint, type CatalogFingerprint } from '../../src/detectors/catalog/fingerprint-types';
import { productDistance } from '../../src/detectors/catalog/palette';
import { isClaimlensError } from '../../src/errors';

const SET = join(process.cwd(), 'fixtures', 'generated', 'catalog');
const CATALOG = join(SET, 'catalog', 'rendered-0.jpg');

describe('fingerprint', () => {
  test('versioned JSON, ≤ 8 KB, survives a JSON round trip unchanged', async () => {
    const fp = await fingerprint(CATALOG);
    expect(fp).toMatchObject({ kind: 'claimlens/catalog-fingerprint', version: 2 });
    expect(fp.sha256).toMatch(/^[0-9a-f]{64}$/);
    const json = JSON.stringify(fp);
    expect(Buffer.byteLength(json)).toBeLessThanOrEqual(8192);
    const back: unknown = JSON.parse(json);
    expect(back).toEqual(fp);
    expect(isCatalogFingerprint(back)).toBe(true);
    expect(isFingerprintV2(fp)).toBe(true);
    expect(isFingerprintV1(fp)).toBe(false);
    // The product palette: 1–8 colours in CIELAB whose shares sum to 1 (rounded to 0.001 each).
    expect(fp.palette.length).toBeGreaterThanOrEqual(1);
    expect(fp.palette.length).toBeLessThanOrEqual(8);
    expect(fp.palette.reduce((t, c) => t + c[3], 0)).toBeCloseTo(1, 2);
  });

  test('a version-1 fingerprint stored by claimlens 0.1 still loads; its palette is rebuilt from the thumbnails', async () => {
    // fixtures/generated/catalog/rendered-0.fingerprint-v1.json: fingerprint() of v0.1-base on catalog/rendered-0.jpg.
    const v1 = JSON.parse(readFileSync(join(SET, 'rendered-0.fingerprint-v1.json'), 'utf8')) as CatalogFingerprint;
    expect(v1.version).toBe(1);
    expect('palette' in v1).toBe(false);
    expect(isFingerprintV1(v1)).toBe(true);
    expect(isReadableFingerprint(v1)).toBe(true);
    const old = decodeFingerprint(v1 as Parameters<typeof decodeFingerprint>[0]);
    const now = decodeFingerprint(await fingerprint(CATALOG));
    expect(old.palette.length).toBeGreaterThan(0);
    // Same photo: the rebuilt palette (16-px chroma) is within the margin the detector allows for it.
    expect(old.paletteError).toBe(V1_PALETTE_ERROR);
    expect(now.paletteError).toBe(0);
    expect(productDistance(old.palette, now.palette)).toBeLessThan(V1_PALETTE_ERROR);
    expect(old.thumb.data).toEqual(now.thumb.data);
  });

  test('the same from a path and from bytes; dimensions are the oriented image size', async () => {
    const a = await fingerprint(CATALOG);
    const b = await fingerprint(readFileSync(CATALOG));
    expect(b).toEqual(a);
    expect([a.width, a.height]).toEqual([480, expect.any(Number) as number]);
    expect(Math.max(a.thumb.width, a.thumb.height)).toBe(64);
  });

  test('the payload decodes to thumbnails of the stated size and a normalised histogram', async () => {
    const d = decodeFingerprint(await fingerprint(CATALOG));
    expect(d.thumb.data.length).toBe(d.thumb.width * d.thumb.height);
    expect(d.chroma.data.length).toBe(d.chroma.width * d.chroma.height * 2);
    const total = d.histogram.reduce((s, x) => s + x, 0);
    expect(total).toBeGreaterThan(0.9);
    expect(total).toBeLessThan(1.1);
    expect(d.blockhash).toMatch(/^[0-9a-f]{64}$/);
  });

  test('malformed payloads are not taken for a readable fingerprint', async () => {
    const fp = await fingerprint(CATALOG);
    expect(isReadableFingerprint({ ...fp, thumb: { ...fp.thumb, width: 65 } })).toBe(false);
    expect(isReadableFingerprint({ ...fp, thumb: { ...fp.thumb, data: fp.thumb.data.slice(4) } })).toBe(false);
    expect(isReadableFingerprint({ ...fp, histogram: 'x'.repeat(1000) })).toBe(false);
    expect(isReadableFingerprint({ ...fp, version: 3 })).toBe(false);
    // A version-2 palette must be present and well-formed: bounded length, finite Lab values and shares.
    expect(isReadableFingerprint({ ...fp, palette: [] })).toBe(false);
    expect(isReadableFingerprint({ ...fp, palette: Array.from({ length: 17 }, () => [50, 0, 0, 0.05]) })).toBe(false);
    expect(isReadableFingerprint({ ...fp, palette: [[50, 0, Number.NaN, 1]] })).toBe(false);
    expect(isReadableFingerprint({ ...fp, palette: [[50, 0, 0, 2]] })).toBe(false);
    expect(isReadableFingerprint({ ...fp, palette: 'x' })).toBe(false);
    // A version-1 object with a palette is still a version-1 fingerprint (the palette is ignored).
    expect(isReadableFingerprint({ ...fp, version: 1 })).toBe(true);
  });

  test('unreadable input is refused with the loader error code', async () => {
    let err: unknown;
    try {
      await fingerprint(join(SET, 'missing.jpg'));
    } catch (e) {
      err = e;
    }
    expect(isClaimlensError(err) && err.code).toBe('UNREADABLE_INPUT');
    err = undefined;
    try {
      await fingerprint(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]));
    } catch (e) {
      err = e;
    }
    expect(isClaimlensError(err) && err.code).toBe('UNSUPPORTED_FORMAT');
  });
});
