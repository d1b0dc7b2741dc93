/**
 * Statistics of the ELA residual on the 8×8 JPEG grid of the stored pixels, normalised by content, and the search
 * for one connected region whose error level stands out from the rest of the image.
 *
 * Why normalise by content: a re-encode moves textured blocks far more than flat ones whatever their history, so
 * raw ELA mostly lights up edges and texture. Each block is compared only with blocks of similar texture (same
 * texture quantile), in log space, with a robust spread (median absolute deviation), which leaves the compression
 * history as the main cause of what remains.
 */
import type { Region } from '../../primitives';
import { LUMA_SCALE } from './residual';
import { componentAt } from '../../pixels/components';
import { boxMean } from '../../pixels/integral';
import { MAD_TO_SD, median, medianInPlace } from '../../pixels/stats';

export { median };

/** Side of a JPEG block in pixels (ITU-T T.81: 8×8 DCT blocks). */
export const BLOCK = 8;

/**
 * Most grid cells the block statistics take: the 8×8 blocks of a 3.1 MP photo (2048 × 1536 px = 256 × 192 blocks).
 * Larger photos are sampled on a sparser grid (`blockStride`), for two reasons. The region search standardises the
 * pooled map by its own median and spread and takes its maximum, so the false-alarm rate at a fixed threshold grows
 * with the number of pooling windows; capping the grid keeps `PEAK_THRESHOLD` (set on the ela-set's 0.3–1.1 MP
 * photos) meaning the same on a 12 MP photo. And the block pass is most of ELA's JavaScript time: on a 12 MP photo
 * every 2nd block in each direction cuts it from ≈ 240 to ≈ 50 ms (docs/performance.md, sixth session). A block
 * still is a whole 8×8 JPEG block on the stored grid, so its error level is exact; only fewer of them are looked at.
 */
export const MAX_BLOCKS = 256 * 192;

/**
 * Stride in blocks (1, 2, 3…) for a photo of `width` × `height` pixels: the smallest that keeps the sampled grid
 * within `maxBlocks` cells. Photos up to 3.1 MP keep every block (stride 1).
 */
export function blockStride(width: number, height: number, maxBlocks = MAX_BLOCKS): number {
  const cols = Math.floor(width / BLOCK);
  const rows = Math.floor(height / BLOCK);
  let stride = 1;
  while (Math.ceil(cols / stride) * Math.ceil(rows / stride) > maxBlocks) stride++;
  return stride;
}

/**
 * The 8×8 blocks at every `stride`-th block row and column of a plane (1 or 3 channels), side by side in a plane of
 * ⌈cols / stride⌉ × ⌈rows / stride⌉ blocks: block (r, c) of the result is block (r·stride, c·stride) of the source
 * (only full blocks; partial edge blocks are left out, as `blockStats` leaves them).
 *
 * Why ELA can work on this mosaic: in a baseline JPEG without chroma subsampling (4:4:4) every 8×8 block is
 * transformed, quantised and reconstructed from its own pixels only (ITU-T T.81, A.3 and 4.2: the DCT works on one
 * block; colour conversion works on one pixel; entropy coding, including the DC prediction, is lossless), so a
 * block's round trip is the same inside the mosaic as inside the whole photo, and so is every statistic `blockStats`
 * takes (all within one block). Tested bit for bit against the whole photo's round trip (test/detectors/ela.test.ts).
 */
export function sampleBlocks(data: Uint8Array, width: number, height: number, channels: number, stride: number): { data: Uint8Array; width: number; height: number } {
  if (data.length !== width * height * channels) {
    throw new RangeError(`sampleBlocks: expected ${width * height * channels} bytes, received ${data.length}`);
  }
  const cols = Math.ceil(Math.floor(width / BLOCK) / stride);
  const rows = Math.ceil(Math.floor(height / BLOCK) / stride);
  const ow = cols * BLOCK;
  const out = new Uint8Array(ow * rows * BLOCK * channels);
  // A block's row is a run of 8 or 24 bytes, too short for subarray + set (an object per run): copied as 32-bit
  // words through DataViews (any alignment; 8 and 24 are whole words).
  const run = BLOCK * channels;
  const from = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const to = new DataView(out.buffer);
  for (let br = 0; br < rows; br++) {
    for (let dy = 0; dy < BLOCK; dy++) {
      const src = (br * stride * BLOCK + dy) * width * channels;
      for (let bc = 0, o = (br * BLOCK + dy) * ow * channels; bc < cols; bc++) {
        for (let i = src + bc * stride * run, end = i + run; i < end; i += 4, o += 4) to.setUint32(o, from.getUint32(i, true), true);
      }
    }
  }
  return { data: out, width: ow, height: rows * BLOCK };
}

