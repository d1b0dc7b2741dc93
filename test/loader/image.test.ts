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

  test('storedGrey and grey: BT.601 luminance of the single decode, the oriented view turned like the pixels', async () => {
    const img = await loadImage(await makeImage('jpeg', 40, 30, { orientation: 6 }));
    const [stored, sg, shown, g] = await Promise.all([img.storedPixels(), img.storedGrey(), img.pixels(), img.grey()]);
    expect([sg.width, sg.height, g.width, g.height]).toEqual([40, 30, 30, 40]);
    const y = (d: Uint8Array, i: number): number => Math.round(0.299 * d[i * 3] + 0.587 * d[i * 3 + 1] + 0.114 * d[i * 3 + 2]);
    for (const i of [0, 17, 599, 1199]) {
      expect(Math.abs(sg.data[i] - y(stored.data, i))).toBeLessThanOrEqual(1);
      expect(Math.abs(g.data[i] - y(shown.data, i))).toBeLessThanOrEqual(1);
    }
    expect(img.decodeCount).toBe(1);
  });

  test('reduced(): a JPEG is shrunk on load (no full decode), ⌈W/f⌉ × ⌈H/f⌉, oriented, close to the block means', async () => {
    const bytes = await makeImage('jpeg', 403, 301, { orientation: 6, quality: 95 });
    const img = await loadImage(bytes);
    const r8 = await img.reduced(8);
    expect([r8.width, r8.height, r8.channels]).toEqual([38, 51, 3]);
    expect(r8.data.length).toBe(38 * 51 * 3);
    expect(img.decodeCount).toBe(0);
    expect(await img.reduced(8)).toBe(r8);
    const r2 = await img.reduced(2);
    expect([r2.width, r2.height]).toEqual([151, 202]);
    expect(img.decodeCount).toBe(0);
    // Without rotation, the luminance of the 1/8 view against 8×8 means of the full decode's luminance: the DCT-domain
    // scaling keeps each block's DC (chroma, subsampled 4:2:0, is averaged over 16×16 and is not compared).
    const flat = await loadImage(await makeImage('jpeg', 403, 301, { quality: 95 }));
    const r = await flat.reduced(8);
    const full = await flat.pixels();
    const y = (d: Uint8Array, i: number): number => 0.299 * d[i * 3] + 0.587 * d[i * 3 + 1] + 0.114 * d[i * 3 + 2];
    let worst = 0;
    for (const [bx, by] of [[0, 0], [20, 10], [40, 30], [49, 36]]) {
      let sum = 0;
      for (let dy = 0; dy < 8; dy++) for (let dx = 0; dx < 8; dx++) sum += y(full.data, (by * 8 + dy) * full.width + bx * 8 + dx);
      worst = Math.max(worst, Math.abs(sum / 64 - y(r.data, by * r.width + bx)));
    }
    expect(worst).toBeLessThan(4);
  });

  test('reduced(): other formats are box means of the single decode', async () => {
    const img = await loadImage(await makeImage('png', 20, 10));
    const r = await img.reduced(4);
    expect([r.width, r.height]).toEqual([5, 3]);
    const full = await img.storedPixels();
    let sum = 0;
    for (let y = 0; y < 4; y++) for (let x = 0; x < 4; x++) sum += full.data[(y * 20 + x) * 3];
    expect(r.data[0]).toBe(Math.round(sum / 16));
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
