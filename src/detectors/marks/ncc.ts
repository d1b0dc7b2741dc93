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
  return { width, height, pad, data, sat: summedArea(data, width, height), sat2: summedArea(sq, width, height) };
}

/** A float plane with its summed-area tables (of values and of squares), ready to be scanned. */
export interface ScanPlane {
  data: Float32Array;
  width: number;
  height: number;
  sat: Float64Array;
  sat2: Float64Array;
}

/** Build the summed-area tables of a plane. */
export function scanPlane(data: Float32Array, width: number, height: number): ScanPlane {
  const sq = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) sq[i] = data[i] * data[i];
  return { data, width, height, sat: summedArea(data, width, height), sat2: summedArea(sq, width, height) };
}

/**
 * Signed NCC (−1..1) of the template with its top-left corner at (px, py) of the plane, over the part of the
 * template inside the plane. NaN when less than `minVisible` (0..1) of the template is inside, or when the window
 * is flat (standard deviation under `minStd` levels): no texture, no mark.
 */
export function nccAt(plane: ScanPlane, t: PreparedTemplate, px: number, py: number, minVisible: number, minStd: number): number {
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
  const pd = plane.data;
  const td = t.data;
  let sIT = 0;
  for (let y = ay; y < by; y++) {
    let pi = (py + y) * plane.width + px + ax;
    let ti = y * t.width + ax;
    for (let x = ax; x < bx; x++) sIT += pd[pi++] * td[ti++];
  }
  return (sIT - (sI * sT) / n) / Math.sqrt(vI * vT);
}
