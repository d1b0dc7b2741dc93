/** fingerprint(): versioned, compact, JSON-safe; real sharp decode of repo-rendered files. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fingerprint, decodeFingerprint } from '../../src/detectors/catalog/fingerprint';
import { isCatalogFingerprint, isFingerprintV1 } from '../../src/detectors/catalog/fingerprint-types';
import { isClaimlensError } from '../../src/errors';

const SET = join(process.cwd(), 'fixtures', 'generated', 'catalog');
const CATALOG = join(SET, 'catalog', 'rendered-0.jpg');

describe('fingerprint', () => {
  test('versioned JSON, ≤ 8 KB, survives a JSON round trip unchanged', async () => {
    const fp = await fingerprint(CATALOG);
    expect(fp).toMatchObject({ kind: 'claimlens/catalog-fingerprint', version: 1 });
    expect(fp.sha256).toMatch(/^[0-9a-f]{64}$/);
    const json = JSON.stringify(fp);
    expect(Buffer.byteLength(json)).toBeLessThanOrEqual(8192);
    const back: unknown = JSON.parse(json);
    expect(back).toEqual(fp);
    expect(isCatalogFingerprint(back)).toBe(true);
    expect(isFingerprintV1(fp)).toBe(true);
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

  test('malformed payloads are not taken for a v1 fingerprint', async () => {
    const fp = await fingerprint(CATALOG);
    expect(isFingerprintV1({ ...fp, thumb: { ...fp.thumb, width: 65 } })).toBe(false);
    expect(isFingerprintV1({ ...fp, thumb: { ...fp.thumb, data: fp.thumb.data.slice(4) } })).toBe(false);
    expect(isFingerprintV1({ ...fp, histogram: 'x'.repeat(1000) })).toBe(false);
    expect(isFingerprintV1({ ...fp, version: 2 })).toBe(false);
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