/**
 * Per-block statistics on the full 8×8 blocks of the stored image (partial edge blocks are left out), every block or
 * every `stride`-th block in each direction.
 */
export interface BlockGrid {
  /** Blocks per row. */
  cols: number;
  /** Block rows. */
  rows: number;
  /** Mean luminance residual per block, in 8-bit levels (0..255). */
  error: Float32Array;
  /** Texture per block: mean |step| between neighbouring luminance values inside the block, in 8-bit levels. */
  texture: Float32Array;
  /** Mean luminance per block, in 8-bit levels. */
  brightness: Float32Array;
  /** Chroma magnitude of the block's mean colour (|Cb| + |Cr|, BT.601), in 8-bit levels. */
  chroma: Float32Array;
  /** Pixels between the origins of neighbouring grid cells: 8 × the block stride (a cell is the 8×8 block at its origin). */
  step: number;
}

/**
 * Block means of the re-save residual |ΔY| (BT.601 luminance of the RGB difference, as `lumaAbsDiff` takes it),
 * and block activity, brightness and chroma of the pixels, in one pass over the image: the residual is summed where
 * it is taken, so no per-pixel residual buffer is made (the heatmap makes its own when asked), and each pixel's
 * luminance is taken there too, as `greyFromRgb` takes it (integer BT.601 ×65536, rounded), so no luminance plane
 * is made either (the 12 MP mosaic: 32 → 25 ms CPU with its plane, the same values).
 * @param rgb the stored RGB pixels
 * @param resaved the same pixels after the JPEG round trip
 * @param stride take every `stride`-th block in each direction (1: every block)
 * @throws RangeError when the buffer sizes do not match width × height.
 */
export function blockStats(rgb: Uint8Array, resaved: Uint8Array, width: number, height: number, stride = 1): BlockGrid {
  const n = width * height;
  if (rgb.length !== n * 3 || resaved.length !== n * 3) {
    throw new RangeError(`blockStats: expected ${n * 3} RGB bytes and ${n * 3} re-saved bytes, received ${rgb.length} and ${resaved.length}`);
  }
  const cols = Math.ceil(Math.floor(width / BLOCK) / stride);
  const rows = Math.ceil(Math.floor(height / BLOCK) / stride);
  const step = BLOCK * stride;
  const error = new Float32Array(cols * rows);
  const texture = new Float32Array(cols * rows);
  const brightness = new Float32Array(cols * rows);
  const chroma = new Float32Array(cols * rows);
  const px = BLOCK * BLOCK;
  // The luminance of the block row above, for the vertical steps.
  const above = new Int32Array(BLOCK);
  for (let br = 0; br < rows; br++) {
    for (let bc = 0; bc < cols; bc++) {
      let e = 0, t = 0, sy = 0, sr = 0, sb = 0;
      for (let dy = 0; dy < BLOCK; dy++) {
        const row = (br * step + dy) * width + bc * step;
        let prev = 0;
        for (let dx = 0, q = row * 3; dx < BLOCK; dx++, q += 3) {
          const r = rgb[q], g = rgb[q + 1], b = rgb[q + 2];
          const v = (19595 * r + 38470 * g + 7471 * b + 32768) >>> 16;
          // |ΔY| in 1/LUMA_SCALE levels, exactly as lumaAbsDiff: integer BT.601 weights ×65536, (|d| + 2^12) >> 13.
          // Absolute values without branches ((x ^ s) − s, s = x >> 31): the signs of photo residuals are noise to
          // a branch predictor (2.5× faster on 12 MP, the same sums).
          const d = 19595 * (r - resaved[q]) + 38470 * (g - resaved[q + 1]) + 7471 * (b - resaved[q + 2]);
          const md = d >> 31;
          e += ((d ^ md) - md + 4096) >> 13;
          sy += v;
          sr += r;
          sb += b;
          // Activity: absolute steps to the left and upper neighbours inside the block. High-frequency content is
          // what quantisation rounds, so it predicts the residual better than variance does. The first column and
          // the first row have no step (0).
          const sh = dx > 0 ? v - prev : 0, mh = sh >> 31;
          const sv = dy > 0 ? v - above[dx] : 0, mv = sv >> 31;
          t += (sh ^ mh) - mh + (sv ^ mv) - mv;
          prev = v;
          above[dx] = v;
        }
      }
      const k = br * cols + bc;
      error[k] = e / (px * LUMA_SCALE);
      texture[k] = t / (2 * BLOCK * (BLOCK - 1));
      brightness[k] = sy / px;
      // Chroma of the block's mean colour (BT.601 Cb, Cr scale factors): saturation is a property of the area.
      chroma[k] = 0.564 * Math.abs(sb / px - sy / px) + 0.713 * Math.abs(sr / px - sy / px);
    }
  }
  return { cols, rows, error, texture, brightness, chroma, step };
}

