/**
 * Resampling kernels over float planes: area-average resize, separable Gaussian blur, bilinear sampling and
 * channel conversions. Pure typed-array code (pixelmatch style): no sharp, no per-pixel objects.
 */
import type { RawImage } from './types';

/** An interleaved float image: values 0–255, `channels` samples per pixel, row-major, NaN = no data. */
export interface Plane {
  data: Float32Array;
  width: number;
  height: number;
  channels: number;
}

/** Wrap 8-bit interleaved pixels as a float plane (copy). */
export function toPlane(data: Uint8Array, width: number, height: number, channels: number): Plane {
  if (data.length !== width * height * channels) {
    throw new Error(`toPlane: expected ${width * height * channels} samples (${width}×${height}×${channels}), got ${data.length}`);
  }
  // The typed-array constructor converts natively (Float32Array.from goes through the iterator: 4× slower at 12 MP).
  return { data: new Float32Array(data), width, height, channels };
}

/** Target size with the long side at most `maxSide`, aspect kept, never enlarged, at least 1×1. */
export function fitInside(width: number, height: number, maxSide: number): { width: number; height: number } {
  const f = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * f)), height: Math.max(1, Math.round(height * f)) };
}

/**
 * Resize to `ow×oh`. Shrinking averages every source pixel by its exact fractional coverage of the target pixel
 * (area / box filter, which does not alias); enlarging interpolates bilinearly.
 */
export function resizePlane(src: Plane, ow: number, oh: number): Plane {
  const { width: w, height: h, channels: c } = src;
  if (ow >= w && oh >= h) return resizeBilinear(src, ow, oh);
  // Two separable passes of exact area weights: rows first, then columns.
  const tmp = new Float32Array(ow * h * c);
  areaPass(src.data, w, h, c, ow, tmp, true);
  const out = new Float32Array(ow * oh * c);
  areaPass(tmp, ow, h, c, oh, out, false);
  return { data: out, width: ow, height: oh, channels: c };
}

/**
 * `resizePlane(toPlane(img…), ow, oh)` without the full-size float copy (at 12 MP, 144 MB and a pass over it):
 * the first area pass reads the 8-bit samples directly. The same values, bit for bit.
 */
export function resizeRaw(img: RawImage, ow: number, oh: number): Plane {
  const { data, width: w, height: h, channels: c } = img;
  if (ow >= w && oh >= h) return resizeBilinear(toPlane(data, w, h, c), ow, oh);
  const tmp = new Float32Array(ow * h * c);
  areaPass(data, w, h, c, ow, tmp, true);
  const out = new Float32Array(ow * oh * c);
  areaPass(tmp, ow, h, c, oh, out, false);
  return { data: out, width: ow, height: oh, channels: c };
}

/**
 * The taps of an area pass from n source samples to m target samples: for target j, sources `first[j]` to
 * `first[j] + count[j] − 1` with weights `w[start[j]…]` (each source's exact fractional coverage; zero-weight taps
 * left out) and their sum `wsum[j]`.
 */
function areaTaps(n: number, m: number): { first: Int32Array; count: Int32Array; start: Int32Array; w: Float64Array; wsum: Float64Array } {
  const ratio = n / m;
  const first = new Int32Array(m), count = new Int32Array(m), start = new Int32Array(m), wsum = new Float64Array(m);
  const ws: number[] = [];
  for (let j = 0; j < m; j++) {
    const a = j * ratio;
    const b = Math.min(n, (j + 1) * ratio);
    const i0 = Math.floor(a);
    const i1 = Math.min(n - 1, Math.ceil(b) - 1);
    start[j] = ws.length;
    first[j] = -1;
    let sum = 0;
    for (let i = i0; i <= i1; i++) {
      const wt = Math.min(b, i + 1) - Math.max(a, i);
      if (wt <= 0) {
        // Only the ends can have no coverage: a zero tap inside the run would break the contiguous run below.
        if (first[j] < 0) continue;
        break;
      }
      if (first[j] < 0) first[j] = i;
      ws.push(wt);
      sum += wt;
    }
    count[j] = ws.length - start[j];
    if (first[j] < 0) first[j] = 0;
    wsum[j] = sum;
  }
  return { first, count, start, w: Float64Array.from(ws), wsum };
}

/**
 * One separable area pass along x (`horizontal`) or y, from n source samples to m target samples. The taps are
 * computed once per pass, and every output sample adds its taps in source order, so the sums are the same
 * floating-point operations in the same order as a direct per-sample loop; the vertical pass runs along rows
 * (whole rows of accumulators) so that it reads the source in memory order.
 */
