/**
 * High-pass noise residuals of an RGB image: each pixel minus the mean of its 8 neighbours,
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
 */

/** Residuals per pixel, in 8-bit levels of σ (0 on the one-pixel border, where the mask does not fit). */
export interface Residuals {
  /** |residual| of luminance Y = 0.299 R + 0.587 G + 0.114 B (ITU-R BT.601), float, not rounded. */
  luma: Float32Array;
  /** Mean of |residual| of the two colour differences R − Y and B − Y: chroma noise, which demosaicing shapes. */
  chroma: Float32Array;
  width: number;
  height: number;
}

/** 1 / the mask's L2 norm: responses in units of σ of white noise. */
const NORM = 1 / Math.sqrt(1 + 8 / 64);

/**
 * Response of the centre-minus-neighbours mask at index `i` of a plane with `stride` elements per row, reading
 * every `step`-th element (3 for one channel of interleaved RGB). The caller keeps `i` off the border.
 */
function mask(d: ArrayLike<number>, i: number, stride: number, step: number): number {
  const u = i - stride, v = i + stride;
  return d[i] - (d[u - step] + d[u] + d[u + step] + d[i - step] + d[i + step] + d[v - step] + d[v] + d[v + step]) / 8;
}

/**
 * Luma and chroma noise residuals of interleaved 8-bit RGB. One pass, two Float32 outputs of width × height.
 * Luminance is taken in floating point from RGB rather than from the rounded 8-bit grey plane: rounding adds
 * 0.29 levels of noise of its own, as much as a clean studio photo carries.
 * @throws RangeError when the buffer is shorter than width × height × 3.
 */
export function highPassRgb(rgb: Uint8Array, width: number, height: number): Residuals {
  if (rgb.length < width * height * 3) throw new RangeError(`highPassRgb: expected ${width * height * 3} bytes, received ${rgb.length}`);
  const n = width * height;
  const luma = new Float32Array(n);
  const chroma = new Float32Array(n);
  const stride = width * 3;
  // Inlined per channel (no helper call): this loop runs over every pixel of up to 100 MP images.
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1, p = y * width + 1, i = p * 3; x < width - 1; x++, p++, i += 3) {
      const u = i - stride, v = i + stride;
      const r = rgb[i] - (rgb[u - 3] + rgb[u] + rgb[u + 3] + rgb[i - 3] + rgb[i + 3] + rgb[v - 3] + rgb[v] + rgb[v + 3]) * 0.125;
      const g = rgb[i + 1] - (rgb[u - 2] + rgb[u + 1] + rgb[u + 4] + rgb[i - 2] + rgb[i + 4] + rgb[v - 2] + rgb[v + 1] + rgb[v + 4]) * 0.125;
      const b = rgb[i + 2] - (rgb[u - 1] + rgb[u + 2] + rgb[u + 5] + rgb[i - 1] + rgb[i + 5] + rgb[v - 1] + rgb[v + 2] + rgb[v + 5]) * 0.125;
      const ry = 0.299 * r + 0.587 * g + 0.114 * b;
      luma[p] = Math.abs(ry) * NORM;
      chroma[p] = (Math.abs(r - ry) + Math.abs(b - ry)) * 0.5 * NORM;
    }
  }
  return { luma, chroma, width, height };
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
      out[p] = Math.abs(mask(plane, p, width, 1)) * NORM;
    }
  }
  return out;
}
