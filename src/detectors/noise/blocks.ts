/**
 * Per-block statistics on a square grid: a robust noise level in luma and chroma (median absolute residual,
 * scaled to σ), and the two content measures the noise level depends on naturally — brightness (sensor noise
 * grows with signal, tone curves and denoisers reshape it) and texture (denoisers spare edges and flatten
 * smooth areas; residuals leak on edges).
 */
import type { Residuals } from './residual';

/** Statistics of the B×B blocks of an image, row-major over `cols × rows` (partial blocks at the right and bottom are dropped). */
export interface BlockGrid {
  /** Block side in pixels. */
  size: number;
  cols: number;
  rows: number;
  /** Robust σ of luma noise per block, 8-bit levels: median |residual| / 0.6745. */
  sigmaLuma: Float32Array;
  /** Robust level of chroma noise per block, 8-bit levels, same scaling. */
  sigmaChroma: Float32Array;
  /** Mean luma per block, 0..255. */
  brightness: Float32Array;
  /**
   * Texture per block, 8-bit levels: mean absolute difference between the means of adjacent 4×4 sub-cells.
   * Cell means average away most of the noise, so this measures content, not noise.
   */
  texture: Float32Array;
  /** 1 when the block is usable (not clipped to black or white, where noise is cut off). */
  valid: Uint8Array;
}

/** Median of |N(0, σ)| is 0.6745 σ. */
const MAD_SCALE = 1 / 0.6744897501960817;
/** Histogram resolution for medians: 1/16 of a level up to 64 levels (a larger residual is an edge, not noise). */
const BINS_PER_LEVEL = 16;
const BINS = 64 * BINS_PER_LEVEL;
/** A block with more than this fraction of clipped pixels is not judged. */
const MAX_CLIPPED = 0.25;

function medianOfHist(hist: Uint32Array, count: number): number {
  if (count === 0) return 0;
  const half = (count + 1) / 2;
  let acc = 0;
  for (let b = 0; b < hist.length; b++) {
    acc += hist[b];
    if (acc >= half) return (b + 0.5) / BINS_PER_LEVEL;
  }
  return (hist.length - 0.5) / BINS_PER_LEVEL;
}

/**
 * Block statistics from the residuals and the RGB pixels they came from.
 * @param size block side in pixels (≥ 8, a multiple of 4 so that sub-cells tile it).
 * @throws RangeError on a bad size or mismatched buffers.
 */
export function blockStats(res: Residuals, rgb: Uint8Array, size: number): BlockGrid {
  const { width: W, height: H } = res;
  if (size < 8 || size % 4 !== 0) throw new RangeError(`blockStats: size must be a multiple of 4 and ≥ 8, received ${size}`);
  if (rgb.length < W * H * 3) throw new RangeError(`blockStats: expected ${W * H * 3} RGB bytes, received ${rgb.length}`);
  const cols = Math.floor(W / size), rows = Math.floor(H / size);
  const nb = cols * rows;
  const sigmaLuma = new Float32Array(nb), sigmaChroma = new Float32Array(nb);
  const brightness = new Float32Array(nb), texture = new Float32Array(nb);
  const valid = new Uint8Array(nb);
  const hL = new Uint32Array(BINS), hC = new Uint32Array(BINS);
  const cell = size / 4;
  const cells = new Float64Array(16);
  const rl = res.luma, rc = res.chroma;
  for (let by = 0; by < rows; by++) {
    for (let bx = 0; bx < cols; bx++) {
      hL.fill(0);
      hC.fill(0);
      cells.fill(0);
      let count = 0, clipped = 0, sum = 0;
      const y0 = by * size, x0 = bx * size;
      for (let y = y0; y < y0 + size; y++) {
        const inner = y > 0 && y < H - 1;
        const crow = (((y - y0) / cell) | 0) * 4;
        for (let x = x0, p = y * W + x0, i = p * 3; x < x0 + size; x++, p++, i += 3) {
          const r = rgb[i], g = rgb[i + 1], b = rgb[i + 2];
          const lum = 0.299 * r + 0.587 * g + 0.114 * b;
          sum += lum;
          cells[crow + (((x - x0) / cell) | 0)] += lum;
          if (lum <= 2 || r >= 252 || g >= 252 || b >= 252) clipped++;
          if (inner && x > 0 && x < W - 1) {
            const l = (rl[p] * BINS_PER_LEVEL) | 0;
            const c = (rc[p] * BINS_PER_LEVEL) | 0;
            hL[l < BINS ? l : BINS - 1]++;
            hC[c < BINS ? c : BINS - 1]++;
            count++;
          }
        }
      }
      const k = by * cols + bx;
      sigmaLuma[k] = medianOfHist(hL, count) * MAD_SCALE;
      sigmaChroma[k] = medianOfHist(hC, count) * MAD_SCALE;
      brightness[k] = sum / (size * size);
      const inv = 1 / (cell * cell);
      let t = 0;
      for (let cy = 0; cy < 4; cy++) {
        for (let cx = 0; cx < 4; cx++) {
          const m = cells[cy * 4 + cx] * inv;
          if (cx < 3) t += Math.abs(m - cells[cy * 4 + cx + 1] * inv);
          if (cy < 3) t += Math.abs(m - cells[(cy + 1) * 4 + cx] * inv);
        }
      }
      texture[k] = t / 24;
      valid[k] = count > 0 && clipped <= MAX_CLIPPED * size * size ? 1 : 0;
    }
  }
  return { size, cols, rows, sigmaLuma, sigmaChroma, brightness, texture, valid };
}

/**
 * Block side for an image: about 2000 blocks whatever the resolution, a multiple of 8 (the JPEG grid) between
 * 16 and 64 pixels. Fewer pixels per block make the median noisy; more blocks make a small edit findable.
 */
export function chooseBlockSize(width: number, height: number): number {
  const side = Math.sqrt((width * height) / 2000);
  return Math.max(16, Math.min(64, Math.round(side / 8) * 8));
}
