/**
 * Aligned double-JPEG-compression analysis on the 8×8 grid (after Lin, He, Tang & Tang, "Fast, automatic and
 * fine-grained tampered JPEG image detection via DCT coefficient analysis", Pattern Recognition 42, 2009, and
 * Popescu & Farid's double-quantisation periodicity, 2004).
 *
 * The luminance of the decoded pixels is cut into the file's own 8×8 blocks, each block is transformed with the
 * JPEG DCT and divided by the file's quantisation steps, which gives back (up to pixel rounding) the integers the
 * encoder stored. A photo compressed once has smooth, roughly Laplacian histograms of those integers; one that was
 * decoded and compressed again with a different step shows periodic gaps or peaks. For each low-frequency mode we
 * fit both hypotheses (single: Laplacian quantised once with step Q2; double: quantised first with some Q1, then
 * with Q2) and keep the log-likelihood ratio. The per-block ratio of the detected modes then says which blocks fit
 * double compression and which fit single compression: a pasted or regenerated region compressed once inside a
 * twice-compressed photo shows up as a patch of "single" blocks.
 *
 * Pure functions over typed arrays; no allocation inside the block loop beyond the outputs.
 */
import { ZIGZAG } from '../../formats/jpeg-tables';
import { labelComponents } from '../../pixels/components';
import { boxMean } from '../../pixels/integral';
import { orderStatistic } from '../../pixels/stats';

/** Zig-zag positions 1..MAX_MODES are analysed (low-frequency AC coefficients carry the most samples). */
export const MAX_MODES = 15;
/** Histogram bins |k| = 1..MAX_BIN are modelled; larger magnitudes are rare and carry little shape. */
const MAX_BIN = 40;
/** Share of the double-compression model given to the single model, so pixel rounding cannot produce -∞. */
const MIX = 0.1;
/** Largest primary step tried. */
const MAX_Q1 = 64;
/** A mode needs this many non-zero coefficients to be modelled. */
const MIN_NONZERO = 300;

/** DCT-II basis for 8 samples with JPEG normalisation: C(u)/2 · cos((2x+1)uπ/16). */
const BASIS = new Float64Array(64);
for (let u = 0; u < 8; u++) for (let x = 0; x < 8; x++) BASIS[u * 8 + x] = (u === 0 ? Math.SQRT1_2 : 1) * 0.5 * Math.cos(((2 * x + 1) * u * Math.PI) / 16);


/** Quantised DCT coefficients of the analysed modes for a grid of full 8×8 blocks. */
export interface BlockCoefficients {
  /** Blocks across and down in this grid. */
  bw: number;
  bh: number;
  /** Every `step`-th file block in each direction (1 = all blocks). */
  step: number;
  /** Natural-order indices of the analysed modes. */
  modes: number[];
  /** Quantisation step of each analysed mode (from the file's luminance table). */
  steps: number[];
  /** `k[b * modes.length + m]`: rounded coefficient / step of mode m in block b. */
  k: Int16Array;
  /** Mean distance of coefficient / step from the nearest integer (0 for a perfect decode, 0.25 for no grid). */
  offGrid: number;
}

/** Zig-zag positions 1..15 use horizontal frequencies 0..5 and vertical 0..4, so the transforms stop there. */
const NF = 6;

/**
 * Blockwise DCT of the luminance of interleaved RGB (as stored, 8-bit), divided by the luminance quantisation steps.
 * Luminance uses the JFIF weights, which invert the decoder's YCbCr→RGB exactly apart from rounding and clipping.
 * @param lumaTable the file's luminance table in natural order
 * @param maxBlocks sample at most about this many blocks, on a regular sub-grid (the global statistic is defined on
 *   a fixed sample size so that its scale does not grow with the image); Infinity for every block
 */
