import { orientRegion, orientRgb, greyFromRgb } from '../../src/pixels/orient';
import type { RawImage } from '../../src/loader/image';

// A 3×2 image whose pixel values are their stored index: [0 1 2 / 3 4 5] (R channel; G, B copies).
const img: RawImage = { data: Uint8Array.from([0, 1, 2, 3, 4, 5].flatMap((v) => [v, v, v])), width: 3, height: 2, channels: 3 };
const red = (r: RawImage): number[] => Array.from({ length: r.width * r.height }, (_, i) => r.data[i * 3]);

describe('orientRgb (EXIF orientations, hand-computed)', () => {
  test.each([
    [1, 3, 2, [0, 1, 2, 3, 4, 5]],
    [2, 3, 2, [2, 1, 0, 5, 4, 3]],
    [3, 3, 2, [5, 4, 3, 2, 1, 0]],
    [4, 3, 2, [3, 4, 5, 0, 1, 2]],
    [5, 2, 3, [0, 3, 1, 4, 2, 5]],
    [6, 2, 3, [3, 0, 4, 1, 5, 2]],
    [7, 2, 3, [5, 2, 4, 1, 3, 0]],
    [8, 2, 3, [2, 5, 1, 4, 0, 3]],
  ])('orientation %i', (o, w, h, expected) => {
    const r = orientRgb(img, o);
    expect([r.width, r.height]).toEqual([w, h]);
    expect(red(r)).toEqual(expected);
  });

  test('orientRegion maps a stored pixel where orientRgb displays it', () => {
    for (let o = 1; o <= 8; o++) {
      const shown = orientRgb(img, o);
      for (let sy = 0; sy < 2; sy++) for (let sx = 0; sx < 3; sx++) {
        const r = orientRegion({ x: sx, y: sy, width: 1, height: 1 }, o, 3, 2);
        expect(shown.data[(r.y * shown.width + r.x) * 3]).toBe(sy * 3 + sx);
      }
    }
  });

  test('grey uses BT.601 weights', () => {
    const g = greyFromRgb({ data: Uint8Array.from([255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255]), width: 4, height: 1, channels: 3 });
    expect(Array.from(g.data)).toEqual([76, 150, 29, 255]);
  });
});

describe('greyFromRgb: the word-at-a-time path gives the byte formula exactly', () => {
  const scalar = (d: Uint8Array, n: number): number[] => Array.from({ length: n }, (_, i) => (19595 * d[3 * i] + 38470 * d[3 * i + 1] + 7471 * d[3 * i + 2] + 32768) >>> 16);
  // Deterministic bytes covering every channel value (an LCG; no Math.random in tests).
  const bytes = (len: number, seed: number): Uint8Array => {
    const b = new Uint8Array(len);
    let s = seed >>> 0;
    for (let i = 0; i < len; i++) b[i] = (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) >>> 24;
    return b;
  };

  test.each([1, 3, 4, 5, 7, 8, 37, 7001])('%i pixels, aligned and at every unaligned offset', (n) => {
    for (const offset of [0, 1, 2, 3, 4]) {
      const backing = bytes(3 * n + offset, n * 7 + offset);
      const data = backing.subarray(offset, offset + 3 * n);
      expect(Array.from(greyFromRgb({ data, width: n, height: 1, channels: 3 }).data)).toEqual(scalar(data, n));
    }
  });

  test('extremes: black, white and pure primaries', () => {
    const data = Uint8Array.from([0, 0, 0, 255, 255, 255, 255, 0, 0, 0, 255, 0, 0, 0, 255, 128, 128, 128, 1, 2, 3, 254, 253, 252]);
    expect(Array.from(greyFromRgb({ data, width: 4, height: 2, channels: 3 }).data)).toEqual(scalar(data, 8));
  });
});
