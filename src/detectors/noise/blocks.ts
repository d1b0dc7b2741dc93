/**
 * Per-block statistics on a square grid: a robust noise level in luma and chroma (median absolute residual,
 * scaled to σ), and the two content measures the noise level depends on naturally — brightness (sensor noise
 * grows with signal, tone curves and denoisers reshape it) and texture (denoisers spare edges and flatten
 * smooth areas; residuals leak on edges).
 */
import { RESIDUAL_NORM } from './residual';

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
/**
 * Block side from which the residual is sampled on a checkerboard of 2×2 tiles. A 64-px block keeps about 1,980 of
 * its 3,969 inner samples, as many as a full 45-px block; the standard error of a median of n samples is about
 * 1.25 σ/√n (2.8 % of σ at 1,980, against 2.0 % at every pixel), below the block-to-block spread the map
 * standardises by. Only photos of about 7 MP and more (chooseBlockSize) have blocks this large. From 48 px (4 MP),
 * one shared-corpus file (a 2048² AI image) lost its hint and the corpus ROC-AUC moved by 0.011, so 64 it is
 * (docs/performance.md).
 */
const SAMPLE_FROM = 64;

/** Histogram bin of a luma residual given ×8 ×65536 (integer BT.601 weights): |y8| · NORM / 8 / 65536 · bins per level. */
const LUMA_BIN = (RESIDUAL_NORM * BINS_PER_LEVEL) / (8 * 65536);
/** Bin of a chroma residual from |R − Y| + |B − Y| ×8 ×65536: their mean · NORM, in bins. */
const CHROMA_BIN = LUMA_BIN / 2;

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
 * Block statistics of interleaved 8-bit RGB, with the high-pass residuals of `residual.ts` taken inside the same
 * pass (no per-pixel residual buffer: at 12 MP the two float planes cost 96 MB and a second pass over them;
 * docs/performance.md). The residuals are taken in integers (BT.601 weights ×65536): a bin moves only where the
 * floating-point residual sat within about 10⁻⁵ of a bin edge.
 * @param size block side in pixels (≥ 8, a multiple of 4 so that sub-cells tile it).
 * @throws RangeError on a bad size or mismatched buffers.
 */
export function blockStats(rgb: Uint8Array, W: number, H: number, size: number): BlockGrid {
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
  // Sub-cell column of each x offset inside a block (no division per pixel).
  const cellOf = new Int32Array(size);
  for (let dx = 0; dx < size; dx++) cellOf[dx] = (dx / cell) | 0;
  const stride = W * 3;
  // Blocks of SAMPLE_FROM px or more take the residual on a checkerboard of 2×2 tiles (half the pixels; whole tiles,
  // so every site of a Bayer mosaic counts alike): ≥ 1,980 samples per block still, at half the cost.
  const sparse = size >= SAMPLE_FROM ? 1 : 0;
  for (let by = 0; by < rows; by++) {
    for (let bx = 0; bx < cols; bx++) {
      hL.fill(0);
      hC.fill(0);
      cells.fill(0);
      let count = 0, clipped = 0, sum = 0;
      const y0 = by * size, x0 = bx * size;
      for (let y = y0; y < y0 + size; y++) {
        const crow = cellOf[y - y0] * 4;
        for (let x = x0, i = (y * W + x0) * 3; x < x0 + size; x++, i += 3) {
          const r = rgb[i], g = rgb[i + 1], b = rgb[i + 2];
          const lum = 0.299 * r + 0.587 * g + 0.114 * b;
          sum += lum;
          cells[crow + cellOf[x - x0]] += lum;
          if (lum <= 2 || r >= 252 || g >= 252 || b >= 252) clipped++;
        }
        if (y === 0 || y === H - 1) continue;
        // The residual sites of this row: every inner pixel, or on the checkerboard of 2×2 tiles the pairs of
        // columns whose tile column has the row's tile parity. Histogram counts do not depend on the visiting order.
        const odd = ((y >> 1) & 1) & sparse;
        const xa = x0 > 0 ? x0 : 1, xb = x0 + size < W - 1 ? x0 + size : W - 1;
        // Sums of the three rows per column, per channel, slid along the row: the 3×3 sum of a site is three column
        // sums (9 loads per column instead of 24 per site; the same integers).
        const u0 = (y - 1) * stride, m0 = y * stride, d0 = (y + 1) * stride;
        let j = (xa - 1) * 3;
        let ar = rgb[u0 + j] + rgb[m0 + j] + rgb[d0 + j];
        let ag = rgb[u0 + j + 1] + rgb[m0 + j + 1] + rgb[d0 + j + 1];
        let ab = rgb[u0 + j + 2] + rgb[m0 + j + 2] + rgb[d0 + j + 2];
        j += 3;
        let br = rgb[u0 + j] + rgb[m0 + j] + rgb[d0 + j];
        let bg = rgb[u0 + j + 1] + rgb[m0 + j + 1] + rgb[d0 + j + 1];
        let bb = rgb[u0 + j + 2] + rgb[m0 + j + 2] + rgb[d0 + j + 2];
        for (let x = xa; x < xb; x++) {
          j = (x + 1) * 3;
          const cr = rgb[u0 + j] + rgb[m0 + j] + rgb[d0 + j];
          const cg = rgb[u0 + j + 1] + rgb[m0 + j + 1] + rgb[d0 + j + 1];
          const cb = rgb[u0 + j + 2] + rgb[m0 + j + 2] + rgb[d0 + j + 2];
          if (!sparse || ((x >> 1) & 1) === odd) {
            // Centre minus the mean of its 8 neighbours, per channel, ×8 (9·centre − the 3×3 sum), then BT.601 luma
            // and the colour differences R − Y, B − Y ×65536, all in integers (|y8| < 2^27, |cr| < 2^29).
            const i = m0 + x * 3;
            const r8 = 9 * rgb[i] - (ar + br + cr);
            const g8 = 9 * rgb[i + 1] - (ag + bg + cg);
            const b8 = 9 * rgb[i + 2] - (ab + bb + cb);
            const y8 = 19595 * r8 + 38470 * g8 + 7471 * b8;
            const dr = 65536 * r8 - y8, db = 65536 * b8 - y8;
            // Absolute values without branches ((x ^ s) − s, s = x >> 31): residual signs defeat a branch predictor.
            const sy = y8 >> 31, sr = dr >> 31, sb = db >> 31;
            const l = (((y8 ^ sy) - sy) * LUMA_BIN) | 0;
            const c = (((dr ^ sr) - sr) + ((db ^ sb) - sb)) * CHROMA_BIN | 0;
            hL[l < BINS ? l : BINS - 1]++;
            hC[c < BINS ? c : BINS - 1]++;
            count++;
          }
          ar = br; ag = bg; ab = bb;
          br = cr; bg = cg; bb = cb;
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