export function blockCoefficients(rgb: Uint8Array, width: number, height: number, lumaTable: readonly number[], maxBlocks = Infinity): BlockCoefficients {
  const fw = Math.floor(width / 8);
  const fh = Math.floor(height / 8);
  const step = fw * fh > maxBlocks ? Math.ceil(Math.sqrt((fw * fh) / maxBlocks)) : 1;
  const bw = Math.ceil(fw / step);
  const bh = Math.ceil(fh / step);
  const modes = ZIGZAG.slice(1, MAX_MODES + 1);
  const steps = modes.map((i) => Math.max(1, lumaTable[i]));
  const M = modes.length;
  const mu = Int32Array.from(modes, (i) => i & 7);
  const mv = Int32Array.from(modes, (i) => i >> 3);
  const q = Float64Array.from(steps);
  const k = new Int16Array(bw * bh * M);
  const rows = new Float64Array(8 * NF);
  const B = BASIS;
  // Unrolled, with the sums in the same order as Σ over x (and over y) from 0 to 7 starting at 0: the same doubles
  // as a loop over a block buffer, without the buffer.
  let off = 0;
  let offN = 0;
  for (let gy = 0; gy < bh; gy++) {
    const by = gy * step;
    for (let gx = 0; gx < bw; gx++) {
      const bx = gx * step;
      for (let y = 0; y < 8; y++) {
        const p = ((by * 8 + y) * width + bx * 8) * 3;
        const l0 = 0.299 * rgb[p] + 0.587 * rgb[p + 1] + 0.114 * rgb[p + 2] - 128;
        const l1 = 0.299 * rgb[p + 3] + 0.587 * rgb[p + 4] + 0.114 * rgb[p + 5] - 128;
        const l2 = 0.299 * rgb[p + 6] + 0.587 * rgb[p + 7] + 0.114 * rgb[p + 8] - 128;
        const l3 = 0.299 * rgb[p + 9] + 0.587 * rgb[p + 10] + 0.114 * rgb[p + 11] - 128;
        const l4 = 0.299 * rgb[p + 12] + 0.587 * rgb[p + 13] + 0.114 * rgb[p + 14] - 128;
        const l5 = 0.299 * rgb[p + 15] + 0.587 * rgb[p + 16] + 0.114 * rgb[p + 17] - 128;
        const l6 = 0.299 * rgb[p + 18] + 0.587 * rgb[p + 19] + 0.114 * rgb[p + 20] - 128;
        const l7 = 0.299 * rgb[p + 21] + 0.587 * rgb[p + 22] + 0.114 * rgb[p + 23] - 128;
        // Row transform for the frequencies in use: rows[y*NF+u] = Σx luma(x, y)·B(u,x).
        for (let u = 0, o = 0; u < NF; u++, o += 8) {
          rows[y * NF + u] = 0 + l0 * B[o] + l1 * B[o + 1] + l2 * B[o + 2] + l3 * B[o + 3] + l4 * B[o + 4] + l5 * B[o + 5] + l6 * B[o + 6] + l7 * B[o + 7];
        }
      }
      const base = (gy * bw + gx) * M;
      for (let m = 0; m < M; m++) {
        const u = mu[m];
        const o = mv[m] * 8;
        const s = 0 + rows[u] * B[o] + rows[NF + u] * B[o + 1] + rows[2 * NF + u] * B[o + 2] + rows[3 * NF + u] * B[o + 3] + rows[4 * NF + u] * B[o + 4] + rows[5 * NF + u] * B[o + 5] + rows[6 * NF + u] * B[o + 6] + rows[7 * NF + u] * B[o + 7];
        const r = s / q[m];
        const qr = Math.round(r);
        k[base + m] = Math.max(-32768, Math.min(32767, qr));
        if (qr !== 0) {
          off += Math.abs(r - qr);
          offN++;
        }
      }
    }
  }
  return { bw, bh, step, modes, steps, k, offGrid: offN ? off / offN : 0.25 };
}

/**
 * Pre-image multiplicity of each |k2| = 0..MAX_BIN+1 when values first quantised with step q1 are re-quantised with
 * q2: how many integers j satisfy round(j·q1/q2) = k2, relative to the average q2/q1, mixed with `MIX` of a flat
 * pattern so that pixel rounding (which fills "empty" bins a little) cannot give −∞.
 */
function multiplicity(q1: number, q2: number, out: Float64Array): void {
  out.fill(0);
  const jMax = Math.ceil(((MAX_BIN + 1.5) * q2) / q1);
  for (let j = 0; j <= jMax; j++) {
    const a = Math.round((j * q1) / q2);
    if (a <= MAX_BIN + 1) out[a] += 1;
  }
  for (let a = 0; a <= MAX_BIN + 1; a++) out[a] = (1 - MIX) * ((out[a] * q1) / q2) + MIX;
}

/** Multiplicity patterns of every primary step for one q2, row q1 (0..MAX_Q1) of MAX_BIN + 2 bins each. */
interface Patterns {
  /** `multiplicity(q1, q2)`. */
  g: Float64Array;
  /** Its second difference of logs at bins 2..MAX_BIN (what the fit regresses on). */
  p: Float64Array;
}

/** Patterns by q2: the same for every mode and every fit with that step, so computed once (values are pure). */
const PATTERNS = new Map<number, Patterns>();
/** Distinct q2 values kept; 8-bit tables have at most 255, and the cache is emptied beyond this. */
const MAX_PATTERNS = 256;

