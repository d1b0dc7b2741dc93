/**
 * The inconsistency map: how far each block's noise level is from what the rest of the same photo shows for
 * the same brightness and texture, in units of the photo's own block-to-block spread; then the connected
 * regions of that map that stand out.
 */
import { labelComponents } from '../../pixels/components';
import { rectSum, summedArea } from '../../pixels/integral';
import { MAD_TO_SD, maskedMedian, orderStatistic } from '../../pixels/stats';
import type { BlockGrid } from './blocks';

export { maskedMedian };

/** Added to σ before the logarithm so that noise-free blocks (JPEG-flattened, clipped) do not reach −∞. */
const LOG_FLOOR = 0.1;
/** Lower bound of the robust spread of log-σ residuals: below it, differences are estimator noise, not content. */
const MIN_SPREAD = 0.06;

/** Number of regression features: 1, L, L², L³, t, t², L·t (L = brightness / 255, t = ln(1 + texture)). */
const NF = 7;

function features(L: number, t: number, out: Float64Array): void {
  out[0] = 1;
  out[1] = L;
  out[2] = L * L;
  out[3] = L * L * L;
  out[4] = t;
  out[5] = t * t;
  out[6] = L * t;
}

/** Solve A x = b in place (A is n×n row-major) by Gaussian elimination with partial pivoting. Returns x (zeros when singular). */
export function solve(A: Float64Array, b: Float64Array, n: number): Float64Array {
  const x = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(A[r * n + c]) > Math.abs(A[piv * n + c])) piv = r;
    if (Math.abs(A[piv * n + c]) < 1e-12) return x;
    if (piv !== c) {
      for (let k = 0; k < n; k++) {
        const t = A[c * n + k];
        A[c * n + k] = A[piv * n + k];
        A[piv * n + k] = t;
      }
      const t = b[c];
      b[c] = b[piv];
      b[piv] = t;
    }
    for (let r = c + 1; r < n; r++) {
      const f = A[r * n + c] / A[c * n + c];
      if (f === 0) continue;
      for (let k = c; k < n; k++) A[r * n + k] -= f * A[c * n + k];
      b[r] -= f * b[c];
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r];
    for (let k = r + 1; k < n; k++) s -= A[r * n + k] * x[k];
    x[r] = s / A[r * n + r];
  }
  return x;
}

/**
 * Robust fit of log noise level against brightness and texture (cubic in brightness, quadratic in texture):
 * iteratively reweighted least squares with Tukey's biweight (c = 4.685 robust SDs), so an edited region —
 * a minority of blocks — does not pull the fit towards itself. Returns the predicted log level per block.
 */
export function fitExpectedLog(logSigma: Float32Array, grid: BlockGrid, iterations = 6): Float32Array {
  const n = logSigma.length;
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = grid.valid[i];
  const f = new Float64Array(NF);
  const pred = new Float32Array(n);
  const resid = new Float32Array(n);
  for (let it = 0; it < iterations; it++) {
    const A = new Float64Array(NF * NF), b = new Float64Array(NF);
    for (let i = 0; i < n; i++) {
      if (w[i] === 0) continue;
      features(grid.brightness[i] / 255, Math.log1p(grid.texture[i]), f);
      for (let r = 0; r < NF; r++) {
        b[r] += w[i] * f[r] * logSigma[i];
        for (let c = 0; c < NF; c++) A[r * NF + c] += w[i] * f[r] * f[c];
      }
    }
    // A small ridge keeps the system solvable when every block has the same brightness (flat renders).
    for (let r = 0; r < NF; r++) A[r * NF + r] += 1e-6 + A[r * NF + r] * 1e-9;
    const beta = solve(A, b, NF);
    for (let i = 0; i < n; i++) {
      features(grid.brightness[i] / 255, Math.log1p(grid.texture[i]), f);
      let p = 0;
      for (let r = 0; r < NF; r++) p += beta[r] * f[r];
      pred[i] = p;
      resid[i] = Math.abs(logSigma[i] - p);
    }
    const s = Math.max(MIN_SPREAD, MAD_TO_SD * maskedMedian(resid, grid.valid));
    const c = 4.685 * s;
    for (let i = 0; i < n; i++) {
      if (!grid.valid[i]) continue;
      const u = resid[i] / c;
      w[i] = u >= 1 ? 0 : (1 - u * u) ** 2;
    }
  }
  return pred;
}

