/**
 * The local difference between an aligned EXIF thumbnail and the image rendered at the thumbnail's own scale: what
 * changed, where, and how large the largest changed connected area is, measured against the noise the comparison
 * itself has (the thumbnail's JPEG quantisation, the camera's different resampler, sharpening and chroma
 * subsampling), not against a global score. A global score is what made the previous rule both miss a 3 % stain (it
 * moved the mean too little) and flag genuine files (a rotated or letterboxed thumbnail moved it a lot).
 *
 * Steps, all on the thumbnail's grid:
 * 1. both pictures in Y/Cb/Cr (BT.601), the thumbnail's colours mapped onto the image's by trimmed fits (a cubic
 *    tone curve for luma, an affine colour map with a saturation term for chroma: the camera's thumbnail rendering
 *    and a re-save's colour handling; `colourMap`), so an edit of a tenth of the frame cannot drag them;
 * 2. squared residual ΔY² + ½(ΔCb² + ΔCr²) (chroma weighs half, none near clipping: `chromaWeights`), tolerant of
 *    a pixel of local misregistration and of another sharpness both ways (`tolerantResidual`), averaged over 5×5;
 * 3. the expected e at each pixel: the largest of the thumbnail's own JPEG noise (thumbnail-noise.ts), the
 *    picture-wide median e, and a level proportional to the thumbnail's local texture (gradient energy);
 * 4. changed = e above `z` times its expectation and above an absolute floor; 8-connected components; the largest.
 */
import type { Plane } from '../../pixels/resample';
import { labelComponents } from '../../pixels/components';
import { boxMean, rectSum, summedArea } from '../../pixels/integral';
import { median, quantile } from '../../pixels/stats';

/**
 * Luma at or beyond these levels is treated as clipped: within 5 levels of the 8-bit range ends, where a thumbnail
 * path with a steeper tone curve saturates while the image still has detail (camera/mei__Sony_Ericsson_U10i.jpg:
 * a white billboard at 255 in the thumbnail, 200–255 in the image).
 */
const CLIP_HIGH = 250;
const CLIP_LOW = 5;

/** Settings of the difference map (defaults in `DIFF_DEFAULTS`). */
export interface DiffSettings {
  /** Window radius of the local mean of the squared residual, thumbnail pixels. */
  radius: number;
  /** A pixel changed when its local residual exceeds this multiple of its expected level. */
  z: number;
  /** …and this absolute level (RMS 8-bit levels), so that flat, clean pictures do not amplify rounding. */
  floorLevel: number;
  /** Opening radius per 160 grid pixels of the long side (parts thinner than about twice this are dropped). */
  openPer160: number;
}

/**
 * Defaults. Thresholds come from the tune split of the render set (bench/metadata-thumbnails.ts, held-out splits and
 * sources measured apart): see docs/metadata.md for the run.
 */
export const DIFF_DEFAULTS: DiffSettings = { radius: 2, z: 6, floorLevel: 12, openPer160: 1 };

/** A connected changed area: size, box (grid pixels, [x0, x1) × [y0, y1)) and mean ratio to its expected level. */
export interface ChangedArea {
  area: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  meanRatio: number;
}

/** The result of the comparison. */
export interface ThumbnailDifference {
  width: number;
  height: number;
  /** Changed components, largest first (at most 8). Boxes in thumbnail-grid pixels. */
  blobs: ChangedArea[];
  /** Share of the grid in the largest component, 0–1. */
  largestShare: number;
  /** Share of the grid changed in any component, 0–1. */
  changedShare: number;
  /** Median expected residual level (RMS levels) over the grid: the comparison's own noise. */
  noiseLevel: number;
  /** The colour map of thumbnail onto image: luma cubic coefficients (in Y/255), then each chroma's affine terms. */
  tone: number[][];
}

/** RGB plane → interleaved Y, Cb, Cr (ITU-R BT.601 full range, as JFIF uses). */
function ycc(p: Plane): Float32Array {
  const n = p.width * p.height;
  const out = new Float32Array(n * 3);
  const d = p.data;
  for (let i = 0; i < n; i++) {
    const r = d[i * 3], g = d[i * 3 + 1], b = d[i * 3 + 2];
    out[i * 3] = 0.299 * r + 0.587 * g + 0.114 * b;
    out[i * 3 + 1] = -0.168736 * r - 0.331264 * g + 0.5 * b;
    out[i * 3 + 2] = 0.5 * r - 0.418688 * g - 0.081312 * b;
  }
  return out;
}