function patternsOf(q2: number): Patterns {
  let hit = PATTERNS.get(q2);
  if (hit) return hit;
  const B = MAX_BIN + 2;
  const g = new Float64Array((MAX_Q1 + 1) * B);
  const p = new Float64Array((MAX_Q1 + 1) * B);
  const lg = new Float64Array(B);
  for (let q1 = 1; q1 <= MAX_Q1; q1++) {
    if (q1 === q2) continue;
    const row = g.subarray(q1 * B, (q1 + 1) * B);
    multiplicity(q1, q2, row);
    for (let a = 0; a < B; a++) lg[a] = Math.log(row[a]);
    for (let a = 2; a <= MAX_BIN; a++) p[q1 * B + a] = lg[a] - (lg[a - 1] + lg[a + 1]) / 2;
  }
  if (PATTERNS.size >= MAX_PATTERNS) PATTERNS.clear();
  hit = { g, p };
  PATTERNS.set(q2, hit);
  return hit;
}

/** The double-compression fit of one DCT mode. */
export interface ModeFit {
  /** Natural-order index of the mode. */
  mode: number;
  /** Current (last) quantisation step. */
  q2: number;
  /** Best primary step under the double model. */
  q1: number;
  /** Non-zero coefficients modelled. */
  n: number;
  /**
   * Evidence for double quantisation: the weighted least-squares gain (χ² units) of explaining the histogram's
   * second differences of log counts by the q1→q2 multiplicity pattern. Smooth single-compression histograms give
   * values of the order of the number of candidates tried (≈ 10); double compression gives hundreds to thousands.
   */
  gain: number;
  /** Fitted strength of the pattern (1 = the full pattern of an exact double quantisation, 0 = none). */
  amplitude: number;
  /** log(p_double / p_single) per |k| bin 0..MAX_BIN, for block scoring. */
  logRatio: Float64Array;
}

/**
 * Fit the double-quantisation pattern to the histogram of one mode (after Popescu & Farid's periodic artifacts,
 * tested on second differences of log counts so the smooth envelope of the histogram, whatever its shape, cancels).
 * Returns null when the mode has too few samples.
 * @param exclude optional per-block flags (1 = leave the block out), e.g. a suspected patch
 */
export function fitMode(c: BlockCoefficients, m: number, exclude: Uint8Array | null = null): ModeFit | null {
  const M = c.modes.length;
  const B = MAX_BIN + 2;
  const h = new Float64Array(B);
  let n = 0;
  for (let i = m, b = 0; i < c.k.length; i += M, b++) {
    if (exclude && exclude[b]) continue;
    const a = Math.abs(c.k[i]);
    if (a <= MAX_BIN + 1) {
      h[a]++;
      if (a >= 1 && a <= MAX_BIN) n++;
    }
  }
  if (n < MIN_NONZERO) return null;
  const q2 = c.steps[m];
  const L = new Float64Array(B);
  const V = new Float64Array(B);
  for (let a = 0; a < B; a++) {
    L[a] = Math.log(h[a] + 0.5);
    V[a] = 1 / (h[a] + 0.5);
  }
  // Second differences from a = 2 (bin 0 holds the dead zone and every small coefficient: not smooth).
  const D = new Float64Array(B);
  const W = new Float64Array(B);
  for (let a = 2; a <= MAX_BIN; a++) {
    D[a] = L[a] - (L[a - 1] + L[a + 1]) / 2;
    W[a] = 1 / (V[a] + (V[a - 1] + V[a + 1]) / 4);
  }
  const { g, p } = patternsOf(q2);
  let best = 0;
  let bestQ1 = q2;
  let bestAmp = 0;
  const bestG = new Float64Array(B).fill(1);
  for (let q1 = 1; q1 <= MAX_Q1; q1++) {
    if (q1 === q2) continue;
    const o = q1 * B;
    let sxy = 0;
    let sxx = 0;
    for (let a = 2; a <= MAX_BIN; a++) {
      sxy += W[a] * D[a] * p[o + a];
      sxx += W[a] * p[o + a] * p[o + a];
    }
    if (sxx <= 1e-9 || sxy <= 0) continue;
    const gain = (sxy * sxy) / sxx;
    if (gain > best) {
      best = gain;
      bestQ1 = q1;
      bestAmp = sxy / sxx;
      bestG.set(g.subarray(o, o + B));
    }
  }
  // Block scoring: p_double(a) ∝ env(a)·g(a), p_single(a) ∝ env(a), with env ∝ h/g (the pattern divided out).
  let zs = 0;
  let zd = 0;
  for (let a = 0; a <= MAX_BIN; a++) {
    const env = h[a] / bestG[a];
    zs += env;
    zd += env * bestG[a];
  }
  const logRatio = new Float64Array(B);
  for (let a = 0; a <= MAX_BIN; a++) logRatio[a] = Math.log(bestG[a]) - Math.log(zd / Math.max(1e-12, zs));
  return { mode: c.modes[m], q2, q1: bestQ1, n, gain: best, amplitude: bestAmp, logRatio };
}

