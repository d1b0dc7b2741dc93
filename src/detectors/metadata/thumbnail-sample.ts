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

/** Per output sample along one axis: first source index, tap count, and the weights (summing to 1). */
interface Taps {
  first: Int32Array;
  count: Int32Array;
  offset: Int32Array;
  weights: Float32Array;
}

/**
 * Sampling weights of `m` output samples covering [a, b) of a source axis of `n` samples. When an output sample
 * covers at least one source sample, each source sample is weighted by its exact overlap (area average, no
 * aliasing); when it covers less (enlarging), by linear interpolation at its centre. Indices may fall outside the
 * axis: the caller clamps them (edge replicated).
 */
function axisTaps(a: number, b: number, m: number): Taps {
  const step = (b - a) / m;
  const first = new Int32Array(m);
  const count = new Int32Array(m);
  const offset = new Int32Array(m);
  const w: number[] = [];
  for (let j = 0; j < m; j++) {
    offset[j] = w.length;
    if (step >= 1) {
      const s = a + j * step;
      const e = s + step;
      const i0 = Math.floor(s);
      const i1 = Math.ceil(e) - 1;
      first[j] = i0;
      count[j] = i1 - i0 + 1;
      for (let i = i0; i <= i1; i++) w.push((Math.min(e, i + 1) - Math.max(s, i)) / step);
    } else {
      const centre = a + (j + 0.5) * step - 0.5;
      const i0 = Math.floor(centre);
      const f = centre - i0;
      first[j] = i0;
      count[j] = 2;
      w.push(1 - f, f);
    }
  }
  return { first, count, offset, weights: Float32Array.from(w) };
}

const clampIndex = (i: number, n: number): number => (i < 0 ? 0 : i >= n ? n - 1 : i);

/**
 * Render the box `b` (continuous pixel edges, may reach slightly outside the plane: edges replicate) of plane `p`
 * at `ow × oh`, separably: exact area weights when shrinking, linear interpolation when enlarging.
 */
export function renderBox(p: Plane, b: EdgeBox, ow: number, oh: number): Plane {
  const { width: W, height: H, channels: c, data } = p;
  const tx = axisTaps(b.x0, b.x1, ow);
  const ty = axisTaps(b.y0, b.y1, oh);
  // Rows the vertical taps touch, rendered horizontally first.
  let r0 = Infinity;
  let r1 = -Infinity;
  for (let j = 0; j < oh; j++) {
    r0 = Math.min(r0, ty.first[j]);
    r1 = Math.max(r1, ty.first[j] + ty.count[j] - 1);
  }
  const rows = r1 - r0 + 1;
  const tmp = new Float32Array(rows * ow * c);
  for (let r = 0; r < rows; r++) {
    const sy = clampIndex(r0 + r, H);
    const rowBase = sy * W;
    for (let j = 0; j < ow; j++) {
      const f = tx.first[j];
      const o = tx.offset[j];
      const n = tx.count[j];
      for (let ch = 0; ch < c; ch++) {
        let acc = 0;
        for (let k = 0; k < n; k++) acc += tx.weights[o + k] * data[(rowBase + clampIndex(f + k, W)) * c + ch];
        tmp[(r * ow + j) * c + ch] = acc;
      }
    }
  }
  const out = new Float32Array(ow * oh * c);
  for (let i = 0; i < oh; i++) {
    const f = ty.first[i] - r0;
    const o = ty.offset[i];
    const n = ty.count[i];
    for (let j = 0; j < ow; j++) {
      for (let ch = 0; ch < c; ch++) {
        let acc = 0;
        for (let k = 0; k < n; k++) acc += ty.weights[o + k] * tmp[((f + k) * ow + j) * c + ch];
        out[(i * ow + j) * c + ch] = acc;
      }
    }
  }
  return { data: out, width: ow, height: oh, channels: c };
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

/**
 * Normalised cross-correlation over the samples that agree best: fit b ≈ k·a + c on all samples, drop the
 * (1 − `NCC_KEEP`) share with the largest residual (cut found on a 256-bin histogram, no sort), correlate the rest.
 * A large painted stain drags the plain NCC of the true pose below that of a mirrored one (a symmetric product
 * shot); the trimmed one is not moved by it.
 */
export function trimmedNcc(a: Float32Array, b: Float32Array): number {
  const n = a.length;
  if (n !== b.length) throw new Error(`trimmedNcc: lengths differ (${n} vs ${b.length})`);
  let sa = 0, sb = 0, saa = 0, sab = 0;
  for (let i = 0; i < n; i++) {
    sa += a[i];
    sb += b[i];
    saa += a[i] * a[i];
    sab += a[i] * b[i];
  }
  const va = saa - (sa * sa) / n;
  if (va < 1e-9) return 0;
  const k = (sab - (sa * sb) / n) / va;
  const c = (sb - k * sa) / n;
  const res = new Float32Array(n);
  let max = 0;
  for (let i = 0; i < n; i++) {
    const r = Math.abs(b[i] - (k * a[i] + c));
    res[i] = r;
    if (r > max) max = r;
  }
  if (max === 0) return ncc(a, b);
  const bins = new Int32Array(256);
  for (let i = 0; i < n; i++) bins[Math.min(255, Math.floor((res[i] / max) * 256))]++;
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

