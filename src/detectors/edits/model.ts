/**
 * The edits model in plain TypeScript: decode the committed weights (checking their SHA-256), then run the small
 * network of train/train_model.py over a photo's window features.
 *
 * Network (per window of the feature grid, channel-last maps, zero padding at the borders as in torch):
 *   h   = relu(Wi·[abs, rel, cond] + Wg·[median, spread] + bi)   1×1, input standardisation folded in
 *   h   = relu(W2·h + b2)                                          1×1
 *   c   = relu(conv3×3(h)); c = relu(conv3×3 dilation 2 (c))      context of ±3 windows
 *   logit = Wo·c + bo                                              local map
 *   regen = r2·relu(R1·[mean of h over valid windows, median, spread] + r1b) + r2b
 * The photo's local score is the mean of its top-k window logits (k = `topkFraction` of the windows, ≥ 2).
 */
import { createHash } from 'node:crypto';
import type { WindowFeatures } from './features';

/** The serialised weights as the generated module holds them. */
export interface SerializedWeights {
  /** Shapes and hyper-parameters; hashed together with the tensor bytes. */
  meta: WeightsMeta;
  /** Lower-case hex SHA-256 of `JSON.stringify(meta)` (UTF-8) followed by the decoded tensor bytes. */
  sha256: string;
  /** Float32 little-endian tensors, concatenated in `meta.tensors` order, base64. */
  base64: string;
}

/** Hyper-parameters and tensor layout of a weights file. */
export interface WeightsMeta {
  /** Identifies the training run (data, seed, date). */
  version: string;
  features: number;
  /** Conditioned features per window (features.ts `CONDITIONED`). */
  conditioned: number;
  hidden: number;
  context: number;
  regenHidden: number;
  topkFraction: number;
  /** Tensor names and shapes, in storage order. */
  tensors: [string, number[]][];
  /** Score thresholds fixed on genuine validation photos (train/calibrate.py). */
  thresholds: Record<string, number>;
}

/** A decoded, verified model. */
export interface EditsModel {
  meta: WeightsMeta;
  /** Tensor by name. */
  t: Record<string, Float32Array>;
  /**
   * conv weights re-laid out as [tap][in][out] for contiguous inner loops; float32 values held as float64 (exact:
   * the same products, without a conversion per load).
   */
  c1: Float64Array;
  c2: Float64Array;
  /**
   * First-layer weights as [input][out], inputs in the order the layer sums them (abs₀, rel₀, abs₁, rel₁, …, then
   * cond), so that four outputs read four adjacent weights; float32 values held as float64 (exact).
   */
  inpT: Float64Array;
  /** Second-layer weights as [in][out]. */
  l2T: Float64Array;
}

/** Thrown when the weights do not match their recorded checksum: the detector reports `error`, never scores. */
export class WeightsChecksumError extends Error {
  /** Stable code for callers that match errors by code. */
  readonly code = 'EDITS_WEIGHTS_CHECKSUM';
  constructor(
    /** The recorded SHA-256. */
    readonly expected: string,
    /** The SHA-256 of the weights as loaded. */
    readonly actual: string,
  ) {
    super(`edits: the model weights fail their SHA-256 check (recorded ${expected.slice(0, 12)}…, computed ${actual.slice(0, 12)}…): the installed package is damaged; reinstall claimlens`);
    this.name = 'WeightsChecksumError';
  }
}

/** SHA-256 of the weights as recorded: meta JSON then tensor bytes. */
export function weightsDigest(meta: WeightsMeta, bytes: Uint8Array): string {
  return createHash('sha256').update(JSON.stringify(meta), 'utf8').update(bytes).digest('hex');
}

/**
 * Decode and verify serialised weights.
 * @throws WeightsChecksumError when the bytes or the meta data differ from what was recorded.
 * @throws Error when the tensor layout does not add up (a malformed weights module).
 */
