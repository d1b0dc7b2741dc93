/**
 * Small float-plane kernels the thumbnail comparison needs: a crop, an area-exact render of any (fractional) box of a
 * plane at a given size, and zero-mean normalised cross-correlation. Pure typed-array code over `Plane`
 * (src/pixels/resample.ts); nothing allocates per pixel.
 */
import type { Plane } from '../../pixels/resample';

/** A box with continuous edges, in pixels of the plane it refers to: [x0, x1) × [y0, y1). */
export interface EdgeBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Copy of an integer rectangle of a plane. */
export function cropPlane(p: Plane, x: number, y: number, w: number, h: number): Plane {
  const c = p.channels;
  const out = new Float32Array(w * h * c);
  for (let yy = 0; yy < h; yy++) out.set(p.data.subarray(((y + yy) * p.width + x) * c, ((y + yy) * p.width + x + w) * c), yy * w * c);
  return { data: out, width: w, height: h, channels: c };
}

/** Per output sample along one axis: its first tap and tap count; per tap the clamped source index and the weight. */
interface Taps {
  count: Int32Array;
  offset: Int32Array;
  /** Source index of each tap, clamped to the axis (edge replicated). */
  index: Int32Array;
  /** Weight of each tap (an output sample's weights sum to 1). */
  weights: Float32Array;
}

const clampIndex = (i: number, n: number): number => (i < 0 ? 0 : i >= n ? n - 1 : i);

/**
 * Sampling weights of `m` output samples covering [a, b) of a source axis of `n` samples. When an output sample
 * covers at least one source sample, each source sample is weighted by its exact overlap (area average, no
 * aliasing); when it covers less (enlarging), by linear interpolation at its centre. Indices outside the axis are
 * clamped (edge replicated). Typed arrays sized up front: the alignment search calls this a few hundred times.
 */
function axisTaps(a: number, b: number, m: number, n: number): Taps {
  const step = (b - a) / m;
  const count = new Int32Array(m);
  const offset = new Int32Array(m);
  let cap = 2 * m;
  if (step >= 1) {
    cap = 0;
    for (let j = 0; j < m; j++) {
      const s = a + j * step;
      cap += Math.ceil(s + step) - Math.floor(s);
    }
  }
  const index = new Int32Array(cap);
  const weights = new Float32Array(cap);
  let t = 0;
  for (let j = 0; j < m; j++) {
    offset[j] = t;
    if (step >= 1) {
      const s = a + j * step;
      const e = s + step;
      const i0 = Math.floor(s);
      const i1 = Math.ceil(e) - 1;
      count[j] = i1 - i0 + 1;
      for (let i = i0; i <= i1; i++, t++) {
        index[t] = clampIndex(i, n);
        weights[t] = (Math.min(e, i + 1) - Math.max(s, i)) / step;
      }
    } else {
      const centre = a + (j + 0.5) * step - 0.5;
      const i0 = Math.floor(centre);
      const f = centre - i0;
      count[j] = 2;
      index[t] = clampIndex(i0, n);
      weights[t++] = 1 - f;
      index[t] = clampIndex(i0 + 1, n);
      weights[t++] = f;
    }
  }
  return { count, offset, index, weights };
}

/** Horizontal passes of one plane kept for reuse, keyed by the box's x edges and the output width. */
export interface RowCache {
  plane: Plane;
  passes: Map<string, { rows: Float32Array; done: Uint8Array }>;
}

/**
 * How many horizontal passes a `RowCache` keeps (least recently made first out): a pattern-search round tries 12
 * boxes with 7 distinct x spans, the coarse crop grid 10; at the largest level (320 rows × 160 samples) 16 passes are
 * 3.3 MB.
 */
const CACHED_PASSES = 16;

/** An empty cache of horizontal passes over `p`, for many `renderBox` calls on the same plane (the alignment search). */
export function rowCache(p: Plane): RowCache {
  return { plane: p, passes: new Map() };
}