function areaPass(src: Float32Array | Uint8Array, w: number, h: number, c: number, m: number, out: Float32Array, horizontal: boolean): void {
  const { first, count, start, w: wt, wsum } = areaTaps(horizontal ? w : h, m);
  if (horizontal && c === 3) {
    // RGB: the three channels' sums advance together (one pass over the taps), each in the same order as below.
    for (let line = 0; line < h; line++) {
      const row = line * w * 3, orow = line * m * 3;
      for (let j = 0; j < m; j++) {
        const k = count[j], s0 = start[j], ws = wsum[j];
        let a0 = 0, a1 = 0, a2 = 0;
        for (let t = 0, si = row + first[j] * 3; t < k; t++, si += 3) {
          const weight = wt[s0 + t];
          a0 += src[si] * weight;
          a1 += src[si + 1] * weight;
          a2 += src[si + 2] * weight;
        }
        const o = orow + j * 3;
        out[o] = ws > 0 ? a0 / ws : 0;
        out[o + 1] = ws > 0 ? a1 / ws : 0;
        out[o + 2] = ws > 0 ? a2 / ws : 0;
      }
    }
    return;
  }
  if (horizontal) {
    for (let line = 0; line < h; line++) {
      const row = line * w * c, orow = line * m * c;
      for (let j = 0; j < m; j++) {
        const f = first[j], k = count[j], s0 = start[j], ws = wsum[j];
        for (let ch = 0; ch < c; ch++) {
          let acc = 0;
          for (let t = 0, si = row + f * c + ch; t < k; t++, si += c) acc += src[si] * wt[s0 + t];
          out[orow + j * c + ch] = ws > 0 ? acc / ws : 0;
        }
      }
    }
    return;
  }
  const rowLen = w * c;
  const acc = new Float64Array(rowLen);
  for (let j = 0; j < m; j++) {
    const f = first[j], k = count[j], s0 = start[j], ws = wsum[j];
    acc.fill(0);
    for (let t = 0; t < k; t++) {
      const weight = wt[s0 + t];
      for (let x = 0, si = (f + t) * rowLen; x < rowLen; x++, si++) acc[x] += src[si] * weight;
    }
    const o = j * rowLen;
    for (let x = 0; x < rowLen; x++) out[o + x] = ws > 0 ? acc[x] / ws : 0;
  }
}

/** Bilinear resize (pixel centres aligned), for enlarging. */
export function resizeBilinear(src: Plane, ow: number, oh: number): Plane {
  const out = new Float32Array(ow * oh * src.channels);
  const sx = src.width / ow;
  const sy = src.height / oh;
  for (let y = 0; y < oh; y++) {
    const v = (y + 0.5) * sy - 0.5;
    for (let x = 0; x < ow; x++) sampleBilinear(src, (x + 0.5) * sx - 0.5, v, out, (y * ow + x) * src.channels);
  }
  return { data: out, width: ow, height: oh, channels: src.channels };
}

/**
 * The one bilinear sampler: every channel of `p` at continuous coordinates (u, v) (pixel centres at integers),
 * clamped to the border, written to `out` from `offset`. No allocation.
 */
export function sampleBilinear(p: Plane, u: number, v: number, out: Float32Array, offset: number): void {
  const { width: w, height: h, channels: c, data } = p;
  const uu = u < 0 ? 0 : u > w - 1 ? w - 1 : u;
  const vv = v < 0 ? 0 : v > h - 1 ? h - 1 : v;
  const x0 = Math.floor(uu);
  const y0 = Math.floor(vv);
  const x1 = x0 + 1 < w ? x0 + 1 : x0;
  const y1 = y0 + 1 < h ? y0 + 1 : y0;
  const fx = uu - x0;
  const fy = vv - y0;
  const i00 = (y0 * w + x0) * c;
  const i01 = (y0 * w + x1) * c;
  const i10 = (y1 * w + x0) * c;
  const i11 = (y1 * w + x1) * c;
  for (let k = 0; k < c; k++) {
    out[offset + k] = (data[i00 + k] * (1 - fx) + data[i01 + k] * fx) * (1 - fy) + (data[i10 + k] * (1 - fx) + data[i11 + k] * fx) * fy;
  }
}

/** Luma (ITU-R BT.601) of an RGB plane. */
export function lumaPlane(p: Plane): Plane {
  if (p.channels === 1) return p;
  const n = p.width * p.height;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = 0.299 * p.data[i * 3] + 0.587 * p.data[i * 3 + 1] + 0.114 * p.data[i * 3 + 2];
  return { data: out, width: p.width, height: p.height, channels: 1 };
}

