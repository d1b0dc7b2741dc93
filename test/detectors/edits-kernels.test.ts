import { A, CELL_RECORD, cellStats } from '../../src/detectors/edits/cells';
import { FEATURE_NAMES, FEATURES, denseFeatures, sparseFeatures, sparseStride, windowFeatures } from '../../src/detectors/edits/features';
import { workingPlanes, type WorkingPlanes } from '../../src/detectors/edits/planes';
import { conv3x3 } from '../../src/detectors/edits/model';
import { seededUniform } from '../../src/pixels/random';

/** A working plane of constant luma (quarter levels) with optional changed pixels, and flat chroma. */
function plane(width: number, height: number, value: number, set: [number, number, number][] = []): WorkingPlanes {
  const luma = new Uint16Array(width * height).fill(value);
  for (const [x, y, v] of set) luma[y * width + x] = v;
  const cw = width >> 1, ch = height >> 1;
  return { luma, width, height, cb: new Int16Array(cw * ch), cr: new Int16Array(cw * ch), cw, ch };
}

const cell = (acc: Int32Array, c: number, field: number): number => acc[c * CELL_RECORD + field];

describe('edits planes (hand-computed)', () => {
  test('luma in quarter levels from integer BT.601 weights, chroma B−Y and R−Y at half resolution', () => {
    // Four pixels of (200, 100, 50): L = 77·200 + 150·100 + 29·50 = 31850 (1/256 level).
    const rgb = new Uint8Array([200, 100, 50, 200, 100, 50, 200, 100, 50, 200, 100, 50]);
    const p = workingPlanes(rgb, 2, 2);
    expect(Array.from(p.luma)).toEqual([498, 498, 498, 498]); // (31850 + 32) >> 6
    expect(p.cb[0]).toBe(-297); // B − Y = 50 − 124.41 = −74.41 levels = −297.7 quarter levels, truncated
    expect(p.cr[0]).toBe(302); // R − Y = 75.59 levels = 302.3 quarter levels
  });

  test('a rectangle of a larger image reads the same pixels as the whole image', () => {
    const rgb = new Uint8Array(4 * 4 * 3).map((_, i) => (i * 37) % 251);
    const whole = workingPlanes(rgb, 4, 4);
    const part = workingPlanes(rgb, 4, 4, { x0: 2, y0: 2, width: 2, height: 2 });
    expect(Array.from(part.luma)).toEqual([whole.luma[10], whole.luma[11], whole.luma[14], whole.luma[15]]);
    expect(part.cb[0]).toBe(whole.cb[3]);
    expect(() => workingPlanes(rgb, 4, 4, { x0: 3, y0: 0, width: 2, height: 2 })).toThrow('does not fit 4×4 RGB');
  });

  test('odd sizes: every pixel has its luma, the last odd row and column none of the chroma; reused planes match new ones', () => {
    const W = 7, H = 5;
    const rgb = new Uint8Array(W * H * 3).map((_, i) => (i * 53 + 17) % 256);
    const p = workingPlanes(rgb, W, H);
    const L = (x: number, y: number): number => 77 * rgb[(y * W + x) * 3] + 150 * rgb[(y * W + x) * 3 + 1] + 29 * rgb[(y * W + x) * 3 + 2];
    for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) expect(p.luma[y * W + x]).toBe((L(x, y) + 32) >> 6);
    expect([p.cw, p.ch]).toEqual([3, 2]);
    // Chroma block (2, 1): pixels (4..5, 2..3); B − Y summed in 1/256 level, / 256 truncated toward zero.
    let sum = 0;
    for (const [x, y] of [[4, 2], [5, 2], [4, 3], [5, 3]]) sum += (rgb[(y * W + x) * 3 + 2] << 8) - L(x, y);
    expect(p.cb[1 * 3 + 2]).toBe(Math.trunc(sum / 256));
    // Planes written into a used buffer equal new ones; a buffer of another size is refused.
    const big = new Uint8Array(20 * 20 * 3).map((_, i) => (i * 31) % 251);
    const rect = { x0: 4, y0: 6, width: W, height: H };
    const into = workingPlanes(rgb, W, H);
    expect(workingPlanes(big, 20, 20, rect, into)).toEqual(workingPlanes(big, 20, 20, rect));
    expect(() => workingPlanes(big, 20, 20, { ...rect, width: 8 }, into)).toThrow('cannot hold');
  });
});

