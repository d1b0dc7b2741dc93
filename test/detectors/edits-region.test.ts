import { regionOf, REGION_QUANTILE } from '../../src/detectors/edits/region';
import { FEATURES, type WindowFeatures } from '../../src/detectors/edits/features';
import { heatmapRgb } from '../../src/detectors/edits/heatmap';

/** A window grid of `cols × rows` (every window valid unless listed), geometry as features.ts lays it out. */
function grid(cols: number, rows: number, o: { stride?: number; origin?: number; invalid?: number[] } = {}): WindowFeatures {
  const valid = new Uint8Array(cols * rows).fill(1);
  for (const i of o.invalid ?? []) valid[i] = 0;
  const empty = new Float32Array(0);
  return { cols, rows, stride: o.stride ?? 16, origin: o.origin ?? 0, size: 32, abs: empty, rel: empty, cond: empty, median: empty, spread: empty, valid, validFraction: 1 };
}

/**
 * A logit map of `base` with rectangles (x0, y0, x1, y1 inclusive, in windows) set to their values. The background
 * falls by 0.001 per window index (rises with `rising`), so that the few background windows above the cut sit in a
 * known corner (the first row; the last with `rising`), away from the blocks, instead of tying with every window.
 */
function map(f: WindowFeatures, base: number, blocks: [number, number, number, number, number][], rising = false): Float32Array {
  const l = new Float32Array(f.cols * f.rows).map((_, i) => base + (rising ? 0.001 : -0.001) * i);
  for (const [x0, y0, x1, y1, v] of blocks) for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) l[y * f.cols + x] = v;
  return l;
}

describe('edits region rule (region.ts) on synthetic maps', () => {
  test('a broad raised block wins over a single stronger window elsewhere: the region is the block, not the peak', () => {
    const f = grid(20, 15);
    // Block of 5 × 4 = 20 windows at +1.5 (6.7 % of 300), one outlier window at +4: the cut (0.90 quantile) is a
    // background value, so the block holds 20 × ~3.4 log-odds of excess, the outlier ~5.9.
    const r = regionOf(map(f, -2, [[3, 4, 7, 7, 1.5], [17, 1, 17, 1, 4]]), f)!;
    expect(r.grid).toEqual({ x0: 3, y0: 4, x1: 7, y1: 7 });
    expect(r.windows).toBe(20);
    expect(r.areaShare).toBeCloseTo(20 / 300, 6);
    // The box is the stride cell around each window's centre (origin + 16 + 16·x), not the 32-px windows.
    expect([r.x, r.y, r.width, r.height]).toEqual([16 + 16 * 3 - 8, 16 + 16 * 4 - 8, 16 * 5, 16 * 4]);
  });

  test('the region is relative to the photo: shifting every logit, even below 0, does not move it', () => {
    const f = grid(16, 12);
    const a = regionOf(map(f, 0, [[10, 2, 13, 5, 2]]), f)!;
    const b = regionOf(map(f, -6, [[10, 2, 13, 5, -4]]), f)!;
    expect(a.grid).toEqual({ x0: 10, y0: 2, x1: 13, y1: 5 });
    expect(b.grid).toEqual(a.grid);
    expect(b.windows).toBe(16);
  });

  test('diagonal neighbours belong to one region (8-connected)', () => {
    const f = grid(20, 20);
    const blocks: [number, number, number, number, number][] = [];
    // A diagonal stroke of 2×2 blocks touching at corners: one brush stroke, one region.
    for (let k = 0; k < 8; k++) blocks.push([2 + 2 * k, 2 + 2 * k, 3 + 2 * k, 3 + 2 * k, 3]);
    const r = regionOf(map(f, 0, blocks), f)!;
    expect(r.grid).toEqual({ x0: 2, y0: 2, x1: 17, y1: 17 });
    expect(r.windows).toBe(32);
  });

  test('invalid windows never join: a block split by an invalid column reports its heavier side', () => {
    const f = grid(20, 10, { invalid: Array.from({ length: 10 }, (_, y) => y * 20 + 8) });
    const r = regionOf(map(f, 0, [[4, 2, 6, 5, 2], [8, 2, 9, 5, 2]]), f)!;
    expect(r.grid).toEqual({ x0: 4, y0: 2, x1: 6, y1: 5 });
    expect(r.windows).toBe(12);
    expect(regionOf(new Float32Array(16).fill(3), grid(4, 4, { invalid: Array.from({ length: 16 }, (_, i) => i) }))).toBeNull();
  });

  test('the cut keeps about the top tenth of the windows', () => {
    expect(REGION_QUANTILE).toBe(0.9);
    // A ramp x + y over 30 × 20: the 540th smallest of 600 values is 38, and the 66 windows with x + y ≥ 38 form
    // the bottom-right corner (60 of them above the quantile, 6 ties at 38).
    const l = new Float32Array(600).map((_, i) => (i % 30) + Math.floor(i / 30));
    const r = regionOf(l, grid(30, 20))!;
    expect(r.windows).toBe(66);
    expect(r.grid).toEqual({ x0: 19, y0: 9, x1: 29, y1: 19 });
  });

  test('on a sparse grid the cells are a stride wide and the box never starts before the photo', () => {
    const f = grid(12, 10, { stride: 96, origin: 16 });
    const r = regionOf(map(f, 0, [[0, 0, 2, 1, 3]], true), f)!;
    expect(r.grid).toEqual({ x0: 0, y0: 0, x1: 2, y1: 1 });
    // Centre of window 0 at 16 + 16 = 32; its cell would start at 32 − 48 < 0: clipped to 0. Right edge 32 + 2.5·96.
    expect([r.x, r.y, r.width, r.height]).toEqual([0, 0, 32 + 2.5 * 96, 32 + 1.5 * 96]);
  });
});

describe('edits heatmap outline (heatmap.ts)', () => {
  test('the yellow outline lies where the reported region lies: strides x0 + ½ … x1 + 1½ of the picture', () => {
    const f = grid(20, 15);
    const g = { ...f, abs: new Float32Array(20 * 15 * FEATURES) };
    const r = regionOf(map(f, -2, [[3, 4, 7, 7, 1.5]]), f)!;
    const img = heatmapRgb(g, new Float32Array(300), r.grid);
    // 8 picture pixels per 16-px stride: the region's box in photo pixels / 2 is the outline in picture pixels.
    const yellow = (x: number, y: number): boolean => {
      const i = (y * img.width + x) * 3;
      return img.data[i] === 255 && img.data[i + 1] === 220 && img.data[i + 2] === 0;
    };
    const xs: number[] = [], ys: number[] = [];
    for (let y = 0; y < img.height; y++) {
      for (let x = 0; x < img.width; x++) {
        if (yellow(x, y)) {
          xs.push(x);
          ys.push(y);
        }
      }
    }
    expect(xs.length).toBeGreaterThan(0);
    expect([Math.min(...xs), Math.min(...ys)]).toEqual([r.x / 2, r.y / 2]);
    expect([Math.max(...xs) + 1, Math.max(...ys) + 1]).toEqual([(r.x + r.width) / 2, (r.y + r.height) / 2]);
    // Without a region nothing is outlined.
    const none = heatmapRgb(g, new Float32Array(300), null);
    expect(none.data.some((v, i) => i % 3 === 0 && v === 255 && none.data[i + 1] === 220)).toBe(false);
  });
});
