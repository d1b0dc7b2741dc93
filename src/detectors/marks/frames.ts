/**
 * Where a picture sits inside a screenshot: a phone screenshot shows the image between flat app chrome (status
 * bar, header, input bar, page background), so a mark drawn in the image's corner is in a corner of that inner
 * rectangle, not of the screenshot. This finds the tallest band of rows that are not chrome (flat, in a colour of
 * the screen's top and bottom bars), and the columns inside it that are not chrome, on a grey plane.
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
/**
 * App chrome sits at the top and bottom of a phone screen: status bar and app bar (iOS 47–59 + 44 pt of 844 pt,
 * Android 24 + 56 dp of ~800 dp: 10–12 % of the height), home indicator and input bar at the bottom (~10 %). The
 * colours of the flat rows within this fraction of the top and bottom are the chrome's colours.
 */
const CHROME_EDGE = 0.15;
/**
 * A flat row or column within this many grey levels of a chrome colour is chrome (flat UI colour keeps its level
 * within ±2 after JPEG/WebP at q ≥ 60); a flat row of another colour is part of the picture (a white product
 * backdrop, a plain wall), which the flatness test alone took for chrome and which cut the picture short.
 */
const CHROME_TOL = 3;

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

/** Mean grey level of each row (columns x0..x1) for rows y0..y1. */
function rowMean(p: Plane8, x0: number, x1: number, y0: number, y1: number): Float64Array {
  const out = new Float64Array(y1 - y0);
  const { data, width } = p;
  for (let y = y0; y < y1; y++) {
    let s = 0;
    const row = y * width;
    for (let x = x0; x < x1; x++) s += data[row + x];
    out[y - y0] = s / Math.max(1, x1 - x0);
  }
  return out;
}

/** Mean grey level of each column (x0..x1) over rows y0..y1. */
function columnMean(p: Plane8, x0: number, x1: number, y0: number, y1: number): Float64Array {
  const out = new Float64Array(x1 - x0);
  const { data, width } = p;
  for (let y = y0; y < y1; y++) {
    const row = y * width;
    for (let x = x0; x < x1; x++) out[x - x0] += data[row + x];
  }
  for (let i = 0; i < out.length; i++) out[i] /= Math.max(1, y1 - y0);
  return out;
}

/**
 * 1 for each line (row or column) that is not chrome, 0 for chrome: flat (`variation` under FLAT_TV) and within
 * CHROME_TOL of one of `colours`.
 */
function pictureLines(variation: Float64Array, mean: Float64Array, colours: readonly number[]): Float64Array {
  return Float64Array.from(variation, (v, i) => (v < FLAT_TV && colours.some((c) => Math.abs(c - mean[i]) <= CHROME_TOL) ? 0 : 1));
}

/**
 * The picture inside a screenshot-like plane: the tallest band of rows that are not app chrome, narrowed to its
 * columns that are not chrome, when chrome surrounds it. Chrome is flat and of a colour the flat rows at the top
 * and bottom of the screen have (CHROME_EDGE). Null when the plane is the picture (no chrome to speak of).
 */
export function innerPicture(p: Plane8): Frame | null {
  const { width: W, height: H } = p;
  if (W < 16 || H < 16) return null;
  const variation = rowVariation(p, 0, W, 0, H);
  const mean = rowMean(p, 0, W, 0, H);
  const edge = Math.ceil(CHROME_EDGE * H);
  const colours: number[] = [];
  for (let y = 0; y < H; y++) {
    if (y === edge) y = Math.max(edge, H - edge);
    if (variation[y] < FLAT_TV && !colours.some((c) => Math.abs(c - mean[y]) <= CHROME_TOL)) colours.push(mean[y]);
  }
  if (colours.length === 0) return null;
  const rows = longestRun(pictureLines(variation, mean, colours), 1);
  if (!rows) return null;
  const [y0, y1] = rows;
  if (y1 - y0 < MIN_FRACTION * H) return null;
  const cols = longestRun(pictureLines(columnVariation(p, 0, W, y0, y1), columnMean(p, 0, W, y0, y1), colours), 1);
  if (!cols) return null;
  const [x0, x1] = cols;
  if (x1 - x0 < MIN_FRACTION * W) return null;
  const chrome = H - (y1 - y0) + ((W - (x1 - x0)) * (y1 - y0)) / W;
  if (chrome < MIN_CHROME * H) return null;
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}