/** Offset added before the logarithm so that error-free blocks (flat or clipped) do not become −∞, in levels. */
const LOG_OFFSET = 0.25;
/**
 * Smallest robust spread allowed in a texture class, in natural-log units: below it, a class of near-identical
 * blocks (e.g. a flat synthetic backdrop) would turn rounding noise into huge z-scores.
 */
const MIN_SPREAD = 0.1;

/** Width of a texture class in natural-log units of activity (about 22 % steps). */
const CLASS_WIDTH = 0.2;
/** |z| is clipped here before pooling, so a few extreme blocks (a sharp text edge) cannot make a region alone. */
export const Z_CLIP = 3;

/**
 * Content-normalised z-score of every block's error level: log(error + 0.25) compared with the median of the blocks
 * in the same texture class, divided by 1.4826 × MAD of that class (1.4826 × MAD estimates the standard deviation
 * of a normal sample; Rousseeuw & Croux 1993), clipped to ±`Z_CLIP`. Classes are fixed-width bins of
 * log(activity + 0.5), merged with their neighbours until each holds at least `minClass` blocks: fixed widths keep
 * the rare high-contrast blocks (edges, print) apart from noisy flat ones, which equal-count quantiles would mix.
 */
export function contentZ(grid: BlockGrid, minClass = 32): Float32Array {
  const n = grid.error.length;
  const z = new Float32Array(n);
  if (n === 0) return z;
  const logs = errorLogs(grid.error);
  const need = Math.min(n, Math.max(minClass, Math.ceil(n / 400)));
  // Near-black and near-white blocks lose error to clipping at 0 and 255: they form their own groups when there
  // are enough of them.
  // Saturated colours lose error to gamut clipping too, so chroma splits the mid-tone group.
  const group = new Uint8Array(n);
  const count = [0, 0, 0, 0];
  for (let i = 0; i < n; i++) {
    const b = grid.brightness[i];
    const g = b < DARK ? 0 : b > BRIGHT ? 2 : grid.chroma[i] > SATURATED ? 3 : 1;
    group[i] = g;
    count[g]++;
  }
  for (const g of [0, 2, 3]) {
    if (count[g] > 0 && count[g] < need) {
      for (let i = 0; i < n; i++) if (group[i] === g) group[i] = 1;
      count[1] += count[g];
      count[g] = 0;
    }
  }
  const order = sortByTexture(grid.texture);
  // log(activity + 0.5) once per block (the class growing compares it block by block), walked in texture order so
  // that runs of equal texture (at most 28,561 values from blockStats) take one logarithm; and one scratch for the
  // class values and their deviations.
  const activity = new Float64Array(n);
  for (let k = 0, last = Number.NaN, value = 0; k < n; k++) {
    const i = order[k];
    const t = grid.texture[i];
    if (t !== last) {
      last = t;
      value = Math.log(t + 0.5);
    }
    activity[i] = value;
  }
  // Each group's members in texture order, the groups one after the other (one pass over the order).
  const members = new Uint32Array(n);
  const at = [0, count[0], count[0] + count[1], count[0] + count[1] + count[2]];
  for (let k = 0; k < n; k++) members[at[group[order[k]]]++] = order[k];
  const scratch = new Float64Array(n);
  for (let g = 0, end = 0; g < 4; g++) {
    const from = end;
    end += count[g];
    if (count[g] > 0) normaliseByTexture(activity, logs, members.subarray(from, end), Math.min(need, count[g]), scratch, z);
  }
  return z;
}

/** Block error levels from `blockStats` are whole multiples of 1/512 level (64 pixels × `LUMA_SCALE`). */
const ERROR_STEPS = BLOCK * BLOCK * LUMA_SCALE;