/** The z-map and what it was computed from. */
export interface NoiseMap {
  /** Per block: (log σ − expected log σ) / spread; 0 on invalid blocks. Negative = smoother than comparable areas. */
  z: Float32Array;
  /** Expected luma σ per block for its brightness and texture, 8-bit levels. */
  expectedLuma: Float32Array;
  /** Robust spread of the luma log residuals (natural log units). */
  spreadLuma: number;
  /** Whether chroma noise carried information (colour images with chroma noise) and was combined in. */
  usedChroma: boolean;
}

function standardised(sigma: Float32Array, grid: BlockGrid): { z: Float32Array; expected: Float32Array; spread: number } {
  const n = sigma.length;
  const logS = new Float32Array(n);
  for (let i = 0; i < n; i++) logS[i] = Math.log(sigma[i] + LOG_FLOOR);
  const pred = fitExpectedLog(logS, grid);
  const d = new Float32Array(n);
  for (let i = 0; i < n; i++) d[i] = logS[i] - pred[i];
  const med = maskedMedian(d, grid.valid);
  const dev = new Float32Array(n);
  for (let i = 0; i < n; i++) dev[i] = Math.abs(d[i] - med);
  const spread = Math.max(MIN_SPREAD, MAD_TO_SD * maskedMedian(dev, grid.valid));
  const z = new Float32Array(n);
  const expected = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    expected[i] = Math.max(0, Math.exp(pred[i] + med) - LOG_FLOOR);
    z[i] = grid.valid[i] ? (d[i] - med) / spread : 0;
  }
  return { z, expected, spread };
}

/**
 * Build the z-map. Luma and chroma z-scores are averaged (÷√2 keeps unit variance for independent channels)
 * when the image has chroma noise to measure; greyscale or chroma-flattened images use luma alone.
 * @param minChroma median chroma σ below which chroma is ignored, 8-bit levels.
 */
export function noiseMap(grid: BlockGrid, minChroma = 0.2): NoiseMap {
  const L = standardised(grid.sigmaLuma, grid);
  const usedChroma = maskedMedian(grid.sigmaChroma, grid.valid) >= minChroma;
  let z = L.z;
  if (usedChroma) {
    const C = standardised(grid.sigmaChroma, grid);
    z = new Float32Array(L.z.length);
    for (let i = 0; i < z.length; i++) z[i] = (L.z[i] + C.z[i]) * Math.SQRT1_2;
  }
  return { z, expectedLuma: L.expected, spreadLuma: L.spread, usedChroma };
}

/** 3×3 mean of z over valid neighbours: a region's blocks reinforce each other, isolated outliers fade. */
export function smoothZ(z: Float32Array, valid: Uint8Array, cols: number, rows: number): Float32Array {
  const out = new Float32Array(z.length);
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < cols; x++) {
      if (!valid[y * cols + x]) continue;
      let s = 0, n = 0;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= rows) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= cols) continue;
          const k = yy * cols + xx;
          if (valid[k]) {
            s += z[k];
            n++;
          }
        }
      }
      out[y * cols + x] = n ? s / n : 0;
    }
  }
  return out;
}

/** A connected set of blocks on the grid. */
export interface Component {
  /** Block indices (row-major). */
  blocks: number[];
  /** Bounding box in blocks: first column/row and size. */
  x: number;
  y: number;
  width: number;
  height: number;
}

/** 4-connected components of the blocks where `mask` is 1 (src/pixels/components.ts), with their block lists. */
export function components(mask: Uint8Array, cols: number, rows: number): Component[] {
  return labelComponents(mask, cols, rows, 4).map((c) => ({ blocks: Array.from(c.members), x: c.x0, y: c.y0, width: c.x1 - c.x0 + 1, height: c.y1 - c.y0 + 1 }));
}

/** A candidate region: a component of the smoothed map with its evidence. */
export interface Candidate extends Component {
  /** −1: less noise than comparable areas (denoised, regenerated smooth); +1: more. */
  sign: -1 | 1;
  /** Mean raw z of its blocks. */
  meanZ: number;
  /** Stouffer statistic: mean z × √blocks. Under independent unit z it is standard normal for a fixed set. */
  stouffer: number;
  /**
   * Mean z over the region's bounding box, standardised against every other box of the same size in the same
   * image (median and robust spread of their means): the photo's own region-scale variability is the null, so a
   * photo whose noise naturally varies in large patches (sky against foliage) does not look edited.
   */
  score: number;
}