/** Solve the small dense system A·x = b (Gaussian elimination with partial pivoting); null when singular. */
function solve(A: Float64Array, b: Float64Array, m: number): Float64Array | null {
  const a = Float64Array.from(A);
  const x = Float64Array.from(b);
  for (let c = 0; c < m; c++) {
    let p = c;
    for (let r = c + 1; r < m; r++) if (Math.abs(a[r * m + c]) > Math.abs(a[p * m + c])) p = r;
    if (Math.abs(a[p * m + c]) < 1e-12) return null;
    if (p !== c) {
      for (let k = 0; k < m; k++) [a[c * m + k], a[p * m + k]] = [a[p * m + k], a[c * m + k]];
      [x[c], x[p]] = [x[p], x[c]];
    }
    for (let r = c + 1; r < m; r++) {
      const f = a[r * m + c] / a[c * m + c];
      for (let k = c; k < m; k++) a[r * m + k] -= f * a[c * m + k];
      x[r] -= f * x[c];
    }
  }
  for (let c = m - 1; c >= 0; c--) {
    let s = x[c];
    for (let k = c + 1; k < m; k++) s -= a[c * m + k] * x[k];
    x[c] = s / a[c * m + c];
  }
  return x;
}

/**
 * Ridge weight per fitted pixel (features are scaled to about ±1): a colour or tone the picture hardly shows (a
 * small purple object in a lavender scene) is mapped close to the identity instead of by an extrapolated fit, while
 * a correction the whole picture supports (a brighter thumbnail) is barely pulled.
 */
const RIDGE = 0.01;

/** Terms of the luma fit: a cubic of the thumbnail's luma, and Cb, Cr and saturation. */
const LUMA_TERMS = 7;

/** Pixels used by the tone and colour fits: every FIT_STEP-th. */
const FIT_STEP = 3;

/**
 * Trimmed least squares: y_i ≈ Σ_k c_k·f_k(i) over the pixels `use` allows, three passes, each on the 75 % of those
 * pixels that fit best, so an edit of up to a quarter of the frame cannot drag the fit. A small ridge towards
 * `prior` keeps a term without spread (a grey picture's chroma) well posed. Every third pixel is enough for a
 * handful of coefficients (thousands of samples). Returns the coefficients.
 */
export function trimmedFit(features: Float32Array, m: number, y: Float32Array, use: Uint8Array, prior: readonly number[]): Float64Array {
  const n = y.length;
  let coef: Float64Array = Float64Array.from(prior);
  const res = new Float32Array(Math.ceil(n / FIT_STEP));
  // |y − prediction| of each allowed sample (in visiting order) under the current coefficients, as doubles: the test
  // of the next pass reads it instead of predicting the same sample with the same coefficients again.
  const dev = new Float64Array(Math.ceil(n / FIT_STEP));
  let cut = Infinity;
  for (let pass = 0; pass < 3; pass++) {
    const A = new Float64Array(m * m);
    const b = new Float64Array(m);
    let used = 0;
    let k = 0;
    for (let i = 0; i < n; i += FIT_STEP) {
      if (!use[i]) continue;
      // The first pass keeps every allowed sample (no cut yet).
      if (pass > 0 && dev[k++] > cut) continue;
      used++;
      // A is symmetric and fr·fc = fc·fr exactly: the upper triangle is summed and mirrored below (the same values).
      const o = i * m;
      for (let r = 0; r < m; r++) {
        const fr = features[o + r];
        b[r] += fr * y[i];
        for (let c = r; c < m; c++) A[r * m + c] += fr * features[o + c];
      }
    }
    for (let r = 1; r < m; r++) for (let c = 0; c < r; c++) A[r * m + c] = A[c * m + r];
    if (used < 8 * m) break;
    const ridge = RIDGE * used;
    for (let r = 0; r < m; r++) {
      A[r * m + r] += ridge;
      b[r] += ridge * prior[r];
    }
    const sol = solve(A, b, m);
    if (!sol) break;
    coef = sol;
    // After the last pass the cut is not used.
    if (pass === 2) break;
    k = 0;
    for (let i = 0; i < n; i += FIT_STEP) {
      if (!use[i]) continue;
      let pred = 0;
      for (let j = 0; j < m; j++) pred += coef[j] * features[i * m + j];
      const d = Math.abs(y[i] - pred);
      dev[k] = d;
      res[k++] = d;
    }
    cut = Math.max(1, quantile(res.subarray(0, k), 0.75));
  }
  return coef;
}