export function loadModel(w: SerializedWeights): EditsModel {
  const bytes = new Uint8Array(Buffer.from(w.base64, 'base64'));
  const digest = weightsDigest(w.meta, bytes);
  if (digest !== w.sha256) throw new WeightsChecksumError(w.sha256, digest);
  const total = w.meta.tensors.reduce((a, [, s]) => a + s.reduce((p, q) => p * q, 1), 0);
  if (bytes.length !== total * 4) throw new Error(`edits: weights hold ${bytes.length} bytes, the layout needs ${total * 4}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const t: Record<string, Float32Array> = {};
  let o = 0;
  for (const [name, shape] of w.meta.tensors) {
    const n = shape.reduce((p, q) => p * q, 1);
    const a = new Float32Array(n);
    for (let i = 0; i < n; i++, o += 4) a[i] = view.getFloat32(o, true);
    t[name] = a;
  }
  const { hidden: H, context: C, features: F, conditioned: K } = w.meta;
  const I = 2 * F + K;
  // Input j of the summation order: abs_i at 2i, rel_i at 2i + 1 (i < F), cond_i at 2F + i; its torch column.
  const column = (j: number): number => (j < 2 * F ? (j & 1 ? F : 0) + (j >> 1) : j);
  const inpT = new Float64Array(I * H), l2T = new Float64Array(H * H);
  for (let o = 0; o < H; o++) {
    for (let j = 0; j < I; j++) inpT[j * H + o] = t['inp.w'][o * I + column(j)];
    for (let i = 0; i < H; i++) l2T[i * H + o] = t['l2.w'][o * H + i];
  }
  return { meta: w.meta, t, c1: tapMajor(t['c1.w'], C, H), c2: tapMajor(t['c2.w'], C, C), inpT, l2T };
}

/** torch conv weight [out][in][3][3] → [tap][in][out]. */
function tapMajor(w: Float32Array, out: number, inp: number): Float64Array {
  const r = new Float64Array(w.length);
  for (let o = 0; o < out; o++) for (let i = 0; i < inp; i++) for (let k = 0; k < 9; k++) r[(k * inp + i) * out + o] = w[(o * inp + i) * 9 + k];
  return r;
}

/** What the model says about one photo. */
export interface ModelOutput {
  /** Local logit per window, row-major over the feature grid. */
  logits: Float32Array;
  /** Mean of the top-k logits of the valid windows: the photo's local-edit score (a logit); −∞ with no valid window. */
  local: number;
  /** Whole-frame regeneration logit. */
  regen: number;
}

/** Run the model over a photo's window features. */
export function runModel(m: EditsModel, f: WindowFeatures): ModelOutput {
  const { features: F, conditioned: K, hidden: H, context: C, regenHidden: RH } = m.meta;
  const I = 2 * F + K;
  const { cols, rows } = f;
  const n = cols * rows;
  const t = m.t;
  // Per-photo part of the first layer: bias + Wg·[median, spread].
  const gb = new Float32Array(H);
  const wg = t['glob.w'];
  for (let o = 0; o < H; o++) {
    let s = t['inp.b'][o];
    for (let i = 0; i < F; i++) s += wg[o * 2 * F + i] * f.median[i] + wg[o * 2 * F + F + i] * f.spread[i];
    gb[o] = s;
  }
  const h = new Float32Array(n * H);
  const h1 = new Float32Array(H), x = new Float64Array(I);
  const nz = new Int32Array(H);
  const { abs, rel, cond } = f;
  const b2 = t['l2.b'];
  for (let w = 0; w < n; w++) {
    // The window's inputs in the first layer's summation order (see `inpT`).
    const xa = w * F, xc = w * K;
    for (let i = 0; i < F; i++) {
      x[2 * i] = abs[xa + i];
      x[2 * i + 1] = rel[xa + i];
    }
    for (let i = 0; i < K; i++) x[2 * F + i] = cond[xc + i];
    firstLayer(x, 2 * F, I, m.inpT, gb, H, h1);
    // Second layer over the non-zero first-layer outputs only (a ReLU zeroes about 40 %; adding w·0 changes no sum).
    let nnz = 0;
    for (let i = 0; i < H; i++) if (h1[i] !== 0) nz[nnz++] = i;
    denseSparse(h1, nz, nnz, m.l2T, b2, H, h, w * H);
  }
  const c1 = conv3x3(h, cols, rows, H, C, m.c1, t['c1.b'], 1);
  const c2 = conv3x3(c1, cols, rows, C, C, m.c2, t['c2.b'], 2);
  const logits = new Float32Array(n);
  const wo = t['out.w'], bo = t['out.b'][0];
  for (let w = 0; w < n; w++) {
    let s = bo;
    for (let i = 0; i < C; i++) s += wo[i] * c2[w * C + i];
    logits[w] = s;
  }
  return { logits, local: topkMean(logits, m.meta.topkFraction, f.valid), regen: regenHead(m, h, f, H, F, RH) };
}

/**
 * y = relu(b + Σⱼ W[j]·x[j]) (W as [in][out]) for the first layer, four outputs at a time: their weights are
 * adjacent and the loads of x shared. Each output adds its terms in the order of the original one-output loop —
 * the pairs (abs_i, rel_i) below `pairEnd` summed first (s += w·a + w'·r), then the conditioned inputs one by one —
 * so every value is bit for bit what that loop gave (float64 sums, one float32 rounding at the store).
 */
function firstLayer(x: Float64Array, pairEnd: number, n: number, w: Float64Array, b: Float32Array, out: number, y: Float32Array): void {
  let o = 0;
  for (; o + 4 <= out; o += 4) {
    let s0 = b[o], s1 = b[o + 1], s2 = b[o + 2], s3 = b[o + 3];
    for (let j = 0; j < pairEnd; j += 2) {
      const a = x[j], r = x[j + 1], p = j * out + o, q = p + out;
      s0 += w[p] * a + w[q] * r;
      s1 += w[p + 1] * a + w[q + 1] * r;
      s2 += w[p + 2] * a + w[q + 2] * r;
      s3 += w[p + 3] * a + w[q + 3] * r;
    }
    for (let j = pairEnd; j < n; j++) {
      const a = x[j], p = j * out + o;
      s0 += w[p] * a;
      s1 += w[p + 1] * a;
      s2 += w[p + 2] * a;
      s3 += w[p + 3] * a;
    }
    y[o] = s0 > 0 ? s0 : 0;
    y[o + 1] = s1 > 0 ? s1 : 0;
    y[o + 2] = s2 > 0 ? s2 : 0;
    y[o + 3] = s3 > 0 ? s3 : 0;
  }
  for (; o < out; o++) {
    let s = b[o];
    for (let j = 0; j < pairEnd; j += 2) s += w[j * out + o] * x[j] + w[(j + 1) * out + o] * x[j + 1];
    for (let j = pairEnd; j < n; j++) s += w[j * out + o] * x[j];
    y[o] = s > 0 ? s : 0;
  }
}

/**
 * y[yo + o] = relu(b[o] + Σ W[i][o]·x[i]) over the inputs listed in `nz` (ascending; the others are 0, whose terms
 * change no sum), four outputs at a time; W as [in][out].
 */
function denseSparse(x: Float32Array, nz: Int32Array, nnz: number, w: Float64Array, b: Float32Array, out: number, y: Float32Array, yo: number): void {
  let o = 0;
  for (; o + 4 <= out; o += 4) {
    let s0 = b[o], s1 = b[o + 1], s2 = b[o + 2], s3 = b[o + 3];
    for (let k = 0; k < nnz; k++) {
      const i = nz[k], a = x[i], p = i * out + o;
      s0 += w[p] * a;
      s1 += w[p + 1] * a;
      s2 += w[p + 2] * a;
      s3 += w[p + 3] * a;
    }
    y[yo + o] = s0 > 0 ? s0 : 0;
    y[yo + o + 1] = s1 > 0 ? s1 : 0;
    y[yo + o + 2] = s2 > 0 ? s2 : 0;
    y[yo + o + 3] = s3 > 0 ? s3 : 0;
  }
  for (; o < out; o++) {
    let s = b[o];
    for (let k = 0; k < nnz; k++) s += w[nz[k] * out + o] * x[nz[k]];
    y[yo + o] = s > 0 ? s : 0;
  }
}

/**
 * 3×3 convolution (dilation d, zero padding d) + ReLU over a channel-last map; weights [tap][in][out].
 * Each output accumulates in float32, bias first, then the taps in order and each tap's non-zero
 * inputs in channel order: the order of the plain gather loop, so the result is bit for bit the same. The non-zero
 * inputs of every map position are listed once (a ReLU zeroes about half of them) instead of being tested nine
 * times (bench: conv 31 → 19 ms CPU at 1 MP), and eight outputs at a time accumulate in locals rounded by
 * `Math.fround` after each addition — what storing to and reloading from the float32 slot did — so the values stay
 * in registers across a position's taps (1 MP: both convolutions 21.3 → 15.3 ms CPU).
 */
export function conv3x3(x: Float32Array, cols: number, rows: number, cin: number, cout: number, w: Float64Array, b: Float32Array, d: number): Float32Array {
  const n = cols * rows;
  // Per position: count of non-zero inputs, their weight-row offsets (i · cout) and values.
  const count = new Int32Array(n), at = new Int32Array(n * cin), val = new Float64Array(n * cin);
  for (let p = 0, xo = 0; p < n; p++, xo += cin) {
    let k = xo;
    for (let i = 0; i < cin; i++) {
      const v = x[xo + i];
      if (v !== 0) {
        at[k] = i * cout;
        val[k++] = v;
      }
    }
    count[p] = k - xo;
  }
  const y = new Float32Array(n * cout);
  const wide = cout - (cout % 8);
  const fround = Math.fround;
  for (let r = 0; r < rows; r++) {
    const r0 = r - d < 0 ? 1 : 0, r1 = r + d >= rows ? 1 : 2;
    for (let c = 0; c < cols; c++) {
      const yo = (r * cols + c) * cout;
      const c0 = c - d < 0 ? 1 : 0, c1 = c + d >= cols ? 1 : 2;
      for (let o = 0; o < wide; o += 8) {
        let s0 = b[o], s1 = b[o + 1], s2 = b[o + 2], s3 = b[o + 3], s4 = b[o + 4], s5 = b[o + 5], s6 = b[o + 6], s7 = b[o + 7];
        for (let ky = r0; ky <= r1; ky++) {
          const rr = r + (ky - 1) * d;
          for (let kx = c0; kx <= c1; kx++) {
            const p = rr * cols + c + (kx - 1) * d, wk = (ky * 3 + kx) * cin * cout + o;
            for (let k = p * cin, e = k + count[p]; k < e; k++) {
              const v = val[k], u = wk + at[k];
              s0 = fround(s0 + v * w[u]);
              s1 = fround(s1 + v * w[u + 1]);
              s2 = fround(s2 + v * w[u + 2]);
              s3 = fround(s3 + v * w[u + 3]);
              s4 = fround(s4 + v * w[u + 4]);
              s5 = fround(s5 + v * w[u + 5]);
              s6 = fround(s6 + v * w[u + 6]);
              s7 = fround(s7 + v * w[u + 7]);
            }
          }
        }
        const q = yo + o;
        y[q] = s0 > 0 ? s0 : 0;
        y[q + 1] = s1 > 0 ? s1 : 0;
        y[q + 2] = s2 > 0 ? s2 : 0;
        y[q + 3] = s3 > 0 ? s3 : 0;
        y[q + 4] = s4 > 0 ? s4 : 0;
        y[q + 5] = s5 > 0 ? s5 : 0;
        y[q + 6] = s6 > 0 ? s6 : 0;
        y[q + 7] = s7 > 0 ? s7 : 0;
      }
      for (let o = wide; o < cout; o++) {
        let s = b[o];
        for (let ky = r0; ky <= r1; ky++) {
          for (let kx = c0; kx <= c1; kx++) {
            const p = (r + (ky - 1) * d) * cols + c + (kx - 1) * d, wk = (ky * 3 + kx) * cin * cout + o;
            for (let k = p * cin, e = k + count[p]; k < e; k++) s = fround(s + val[k] * w[wk + at[k]]);
          }
        }
        y[yo + o] = s > 0 ? s : 0;
      }
    }
  }
  return y;
}

function regenHead(m: EditsModel, h: Float32Array, f: WindowFeatures, H: number, F: number, RH: number): number {
  const n = f.cols * f.rows;
  const pooled = new Float64Array(H);
  let count = 0;
  for (let w = 0; w < n; w++) {
    if (!f.valid[w]) continue;
    count++;
    for (let i = 0; i < H; i++) pooled[i] += h[w * H + i];
  }
  for (let i = 0; i < H; i++) pooled[i] /= Math.max(1, count);
  const r1 = m.t['r1.w'], r2 = m.t['r2.w'];
  const K = H + 2 * F;
  let out = m.t['r2.b'][0];
  for (let o = 0; o < RH; o++) {
    let s = m.t['r1.b'][o];
    for (let i = 0; i < H; i++) s += r1[o * K + i] * pooled[i];
    for (let i = 0; i < F; i++) s += r1[o * K + H + i] * f.median[i] + r1[o * K + H + F + i] * f.spread[i];
    if (s > 0) out += r2[o] * s;
  }
  return out;
}

/**
 * Mean of the k largest values among those where `mask` is set (all when no mask), k = max(2, round(fraction · n))
 * of the n selected, bounded by n; −∞ when none is selected.
 */
export function topkMean(v: Float32Array, fraction: number, mask?: Uint8Array): number {
  const sel = mask ? v.filter((_, i) => mask[i] === 1) : Float32Array.from(v);
  const k = Math.min(sel.length, Math.max(2, Math.round(fraction * sel.length)));
  if (k === 0) return -Infinity;
  sel.sort();
  let sum = 0;
  for (let i = sel.length - k; i < sel.length; i++) sum += sel[i];
  return sum / k;
}
