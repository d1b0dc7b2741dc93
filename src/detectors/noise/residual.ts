/**
 * High-pass noise residuals: each pixel minus the mean of its 8 neighbours,
 *
 *     [-1 -1 -1]
 *     [-1  8 -1] / 8
 *     [-1 -1 -1]
 *
 * For white noise of standard deviation σ the response has standard deviation σ·√(1 + 8/64) ≈ 1.0607 σ, so
 * responses are divided by that to read in 8-bit levels of σ. Why not Immerkær's sharper mask
 * ([1 −2 1; −2 4 −2; 1 −2 1], "Fast Noise Variance Estimation", CVIU 1996): it responds only to the highest
 * spatial frequencies, exactly those JPEG quantises away first, so after ordinary recompression it read most
 * blocks of real photos as noise-free; this wider band keeps the noise that survives (bench/noise.ts, local-edit
 * set: AUC 0.51 → 0.55 on the held-in families).
 *
 * On RGB the residual is taken per channel; luma is Y = 0.299 R + 0.587 G + 0.114 B (ITU-R BT.601) of the channel
 * residuals, in floating point rather than from the rounded 8-bit grey plane (rounding adds 0.29 levels of noise of
 * its own, as much as a clean studio photo carries), and chroma is the mean of |R − Y| and |B − Y| (the colour
 * differences, which demosaicing shapes). `blockStats` takes them inside its one pass over the pixels.
 */

/** 1 / the mask's L2 norm: responses in units of σ of white noise. */
export const RESIDUAL_NORM = 1 / Math.sqrt(1 + 8 / 64);

/**
 * Response of the centre-minus-neighbours mask at index `i` of a plane with `stride` elements per row, reading
 * every `step`-th element (3 for one channel of interleaved RGB). The caller keeps `i` off the border.
 */
function mask(d: ArrayLike<number>, i: number, stride: number, step: number): number {
  const u = i - stride, v = i + stride;
  return d[i] - (d[u - step] + d[u] + d[u + step] + d[i - step] + d[i + step] + d[v - step] + d[v] + d[v + step]) / 8;
}

/**
 * |residual| in σ units of a single float or 8-bit plane (tests and single-channel callers). Border is 0.
 */
export function highPassPlane(plane: ArrayLike<number>, width: number, height: number): Float32Array {
  if (plane.length < width * height) throw new RangeError(`highPassPlane: expected ${width * height} values, received ${plane.length}`);
  const out = new Float32Array(width * height);
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const p = y * width + x;
      out[p] = Math.abs(mask(plane, p, width, 1)) * RESIDUAL_NORM;
    }
  }
  return out;
}