/**
 * log(error + `LOG_OFFSET`) of every block. A photo's blocks share a few thousand distinct error levels, so a level
 * that is a whole number of 1/512 steps takes its logarithm from a table filled on first use (the same double as
 * computing it again); any other value is computed directly.
 */
function errorLogs(error: Float32Array): Float64Array {
  const n = error.length;
  const logs = new Float64Array(n);
  let top = 0;
  for (let i = 0; i < n; i++) if (error[i] > top) top = error[i];
  const size = Math.min(2 ** 20, Math.floor(top * ERROR_STEPS) + 1);
  const table = new Float64Array(size).fill(Number.NaN);
  for (let i = 0; i < n; i++) {
    const e = error[i];
    const k = e * ERROR_STEPS;
    if (k >= 0 && k < size && k === (k | 0)) {
      let v = table[k];
      if (v !== v) v = table[k] = Math.log(e + LOG_OFFSET);
      logs[i] = v;
    } else logs[i] = Math.log(e + LOG_OFFSET);
  }
  return logs;
}

/**
 * Median of block error levels (as `median`): counted on a histogram of 1/512 steps when every level is a whole
 * non-negative number of them (blockStats' levels always are), otherwise selected on `scratch` (rearranged).
 */
function levelMedian(error: Float32Array, scratch: Float64Array): number {
  const n = error.length;
  let top = 0;
  for (let i = 0; i < n; i++) {
    const k = error[i] * ERROR_STEPS;
    // +0 only: −0 must stay −0, as a selection returns it.
    if (!(k > 0 || (k === 0 && 1 / k > 0)) || k !== Math.floor(k) || k >= 2 ** 20) {
      scratch.set(error);
      return medianInPlace(scratch, n);
    }
    if (k > top) top = k;
  }
  const hist = new Uint32Array(top + 1);
  for (let i = 0; i < n; i++) hist[error[i] * ERROR_STEPS]++;
  // The k-th and (k−1)-th smallest (k = n >> 1), as levels.
  const k = n >> 1;
  let below = -1;
  for (let v = 0, seen = 0; v <= top; v++) {
    seen += hist[v];
    if (below < 0 && seen >= k && k > 0) below = v;
    if (seen > k) return n % 2 ? v / ERROR_STEPS : (below / ERROR_STEPS + v / ERROR_STEPS) / 2;
  }
  return 0;
}

/** Mean luminance under which a block counts as near-black (clipping at 0 shrinks its residual). */
const DARK = 24;
/** Mean chroma magnitude above which a mid-tone block counts as saturated. */
const SATURATED = 24;
/** Mean luminance above which a block counts as near-white. */
const BRIGHT = 231;

/**
 * z of one group's blocks, `order` sorted by activity: classes grown along it, each standardised by its own median
 * and MAD (taken on `scratch`, which is rearranged).
 */
function normaliseByTexture(activity: Float64Array, logs: Float64Array, order: Uint32Array, need: number, scratch: Float64Array, z: Float32Array): void {
  const n = order.length;
  let from = 0;
  while (from < n) {
    // Grow the class to one bin width past its first member, then until it is big enough; absorb a small rest.
    const edge = activity[order[from]] + CLASS_WIDTH;
    let to = from;
    while (to < n && (to - from < need || activity[order[to]] < edge)) to++;
    if (n - to < need) to = n;
    const size = to - from;
    for (let k = 0; k < size; k++) scratch[k] = logs[order[from + k]];
    const m = medianInPlace(scratch, size);
    for (let k = 0; k < size; k++) scratch[k] = Math.abs(logs[order[from + k]] - m);
    const spread = Math.max(MIN_SPREAD, MAD_TO_SD * medianInPlace(scratch, size));
    for (let k = from; k < to; k++) {
      const i = order[k];
      z[i] = Math.max(-Z_CLIP, Math.min(Z_CLIP, (logs[i] - m) / spread));
    }
    from = to;
  }
}

/** Texture keys: 1/64 level steps, capped at 14 bits. */
const TEXTURE_KEYS = 16384;

/**
 * Block indices sorted by texture (in 1/64 levels, capped at 16383/64), ties by index: a counting sort, stable in
 * index order, so every group's members come out in the same order as a sort of (texture key, index) pairs.
 */
