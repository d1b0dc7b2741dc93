/**
 * Pure resampling kernels of the marks search: an integer box-filter downscale and area-average sampling of a
 * rectangle at any (fractional) step through a summed-area table (Crow 1984, "Summed-area tables for texture
 * mapping"), so one table serves every scale of the search.
 */

/** An 8-bit single-channel plane. */
export interface Plane8 {
  data: Uint8Array;
  width: number;
  height: number;
}

/**
 * Shrink a grey plane by an integer factor, each output pixel the mean of a `factor × factor` block (edge blocks
 * are partial). Values 0–255.
 */
export function boxDownscale(src: Plane8, factor: number): Plane8 {
  const f = Math.max(1, Math.floor(factor));
  if (f === 1) return src;
  const { data, width: w, height: h } = src;
  const ow = Math.ceil(w / f);
  const oh = Math.ceil(h / f);
  const acc = new Float64Array(ow);
  const cnt = new Float64Array(ow);
  const out = new Uint8Array(ow * oh);
  for (let oy = 0; oy < oh; oy++) {
    acc.fill(0);
    cnt.fill(0);
    const y1 = Math.min(h, (oy + 1) * f);
    for (let y = oy * f; y < y1; y++) {
      const row = y * w;
      for (let x = 0; x < w; x++) {
        const ox = (x / f) | 0;
        acc[ox] += data[row + x];
        cnt[ox]++;
      }
    }
    for (let ox = 0; ox < ow; ox++) out[oy * ow + ox] = Math.round(acc[ox] / cnt[ox]);
  }
  return { data: out, width: ow, height: oh };
}

/** Summed-area table of a plane: `(width+1) × (height+1)`, entry (x, y) = sum of pixels above and left of it. */
export function summedArea(data: ArrayLike<number>, width: number, height: number): Float64Array {
  const sw = width + 1;
  const sat = new Float64Array(sw * (height + 1));
  for (let y = 0; y < height; y++) {
    let rowSum = 0;
    const src = y * width;
    const dst = (y + 1) * sw;
    for (let x = 0; x < width; x++) {
      rowSum += data[src + x];
      sat[dst + x + 1] = sat[dst - sw + x + 1] + rowSum;
    }
  }
  return sat;
}

/** The table bilinearly interpolated at a fractional corner (coordinates clamped to the plane). */
function satAt(sat: Float64Array, width: number, height: number, x: number, y: number): number {
  const cx = x < 0 ? 0 : x > width ? width : x;
  const cy = y < 0 ? 0 : y > height ? height : y;
  const ix = Math.min(width - 1, Math.floor(cx));
  const iy = Math.min(height - 1, Math.floor(cy));
  const fx = cx - ix;
  const fy = cy - iy;
  const sw = width + 1;
  const i = iy * sw + ix;
  const top = sat[i] + (sat[i + 1] - sat[i]) * fx;
  const bottom = sat[i + sw] + (sat[i + sw + 1] - sat[i + sw]) * fx;
  return top + (bottom - top) * fy;
}

/**
 * Area-average resample of the rectangle starting at (x0, y0) of a plane into `outW × outH` pixels of `step`
 * source pixels each (a step below 1 interpolates). The rectangle must lie inside the plane. Values as the source.
 */
export function sampleArea(sat: Float64Array, width: number, height: number, x0: number, y0: number, step: number, outW: number, outH: number): Float32Array {
  const out = new Float32Array(outW * outH);
  const xs = new Float64Array(outW + 1);
  for (let u = 0; u <= outW; u++) xs[u] = x0 + u * step;
  const inv = 1 / (step * step);
  let prev = new Float64Array(outW + 1);
  let cur = new Float64Array(outW + 1);
  for (let u = 0; u <= outW; u++) prev[u] = satAt(sat, width, height, xs[u], y0);
  for (let v = 0; v < outH; v++) {
    const y = y0 + (v + 1) * step;
    for (let u = 0; u <= outW; u++) cur[u] = satAt(sat, width, height, xs[u], y);
    const row = v * outW;
    for (let u = 0; u < outW; u++) out[row + u] = (cur[u + 1] - cur[u] - prev[u + 1] + prev[u]) * inv;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return out;
}
