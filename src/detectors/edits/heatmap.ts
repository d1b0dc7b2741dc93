/**
 * The reviewer's heatmap of the edits model: the photo in dim grey with the model's per-window probability of a
 * local edit in red over it (opaque at 1; none on windows too clipped or dark to judge), the reported region
 * outlined in yellow where the signal's `region` lies (region.ts: the stride cell around each window's centre, half a
 * stride inside the windows' outer edges). Drawn at the window grid's
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
  // The outline in picture pixels: window x's centre is stride x + 1, and the region spans half a stride either side
  // of its first and last windows' centres (region.ts), so strides x0 + ½ … x1 + 1½.
  const left = box ? Math.round((box.x0 + 0.5) * cell) : -1, right = box ? Math.round((box.x1 + 1.5) * cell) - 1 : -1;
  const top = box ? Math.round((box.y0 + 0.5) * cell) : -1, bottom = box ? Math.round((box.y1 + 1.5) * cell) - 1 : -1;
  for (let sy = 0; sy <= rows; sy++) {
    const wy = Math.min(sy, rows - 1);
    for (let sx = 0; sx <= cols; sx++) {
      const wx = Math.min(sx, cols - 1);
      const w = wy * cols + wx;
      const grey = 40 + 120 * f.abs[w * FEATURES];
      const p = f.valid[w] ? prob[w] : 0;
      const r = Math.round(grey * (1 - p) + 235 * p), g = Math.round(grey * (1 - p) + 30 * p), b = Math.round(grey * (1 - p) + 30 * p);
      for (let y = sy * cell; y < (sy + 1) * cell; y++) {
        for (let x = sx * cell; x < (sx + 1) * cell; x++) {
          const i = (y * W + x) * 3;
          const outline = box !== null && x >= left && x <= right && y >= top && y <= bottom && (x === left || x === right || y === top || y === bottom);
          data[i] = outline ? 255 : r;
          data[i + 1] = outline ? 220 : g;
          data[i + 2] = outline ? 0 : b;
        }
      }
    }
  }
  return { data, width: W, height: H, channels: 3 };
}