function sortByTexture(texture: Float32Array): Uint32Array {
  const n = texture.length;
  const key = new Uint16Array(n);
  const start = new Uint32Array(TEXTURE_KEYS + 1);
  for (let i = 0; i < n; i++) {
    const k = Math.max(0, Math.min(TEXTURE_KEYS - 1, Math.round(texture[i] * 64)));
    key[i] = k;
    start[k + 1]++;
  }
  for (let k = 0; k < TEXTURE_KEYS; k++) start[k + 1] += start[k];
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[start[key[i]]++] = i;
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
  /** Mean block error level inside the region, in 8-bit levels of luminance. */
  regionError: number;
  /** Median block error level of the whole image, in 8-bit levels of luminance. */
  imageError: number;
  /** Mean content-normalised z of the blocks inside the region. */
  meanZ: number;
}

/** Tuning of the region search. */
export interface AnomalyOptions {
  /** Pooling radius in blocks (window of 2r+1 blocks). @default 3 */
  radius?: number;
  /** A block joins the region when its pooled score is at least this fraction of the peak. @default 0.5 */
  grow?: number;
  /** Which deviations count: only error levels higher than content predicts, or both directions. @default 'higher' */
  direction?: 'higher' | 'both';
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
  // Averaging pools the evidence of neighbouring blocks, so a region of consistently shifted error levels stands out
  // while isolated noisy blocks do not.
  const pooled = boxMean(z, cols, rows, options.radius ?? 3);
  // One scratch for the three medians (pooled map, its deviations, block error levels): no copy per median.
  const scratch = Float64Array.from(pooled);
  const m = medianInPlace(scratch, n);
  for (let i = 0; i < n; i++) scratch[i] = Math.abs(pooled[i] - m);
  const spread = Math.max(1e-3, MAD_TO_SD * medianInPlace(scratch, n));
  let best = 0;
  let at = 0;
  const both = options.direction === 'both';
  for (let i = 0; i < n; i++) {
    const s = (pooled[i] - m) / spread;
    if ((both ? Math.abs(s) : s) > Math.abs(best)) {
      best = s;
      at = i;
    }
  }
  const sign: 1 | -1 = best >= 0 ? 1 : -1;
  const cut = Math.abs(best) * (options.grow ?? 0.5);
  const inRegion = new Uint8Array(n);
  for (let j = 0; j < n; j++) if ((sign * (pooled[j] - m)) / spread >= cut) inRegion[j] = 1;
  const region = componentAt(inRegion, cols, rows, at, 4);
  let zSum = 0, eSum = 0;
  for (const i of region.members) {
    zSum += z[i];
    eSum += grid.error[i];
  }
  const { x0, y0, x1, y1 } = region;
  const count = region.members.length;
  return {
    sign,
    peak: Math.abs(best),
    blocks: count,
    region: { x: x0 * grid.step, y: y0 * grid.step, width: (x1 - x0) * grid.step + BLOCK, height: (y1 - y0) * grid.step + BLOCK },
    regionError: eSum / count,
    imageError: levelMedian(grid.error, scratch),
    meanZ: zSum / count,
  };
}

/**
 * Blockiness of the 8×8 grid: mean |step| of the luminance across block boundaries divided by the mean |step|
 * inside blocks, horizontally and vertically pooled. About 1 for pixels that never went through JPEG (renders,
 * raw captures); above 1 when JPEG quantisation left block edges. Returns 1 for images narrower than 16 pixels.
 * @param grey luminance plane, row-major
 */
export function gridBlockiness(grey: Uint8Array, width: number, height: number): number {
  if (width < 16 || height < 16) return 1;
  let across = 0, nAcross = 0, inside = 0, nInside = 0;
  // Sampled to keep a 12 MP photo cheap: horizontal steps on every other row; vertical steps on the rows that
  // start a block (across) and on the rows in the middle of a block (inside).
  for (let y = 0; y < height; y += 2) {
    const row = y * width;
    for (let x = 1; x < width; x++) {
      const d = grey[row + x] - grey[row + x - 1];
      const a = d < 0 ? -d : d;
      if ((x & 7) === 0) { across += a; nAcross++; } else { inside += a; nInside++; }
    }
  }
  for (let y = 4; y < height; y += 4) {
    const row = y * width;
    const boundary = (y & 7) === 0;
    for (let x = 0; x < width; x++) {
      const d = grey[row + x] - grey[row + x - width];
      const a = d < 0 ? -d : d;
      if (boundary) { across += a; nAcross++; } else { inside += a; nInside++; }
    }
  }
  const meanIn = inside / Math.max(1, nInside);
  return meanIn <= 1e-9 ? 1 : across / Math.max(1, nAcross) / meanIn;
}
