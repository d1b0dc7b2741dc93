/**
 * Small float-plane kernels the thumbnail comparison needs: the eight EXIF orientations of a plane, a crop, an
 * area-exact render of any (fractional) box of a plane at a given size, zero-mean normalised cross-correlation and
 * 8-connected components. Pure typed-array code over `Plane` (src/pixels/resample.ts); nothing allocates per pixel.
 */
import type { Plane } from '../../pixels/resample';

/** A box with continuous edges, in pixels of the plane it refers to: [x0, x1) × [y0, y1). */
export interface EdgeBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * Stored index of displayed pixel (x, y) is c0 + x·cx + y·cy for each EXIF orientation (CIPA DC-008 tag 0x0112),
 * the same table as src/pixels/orient.ts uses for 8-bit RGB.
 */
function coefficients(o: number, W: number, H: number): [number, number, number] {
  switch (o) {
    case 2: return [W - 1, -1, W];
    case 3: return [(H - 1) * W + W - 1, -1, -W];
    case 4: return [(H - 1) * W, 1, -W];
    case 5: return [0, W, 1];
    case 6: return [(H - 1) * W, -W, 1];
    case 7: return [(H - 1) * W + W - 1, -W, -1];
    case 8: return [W - 1, W, -1];
    default: return [0, 1, W];
  }
}

/** A plane as displayed under EXIF orientation `o` (1–8; 5–8 swap width and height). Orientation 1 returns `p`. */
export function orientPlane(p: Plane, o: number): Plane {
  if (o <= 1 || o > 8) return p;
  const { width: W, height: H, channels: c, data } = p;
  const swap = o >= 5;
  const ow = swap ? H : W;
  const oh = swap ? W : H;
  const out = new Float32Array(data.length);
  const [c0, cx, cy] = coefficients(o, W, H);
  let di = 0;
  for (let y = 0; y < oh; y++) {
    let si = c0 + y * cy;
    for (let x = 0; x < ow; x++, si += cx) {
      for (let ch = 0; ch < c; ch++) out[di++] = data[si * c + ch];
    }
  }
  return { data: out, width: ow, height: oh, channels: c };
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

/** A connected set of mask pixels: its size and bounding box (pixels, inclusive-exclusive). */
export interface Blob {
  area: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Sum of the per-pixel `score` over the blob. */
  score: number;
}

/** 8-connected components of `mask` (w × h), iterative flood fill; `score` sums a per-pixel value per blob. */
export function components8(mask: Uint8Array, w: number, h: number, score?: Float32Array): Blob[] {
  const seen = new Uint8Array(mask.length);
  const stack = new Int32Array(mask.length);
  const out: Blob[] = [];
  for (let s = 0; s < mask.length; s++) {
    if (!mask[s] || seen[s]) continue;
    seen[s] = 1;
    let top = 0;
    stack[top++] = s;
    const b: Blob = { area: 0, x0: w, y0: h, x1: 0, y1: 0, score: 0 };
    while (top > 0) {
      const k = stack[--top];
      const x = k % w;
      const y = (k - x) / w;
      b.area++;
      if (score) b.score += score[k];
      if (x < b.x0) b.x0 = x;
      if (y < b.y0) b.y0 = y;
      if (x + 1 > b.x1) b.x1 = x + 1;
      if (y + 1 > b.y1) b.y1 = y + 1;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= h) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= w) continue;
          const q = yy * w + xx;
          if (mask[q] && !seen[q]) {
            seen[q] = 1;
            stack[top++] = q;
          }
        }
      }
    }
    out.push(b);
  }
  return out;
}
