import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_LIMITS, loadImage } from '../../src/loader/image';
import { rejection } from '../helpers/errors';
import { isClaimlensError, type ClaimlensError } from '../../src/errors';
import { corpusRows, describeCorpus } from '../helpers/corpus';
import { makeImage, pngDeclaring, randomBytes } from '../helpers/images';


describe('loadImage: formats', () => {
  test.each(['jpeg', 'png', 'webp', 'gif', 'tiff', 'avif'] as const)('%s: sniffed, hashed, decoded once to RGB', async (fmt) => {
    const bytes = await makeImage(fmt, 40, 30);
    const img = await loadImage(bytes);
    expect(img.format).toBe(fmt);
    expect(img.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect([img.width, img.height]).toEqual([40, 30]);
    const [a, b, g] = await Promise.all([img.pixels(), img.pixels(), img.grey()]);
    expect(a).toBe(b);
    expect(a.channels).toBe(3);
    expect(a.data.length).toBe(40 * 30 * 3);
    expect(g.data.length).toBe(40 * 30);
    expect(img.decodeCount).toBe(1);
  });

  test('EXIF orientation is applied once, from the single decode', async () => {
    const bytes = await makeImage('jpeg', 40, 30, { orientation: 6 });
    const img = await loadImage(bytes);
    expect(img.header.orientation).toBe(6);
    expect([img.width, img.height]).toEqual([30, 40]);
    const stored = await img.storedPixels();
    const shown = await img.pixels();
    expect([stored.width, stored.height]).toEqual([40, 30]);
    expect([shown.width, shown.height]).toEqual([30, 40]);
    // Orientation 6: the stored top-left pixel is displayed at the top-right.
    const s0 = Array.from(stored.data.subarray(0, 3));
    const i = (0 * shown.width + (shown.width - 1)) * 3;
    expect(Array.from(shown.data.subarray(i, i + 3))).toEqual(s0);
    expect(img.decodeCount).toBe(1);
  });

  test('derive() memoises a view per key', async () => {
    const img = await loadImage(await makeImage('png'));
    let calls = 0;
    const make = (): number => ++calls;
    await Promise.all([img.derive('t:x', make), img.derive('t:x', make)]);
    expect(calls).toBe(1);
  });
});

describe('loadImage: bad input is a typed error, never a crash', () => {
  test('0 bytes, random bytes and text are UNSUPPORTED_FORMAT with what the bytes look like', async () => {
    expect((await rejection(loadImage(new Uint8Array(0)))).message).toMatch(/an empty file/);
    const r = await rejection(loadImage(randomBytes(4096)));
    expect(r.code).toBe('UNSUPPORTED_FORMAT');
    const t = await rejection(loadImage(Buffer.from('just some text\nnot an image\n')));
    expect(t.code).toBe('UNSUPPORTED_FORMAT');
    expect(t.message).toMatch(/look like text/);
  });

  test('a PNG header declaring 60000×60000 is TOO_LARGE before any decode', async () => {
    const t0 = performance.now();
    const e = await rejection(loadImage(pngDeclaring(60000, 60000)));
    expect(performance.now() - t0).toBeLessThan(5000); // generous: the real figure is in bench, not here
    expect(e.code).toBe('TOO_LARGE');
    expect(e.details).toMatchObject({ limit: DEFAULT_LIMITS.maxPixels, actual: 3_600_000_000 });
  });

  test('the pixel limit holds at its boundary', async () => {
    const bytes = await makeImage('png', 40, 25);
    await expect(loadImage(bytes, { maxBytes: 1e6, maxPixels: 1000 })).resolves.toBeDefined();
    expect((await rejection(loadImage(bytes, { maxBytes: 1e6, maxPixels: 999 }))).code).toBe('TOO_LARGE');
  });

  test('the byte limit holds at its boundary', async () => {
    const bytes = await makeImage('png', 40, 25);
    await expect(loadImage(bytes, { maxBytes: bytes.length, maxPixels: 1e6 })).resolves.toBeDefined();
    const e = await rejection(loadImage(bytes, { maxBytes: bytes.length - 1, maxPixels: 1e6 }));
    expect(e.code).toBe('TOO_LARGE');
    expect(e.details).toMatchObject({ limit: bytes.length - 1, actual: bytes.length });
  });

  test('a JPEG truncated at 10 points gives an image or a typed error, and decoding never throws untyped', async () => {
    const full = await makeImage('jpeg', 256, 192, { quality: 95 });
    for (let k = 1; k <= 10; k++) {
      const cut = full.subarray(0, Math.floor((full.length * k) / 11));
      try {
        const img = await loadImage(cut);
        await img.pixels().catch((e: unknown) => {
          expect(isClaimlensError(e)).toBe(true);
        });
      } catch (e) {
        expect(isClaimlensError(e)).toBe(true);
        expect(['CORRUPT_IMAGE', 'UNSUPPORTED_FORMAT']).toContain((e as ClaimlensError).code);
      }
    }
  });

  test('a wrong input type is INVALID_OPTIONS naming what arrived', async () => {
    const e = await rejection(loadImage(42 as unknown as string));
    expect(e.code).toBe('INVALID_OPTIONS');
    expect(e.message).toBe('claim: expected image bytes (Uint8Array/Buffer) or a file path, received 42 (number)');
  });
});

describeCorpus('loadImage on the shared corpus', () => {
  const rows = corpusRows().filter((r) => /\.(jpe?g|png|webp|gif|tiff?|avif|heic|heif)$/i.test(r.local_name));

  test('every corpus image loads; HEIC without a decoder is recognised and refuses pixel decoding with a conversion hint', async () => {
    let heic = 0;
    for (const r of rows) {
      // heicDecoder: null = no optional decoder installed (test/loader/heic.test.ts decodes them with it).
      const img = await loadImage(r.file, undefined, 'claim', { heicDecoder: null });
      expect(img.sha256).toBe(r.sha256);
      if (img.format === 'heic') {
        heic++;
        const e = await rejection(img.pixels());
        expect(e.code).toBe('UNSUPPORTED_FORMAT');
        expect(e.message).toMatch(/convert the photo to JPEG/);
        // Metadata stays readable on undecodable HEIC (the camera ones carry EXIF).
        if (r.category === 'camera') expect((await img.metadata()).ifd0.Make).toBe('Apple');
      }
    }
    expect(heic).toBeGreaterThan(0);
  });

  test('a decodable corpus JPEG decodes with its EXIF orientation applied', async () => {
    const row = rows.find((r) => r.local_name.endsWith('.jpg'))!;
    const img = await loadImage(readFileSync(join(row.file)));
    const px = await img.pixels();
    expect([px.width, px.height]).toEqual([img.width, img.height]);
  });
});