/** Evaluate a fit: Σ_k c_k·f_k(i) for every pixel. */
function predict(features: Float32Array, m: number, coef: Float64Array, n: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (let k = 0; k < m; k++) v += coef[k] * features[i * m + k];
    out[i] = v;
  }
  return out;
}

/**
 * Map the thumbnail's colours onto the image's (both Y/Cb/Cr, interleaved): luma by a cubic tone curve of the
 * thumbnail's luma (camera thumbnails come out of their own tone curve: shared/corpus
 * camera/mei__Sony_Ericsson_U10i.jpg has a brighter, highlight-compressed thumbnail) plus first-order chroma terms;
 * each chroma channel by an affine map of (Y, Cb, Cr) plus a term that grows with saturation (another colour
 * matrix, and saturation changed more for vivid colours than for dull ones). Fitted on the pixels `use` allows.
 */
function colourMap(a: Float32Array, b: Float32Array, n: number, use: Uint8Array): { mapped: Float32Array; luma: (v: number) => number; coefficients: number[][] } {
  const ys = new Float32Array(n);
  const fl = new Float32Array(n * LUMA_TERMS);
  for (let i = 0; i < n; i++) {
    const u = a[i * 3] / 255;
    const cb = a[i * 3 + 1] / 128;
    const cr = a[i * 3 + 2] / 128;
    const o = i * LUMA_TERMS;
    fl[o] = 1;
    fl[o + 1] = u;
    fl[o + 2] = u * u;
    fl[o + 3] = u * u * u;
    // A saturation change moves the luma of vivid colours (luma is not perceptual lightness): first-order terms.
    fl[o + 4] = cb;
    fl[o + 5] = cr;
    fl[o + 6] = Math.sqrt(cb * cb + cr * cr);
    ys[i] = b[i * 3];
  }
  const cl = trimmedFit(fl, LUMA_TERMS, ys, use, [0, 255, 0, 0, 0, 0, 0]);
  const mapped = new Float32Array(n * 3);
  const yMapped = predict(fl, LUMA_TERMS, cl, n);
  const fc = new Float32Array(n * 6);
  for (let i = 0; i < n; i++) {
    const cb = a[i * 3 + 1] / 128;
    const cr = a[i * 3 + 2] / 128;
    const sat = Math.sqrt(cb * cb + cr * cr);
    fc[i * 6] = 1;
    fc[i * 6 + 1] = (a[i * 3] - 128) / 128;
    fc[i * 6 + 2] = cb;
    fc[i * 6 + 3] = cr;
    fc[i * 6 + 4] = cb * sat;
    fc[i * 6 + 5] = cr * sat;
  }
  const coefficients = [Array.from(cl, (c) => Math.round(c * 100) / 100)];
  for (let ch = 1; ch <= 2; ch++) {
    for (let i = 0; i < n; i++) ys[i] = b[i * 3 + ch];
    const cc = trimmedFit(fc, 6, ys, use, ch === 1 ? [0, 0, 128, 0, 0, 0] : [0, 0, 0, 128, 0, 0]);
    coefficients.push(Array.from(cc, (c) => Math.round(c * 1000) / 1000));
    const pred = predict(fc, 6, cc, n);
    for (let i = 0; i < n; i++) mapped[i * 3 + ch] = pred[i];
  }
  for (let i = 0; i < n; i++) mapped[i * 3] = yMapped[i];
  // The curve alone (a grey pixel) at a luma level: what a clipped thumbnail pixel stands for.
  const luma = (v: number): number => {
    const u = v / 255;
    return cl[0] + cl[1] * u + cl[2] * u * u + cl[3] * u * u * u;
  };
  return { mapped, luma, coefficients };
}

/**
 * Per-channel minimum and maximum over the 3×3 neighbourhood of each pixel (interleaved 3 channels; the window is cut
 * at the borders), separably: over each row's 3 neighbours, then over 3 rows of those (the same extremes).
 */
