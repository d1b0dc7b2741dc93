/**
 * Statistics of the ELA residual on the 8×8 JPEG grid of the stored pixels, normalised by content, and the search
 * for one connected region whose error level stands out from the rest of the image.
 *
 * Why normalise by content: a re-encode moves textured blocks far more than flat ones whatever their history, so
 * raw ELA mostly lights up edges and texture. Each block is compared only with blocks of similar texture (same
 * texture quantile), in log space, with a robust spread (median absolute deviation), which leaves the compression
 * history as the main cause of what remains.
 */
import type { Region } from '../../types';

/** Side of a JPEG block in pixels (ITU-T T.81: 8×8 DCT blocks). */
export const BLOCK = 8;

/** Per-block statistics on the full 8×8 blocks of the stored image (partial edge blocks are left out). */
export interface BlockGrid {
  /** Blocks per row. */
  cols: number;
  /** Block rows. */
  rows: number;
  /** Mean residual per block, in 8-bit levels per channel (0..255). */
  error: Float32Array;
  /** Texture per block: mean |Y − block mean of Y| of the luminance, in 8-bit levels. */
  texture: Float32Array;
}

/**
 * Block means of the residual and block texture of the luminance, in one pass over the image.
 * @param residual per-pixel residual summed over RGB (0..765), as from `absDiffRgb`
 * @param rgb the stored RGB pixels the residual was measured on
 * @throws RangeError when the buffer sizes do not match width × height.
 */
export function blockStats(residual: Uint16Array, rgb: Uint8Array, width: number, height: number): BlockGrid {
  if (residual.length !== width * height || rgb.length !== width * height * 3) {
    throw new RangeError(`blockStats: expected ${width * height} residuals and ${width * height * 3} RGB bytes, received ${residual.length} and ${rgb.length}`);
  }
  const cols = Math.floor(width / BLOCK);
  const rows = Math.floor(height / BLOCK);
  const error = new Float32Array(cols * rows);
  const texture = new Float32Array(cols * rows);
  const y = new Float32Array(BLOCK * BLOCK);
  for (let br = 0; br < rows; br++) {
    for (let bc = 0; bc < cols; bc++) {
      let e = 0;
      let sy = 0;
      for (let dy = 0; dy < BLOCK; dy++) {
        const row = (br * BLOCK + dy) * width + bc * BLOCK;
        for (let dx = 0; dx < BLOCK; dx++) {
          const p = row + dx;
          e += residual[p];
          const j = p * 3;
          // BT.601 luminance, same weights as the loader's grey view.
          const v = 0.299 * rgb[j] + 0.587 * rgb[j + 1] + 0.114 * rgb[j + 2];
          y[dy * BLOCK + dx] = v;
          sy += v;
        }
      }
      const mean = sy / (BLOCK * BLOCK);
      let t = 0;
      for (let k = 0; k < BLOCK * BLOCK; k++) t += Math.abs(y[k] - mean);
      const b = br * cols + bc;
      error[b] = e / (BLOCK * BLOCK * 3);
      texture[b] = t / (BLOCK * BLOCK);
    }
  }
  return { cols, rows, error, texture };
}

/** Median of a numeric array (copied, not mutated); 0 for an empty one. */
export function median(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return 0;
  const s = Float64Array.from(values).sort();
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/** Offset added before the logarithm so that error-free blocks (flat or clipped) do not become −∞, in levels. */
const LOG_OFFSET = 0.25;
/**
 * Smallest robust spread allowed in a texture class, in natural-log units: below it, a class of near-identical
 * blocks (e.g. a flat synthetic backdrop) would turn rounding noise into huge z-scores.
 */
const MIN_SPREAD = 0.1;

/**
 * Content-normalised z-score of every block's error level: log(error + 0.25) compared with the median of the blocks
 * in the same texture class (`classes` equal-count quantiles of texture), divided by 1.4826 × MAD of that class.
 * 1.4826 × MAD estimates the standard deviation of a normal sample (Rousseeuw & Croux 1993).
 */
export function contentZ(grid: BlockGrid, classes = 8): Float32Array {
  const n = grid.error.length;
  const z = new Float32Array(n);
  if (n === 0) return z;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => grid.texture[a] - grid.texture[b]);
  const k = Math.max(1, Math.min(classes, Math.floor(n / 32)));
  const logs = new Float64Array(n);
  for (let i = 0; i < n; i++) logs[i] = Math.log(grid.error[i] + LOG_OFFSET);
  for (let c = 0; c < k; c++) {
    const from = Math.floor((c * n) / k);
    const to = Math.floor(((c + 1) * n) / k);
    const members = order.slice(from, to);
    const vals = members.map((i) => logs[i]);
    const m = median(vals);
    const mad = median(vals.map((v) => Math.abs(v - m)));
    const spread = Math.max(MIN_SPREAD, 1.4826 * mad);
    for (const i of members) z[i] = (logs[i] - m) / spread;
  }
  return z;
}

/**
 * Mean of `z` over a (2r+1)×(2r+1) window of blocks (clipped at the edges), via a summed-area table.
 * Averaging pools the evidence of neighbouring blocks, so a region of consistently shifted error levels stands out
 * while isolated noisy blocks do not.
 */
