/**
 * The reviewer's heatmap of the noise z-map: one flat-coloured square per block — blue where the noise is
 * lower than in comparable areas of the photo, red where it is higher, grey where the block was not judged
 * (clipped) — with the reported region outlined in yellow.
 */
import type { RawImage } from '../../pixels/types';

/** A box in block units. */
interface BlockBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** |z| at which the colour saturates. */
const Z_FULL = 4;

/**
 * Render the z-map as RGB, `cell` pixels per block, with the side capped near 1024 pixels.
 * @param z per-block z-scores, row-major `cols × rows`.
 */
export function heatmapRgb(z: Float32Array, valid: Uint8Array, cols: number, rows: number, box?: BlockBox): RawImage {
  const cell = Math.max(1, Math.min(16, Math.floor(1024 / Math.max(cols, rows, 1))));
  const W = Math.max(1, cols * cell), H = Math.max(1, rows * cell);
  const data = new Uint8Array(W * H * 3);
  for (let by = 0; by < rows; by++) {
    for (let bx = 0; bx < cols; bx++) {
      const k = by * cols + bx;
      let r = 128, g = 128, b = 128;
      if (valid[k]) {
        const a = Math.min(1, Math.abs(z[k]) / Z_FULL);
        const lo = Math.round(235 * (1 - a) + 20 * a);
        if (z[k] < 0) [r, g, b] = [lo, lo, 235];
        else [r, g, b] = [235, lo, lo];
      }
      const edge = box && bx >= box.x && bx < box.x + box.width && by >= box.y && by < box.y + box.height;
      for (let y = by * cell; y < (by + 1) * cell; y++) {
        for (let x = bx * cell; x < (bx + 1) * cell; x++) {
          const i = (y * W + x) * 3;
          const outline = edge && (x === box.x * cell || x === (box.x + box.width) * cell - 1 || y === box.y * cell || y === (box.y + box.height) * cell - 1);
          data[i] = outline ? 255 : r;
          data[i + 1] = outline ? 220 : g;
          data[i + 2] = outline ? 0 : b;
        }
      }
    }
  }
  return { data, width: W, height: H, channels: 3 };
}
