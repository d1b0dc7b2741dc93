/**
 * `orientRgbNative` (libvips rot/flip) gives `orientRgb`'s pixels byte for byte: on a hand-made 3×2 image, on the
 * committed metadata fixture and on the largest camera JPEGs of ../shared/corpus when present, in every orientation.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadImage, type RawImage } from '../../src/loader/image';
import { orientRgbNative } from '../../src/pixels/encode';
import { orientRgb } from '../../src/pixels/orient';
import { CORPUS_DIR, HAS_CORPUS } from '../helpers/corpus';

const same = (a: RawImage, b: RawImage): boolean => a.width === b.width && a.height === b.height && Buffer.from(a.data).equals(Buffer.from(b.data));

describe('orientRgbNative equals orientRgb', () => {
  test('a 3×2 image in every orientation (and orientation 1 or an invalid one returns the input)', async () => {
    const img: RawImage = { data: Uint8Array.from({ length: 18 }, (_, i) => i * 13), width: 3, height: 2, channels: 3 };
    for (let o = 1; o <= 8; o++) expect(same(await orientRgbNative(img, o), orientRgb(img, o))).toBe(true);
    expect(await orientRgbNative(img, 1)).toBe(img);
    expect(await orientRgbNative(img, 9)).toBe(img);
  });

  test('real photos in every orientation', async () => {
    const files = [join('fixtures', 'generated', 'metadata', 'thumbnail-pos.jpg')];
    if (HAS_CORPUS) {
      const dir = join(CORPUS_DIR, 'camera');
      const jpegs = readdirSync(dir).filter((f) => /\.jpe?g$/i.test(f)).map((f) => join(dir, f));
      // The largest (a 10 MP DSLR photo among them) and a small odd-sized one.
      jpegs.sort((a, b) => statSync(b).size - statSync(a).size);
      files.push(jpegs[0], jpegs[jpegs.length - 1]);
    }
    let compared = 0;
    for (const f of files) {
      const stored = await (await loadImage(readFileSync(f))).storedPixels();
      for (let o = 2; o <= 8; o++) {
        expect(same(await orientRgbNative(stored, o), orientRgb(stored, o))).toBe(true);
        compared++;
      }
    }
    expect(compared).toBe(7 * files.length);
  }, 60_000);
});
