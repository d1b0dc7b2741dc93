/**
 * Masked zero-mean normalised cross-correlation (Lewis 1995, "Fast normalized cross-correlation") of a template
 * against a float plane. Window sums come from summed-area tables, so flat windows are rejected before the inner
 * loop; the template may hang over the plane's edges (a mark partly cropped off the image) and is then compared on
 * its visible part only.
 */
import { rectSum, summedArea } from '../../pixels/integral';
import { sampleArea } from './resample';

/** A template resampled for one search level: the mark plus a background margin, as ink coverage 0..1. */
export interface PreparedTemplate {
  /** Padded size in pixels. */
  width: number;
  height: number;
  /** Background margin on each side, in pixels. */
  pad: number;
  /** Coverage, row-major. */
  data: Float32Array;
  /** Summed-area tables of `data` and of its squares. */
  sat: Float64Array;
  sat2: Float64Array;
  /**
   * The runs of non-zero coverage, row by row: row y's runs are `runs[2k]..runs[2k+1]` (start, end exclusive) for k
   * from `rowRuns[y]` to `rowRuns[y + 1]`. The margin and the gaps between strokes are zero (about 45 % of a
   * text template), and a zero term adds exactly nothing to the correlation sum, so the scan skips them.
   */
  runs: Int32Array;
  rowRuns: Int32Array;
}

/** The runs of non-zero values of each row of a `width × height` plane (see `PreparedTemplate.runs`). */
function nonZeroRuns(data: Float32Array, width: number, height: number): { runs: Int32Array; rowRuns: Int32Array } {
  const runs: number[] = [];
  const rowRuns = new Int32Array(height + 1);
  for (let y = 0; y < height; y++) {
    rowRuns[y] = runs.length >> 1;
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if (data[row + x] === 0) continue;
      const start = x;
      while (x < width && data[row + x] !== 0) x++;
      runs.push(start, x);
    }
  }
  rowRuns[height] = runs.length >> 1;
  return { runs: Int32Array.from(runs), rowRuns };
}

/**
 * Resample a coverage template (0..1, `w × h`) so the mark is `markHeight` pixels high, and surround it with
 * `pad` pixels of background: the margin is part of what a mark looks like (ink on a calm patch).
 */
export function prepareTemplate(coverage: Float32Array, w: number, h: number, markHeight: number, pad: number): PreparedTemplate {
  const mw = Math.max(1, Math.round((w * markHeight) / h));
  const inner = sampleArea(summedArea(coverage, w, h), w, h, 0, 0, h / markHeight, mw, markHeight);
  const width = mw + 2 * pad;
  const height = markHeight + 2 * pad;
  const data = new Float32Array(width * height);
  for (let y = 0; y < markHeight; y++) data.set(inner.subarray(y * mw, (y + 1) * mw), (y + pad) * width + pad);
  const sq = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) sq[i] = data[i] * data[i];
  return { width, height, pad, data, sat: summedArea(data, width, height), sat2: summedArea(sq, width, height), ...nonZeroRuns(data, width, height) };
}

/** A float plane with its summed-area tables (of values and of squares), ready to be scanned. */
export interface ScanPlane {
  data: Float32Array;
  width: number;
  height: number;
  sat: Float64Array;
  sat2: Float64Array;
  /**
   * The plane inside a border of zeros, `marginX` columns left and right, `marginY` rows above and below: a window
   * hanging over the plane's edge reads zeros there, which add exactly nothing to its correlation sum, so `nccRow`
   * scores such windows with the same loop as inside ones.
   */
  zeroPadded: Float32Array;
  marginX: number;
  marginY: number;
}

/** Build the summed-area tables of a plane, and its copy inside a zero border (see `ScanPlane.zeroPadded`). */
export function scanPlane(data: Float32Array, width: number, height: number, marginX = 0, marginY = 0): ScanPlane {
  const sq = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) sq[i] = data[i] * data[i];
  let zeroPadded = data;
  if (marginX > 0 || marginY > 0) {
    const pw = width + 2 * marginX;
    zeroPadded = new Float32Array(pw * (height + 2 * marginY));
    for (let y = 0; y < height; y++) zeroPadded.set(data.subarray(y * width, (y + 1) * width), (y + marginY) * pw + marginX);
  }
  return { data, width, height, sat: summedArea(data, width, height), sat2: summedArea(sq, width, height), zeroPadded, marginX, marginY };
}

/** `windowTerms` leaves the window's mean term sI·sT/n here (one number; the search is synchronous). */
const meanTerm = new Float64Array(1);

/**
 * The NCC denominator √(vI·vT) of the template at (px, py) over the part of it inside the plane, with sI·sT/n in
 * `meanTerm[0]`; NaN when less than `minVisible` of the template is inside or either side is flat.
 */