/** Mirror a plane left–right. */
export function mirrorPlane(p: Plane): Plane {
  const { width: w, height: h, channels: c } = p;
  const out = new Float32Array(p.data.length);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      for (let ch = 0; ch < c; ch++) out[(y * w + x) * c + ch] = p.data[(y * w + (w - 1 - x)) * c + ch];
    }
  }
  return { data: out, width: w, height: h, channels: c };
}

/**
 * Separable Gaussian blur (σ in pixels, kernel radius ⌈3σ⌉, borders clamped). NaN samples are skipped and the
 * weights renormalised, so a blur next to "no data" does not bleed NaN.
 */
export function gaussianBlur(p: Plane, sigma: number): Plane {
  if (sigma <= 0) return p;
  const r = Math.max(1, Math.ceil(sigma * 3));
  const k = new Float32Array(2 * r + 1);
  for (let i = -r; i <= r; i++) k[i + r] = Math.exp(-(i * i) / (2 * sigma * sigma));
  const { width: w, height: h, channels: c } = p;
  const tmp = new Float32Array(p.data.length);
  const out = new Float32Array(p.data.length);
  blurPass(p.data, tmp, w, h, c, k, r, true);
  blurPass(tmp, out, w, h, c, k, r, false);
  return { data: out, width: w, height: h, channels: c };
}

/**
 * One pass of `gaussianBlur` along x (`horizontal`) or y. Samples at least r from the ends read their taps without
 * clamping; every sample adds its defined taps in the same order either way.
 */
function blurPass(src: Float32Array, dst: Float32Array, w: number, h: number, c: number, k: Float32Array, r: number, horizontal: boolean): void {
  const step = horizontal ? c : w * c;
  const len = horizontal ? w : h;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const pos = horizontal ? x : y;
      const interior = pos >= r && pos < len - r;
      for (let ch = 0; ch < c; ch++) {
        const o = (y * w + x) * c + ch;
        if (Number.isNaN(src[o])) {
          dst[o] = NaN;
          continue;
        }
        let acc = 0;
        let ws = 0;
        if (interior) {
          for (let i = 0, si = o - r * step; i <= 2 * r; i++, si += step) {
            const v = src[si];
            if (Number.isNaN(v)) continue;
            acc += v * k[i];
            ws += k[i];
          }
        } else {
          for (let i = -r; i <= r; i++) {
            let q = pos + i;
            q = q < 0 ? 0 : q >= len ? len - 1 : q;
            const v = src[horizontal ? (y * w + q) * c + ch : (q * w + x) * c + ch];
            if (Number.isNaN(v)) continue;
            acc += v * k[i + r];
            ws += k[i + r];
          }
        }
        dst[o] = acc / ws;
      }
    }
  }
}

/**
 * Box-average interleaved 8-bit RGB by an integer factor: output pixel (x, y) is the rounded mean of the source
 * block [x·f, x·f + f) × [y·f, y·f + f), cut at the right and bottom edges (so the output is ⌈W/f⌉ × ⌈H/f⌉, the size
 * a JPEG decoder's DCT scaling gives). One pass, integer sums.
 * @throws RangeError when the factor is not an integer ≥ 1 or the buffer is short.
 */
export function shrinkRgb(img: RawImage, factor: number): RawImage {
  const { width: W, height: H, data } = img;
  if (!Number.isInteger(factor) || factor < 1) throw new RangeError(`shrinkRgb: expected an integer factor ≥ 1, received ${factor}`);
  if (data.length < W * H * 3) throw new RangeError(`shrinkRgb: expected ${W * H * 3} bytes, received ${data.length}`);
  const ow = Math.ceil(W / factor), oh = Math.ceil(H / factor);
  const out = new Uint8Array(ow * oh * 3);
  const acc = new Uint32Array(ow * 3);
  for (let oy = 0; oy < oh; oy++) {
    acc.fill(0);
    const y1 = Math.min(H, (oy + 1) * factor);
    for (let y = oy * factor; y < y1; y++) {
      for (let x = 0, i = y * W * 3; x < W; x++, i += 3) {
        const o = ((x / factor) | 0) * 3;
        acc[o] += data[i];
        acc[o + 1] += data[i + 1];
        acc[o + 2] += data[i + 2];
      }
    }
    const rows = y1 - oy * factor;
    for (let ox = 0; ox < ow; ox++) {
      const n = rows * (Math.min(W, (ox + 1) * factor) - ox * factor);
      const o = ox * 3, d = (oy * ow + ox) * 3;
      out[d] = (acc[o] + (n >> 1)) / n;
      out[d + 1] = (acc[o + 1] + (n >> 1)) / n;
      out[d + 2] = (acc[o + 2] + (n >> 1)) / n;
    }
  }
  return { data: out, width: ow, height: oh, channels: 3 };
}

