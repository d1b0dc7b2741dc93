/**
 * Where a picture sits inside a screenshot: a phone screenshot shows the image between flat app chrome (status
 * bar, header, input bar, page background), so a mark drawn in the image's corner is in a corner of that inner
 * rectangle, not of the screenshot. This finds the tallest band of textured rows bordered by flat rows, and the
 * textured columns inside it, on a grey plane.
 */
import type { Plane8 } from './resample';

/** A rectangle of the plane, in plane pixels. */
export interface Frame {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Mean absolute difference of neighbouring pixels under which a row or column counts as flat app chrome. UI
 * backgrounds are flat colour (difference ~0 after JPEG/WebP at q ≥ 60: < 0.6 on every marks-set v2 screenshot
 * frame, tune part); photo rows, even of a plain backdrop, carry sensor noise and texture (≥ 1.5 on the tune
 * backgrounds' rows outside blown-out skies).
 */
const FLAT_TV = 1;
/** The picture must be at least this fraction of the plane's height and width (smaller: an icon, not a picture). */
const MIN_FRACTION = 0.2;
/** Flat rows must take at least this fraction of the height, or the plane is the picture itself. */
const MIN_CHROME = 0.06;

/** Mean |Δ| along each row (horizontal neighbours) for rows y0..y1, columns x0..x1. */
function rowVariation(p: Plane8, x0: number, x1: number, y0: number, y1: number): Float64Array {
  const out = new Float64Array(y1 - y0);
  const { data, width } = p;
  for (let y = y0; y < y1; y++) {
    let s = 0;
    const row = y * width;
    for (let x = x0 + 1; x < x1; x++) {
      const d = data[row + x] - data[row + x - 1];
      // |d| without a branch (photo noise makes its sign unpredictable): exact for integers.
      s += (d ^ (d >> 31)) - (d >> 31);
    }
    out[y - y0] = s / Math.max(1, x1 - x0 - 1);
  }
  return out;
}

/** Mean |Δ| down each column (vertical neighbours) for columns x0..x1 over rows y0..y1. */
function columnVariation(p: Plane8, x0: number, x1: number, y0: number, y1: number): Float64Array {
  const out = new Float64Array(x1 - x0);
  const { data, width } = p;
  for (let y = y0 + 1; y < y1; y++) {
    const row = y * width;
    for (let x = x0; x < x1; x++) {
      const d = data[row + x] - data[row - width + x];
      out[x - x0] += (d ^ (d >> 31)) - (d >> 31);
    }
  }
  for (let i = 0; i < out.length; i++) out[i] /= Math.max(1, y1 - y0 - 1);
  return out;
}

/** The longest run of values ≥ `min` (start, end exclusive), or null. */
function longestRun(v: Float64Array, min: number): [number, number] | null {
  let best: [number, number] | null = null;
  let start = -1;
  for (let i = 0; i <= v.length; i++) {
    const on = i < v.length && v[i] >= min;
    if (on && start < 0) start = i;
    if (!on && start >= 0) {
      if (!best || i - start > best[1] - best[0]) best = [start, i];
      start = -1;
    }
  }
  return best;
}

/**
 * The picture inside a screenshot-like plane: the tallest band of non-flat rows, narrowed to its non-flat
 * columns, when flat chrome surrounds it. Null when the plane is the picture (no flat border to speak of).
 */
export function innerPicture(p: Plane8): Frame | null {
  const { width: W, height: H } = p;
  if (W < 16 || H < 16) return null;
  const rows = longestRun(rowVariation(p, 0, W, 0, H), FLAT_TV);
  if (!rows) return null;
  const [y0, y1] = rows;
  if (y1 - y0 < MIN_FRACTION * H) return null;
  const cols = longestRun(columnVariation(p, 0, W, y0, y1), FLAT_TV);
  if (!cols) return null;
  const [x0, x1] = cols;
  if (x1 - x0 < MIN_FRACTION * W) return null;
  const chrome = H - (y1 - y0) + ((W - (x1 - x0)) * (y1 - y0)) / W;
  if (chrome < MIN_CHROME * H) return null;
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}
