/**
 * Oriented corner keypoints on an 8-bit grey plane, the detector half of ORB (Rublee, Rabaud, Konolige and Bradski
 * 2011, "ORB: an efficient alternative to SIFT or SURF", ICCV): FAST-9 segment-test corners (Rosten and Drummond
 * 2006, "Machine learning for high-speed corner detection", ECCV: 9 contiguous pixels of the radius-3 Bresenham
 * circle all brighter or all darker than the centre by a threshold), ranked by the Harris corner response (Harris and
 * Stephens 1988, k = 0.04, 7×7 window as in ORB) after 3×3 non-maximum suppression, and oriented by the intensity
 * centroid of a radius-15 disc (Rosin 1999, as in ORB). One pass per plane, typed arrays, no per-pixel allocation.
 */

/** Keypoints of one plane, structure of arrays. */
export interface Corners {
  /** Pixel coordinates (integers: FAST works on the pixel grid). */
  x: Int32Array;
  y: Int32Array;
  /** Harris response (larger = stronger corner). */
  score: Float32Array;
  /** Orientation, radians in (−π, π], from the intensity centroid. */
  angle: Float32Array;
  count: number;
}

/** The 16 offsets of the radius-3 Bresenham circle, clockwise from the top. */
const CIRCLE_X = [0, 1, 2, 3, 3, 3, 2, 1, 0, -1, -2, -3, -3, -3, -2, -1];
const CIRCLE_Y = [-3, -3, -2, -1, 0, 1, 2, 3, 3, 3, 2, 1, 0, -1, -2, -3];
/** Arc length of FAST-9. */
const ARC = 9;
/** Harris constant (Harris and Stephens 1988; the value ORB and OpenCV use). */
const HARRIS_K = 0.04;
/** Half of the Harris window (7×7). */
const HARRIS_R = 3;
/** Radius of the orientation disc (ORB's 31-px patch). */
export const PATCH_RADIUS = 15;

/** Row extents of the orientation disc: for dy in −R..R, the half-width of the disc. */
const DISC = Int32Array.from({ length: 2 * PATCH_RADIUS + 1 }, (_v, i) => Math.floor(Math.sqrt(PATCH_RADIUS * PATCH_RADIUS - (i - PATCH_RADIUS) ** 2)));

/**
 * FAST-9 corners of `grey` (w × h, row-major) with intensity threshold `threshold`, kept at least `border` pixels
 * (and at least the orientation disc's radius) from every edge, suppressed to 3×3 local maxima of the Harris
 * response, strongest `max` first, oriented.
 */
export function detectCorners(grey: Uint8Array, w: number, h: number, threshold: number, border: number, max: number): Corners {
  const b = Math.max(border, PATCH_RADIUS);
  const off = new Int32Array(16);
  for (let k = 0; k < 16; k++) off[k] = CIRCLE_Y[k] * w + CIRCLE_X[k];
  // Harris response of the segment-test corners (0 elsewhere): the candidates are its positive cells.
  const response = new Float32Array(w * h);
  for (let y = b; y < h - b; y++) {
    for (let x = b; x < w - b; x++) {
      const p = y * w + x;
      const c = grey[p];
      const hi = c + threshold;
      const lo = c - threshold;
      // Quick rejection (Rosten and Drummond): a 9-arc covers at least two of the four compass points.
      const n0 = grey[p + off[0]], n4 = grey[p + off[4]], n8 = grey[p + off[8]], n12 = grey[p + off[12]];
      const bright = (n0 > hi ? 1 : 0) + (n4 > hi ? 1 : 0) + (n8 > hi ? 1 : 0) + (n12 > hi ? 1 : 0);
      const dark = (n0 < lo ? 1 : 0) + (n4 < lo ? 1 : 0) + (n8 < lo ? 1 : 0) + (n12 < lo ? 1 : 0);
      if (bright < 2 && dark < 2) continue;
      if (!segment(grey, p, off, hi, lo)) continue;
      const r = harris(grey, w, x, y);
      if (r > 0) response[p] = r;
    }
  }
  // 3×3 non-maximum suppression on the Harris response (ties: the first in raster order wins).
  const kept: number[] = [];
  for (let y = b; y < h - b; y++) {
    for (let p = y * w + b; p < y * w + w - b; p++) {
      const r = response[p];
      if (r <= 0) continue;
      if (
        r < response[p - w - 1] || r < response[p - w] || r < response[p - w + 1] || r < response[p - 1] ||
        r <= response[p + 1] || r <= response[p + w - 1] || r <= response[p + w] || r <= response[p + w + 1]
      ) continue;
      kept.push(p);
    }
  }
  kept.sort((a, c) => response[c] - response[a] || a - c);
  const n = Math.min(max, kept.length);
  const out: Corners = { x: new Int32Array(n), y: new Int32Array(n), score: new Float32Array(n), angle: new Float32Array(n), count: n };
  for (let i = 0; i < n; i++) {
    const p = kept[i];
    const x = p % w;
    const y = (p - x) / w;
    out.x[i] = x;
    out.y[i] = y;
    out.score[i] = response[p];
    out.angle[i] = centroidAngle(grey, w, x, y);
  }
  return out;
}

/** True when 9 contiguous circle pixels (with wrap-around) are all above `hi` or all below `lo`. */
function segment(grey: Uint8Array, p: number, off: Int32Array, hi: number, lo: number): boolean {
  let runB = 0;
  let runD = 0;
  // Two turns of the circle find an arc that wraps past the start.
  for (let k = 0; k < 16 + ARC - 1; k++) {
    const v = grey[p + off[k & 15]];
    if (v > hi) {
      runB++;
      runD = 0;
      if (runB >= ARC) return true;
    } else if (v < lo) {
      runD++;
      runB = 0;
      if (runD >= ARC) return true;
    } else {
      runB = 0;
      runD = 0;
    }
  }
  return false;
}

/** Harris response at (x, y) over a 7×7 window of central-difference gradients. */
function harris(grey: Uint8Array, w: number, x: number, y: number): number {
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let dy = -HARRIS_R; dy <= HARRIS_R; dy++) {
    let i = (y + dy) * w + x - HARRIS_R;
    for (let dx = -HARRIS_R; dx <= HARRIS_R; dx++, i++) {
      const gx = grey[i + 1] - grey[i - 1];
      const gy = grey[i + w] - grey[i - w];
      sxx += gx * gx;
      syy += gy * gy;
      sxy += gx * gy;
    }
  }
  const tr = sxx + syy;
  return sxx * syy - sxy * sxy - HARRIS_K * tr * tr;
}

/** Orientation of the intensity centroid of the radius-15 disc around (x, y): atan2(m01, m10). */
function centroidAngle(grey: Uint8Array, w: number, x: number, y: number): number {
  let m10 = 0;
  let m01 = 0;
  for (let dy = -PATCH_RADIUS; dy <= PATCH_RADIUS; dy++) {
    const half = DISC[dy + PATCH_RADIUS];
    const row = (y + dy) * w + x;
    let sum = 0;
    for (let dx = -half; dx <= half; dx++) {
      const v = grey[row + dx];
      m10 += dx * v;
      sum += v;
    }
    m01 += dy * sum;
  }
  return Math.atan2(m01, m10);
}