/** Sums of z and of valid counts over boxes, via summed-area tables (src/pixels/integral.ts). */
class BoxSums {
  private readonly s: Float64Array;
  private readonly c: Float64Array;
  constructor(z: Float32Array, valid: Uint8Array, private readonly cols: number, rows: number) {
    const vz = new Float64Array(z.length);
    for (let k = 0; k < z.length; k++) vz[k] = valid[k] ? z[k] : 0;
    this.s = summedArea(vz, cols, rows);
    this.c = summedArea(valid, cols, rows);
  }
  /** Mean z over the box (NaN when it has fewer than half its blocks valid). */
  mean(x: number, y: number, w: number, h: number): number {
    const W = this.cols + 1;
    const n = rectSum(this.c, W, x, y, x + w, y + h);
    if (n < 0.5 * w * h) return NaN;
    return rectSum(this.s, W, x, y, x + w, y + h) / n;
  }
}

/** A box in block units. */
interface BlockBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Median and robust spread of the means of the w×h boxes (stride about a quarter box) that do not overlap
 * `exclude`: the null of a region is the rest of the photo, never the region itself. When fewer than 6 such boxes
 * fit, the boxes shrink (smaller boxes vary more, so the null only gets more conservative).
 */
function boxNull(sums: BoxSums, cols: number, rows: number, w: number, h: number, exclude: BlockBox): { median: number; spread: number } {
  for (let shrink = 0; shrink < 6 && w >= 1 && h >= 1; shrink++) {
    const means: number[] = [];
    const sx = Math.max(1, Math.floor(w / 4)), sy = Math.max(1, Math.floor(h / 4));
    for (let y = 0; y + h <= rows; y += sy) {
      for (let x = 0; x + w <= cols; x += sx) {
        const overlaps = x < exclude.x + exclude.width && x + w > exclude.x && y < exclude.y + exclude.height && y + h > exclude.y;
        if (overlaps) continue;
        const m = sums.mean(x, y, w, h);
        if (Number.isFinite(m)) means.push(m);
      }
    }
    if (means.length >= 6) {
      // Upper medians (the ⌊n/2⌋-th smallest) of the box means and of their deviations.
      const med = orderStatistic(means, means.length >> 1);
      const dev = means.map((m) => Math.abs(m - med));
      // Floor: never trust a spread below what independent unit z-scores would give for boxes this size.
      return { median: med, spread: Math.max(MAD_TO_SD * orderStatistic(dev, dev.length >> 1), 1 / Math.sqrt(w * h)) };
    }
    w = Math.floor(w * 0.75);
    h = Math.floor(h * 0.75);
  }
  return { median: 0, spread: Infinity };
}

/** Limits of the region search. */
export interface RegionSearch {
  /** |smoothed z| at or above which a block joins a region. */
  threshold: number;
  /** Fewest blocks in a region. */
  minBlocks: number;
  /** Largest region as a fraction of the valid blocks: beyond it, "the rest of the photo" is no reference. */
  maxFraction: number;
}

/**
 * Candidate regions, strongest |score| first: components of |smoothed z| ≥ threshold with one sign, within the
 * size limits.
 */
export function candidates(z: Float32Array, valid: Uint8Array, cols: number, rows: number, search: RegionSearch): Candidate[] {
  const zs = smoothZ(z, valid, cols, rows);
  let nValid = 0;
  for (let i = 0; i < valid.length; i++) nValid += valid[i];
  const out: Candidate[] = [];
  const sums = new BoxSums(z, valid, cols, rows);
  for (const sign of [-1, 1] as const) {
    const mask = new Uint8Array(z.length);
    for (let i = 0; i < z.length; i++) mask[i] = valid[i] && sign * zs[i] >= search.threshold ? 1 : 0;
    for (const c of components(mask, cols, rows)) {
      if (c.blocks.length < search.minBlocks || c.blocks.length > search.maxFraction * nValid) continue;
      let s = 0;
      for (const k of c.blocks) s += z[k];
      const meanZ = s / c.blocks.length;
      const nul = boxNull(sums, cols, rows, c.width, c.height, c);
      const boxMean = sums.mean(c.x, c.y, c.width, c.height);
      const score = Number.isFinite(boxMean) ? (boxMean - nul.median) / nul.spread : 0;
      out.push({ ...c, sign, meanZ, stouffer: meanZ * Math.sqrt(c.blocks.length), score });
    }
  }
  return out.sort((a, b) => Math.abs(b.score) - Math.abs(a.score));
}
