/**
 * Summed-area tables (Crow 1984, "Summed-area tables for texture mapping"): one pass, then the sum over any
 * axis-aligned rectangle in four reads. Used for box means on block grids (ELA, JPEG), window statistics of the NCC
 * searches (marks, catalog) and box sums of the noise map.
 */

/**
 * Summed-area table of a `width × height` plane (row-major): `(width+1) × (height+1)` entries, entry (x, y) = sum of
 * the values above and left of it. Accumulated in float64 along each row, then down the columns.
 */
export function summedArea(data: ArrayLike<number>, width: number, height: number): Float64Array {
  const sw = width + 1;
  const sat = new Float64Array(sw * (height + 1));
  for (let y = 0; y < height; y++) {
    let run = 0;
    const src = y * width;
    const dst = (y + 1) * sw;
    for (let x = 0; x < width; x++) {
      run += data[src + x];
      sat[dst + x + 1] = sat[dst - sw + x + 1] + run;
    }
  }
  return sat;
}

/** Summed-area table of the squares of a plane (squares taken in float64), laid out as `summedArea`. */
export function summedAreaOfSquares(data: ArrayLike<number>, width: number, height: number): Float64Array {
  const sq = new Float64Array(width * height);
  for (let i = 0; i < sq.length; i++) sq[i] = data[i] * data[i];
  return summedArea(sq, width, height);
}

/** Sum over the rectangle [x0, x1) × [y0, y1) from a summed-area table whose rows are `stride` (= width + 1) long. */
export function rectSum(sat: Float64Array, stride: number, x0: number, y0: number, x1: number, y1: number): number {
  return sat[y1 * stride + x1] - sat[y0 * stride + x1] - sat[y1 * stride + x0] + sat[y0 * stride + x0];
}

/**
 * Mean of `src` (a `w × h` grid, row-major) over a (2r+1)×(2r+1) window clamped at the borders: O(w·h) whatever the
 * window. Used on block grids by the ELA and JPEG detectors.
 */
export function boxMean(src: ArrayLike<number>, w: number, h: number, r: number): Float32Array {
  const W = w + 1;
  const sat = summedArea(src, w, h);
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    const y0 = Math.max(0, y - r);
    const y1 = Math.min(h, y + r + 1);
    for (let x = 0; x < w; x++) {
      const x0 = Math.max(0, x - r);
      const x1 = Math.min(w, x + r + 1);
      out[y * w + x] = rectSum(sat, W, x0, y0, x1, y1) / ((y1 - y0) * (x1 - x0));
    }
  }
  return out;
}