/** Global double-compression evidence. */
export interface DoubleCompression {
  /** Per-mode fits (modes with enough samples). */
  fits: ModeFit[];
  /**
   * The detection statistic: median over the modelled modes of the fitted pattern amplitude, counted as 0 for modes
   * whose gain is below `MODE_THRESHOLD`. 0..1.5; exact double quantisation gives 0.4–1, single compression and
   * histogram shapes that merely deviate from smooth give < 0.3 (bench/jpeg.ts).
   */
  score: number;
  /** Modes whose LLR passes `modeThreshold`. */
  detectedModes: number;
}

/** A mode counts as showing double quantisation above this gain (χ² units, far above the ≈10 noise level). */
export const MODE_THRESHOLD = 40;

/** Run the fits over every analysed mode and summarise, optionally leaving flagged blocks out. */
export function analyseDoubleCompression(c: BlockCoefficients, exclude: Uint8Array | null = null): DoubleCompression {
  const fits: ModeFit[] = [];
  for (let m = 0; m < c.modes.length; m++) {
    const f = fitMode(c, m, exclude);
    if (f) fits.push(f);
  }
  const ll = fits.map((f) => (f.gain >= MODE_THRESHOLD ? Math.min(1.5, f.amplitude) : 0));
  // The lower median: with an even count the smaller middle value, so half the modes must show the pattern.
  const score = ll.length ? orderStatistic(ll, Math.floor((ll.length - 1) / 2)) : 0;
  return { fits, score, detectedModes: fits.filter((f) => f.gain >= MODE_THRESHOLD).length };
}

/**
 * Per-block evidence: Σ over detected modes of log(p_double/p_single) of the block's coefficient, box-averaged
 * over `win`×`win` blocks. Positive = fits double compression, negative = fits single compression.
 */
export function blockEvidence(c: BlockCoefficients, fits: readonly ModeFit[], win: number): Float32Array {
  const M = c.modes.length;
  const nB = c.bw * c.bh;
  const raw = new Float32Array(nB);
  const used = fits.filter((f) => f.gain >= MODE_THRESHOLD);
  const idx = used.map((f) => c.modes.indexOf(f.mode));
  for (let b = 0; b < nB; b++) {
    let s = 0;
    for (let j = 0; j < used.length; j++) {
      const a = Math.abs(c.k[b * M + idx[j]]);
      if (a <= MAX_BIN) s += used[j].logRatio[a];
    }
    raw[b] = s;
  }
  return boxMean(raw, c.bw, c.bh, Math.floor(win / 2));
}


/** Per-block flags (1 inside) of a patch's bounding box on a block grid of `bw` columns sampling every `step`-th block. */
export function patchMask(p: SinglePatch, bw: number, bh: number, step = 1): Uint8Array {
  const mask = new Uint8Array(bw * bh);
  const x0 = Math.floor(p.x / (8 * step));
  const y0 = Math.floor(p.y / (8 * step));
  const x1 = Math.min(bw, x0 + Math.ceil(p.width / (8 * step)));
  const y1 = Math.min(bh, y0 + Math.ceil(p.height / (8 * step)));
  for (let y = y0; y < y1; y++) mask.fill(1, y * bw + x0, y * bw + x1);
  return mask;
}

/** A patch of blocks that fit single compression inside a double-compressed image, in stored-pixel coordinates. */
export interface SinglePatch {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Share of the image's blocks in the patch. */
  area: number;
  /** Mean smoothed evidence inside the patch (negative) and outside it. */
  inside: number;
  outside: number;
}

/**
 * The largest 4-connected patch of blocks whose smoothed evidence is below `threshold` (they fit single
 * compression), when the rest of the image fits double compression. Null when there is none of a plausible size.
 * @param step the grid samples every `step`-th block (pixel coordinates are scaled accordingly)
 */
export function singlePatch(ev: Float32Array, bw: number, bh: number, threshold: number, minArea = 0.005, maxArea = 0.5, step = 1): SinglePatch | null {
  const n = bw * bh;
  const below = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (ev[i] < threshold) below[i] = 1;
  let best: { count: number; x0: number; y0: number; x1: number; y1: number; sum: number } | null = null;
  for (const c of labelComponents(below, bw, bh, 4)) {
    let sum = 0;
    for (const p of c.members) sum += ev[p];
    if (!best || c.members.length > best.count) best = { count: c.members.length, x0: c.x0, y0: c.y0, x1: c.x1, y1: c.y1, sum };
  }
  if (!best) return null;
  const area = best.count / n;
  if (area < minArea || area > maxArea) return null;
  let total = 0;
  for (let i = 0; i < n; i++) total += ev[i];
  return {
    x: best.x0 * 8 * step,
    y: best.y0 * 8 * step,
    width: (best.x1 - best.x0 + 1) * 8 * step,
    height: (best.y1 - best.y0 + 1) * 8 * step,
    area,
    inside: best.sum / best.count,
    outside: n > best.count ? (total - best.sum) / (n - best.count) : 0,
  };
}