export function range3(p: Float32Array, w: number, h: number): { lo: Float32Array; hi: Float32Array } {
  // Every extreme takes the window's samples in scan order (xx, then yy ascending) with the same strict comparisons
  // from ±Infinity as a plain scan; at a border the edge sample is read twice, which cannot change a strict
  // extreme. So every value is the same; the selects only spare the branches (photo samples defeat a predictor).
  const stride = w * 3;
  const rowLo = new Float32Array(p.length);
  const rowHi = new Float32Array(p.length);
  for (let y = 0; y < h; y++) {
    const row = y * stride;
    for (let x = 0; x < w; x++) {
      const at = row + x * 3;
      const left = x > 0 ? -3 : 0;
      const right = x < w - 1 ? 3 : 0;
      for (let i = at; i < at + 3; i++) {
        const a = p[i + left], b = p[i], c = p[i + right];
        let mn = Infinity, mx = -Infinity;
        mn = a < mn ? a : mn;
        mn = b < mn ? b : mn;
        mn = c < mn ? c : mn;
        mx = a > mx ? a : mx;
        mx = b > mx ? b : mx;
        mx = c > mx ? c : mx;
        rowLo[i] = mn;
        rowHi[i] = mx;
      }
    }
  }
  const lo = new Float32Array(p.length);
  const hi = new Float32Array(p.length);
  for (let y = 0; y < h; y++) {
    const up = y > 0 ? -stride : 0;
    const down = y < h - 1 ? stride : 0;
    for (let i = y * stride, end = i + stride; i < end; i++) {
      let mn = Infinity, mx = -Infinity;
      const a = rowLo[i + up], b = rowLo[i], c = rowLo[i + down];
      mn = a < mn ? a : mn;
      mn = b < mn ? b : mn;
      mn = c < mn ? c : mn;
      const d = rowHi[i + up], e = rowHi[i], f = rowHi[i + down];
      mx = d > mx ? d : mx;
      mx = e > mx ? e : mx;
      mx = f > mx ? f : mx;
      lo[i] = mn;
      hi[i] = mx;
    }
  }
  return { lo, hi };
}

/**
 * Weight of chroma per pixel: half of luma's (thumbnails carry subsampled chroma), fading to none as any RGB channel
 * of either picture nears 0 or 255 (within 16 levels): there each pipeline's channel clipping leaves its own tint
 * (camera/mei__Sony_Ericsson_U10i.jpg: a clipped white billboard, neutral in the thumbnail, tinted in the image) and
 * its own gamut clipping of saturated colours.
 */
function chromaWeights(t: Plane, r: Plane): Float32Array {
  const n = t.width * t.height;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let lo = 255;
    let hi = 0;
    for (let ch = 0; ch < 3; ch++) {
      const a = t.data[i * 3 + ch];
      const b = r.data[i * 3 + ch];
      lo = Math.min(lo, a, b);
      hi = Math.max(hi, a, b);
    }
    out[i] = 0.5 * Math.min(1, Math.max(0, Math.min(lo, 255 - hi) / 16));
  }
  return out;
}

/** Weighted squared distance of pixel i of `v` to the per-channel interval [lo, hi] at i, chroma weighted by `wc`. */
function outside(v: Float32Array, lo: Float32Array, hi: Float32Array, i: number, wc: number): number {
  let s = 0;
  for (let ch = 0; ch < 3; ch++) {
    const k = i * 3 + ch;
    const d = v[k] < lo[k] ? lo[k] - v[k] : v[k] > hi[k] ? v[k] - hi[k] : 0;
    s += (ch === 0 ? 1 : wc) * d * d;
  }
  return s;
}

/**
 * Squared residual that tolerates a pixel of local misregistration and a different sharpness, both ways: the
 * larger of how far the thumbnail pixel lies outside the range of the image's 3×3 neighbourhood and how far the
 * image pixel lies outside the thumbnail's. A genuine edge the camera's thumbnail path placed a pixel off or drew
 * sharper (camera/mei__Sony_Ericsson_U10i.jpg's pole: 14 | 251 in the thumbnail, 31 | 95 | 253 in the image) stays
 * inside one range or the other; a flat stain over texture leaves the thumbnail's texture outside the image's
 * (flat) range, and a thin crack over a flat wall leaves the image outside the thumbnail's range.
 */
function tolerantResidual(t: Float32Array, r: Float32Array, w: number, h: number, wc: Float32Array): Float32Array {
  const rt = range3(t, w, h);
  const rr = range3(r, w, h);
  const out = new Float32Array(w * h);
  for (let i = 0; i < w * h; i++) {
    const a = outside(t, rr.lo, rr.hi, i, wc[i]);
    const b = outside(r, rt.lo, rt.hi, i, wc[i]);
    out[i] = a > b ? a : b;
  }
  return out;
}

