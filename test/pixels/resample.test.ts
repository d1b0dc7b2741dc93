/** pixels/resample on tiny planes with hand-computed answers. */
import { fitInside, shrinkRgb, gaussianBlur, lumaPlane, mirrorPlane, resizePlane, toPlane, type Plane } from '../../src/pixels/resample';

const plane = (data: number[], width: number, height: number, channels = 1): Plane => ({ data: Float32Array.from(data), width, height, channels });

describe('pixels/resample', () => {
  test('shrinkRgb: rounded box means, partial blocks at the edges averaged over what is there', () => {
    // 3×2 RGB, factor 2 → 2×1: block (0..1, 0..1) and the edge column x = 2.
    const data = Uint8Array.from([0, 0, 0, 10, 20, 30, 7, 7, 7, 1, 1, 1, 11, 21, 31, 9, 8, 8]);
    const out = shrinkRgb({ data, width: 3, height: 2, channels: 3 }, 2);
    expect([out.width, out.height]).toEqual([2, 1]);
    // (0 + 10 + 1 + 11) / 4 = 5.5 → 6; (0 + 20 + 1 + 21) / 4 = 10.5 → 11; (0 + 30 + 1 + 31) / 4 = 15.5 → 16; edge: (7 + 9) / 2, (7 + 8) / 2 = 7.5 → 8
    expect(Array.from(out.data)).toEqual([6, 11, 16, 8, 8, 8]);
    expect(() => shrinkRgb({ data, width: 3, height: 2, channels: 3 }, 1.5)).toThrow('expected an integer factor ≥ 1, received 1.5');
    expect(() => shrinkRgb({ data: data.subarray(3), width: 3, height: 2, channels: 3 }, 2)).toThrow('expected 18 bytes, received 15');
  });

  test('toPlane copies and checks the sample count', () => {
    expect(Array.from(toPlane(Uint8Array.from([1, 2, 3, 4, 5, 6]), 1, 2, 3).data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(() => toPlane(new Uint8Array(5), 1, 2, 3)).toThrow('toPlane: expected 6 samples (1×2×3), got 5');
  });

  test('fitInside keeps the aspect, never enlarges, never below 1×1', () => {
    expect(fitInside(4000, 3000, 400)).toEqual({ width: 400, height: 300 });
    expect(fitInside(300, 200, 400)).toEqual({ width: 300, height: 200 });
    expect(fitInside(10000, 1, 100)).toEqual({ width: 100, height: 1 });
  });

  test('area shrink: 4×1 → 2×1 averages pairs; 3×1 → 2×1 weights by fractional coverage', () => {
    expect(Array.from(resizePlane(plane([0, 2, 4, 6], 4, 1), 2, 1).data)).toEqual([1, 5]);
    // Target pixel 0 covers source [0, 1.5): (0·1 + 3·0.5) / 1.5 = 1; pixel 1 covers [1.5, 3): (3·0.5 + 6) / 1.5 = 5.
    expect(Array.from(resizePlane(plane([0, 3, 6], 3, 1), 2, 1).data)).toEqual([1, 5]);
    // 2×2 → 1×1 is the mean, per channel.
    expect(Array.from(resizePlane(plane([0, 10, 2, 20, 4, 30, 6, 40], 2, 2, 2), 1, 1).data)).toEqual([3, 25]);
  });

  test('enlarging interpolates bilinearly with aligned pixel centres', () => {
    // 2×1 → 4×1: centres at u = -0.25, 0.25, 0.75, 1.25 → clamped 0, 0.25, 0.75, 1.
    expect(Array.from(resizePlane(plane([0, 8], 2, 1), 4, 1).data)).toEqual([0, 2, 6, 8]);
  });

  test('luma (BT.601), mirror', () => {
    expect(lumaPlane(plane([100, 100, 100, 255, 0, 0], 2, 1, 3)).data[0]).toBeCloseTo(100, 4);
    expect(lumaPlane(plane([100, 100, 100, 255, 0, 0], 2, 1, 3)).data[1]).toBeCloseTo(76.245, 3);
    expect(Array.from(mirrorPlane(plane([1, 2, 3, 4, 5, 6], 3, 2)).data)).toEqual([3, 2, 1, 6, 5, 4]);
  });

  test('gaussian blur keeps a constant, spreads an impulse symmetrically, skips NaN', () => {
    expect(Array.from(gaussianBlur(plane([5, 5, 5, 5, 5], 5, 1), 1).data).every((v) => Math.abs(v - 5) < 1e-5)).toBe(true);
    const b = gaussianBlur(plane([0, 0, 9, 0, 0], 5, 1), 1).data;
    expect(b[1]).toBeCloseTo(b[3], 6);
    expect(b[2]).toBeGreaterThan(b[1]);
    const n = gaussianBlur(plane([1, NaN, 1], 3, 1), 1).data;
    expect(Number.isNaN(n[1])).toBe(true);
    expect(n[0]).toBeCloseTo(1, 6);
    expect(gaussianBlur(plane([1, 2], 2, 1), 0).data).toEqual(Float32Array.from([1, 2]));
  });
});