/**
 * Render the box `b` (continuous pixel edges, may reach slightly outside the plane: edges replicate) of plane `p`
 * at `ow × oh`, separably: exact area weights when shrinking, linear interpolation when enlarging. Each output
 * value is the same sum in the same order as the plain per-sample formulation (test/detectors/metadata-speed.test.ts
 * pins it). With a `cache` of `p`, a source row's horizontal pass is made once per x span and output width and
 * reused by every box that shares them (boxes that differ only in y: half the moves of the pattern search).
 */
export function renderBox(p: Plane, b: EdgeBox, ow: number, oh: number, cache?: RowCache): Plane {
  return { data: renderInto(p, b, ow, oh, cache, new Float32Array(oh * ow * p.channels)), width: ow, height: oh, channels: p.channels };
}

/**
 * `renderBox` into a caller's array (at least `oh × ow × channels` long; the rest is left as it is): the alignment
 * search scores a few hundred boxes and keeps none, so one scratch serves them all. Returns `out`.
 */
export function renderInto(p: Plane, b: EdgeBox, ow: number, oh: number, cache: RowCache | undefined, out: Float32Array): Float32Array {
  if (cache && cache.plane !== p) throw new Error('renderBox: the cache belongs to another plane');
  const { width: W, height: H, channels: c, data } = p;
  const ty = axisTaps(b.y0, b.y1, oh, H);
  const rowLen = ow * c;
  const key = `${b.x0}|${b.x1}|${ow}`;
  let pass = cache?.passes.get(key);
  if (!pass) {
    pass = { rows: new Float32Array(H * rowLen), done: new Uint8Array(H) };
    if (cache) {
      if (cache.passes.size >= CACHED_PASSES) cache.passes.delete(cache.passes.keys().next().value as string);
      cache.passes.set(key, pass);
    }
  }
  const { rows, done } = pass;
  const { offset: vOffset, count: vCount, index: vIndex, weights: vWeights } = ty;
  // The source rows the vertical taps touch (clamped: rows outside the plane replicate its edge), rendered
  // horizontally unless an earlier box already did.
  let tx: Taps | undefined;
  for (let i = 0; i < oh; i++) {
    const o = vOffset[i];
    const e = o + vCount[i];
    for (let k = o; k < e; k++) {
      const sy = vIndex[k];
      if (done[sy]) continue;
      done[sy] = 1;
      tx ??= axisTaps(b.x0, b.x1, ow, W);
      horizontalPass(data, sy * W, c, tx, rows, sy * rowLen, ow);
    }
  }
  // The vertical pass: each output sample sums its taps in order in a double, then is stored as a float.
  for (let i = 0; i < oh; i++) {
    const o = vOffset[i];
    const e = o + vCount[i];
    const at = i * rowLen;
    for (let q = 0; q < rowLen; q++) {
      let acc = 0;
      for (let k = o; k < e; k++) acc += vWeights[k] * rows[vIndex[k] * rowLen + q];
      out[at + q] = acc;
    }
  }
  return out;
}

/** One source row (starting at pixel `rowBase`) through the horizontal taps, into `out` from `at`. */
function horizontalPass(data: Float32Array, rowBase: number, c: number, tx: Taps, out: Float32Array, at: number, ow: number): void {
  const { offset, count, index, weights } = tx;
  if (c === 1) {
    for (let j = 0; j < ow; j++) {
      const o = offset[j];
      const e = o + count[j];
      let acc = 0;
      for (let k = o; k < e; k++) acc += weights[k] * data[rowBase + index[k]];
      out[at + j] = acc;
    }
    return;
  }
  for (let j = 0; j < ow; j++) {
    const o = offset[j];
    const e = o + count[j];
    for (let ch = 0; ch < c; ch++) {
      let acc = 0;
      for (let k = o; k < e; k++) acc += weights[k] * data[(rowBase + index[k]) * c + ch];
      out[at + j * c + ch] = acc;
    }
  }
}