/**
 * Gradient energy per pixel (central differences, one-sided at the borders): gx² + gy² in levels² per pixel, of the
 * samples at `offset` every `stride` values (1, 0 for a single-channel plane; 3, 0 for the first of three channels).
 */
export function gradientEnergy(data: ArrayLike<number>, w: number, h: number, stride = 1, offset = 0): Float32Array {
  const g = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const xl = x > 0 ? x - 1 : x, xr = x < w - 1 ? x + 1 : x;
      const yu = y > 0 ? y - 1 : y, yd = y < h - 1 ? y + 1 : y;
      const gx = (data[(y * w + xr) * stride + offset] - data[(y * w + xl) * stride + offset]) / Math.max(1, xr - xl);
      const gy = (data[(yd * w + x) * stride + offset] - data[(yu * w + x) * stride + offset]) / Math.max(1, yd - yu);
      g[y * w + x] = gx * gx + gy * gy;
    }
  }
  return g;
}

/** Local gradient energy of channel 0 of interleaved 3-channel data, windowed. */
function texture(yccData: Float32Array, w: number, h: number, radius: number): Float32Array {
  return boxMean(gradientEnergy(yccData, w, h, 3, 0), w, h, radius);
}

/** The residual map of a comparison, before thresholds: what `changedAreas` decides on. */
export interface ResidualMap {
  width: number;
  height: number;
  /** Local mean squared residual per pixel (levels²). */
  energy: Float32Array;
  /** Expected local mean squared residual per pixel for an unchanged picture (levels²), ≥ 1. */
  expected: Float32Array;
  /** The colour map of thumbnail onto image: luma cubic coefficients (in Y/255), then each chroma's affine terms. */
  tone: number[][];
}

/**
 * The residual map of the aligned thumbnail picture `t` against the image rendered at the same size `r` (both RGB
 * planes in the image's orientation). `jpegNoise`, when known, is the thumbnail's quantisation-noise variance per
 * pixel on the same grid.
 */
export function residualMap(t: Plane, r: Plane, jpegNoise: Float32Array | undefined, radius: number): ResidualMap {
  const { width: w, height: h } = t;
  if (r.width !== w || r.height !== h || t.channels !== 3 || r.channels !== 3) throw new Error(`residualMap: expected two ${w}×${h} RGB planes, got ${r.width}×${r.height}×${r.channels}`);
  const n = w * h;
  const a = ycc(t);
  const b = ycc(r);
  // Clipped pixels say only "at least this bright" (or dark): the tone curve is fitted without them, and a pixel
  // the thumbnail clipped matches any image value beyond the curve's value at the clip point.
  const unclipped = new Uint8Array(n);
  for (let i = 0; i < n; i++) unclipped[i] = a[i * 3] > CLIP_LOW && a[i * 3] < CLIP_HIGH && b[i * 3] > CLIP_LOW && b[i * 3] < CLIP_HIGH ? 1 : 0;
  const fit = colourMap(a, b, n, unclipped);
  const m = fit.mapped;
  const hiAt = Math.min(255, fit.luma(CLIP_HIGH));
  const loAt = Math.max(0, fit.luma(CLIP_LOW));
  for (let i = 0; i < n; i++) {
    const yt = a[i * 3];
    const yr = b[i * 3];
    if (yt >= CLIP_HIGH) m[i * 3] = yr >= hiAt ? yr : hiAt;
    else if (yt <= CLIP_LOW) m[i * 3] = yr <= loAt ? yr : loAt;
    else m[i * 3] = Math.max(0, Math.min(255, m[i * 3]));
  }
  const energy = boxMean(tolerantResidual(m, b, w, h, chromaWeights(t, r)), w, h, radius);
  // Texture of the "before" picture (the thumbnail), over a window one pixel wider than the residual's: where it
  // has edges, a fraction of a pixel of misregistration or another resampler leaves residual; where it is flat,
  // any residual is new content (a crack on a plain wall, a stain on a flat backdrop).
  const act = texture(a, w, h, radius + 1);
  // Expected residual of an unchanged picture: the picture-wide median level, or a level proportional to the local
  // texture (misregistration and another resampler or sharpening leave residual in proportion to the edges: the
  // median ratio over the most textured quarter), or the thumbnail's own JPEG noise, whichever is largest. Medians
  // over the whole picture are not moved by an edit of less than half of it; per-texture-bin medians were (a flat
  // stain can fill the flat bin).
  const level = median(energy);
  // The upper quartile by selection (the same order statistic a full sort gives, without the sort).
  const q3 = quantile(act, 0.75);
  const ratios = new Float32Array(n);
  let k = 0;
  for (let i = 0; i < n; i++) if (act[i] >= q3 && act[i] > 0) ratios[k++] = energy[i] / act[i];
  const slope = k ? median(ratios.subarray(0, k)) : 0;
  const noise = jpegNoise ? boxMean(jpegNoise, w, h, radius) : undefined;
  const expected = new Float32Array(n);
  for (let i = 0; i < n; i++) expected[i] = Math.max(level, slope * act[i], noise ? noise[i] : 0, 1);
  return { width: w, height: h, energy, expected, tone: fit.coefficients };
}

