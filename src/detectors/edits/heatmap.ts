/**
 * The reviewer's heatmap of the edits model: the photo in dim grey with the model's per-window probability of a
 * local edit in red over it (opaque at 1; none on windows too clipped or dark to judge), the reported region
 * outlined in yellow. Drawn at the window grid's
 * own resolution (8 pixels per 16-pixel stride), capped near 1024 pixels on the long side.
 */
import type { RawImage } from '../../pixels/types';
import { FEATURES, type WindowFeatures } from './features';

/** A box in window units (x0..x1 inclusive). */
export interface WindowBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * Render the probability map over the photo's brightness (the `brightness` window feature).
 * @param prob probability per window, row-major over `f.cols × f.rows`.
 */
export function heatmapRgb(f: WindowFeatures, prob: Float32Array, box: WindowBox | null): RawImage {
  const { cols, rows } = f;
  const cell = Math.max(1, Math.min(8, Math.floor(1024 / Math.max(cols + 1, rows + 1))));
  // Windows overlap by half: the picture is (cols + 1) × (rows + 1) strides; stride s shows window min(s, cols − 1).
  const W = (cols + 1) * cell, H = (rows + 1) * cell;
  const data = new Uint8Array(W * H * 3);
  for (let sy = 0; sy <= rows; sy++) {
    const wy = Math.min(sy, rows - 1);
    for (let sx = 0; sx <= cols; sx++) {
      const wx = Math.min(sx, cols - 1);
      const w = wy * cols + wx;
      const grey = 40 + 120 * f.abs[w * FEATURES];
      const p = f.valid[w] ? prob[w] : 0;
      const r = Math.round(grey * (1 - p) + 235 * p), g = Math.round(grey * (1 - p) + 30 * p), b = Math.round(grey * (1 - p) + 30 * p);
      const inBox = box && sx >= box.x0 && sx <= box.x1 + 1 && sy >= box.y0 && sy <= box.y1 + 1;
      for (let y = sy * cell; y < (sy + 1) * cell; y++) {
        for (let x = sx * cell; x < (sx + 1) * cell; x++) {
          const i = (y * W + x) * 3;
          const outline = inBox && (x === box.x0 * cell || x === (box.x1 + 2) * cell - 1 || y === box.y0 * cell || y === (box.y1 + 2) * cell - 1);
          data[i] = outline ? 255 : r;
          data[i + 1] = outline ? 220 : g;
          data[i + 2] = outline ? 0 : b;
        }
      }
    }
  }
  return { data, width: W, height: H, channels: 3 };
}