/** Zero-mean normalised cross-correlation of two equally long sample arrays; 0 when either is flat. */
export function ncc(a: Float32Array, b: Float32Array): number {
  const n = a.length;
  if (n !== b.length) throw new Error(`ncc: lengths differ (${n} vs ${b.length})`);
  let sa = 0, sb = 0;
  for (let i = 0; i < n; i++) {
    sa += a[i];
    sb += b[i];
  }
  const ma = sa / n, mb = sb / n;
  let ab = 0, aa = 0, bb = 0;
  for (let i = 0; i < n; i++) {
    const x = a[i] - ma, y = b[i] - mb;
    ab += x * y;
    aa += x * x;
    bb += y * y;
  }
  return aa > 1e-9 && bb > 1e-9 ? ab / Math.sqrt(aa * bb) : 0;
}

/** Share of samples `trimmedNcc` keeps: the best-agreeing 80 %, so an edit of up to a fifth of the frame is left out. */
export const NCC_KEEP = 0.8;

/** Scratch for `trimmedNcc`'s residuals, grown as needed, and its histogram: the alignment search calls it a few hundred times. */
let residuals = new Float32Array(0);
const nccBins = new Int32Array(256);

/** Σa and Σa² of a sample array, each summed in index order from 0. */
export interface SampleSums {
  sum: number;
  squares: number;
}

/**
 * The sums of `trimmedNcc`'s first pass that depend on `a` alone: the alignment scores many boxes against the same
 * thumbnail plane and passes them in (each sum is the same sequence of additions as inside the pass).
 */
export function sampleSums(a: Float32Array): SampleSums {
  let sum = 0, squares = 0;
  for (let i = 0; i < a.length; i++) {
    sum += a[i];
    squares += a[i] * a[i];
  }
  return { sum, squares };
}

/**
 * Normalised cross-correlation over the samples that agree best: fit b ≈ k·a + c on all samples, drop the
 * (1 − `NCC_KEEP`) share with the largest residual (cut found on a 256-bin histogram, no sort), correlate the rest.
 * A large painted stain drags the plain NCC of the true pose below that of a mirrored one (a symmetric product
 * shot); the trimmed one is not moved by it.
 */
export function trimmedNcc(a: Float32Array, b: Float32Array, aSums: SampleSums = sampleSums(a)): number {
  const n = a.length;
  if (n !== b.length) throw new Error(`trimmedNcc: lengths differ (${n} vs ${b.length})`);
  const sa = aSums.sum, saa = aSums.squares;
  let sb = 0, sab = 0;
  for (let i = 0; i < n; i++) {
    sb += b[i];
    sab += a[i] * b[i];
  }
  const va = saa - (sa * sa) / n;
  if (va < 1e-9) return 0;
  const k = (sab - (sa * sb) / n) / va;
  const c = (sb - k * sa) / n;
  if (residuals.length < n) residuals = new Float32Array(n);
  const res = residuals;
  let max = 0;
  for (let i = 0; i < n; i++) {
    const r = Math.abs(b[i] - (k * a[i] + c));
    res[i] = r;
    if (r > max) max = r;
  }
  if (max === 0) return ncc(a, b);
  const bins = nccBins.fill(0);
  // `| 0` is the floor of these non-negative values below 2³¹.
  for (let i = 0; i < n; i++) bins[Math.min(255, ((res[i] / max) * 256) | 0)]++;
  let cutBin = 255;
  for (let acc = 0, j = 0; j < 256; j++) {
    acc += bins[j];
    if (acc >= NCC_KEEP * n) {
      cutBin = j;
      break;
    }
  }
  const cut = ((cutBin + 1) / 256) * max;
  let m = 0, ta = 0, tb = 0, taa = 0, tbb = 0, tab = 0;
  for (let i = 0; i < n; i++) {
    if (res[i] > cut) continue;
    m++;
    ta += a[i];
    tb += b[i];
    taa += a[i] * a[i];
    tbb += b[i] * b[i];
    tab += a[i] * b[i];
  }
  const xa = taa - (ta * ta) / m;
  const xb = tbb - (tb * tb) / m;
  return xa > 1e-9 && xb > 1e-9 ? (tab - (ta * tb) / m) / Math.sqrt(xa * xb) : 0;
}

