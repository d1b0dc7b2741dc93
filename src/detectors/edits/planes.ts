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
 * (the whole image by default).
 * @throws RangeError when the rectangle does not fit the buffer.
 */
export function workingPlanes(rgb: Uint8Array, stride: number, rows: number, rect?: { x0: number; y0: number; width: number; height: number }): WorkingPlanes {
  const { x0, y0, width: W, height: H } = rect ?? { x0: 0, y0: 0, width: stride, height: rows };
  if (rgb.length < stride * rows * 3 || x0 < 0 || y0 < 0 || x0 + W > stride || y0 + H > rows) {
    throw new RangeError(`workingPlanes: a ${W}×${H} rectangle at (${x0}, ${y0}) does not fit ${stride}×${rows} RGB of ${rgb.length} bytes`);
  }
  const luma = new Uint16Array(W * H);
  const cw = W >> 1, ch = H >> 1;
  const cb = new Int16Array(cw * ch), cr = new Int16Array(cw * ch);
  // Chroma sums of a pair of rows, in 1/256 level (77 + 150 + 29 = 256 weights), folded to half resolution.
  const cbAcc = new Int32Array(cw), crAcc = new Int32Array(cw);
  for (let y = 0; y < H; y++) {
    const out = y * W;
    const pair = y < ch * 2;
    for (let x = 0, i = ((y0 + y) * stride + x0) * 3; x < W; x++, i += 3) {
      const r = rgb[i], g = rgb[i + 1], b = rgb[i + 2];
      const l = 77 * r + 150 * g + 29 * b;
      luma[out + x] = (l + 32) >> 6;
      if (pair && x < cw * 2) {
        cbAcc[x >> 1] += (b << 8) - l;
        crAcc[x >> 1] += (r << 8) - l;
      }
    }
    if (pair && y & 1) {
      const o = (y >> 1) * cw;
      for (let x = 0; x < cw; x++) {
        // Sum of 4 values in 1/256 level → mean in quarter levels: / (4 · 64), truncated toward zero.
        cb[o + x] = (cbAcc[x] / 256) | 0;
        cr[o + x] = (crAcc[x] / 256) | 0;
      }
      cbAcc.fill(0);
      crAcc.fill(0);
    }
  }
  return { luma, width: W, height: H, cb, cr, cw, ch };
}