export function boxMean(z: Float32Array, cols: number, rows: number, r: number): Float32Array {
  const W = cols + 1;
  const sat = new Float64Array(W * (rows + 1));
  for (let y = 0; y < rows; y++) {
    let run = 0;
    for (let x = 0; x < cols; x++) {
      run += z[y * cols + x];
      sat[(y + 1) * W + x + 1] = sat[y * W + x + 1] + run;
    }
  }
  const out = new Float32Array(cols * rows);
  for (let y = 0; y < rows; y++) {
    const y0 = Math.max(0, y - r);
    const y1 = Math.min(rows, y + r + 1);
    for (let x = 0; x < cols; x++) {
      const x0 = Math.max(0, x - r);
      const x1 = Math.min(cols, x + r + 1);
      const s = sat[y1 * W + x1] - sat[y0 * W + x1] - sat[y1 * W + x0] + sat[y0 * W + x0];
      out[y * cols + x] = s / ((y1 - y0) * (x1 - x0));
    }
  }
  return out;
}

/** The most anomalous connected region of a block map. */
export interface Anomaly {
  /** +1: the region's error level is higher than its content predicts; −1: lower. */
  sign: 1 | -1;
  /** Peak of the pooled map, in robust standard deviations of the pooled map itself (the detection statistic). */
  peak: number;
  /** Blocks in the region. */
  blocks: number;
  /** Bounding box of the region in stored-image pixels. */
  region: Region;
  /** Mean block error level inside the region, in 8-bit levels per channel. */
  regionError: number;
  /** Median block error level of the whole image, in 8-bit levels per channel. */
  imageError: number;
  /** Mean content-normalised z of the blocks inside the region. */
  meanZ: number;
}

/** Tuning of the region search. */
export interface AnomalyOptions {
  /** Pooling radius in blocks (window of 2r+1 blocks). @default 2 */
  radius?: number;
  /** A block joins the region when its pooled score is at least this fraction of the peak. @default 0.5 */
  grow?: number;
}

/**
 * Find the single strongest region of consistently shifted error levels. The pooled map is standardised by its own
 * median and MAD (pooling correlates neighbours, so the per-block z scale no longer applies), its peak in either
 * direction is the statistic, and the region is the 4-connected set of blocks around the peak whose pooled score is
 * at least `grow` × peak. Returns null when the grid has fewer than 16 blocks.
 */
export function findAnomaly(grid: BlockGrid, z: Float32Array, options: AnomalyOptions = {}): Anomaly | null {
  const { cols, rows } = grid;
  const n = cols * rows;
  if (n < 16) return null;
  const pooled = boxMean(z, cols, rows, options.radius ?? 2);
  const m = median(pooled);
  const mad = median(Array.from(pooled, (v) => Math.abs(v - m)));
  const spread = Math.max(1e-3, 1.4826 * mad);
  let best = 0;
  let at = 0;
  for (let i = 0; i < n; i++) {
    const s = (pooled[i] - m) / spread;
    if (Math.abs(s) > Math.abs(best)) {
      best = s;
      at = i;
    }
  }
  const sign: 1 | -1 = best >= 0 ? 1 : -1;
  const cut = Math.abs(best) * (options.grow ?? 0.5);
  const inRegion = new Uint8Array(n);
  const stack = [at];
  inRegion[at] = 1;
  let x0 = cols, y0 = rows, x1 = -1, y1 = -1, count = 0, zSum = 0, eSum = 0;
  while (stack.length) {
    const i = stack.pop() as number;
    const x = i % cols;
    const y = (i - x) / cols;
    count++;
    zSum += z[i];
    eSum += grid.error[i];
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
    const nb = [x > 0 ? i - 1 : -1, x < cols - 1 ? i + 1 : -1, y > 0 ? i - cols : -1, y < rows - 1 ? i + cols : -1];
    for (const j of nb) {
      if (j >= 0 && !inRegion[j] && (sign * (pooled[j] - m)) / spread >= cut) {
        inRegion[j] = 1;
        stack.push(j);
      }
    }
  }
  return {
    sign,
    peak: Math.abs(best),
    blocks: count,
    region: { x: x0 * 8, y: y0 * 8, width: (x1 - x0 + 1) * 8, height: (y1 - y0 + 1) * 8 },
    regionError: eSum / count,
    imageError: median(grid.error),
    meanZ: zSum / count,
  };
}

/**
 * Blockiness of the 8×8 grid: mean |step| of the luminance across block boundaries divided by the mean |step|
 * inside blocks, horizontally and vertically pooled. About 1 for pixels that never went through JPEG (renders,
 * raw captures); above 1 when JPEG quantisation left block edges. Returns 1 for images narrower than 16 pixels.
 */
export function gridBlockiness(rgb: Uint8Array, width: number, height: number): number {
  if (width < 16 || height < 16) return 1;
  let across = 0, nAcross = 0, inside = 0, nInside = 0;
  // Sample every other row/column: the ratio is stable and this halves the cost on large photos.
  for (let yy = 0; yy < height; yy += 2) {
    for (let xx = 1; xx < width; xx++) {
      const a = (yy * width + xx) * 3;
      const d = Math.abs(lum(rgb, a) - lum(rgb, a - 3));
      if (xx % BLOCK === 0) { across += d; nAcross++; } else { inside += d; nInside++; }
    }
  }
  for (let yy = 1; yy < height; yy++) {
    for (let xx = 0; xx < width; xx += 2) {
      const a = (yy * width + xx) * 3;
      const d = Math.abs(lum(rgb, a) - lum(rgb, a - width * 3));
      if (yy % BLOCK === 0) { across += d; nAcross++; } else { inside += d; nInside++; }
    }
  }
  const meanIn = inside / Math.max(1, nInside);
  return meanIn <= 1e-9 ? 1 : across / Math.max(1, nAcross) / meanIn;
}

function lum(rgb: Uint8Array, j: number): number {
  return 0.299 * rgb[j] + 0.587 * rgb[j + 1] + 0.114 * rgb[j + 2];
}