function windowTerms(plane: ScanPlane, t: PreparedTemplate, px: number, py: number, minVisible: number, minStd: number): number {
  const ax = px < 0 ? -px : 0;
  const ay = py < 0 ? -py : 0;
  const bx = Math.min(t.width, plane.width - px);
  const by = Math.min(t.height, plane.height - py);
  if (bx <= ax || by <= ay) return NaN;
  const n = (bx - ax) * (by - ay);
  if (n < minVisible * t.width * t.height) return NaN;
  const psw = plane.width + 1;
  const sI = rectSum(plane.sat, psw, px + ax, py + ay, px + bx, py + by);
  const vI = rectSum(plane.sat2, psw, px + ax, py + ay, px + bx, py + by) - (sI * sI) / n;
  if (vI < minStd * minStd * n) return NaN;
  const tsw = t.width + 1;
  const sT = rectSum(t.sat, tsw, ax, ay, bx, by);
  const vT = rectSum(t.sat2, tsw, ax, ay, bx, by) - (sT * sT) / n;
  if (vT <= 1e-6 * n) return NaN;
  meanTerm[0] = (sI * sT) / n;
  return Math.sqrt(vI * vT);
}

/**
 * Signed NCC (−1..1) of the template with its top-left corner at (px, py) of the plane, over the part of the
 * template inside the plane. NaN when less than `minVisible` (0..1) of the template is inside, or when the window
 * is flat (standard deviation under `minStd` levels): no texture, no mark.
 */
export function nccAt(plane: ScanPlane, t: PreparedTemplate, px: number, py: number, minVisible: number, minStd: number): number {
  const d = windowTerms(plane, t, px, py, minVisible, minStd);
  if (Number.isNaN(d)) return NaN;
  const mean = meanTerm[0];
  const ax = px < 0 ? -px : 0;
  const ay = py < 0 ? -py : 0;
  const bx = Math.min(t.width, plane.width - px);
  const by = Math.min(t.height, plane.height - py);
  const pd = plane.data;
  const td = t.data;
  const { runs, rowRuns } = t;
  // Zero template terms skipped (see `runs`): the same sum, added in the same order, as over every pixel.
  let sIT = 0;
  for (let y = ay; y < by; y++) {
    const po = (py + y) * plane.width + px;
    const to = y * t.width;
    for (let k = rowRuns[y], kEnd = rowRuns[y + 1]; k < kEnd; k++) {
      const x0 = runs[2 * k] > ax ? runs[2 * k] : ax;
      const x1 = runs[2 * k + 1] < bx ? runs[2 * k + 1] : bx;
      for (let x = x0; x < x1; x++) sIT += pd[po + x] * td[to + x];
    }
  }
  return (sIT - mean) / d;
}

/** Positions `nccRow` scores side by side: four running sums hide the latency of a floating-point addition. */
export const NCC_BLOCK = 4;

/**
 * `nccAt` at the positions (px + i·stride, py), i < `count` (≤ NCC_BLOCK), written to `out[i]`: the same values
 * bit for bit. When the four windows lie inside the zero-padded plane their correlation sums run side by side, each
 * adding its terms in `nccAt`'s order (the zeros outside the plane add exactly nothing); the CPU overlaps the four
 * chains of additions, about twice as fast as one window at a time.
 */
export function nccRow(plane: ScanPlane, t: PreparedTemplate, px: number, py: number, stride: number, count: number, out: Float64Array, minVisible: number, minStd: number): void {
  const { marginX, marginY } = plane;
  const s1 = stride;
  const s2 = 2 * stride;
  const s3 = 3 * stride;
  let blocked = count === NCC_BLOCK && px >= -marginX && py >= -marginY && px + s3 + t.width <= plane.width + marginX && py + t.height <= plane.height + marginY;
  // The window terms first: flat windows (UI chrome, sky) need no correlation sum at all.
  const d0 = blocked ? windowTerms(plane, t, px, py, minVisible, minStd) : NaN;
  const m0 = meanTerm[0];
  const d1 = blocked ? windowTerms(plane, t, px + s1, py, minVisible, minStd) : NaN;
  const m1 = meanTerm[0];
  const d2 = blocked ? windowTerms(plane, t, px + s2, py, minVisible, minStd) : NaN;
  const m2 = meanTerm[0];
  const d3 = blocked ? windowTerms(plane, t, px + s3, py, minVisible, minStd) : NaN;
  const m3 = meanTerm[0];
  const flat = +Number.isNaN(d0) + +Number.isNaN(d1) + +Number.isNaN(d2) + +Number.isNaN(d3);
  if (blocked && flat === NCC_BLOCK) {
    out.fill(NaN, 0, NCC_BLOCK);
    return;
  }
  // Two or more flat windows: scoring the others one by one costs less.
  if (flat >= 2) blocked = false;
  if (!blocked) {
    for (let i = 0; i < count; i++) out[i] = nccAt(plane, t, px + i * stride, py, minVisible, minStd);
    return;
  }
  const pw = plane.width + 2 * marginX;
  const pd = plane.zeroPadded;
  const td = t.data;
  const { runs, rowRuns } = t;
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let a3 = 0;
  for (let y = 0; y < t.height; y++) {
    const po = (py + marginY + y) * pw + px + marginX;
    const to = y * t.width;
    for (let k = rowRuns[y], kEnd = rowRuns[y + 1]; k < kEnd; k++) {
      for (let x = runs[2 * k], x1 = runs[2 * k + 1]; x < x1; x++) {
        const w = td[to + x];
        const p = po + x;
        a0 += pd[p] * w;
        a1 += pd[p + s1] * w;
        a2 += pd[p + s2] * w;
        a3 += pd[p + s3] * w;
      }
    }
  }
  out[0] = (a0 - m0) / d0;
  out[1] = (a1 - m1) / d1;
  out[2] = (a2 - m2) / d2;
  out[3] = (a3 - m3) / d3;
}