/**
 * Morphological opening of a mask with a (2r+1)² square (erosion, then dilation, via summed-area counts): removes
 * every part thinner than 2r+1 pixels and keeps areas. The outline of an object the thumbnail drew with another
 * sharpening or sampling is a line; an edit is an area.
 */
export function openMask(mask: Uint8Array, w: number, h: number, r: number): Uint8Array {
  if (r <= 0) return mask;
  const W = w + 1;
  const full = (2 * r + 1) * (2 * r + 1);
  const s1 = summedArea(mask, w, h);
  const eroded = new Uint8Array(w * h);
  // Outside the frame counts as set, so an area touching the border is not eaten from that side.
  for (let y = 0; y < h; y++) {
    const y0 = Math.max(0, y - r), y1 = Math.min(h, y + r + 1);
    for (let x = 0; x < w; x++) {
      const x0 = Math.max(0, x - r), x1 = Math.min(w, x + r + 1);
      eroded[y * w + x] = rectSum(s1, W, x0, y0, x1, y1) + full - (x1 - x0) * (y1 - y0) >= full ? 1 : 0;
    }
  }
  const s2 = summedArea(eroded, w, h);
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const y0 = Math.max(0, y - r), y1 = Math.min(h, y + r + 1);
    for (let x = 0; x < w; x++) {
      const x0 = Math.max(0, x - r), x1 = Math.min(w, x + r + 1);
      out[y * w + x] = mask[y * w + x] && rectSum(s2, W, x0, y0, x1, y1) > 0 ? 1 : 0;
    }
  }
  return out;
}

/**
 * Threshold a residual map: pixels above `z` times their expectation and above `floorLevel`², opened with radius
 * `open` (parts thinner than 2·open+1 pixels dropped), in 8-connected components.
 */
export function changedAreas(map: ResidualMap, z: number, floorLevel: number, open = 0): Omit<ThumbnailDifference, 'tone'> {
  const { width: w, height: h, energy, expected } = map;
  const n = w * h;
  const floor = floorLevel * floorLevel;
  const raw = new Uint8Array(n);
  const ratio = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    ratio[i] = energy[i] / expected[i];
    if (ratio[i] > z && energy[i] > floor) raw[i] = 1;
  }
  const mask = openMask(raw, w, h, open);
  let changed = 0;
  for (let i = 0; i < n; i++) changed += mask[i];
  const blobs: ChangedArea[] = labelComponents(mask, w, h, 8)
    .map((c) => {
      let sum = 0;
      for (const i of c.members) sum += ratio[i];
      return { area: c.members.length, x0: c.x0, y0: c.y0, x1: c.x1 + 1, y1: c.y1 + 1, meanRatio: sum / c.members.length };
    })
    .sort((p, q) => q.area - p.area);
  return {
    width: w,
    height: h,
    blobs: blobs.slice(0, 8),
    largestShare: blobs.length ? blobs[0].area / n : 0,
    changedShare: changed / n,
    noiseLevel: Math.round(Math.sqrt(median(expected)) * 100) / 100,
  };
}

/**
 * Compare the aligned thumbnail picture `t` with the image rendered at the same size `r` (both RGB planes in the
 * image's orientation). `jpegNoise`, when known, is the thumbnail's quantisation-noise variance per pixel on the
 * same grid.
 */
export function thumbnailDifference(t: Plane, r: Plane, jpegNoise?: Float32Array, settings: DiffSettings = DIFF_DEFAULTS): ThumbnailDifference {
  const map = residualMap(t, r, jpegNoise, settings.radius);
  const open = Math.round((settings.openPer160 * Math.max(t.width, t.height)) / 160);
  return { ...changedAreas(map, settings.z, settings.floorLevel, open), tone: map.tone };
}