describe('edits cell statistics (hand-computed)', () => {
  test('a flat plane: every residual is 0, every co-occurrence is (0, 0), nothing is clipped', () => {
    const g = cellStats(plane(32, 32, 400));
    expect([g.cols, g.rows]).toEqual([2, 2]);
    // Cell (0,0): rows 1..15 × columns 1..15 carry residuals.
    expect(cell(g.acc, 0, A.nFine)).toBe(225);
    expect(cell(g.acc, 0, A.hD1)).toBe(450);
    expect(cell(g.acc, 0, A.hD2)).toBe(450);
    expect(cell(g.acc, 0, A.hKb)).toBe(225);
    expect(cell(g.acc, 0, A.sD2) + cell(g.acc, 0, A.sKb) + cell(g.acc, 0, A.tex)).toBe(0);
    expect(cell(g.acc, 0, A.sumY)).toBe(400 * 256);
    expect(cell(g.acc, 0, A.clip)).toBe(0);
    expect(cell(g.acc, 0, A.cooc + 12)).toBe(14 * 15 + 15 * 14); // pairs need a left / upper neighbour inside
  });

  test('one pixel one level up: the d1, d2 and KB responses around it, its grid crossing and co-occurrences', () => {
    const g = cellStats(plane(32, 32, 400, [[8, 8, 404]]));
    const c = (f: number): number => cell(g.acc, 0, f);
    // d1: |Y[8]−Y[7]| = |Y[9]−Y[8]| = 4 horizontally and vertically → 4 samples in bin 3–5.
    expect(c(A.hD1 + 2)).toBe(4);
    // d2 = 4, −8, 4 along the row and the column: 4 samples in bin 3–5, 2 in bin 6–11.
    expect(c(A.hD2 + 2)).toBe(4);
    expect(c(A.hD2 + 3)).toBe(2);
    // KB: +16 at the pixel (bin 12–23), −8 at its 4 edge neighbours (bin 6–11), +4 at its 4 corners (bin 3–5).
    expect([c(A.hKb + 4), c(A.hKb + 3), c(A.hKb + 2)]).toEqual([1, 4, 4]);
    expect(c(A.sKb)).toBe(16 + 4 * 8 + 4 * 4);
    // Grid: the step Y[8] − Y[7] crosses the 8×8 boundary in x (row 8) and in y (column 8).
    expect(c(A.gridHB)).toBe(4);
    expect(c(A.gridHN)).toBe(2 * 15);
    expect(c(A.gridVB)).toBe(4);
    expect(c(A.gridVN)).toBe(2 * 15);
    // d2 quantised by 1 level: 0 → symbol 2, +4 → 3, −8 → 0; pairs (2,3), (3,0), (0,3), (3,2) once per direction.
    for (const [a, b] of [[2, 3], [3, 0], [0, 3], [3, 2]]) expect(c(A.cooc + a * 5 + b)).toBe(2);
  });

  test('a reused grid is cleared first and gets the same records as a new one', () => {
    const p = plane(36, 36, 400, [[9, 9, 430], [20, 14, 380]]);
    const region = { x0: 2, y0: 2, cols: 2, rows: 2, phaseX: 6, phaseY: 2 };
    const used = { cols: 2, rows: 2, acc: new Int32Array(4 * CELL_RECORD).fill(7) };
    expect(Array.from(cellStats(p, region, used).acc)).toEqual(Array.from(cellStats(p, region).acc));
    expect(() => cellStats(p, { ...region, cols: 1 }, used)).toThrow('cannot hold');
  });

  test('clipped pixels are counted', () => {
    const g = cellStats(plane(32, 32, 1010));
    expect(cell(g.acc, 3, A.clip)).toBe(256);
  });
});

