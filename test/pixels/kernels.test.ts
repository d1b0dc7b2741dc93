/** The shared pixel kernels on tiny inline arrays with hand-computed answers (pixelmatch's 1×1 cases). */
import { componentAt, labelComponents } from '../../src/pixels/components';
import { boxMean, rectSum, summedArea, summedAreaOfSquares } from '../../src/pixels/integral';
import { resizeBilinear, sampleBilinear, type Plane } from '../../src/pixels/resample';
import { mad, maskedMedian, median, medianInPlace, orderStatistic, quantile, roundTo } from '../../src/pixels/stats';

describe('pixels/components', () => {
  // 4×3 mask:
  // 1 1 0 1
  // 0 1 0 1
  // 1 0 0 0
  const mask = Uint8Array.from([1, 1, 0, 1, 0, 1, 0, 1, 1, 0, 0, 0]);

  test('4-connected: three components in row-major order of their first cell, with boxes and members', () => {
    const c = labelComponents(mask, 4, 3, 4);
    expect(c.map((x) => [Array.from(x.members).sort((a, b) => a - b), x.x0, x.y0, x.x1, x.y1])).toEqual([
      [[0, 1, 5], 0, 0, 1, 1],
      [[3, 7], 3, 0, 3, 1],
      [[8], 0, 2, 0, 2],
    ]);
  });

  test('8-connected: the corner touch at (1,1)–(0,2) joins two of them', () => {
    const c = labelComponents(mask, 4, 3, 8);
    expect(c.map((x) => x.members.length)).toEqual([4, 2]);
    expect([c[0].x0, c[0].y0, c[0].x1, c[0].y1]).toEqual([0, 0, 1, 2]);
  });

  test('members in visiting order: depth first, neighbours pushed left, right, up, down', () => {
    // A 3×1 run seeded in the middle: pop 1, push 0 then 2; pop 2, then 0.
    expect(Array.from(componentAt(Uint8Array.from([1, 1, 1]), 3, 1, 1).members)).toEqual([1, 2, 0]);
  });

  test('a seed outside the mask is its own component; an empty mask has none', () => {
    expect(Array.from(componentAt(Uint8Array.from([0, 0]), 2, 1, 0).members)).toEqual([0]);
    expect(labelComponents(new Uint8Array(6), 3, 2)).toEqual([]);
  });
});

describe('pixels/integral', () => {
  // 3×2 plane: 1 2 3 / 4 5 6
  const d = Float32Array.from([1, 2, 3, 4, 5, 6]);

  test('summed-area table entries and rectangle sums', () => {
    const sat = summedArea(d, 3, 2);
    expect(Array.from(sat)).toEqual([0, 0, 0, 0, 0, 1, 3, 6, 0, 5, 12, 21]);
    expect(rectSum(sat, 4, 0, 0, 3, 2)).toBe(21);
    expect(rectSum(sat, 4, 1, 1, 3, 2)).toBe(11);
    expect(rectSum(sat, 4, 2, 0, 3, 1)).toBe(3);
  });

  test('squares', () => {
    expect(rectSum(summedAreaOfSquares(d, 3, 2), 4, 0, 0, 3, 2)).toBe(91);
  });

  test('box mean with the window clipped at the borders', () => {
    expect(Array.from(boxMean(d, 3, 2, 1))).toEqual([3, 3.5, 4, 3, 3.5, 4]);
    expect(Array.from(boxMean(d, 3, 2, 0))).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('pixels/stats', () => {
  test('median, masked median, MAD', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBe(0);
    expect(maskedMedian([5, 1, 9, 3], [1, 1, 0, 1])).toBe(3);
    expect(maskedMedian([5, 1], [0, 0])).toBeNaN();
    // |x − 3| of [1, 2, 3, 4, 10] = [2, 1, 0, 1, 7] → median 1.
    expect(mad([1, 2, 3, 4, 10])).toBe(1);
    expect(mad([1, 2, 3], 0)).toBe(2);
  });

  test('medianInPlace: the median of the first n entries, as median gives it; entries past n untouched', () => {
    let seed = 3;
    const rnd = (): number => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    for (const n of [0, 1, 2, 5, 6, 101, 1000]) {
      const values = Array.from({ length: n }, () => (rnd() < 0.3 ? Math.floor(rnd() * 5) : rnd() * 100 - 50));
      const scratch = Float64Array.from([...values, -1, -2]);
      expect(medianInPlace(scratch, n)).toBe(median(values));
      expect([...scratch.subarray(n)]).toEqual([-1, -2]);
      expect([...scratch.subarray(0, n)].sort((a, b) => a - b)).toEqual([...values].sort((a, b) => a - b));
    }
    expect(medianInPlace(Float64Array.from([2, Number.NaN, 1]), 3)).toBe(2);
  });

  test('order statistics and the lower nearest-rank quantile; the input is not sorted in place', () => {
    const v = [40, 10, 30, 20];
    expect(orderStatistic(v, 0)).toBe(10);
    expect(orderStatistic(v, 2)).toBe(30);
    expect(orderStatistic(v, 9)).toBe(40);
    expect(quantile(v, 0.5)).toBe(20);
    expect(quantile(v, 1)).toBe(40);
    expect(v).toEqual([40, 10, 30, 20]);
    expect(orderStatistic([], 0)).toBeNaN();
  });

  test('roundTo', () => {
    expect(roundTo(0.12345)).toBe(0.123);
    expect(roundTo(0.125, 2)).toBe(0.13);
    expect(roundTo(-1.55, 1)).toBe(-1.5);
    expect(roundTo(7.2, 0)).toBe(7);
  });
});

describe('pixels/resample sampleBilinear', () => {
  // 2×2, 2 channels: (0,0)=[0,10] (1,0)=[2,20] (0,1)=[4,30] (1,1)=[6,40]
  const p: Plane = { data: Float32Array.from([0, 10, 2, 20, 4, 30, 6, 40]), width: 2, height: 2, channels: 2 };
  const at = (u: number, v: number): number[] => {
    const out = new Float32Array(2);
    sampleBilinear(p, u, v, out, 0);
    return Array.from(out);
  };

  test('pixel centres, the middle, and clamping outside', () => {
    expect(at(0, 0)).toEqual([0, 10]);
    expect(at(1, 1)).toEqual([6, 40]);
    expect(at(0.5, 0.5)).toEqual([3, 25]);
    expect(at(0.25, 0)).toEqual([0.5, 12.5]);
    expect(at(-3, 5)).toEqual([4, 30]);
  });

  test('enlarging 1×1 → 2×2 copies the pixel', () => {
    const one: Plane = { data: Float32Array.from([7]), width: 1, height: 1, channels: 1 };
    expect(Array.from(resizeBilinear(one, 2, 2).data)).toEqual([7, 7, 7, 7]);
  });
});
