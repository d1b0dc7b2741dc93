/**
 * The working planes of the edits detector: luma in quarter levels and two chroma differences at half resolution,
 * always at the photo's native resolution (camera traces live in the finest pixels: a box downscale by 3 divides
 * the sensor noise by 3 and made the model read whole camera originals as regenerated; bench/edits.ts, corpus
 * camera/ false positives 21 % → see docs/edits.md). One pass over the RGB, integer arithmetic only.
 */

/** Luma and chroma planes of a photo or of one patch of it. */
export interface WorkingPlanes {
  /** Luma Y = (77 R + 150 G + 29 B) / 64, i.e. BT.601 in quarter levels (0..1020). */
  luma: Uint16Array;
  width: number;
  height: number;
  /** B − Y in quarter levels (−870..870), mean over 2×2 pixels; `cw × ch`. */
  cb: Int16Array;
  /** R − Y in quarter levels, mean over 2×2 pixels; `cw × ch`. */
  cr: Int16Array;
  cw: number;
  ch: number;
}

/**
 * Planes of the rectangle (x0, y0, width, height) of interleaved 8-bit RGB of row length `stride` pixels
 * (the whole image by default), written into `into` when given (planes of the same size, reused by the sparse
 * window grid instead of allocating per window).
 * @throws RangeError when the rectangle does not fit the buffer, or `into` is of another size.
 */
export function workingPlanes(rgb: Uint8Array, stride: number, rows: number, rect?: { x0: number; y0: number; width: number; height: number }, into?: WorkingPlanes): WorkingPlanes {
  const { x0, y0, width: W, height: H } = rect ?? { x0: 0, y0: 0, width: stride, height: rows };
  if (rgb.length < stride * rows * 3 || x0 < 0 || y0 < 0 || x0 + W > stride || y0 + H > rows) {
    throw new RangeError(`workingPlanes: a ${W}×${H} rectangle at (${x0}, ${y0}) does not fit ${stride}×${rows} RGB of ${rgb.length} bytes`);
  }
  if (into && (into.width !== W || into.height !== H)) throw new RangeError(`workingPlanes: planes of ${into.width}×${into.height} cannot hold a ${W}×${H} rectangle`);
  const cw = W >> 1, ch = H >> 1;
  const p = into ?? { luma: new Uint16Array(W * H), width: W, height: H, cb: new Int16Array(cw * ch), cr: new Int16Array(cw * ch), cw, ch };
  const { luma, cb, cr } = p;
  const row = stride * 3;
  // Two rows at a time: the luma of each pixel of a 2×2 block and the block's chroma means.
  for (let cy = 0; cy < ch; cy++) {
    let i = ((y0 + 2 * cy) * stride + x0) * 3, o = 2 * cy * W, k = cy * cw;
    for (let e = k + cw; k < e; k++, i += 6, o += 2) {
      const j = i + row;
      const r0 = rgb[i], g0 = rgb[i + 1], b0 = rgb[i + 2], r1 = rgb[i + 3], g1 = rgb[i + 4], b1 = rgb[i + 5];
      const r2 = rgb[j], g2 = rgb[j + 1], b2 = rgb[j + 2], r3 = rgb[j + 3], g3 = rgb[j + 4], b3 = rgb[j + 5];
      const l0 = 77 * r0 + 150 * g0 + 29 * b0, l1 = 77 * r1 + 150 * g1 + 29 * b1;
      const l2 = 77 * r2 + 150 * g2 + 29 * b2, l3 = 77 * r3 + 150 * g3 + 29 * b3;
      luma[o] = (l0 + 32) >> 6;
      luma[o + 1] = (l1 + 32) >> 6;
      luma[o + W] = (l2 + 32) >> 6;
      luma[o + W + 1] = (l3 + 32) >> 6;
      // Chroma sums of the 4 pixels in 1/256 level (77 + 150 + 29 = 256 weights) → mean in quarter levels:
      // / (4 · 64), truncated toward zero.
      const l = l0 + l1 + l2 + l3;
      cb[k] = ((((b0 + b1 + b2 + b3) << 8) - l) / 256) | 0;
      cr[k] = ((((r0 + r1 + r2 + r3) << 8) - l) / 256) | 0;
    }
    if (W & 1) lumaRun(rgb, ((y0 + 2 * cy) * stride + x0 + W - 1) * 3, row, luma, 2 * cy * W + W - 1, W, 2);
  }
  // The odd last row, and the odd last column above it (done), have luma only.
  if (H & 1) lumaRun(rgb, ((y0 + H - 1) * stride + x0) * 3, 3, luma, (H - 1) * W, 1, W);
  return p;
}

/** Luma of `n` pixels from RGB offset `i` (step `di` bytes) to plane offset `o` (step `dout`). */
function lumaRun(rgb: Uint8Array, i: number, di: number, luma: Uint16Array, o: number, dout: number, n: number): void {
  for (let k = 0; k < n; k++, i += di, o += dout) luma[o] = (77 * rgb[i] + 150 * rgb[i + 1] + 29 * rgb[i + 2] + 32) >> 6;
}