describe('edits window features', () => {
  test('names, count and the photo-relative standardisation', () => {
    expect(FEATURE_NAMES.length).toBe(FEATURES);
    expect(new Set(FEATURE_NAMES).size).toBe(FEATURES);
    const f = denseFeatures(plane(64, 64, 400, [[40, 40, 420]]))!;
    expect([f.cols, f.rows]).toEqual([3, 3]);
    const bright = FEATURE_NAMES.indexOf('brightness');
    expect(f.abs[bright]).toBeCloseTo(400 / 1020, 6);
    // Every window is valid; the spread is the floor wherever all windows agree, so flat features have rel = 0.
    expect(f.validFraction).toBe(1);
    expect(f.rel[bright]).toBe(0);
    // The windows holding the bump stand out in d2.level, the others sit at the median.
    const lvl = FEATURE_NAMES.indexOf('d2.level');
    const rel = Array.from({ length: 9 }, (_, w) => f.rel[w * FEATURES + lvl]);
    expect(rel.filter((z) => z > 0).length).toBeGreaterThan(0);
    expect(Math.min(...rel)).toBe(0);
    expect(denseFeatures(plane(31, 64, 400))).toBeNull();
  });

  test('large photos: a sparse grid of native-resolution windows with the dense features of the same pixels', () => {
    expect(sparseStride(4000, 3000)).toBe(96);
    // A 64×64 noise image analysed sparsely at stride 32 vs densely: window (0,0) of the sparse grid starts at
    // (16, 16), which is dense window (1, 1); both see the same 32×32 pixels and their neighbours.
    const W = 96, H = 96;
    const rgb = new Uint8Array(W * H * 3).map((_, i) => 100 + ((i * 7919) % 13));
    const dense = denseFeatures(workingPlanes(rgb, W, H))!;
    const sparse = windowFeatures(rgb, W, H)!;
    expect([dense.stride, sparse.stride]).toEqual([16, 16]);
    const s = sparseFeatures(rgb, W, H, 32)!;
    expect([s.cols, s.rows, s.origin]).toEqual([2, 2, 16]);
    const d = (f: number): number => dense.abs[(1 * dense.cols + 1) * FEATURES + f];
    for (const name of ['brightness', 'd1.level', 'd2.level', 'kb.level', 'mid.level', 'chroma.level', 'grid.h', 'grid.v']) {
      const f = FEATURE_NAMES.indexOf(name);
      expect(s.abs[f]).toBeCloseTo(d(f), 2);
    }
  });
});

describe('edits model convolution', () => {
  /** The plain formulation: float32 accumulators, bias, then taps in order, inputs in channel order, zero padding. */
  function reference(x: Float32Array, cols: number, rows: number, cin: number, cout: number, w: Float64Array, b: Float32Array, d: number): Float32Array {
    const y = new Float32Array(cols * rows * cout);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const yo = (r * cols + c) * cout;
        for (let o = 0; o < cout; o++) y[yo + o] = b[o];
        for (let ky = 0; ky < 3; ky++) {
          for (let kx = 0; kx < 3; kx++) {
            const rr = r + (ky - 1) * d, cc = c + (kx - 1) * d;
            if (rr < 0 || rr >= rows || cc < 0 || cc >= cols) continue;
            for (let i = 0; i < cin; i++) {
              const v = x[(rr * cols + cc) * cin + i];
              if (v !== 0) for (let o = 0; o < cout; o++) y[yo + o] += v * w[((ky * 3 + kx) * cin + i) * cout + o];
            }
          }
        }
        for (let o = yo; o < yo + cout; o++) if (!(y[o] > 0)) y[o] = 0;
      }
    }
    return y;
  }

  test('bit for bit the plain float32 gather loop (dilations 1 and 2, output counts on and off the unrolling)', () => {
    const rand = seededUniform(7);
    let checked = 0;
    for (const [cols, rows, cin, cout, d] of [[9, 7, 32, 16, 1], [9, 7, 16, 16, 2], [5, 11, 6, 11, 1], [3, 2, 4, 3, 2], [1, 1, 8, 8, 1]]) {
      // Post-ReLU inputs: about half exactly zero, the rest of mixed magnitudes.
      const x = Float32Array.from({ length: cols * rows * cin }, () => (rand() < 0.5 ? 0 : (rand() * 8) ** 2));
      const w = Float64Array.from({ length: 9 * cin * cout }, () => Math.fround(rand() - 0.5));
      const b = Float32Array.from({ length: cout }, () => rand() - 0.6);
      const got = conv3x3(x, cols, rows, cin, cout, w, b, d), want = reference(x, cols, rows, cin, cout, w, b, d);
      expect(got.length).toBe(want.length);
      for (let i = 0; i < want.length; i++) if (!Object.is(got[i], want[i])) throw new Error(`${cols}×${rows}×${cin}→${cout} d${d}: output ${i} is ${got[i]}, the gather loop gives ${want[i]}`);
      checked += want.length;
      expect(want.some((v) => v > 0) && want.some((v) => v === 0)).toBe(true);
    }
    expect(checked).toBe(9 * 7 * 16 * 2 + 5 * 11 * 11 + 3 * 2 * 3 + 8);
  });
});
