/**
 * Geometric verification of point correspondences by RANSAC (Fischler and Bolles 1981, "Random sample consensus",
 * CACM 24(6)): similarity hypotheses (scale, rotation, translation) from random pairs of correspondences, the one
 * with most inliers kept, then refitted by least squares on its inliers, first as a similarity and then as an
 * affine map (which absorbs the mild perspective of a hand-held photo of a flat print) while that keeps or gains
 * inliers. A correspondence can carry the change of its keypoints' orientations: an inlier must then also turn by
 * the model's rotation (a cheap test that rejects most chance agreements). Sampling is seeded: reproducible.
 */
import { seededUniform } from './random';

/** Point correspondences (x1, y1) → (x2, y2), structure of arrays. */
export interface Correspondences {
  x1: Float64Array;
  y1: Float64Array;
  x2: Float64Array;
  y2: Float64Array;
  /** Orientation of the second keypoint minus that of the first, radians (optional). */
  turn?: Float64Array;
  count: number;
}

/** Options of `verifyGeometry`. */
export interface RansacOptions {
  /** Largest reprojection error of an inlier, in the second image's pixels. */
  threshold: number;
  /** Most hypotheses drawn (fewer when the adaptive bound is reached, p = 0.999). */
  iterations: number;
  /** Seed of the sampling. */
  seed: number;
  /** Allowed scale range of the map (second / first). */
  minScale: number;
  maxScale: number;
  /** Largest |turn − rotation| of an inlier, radians (used when `turn` is given). */
  turnTolerance: number;
  /** Largest ratio of the affine map's two singular values (1 = similarity). */
  maxAnisotropy: number;
  /** Smallest distance between the two sampled first-image points, pixels (degenerate pairs are skipped). */
  minSeparation: number;
}

/** The verified map and its support. */
export interface GeometricFit {
  /** x2 = m[0]·x1 + m[1]·y1 + m[2], y2 = m[3]·x1 + m[4]·y1 + m[5]. */
  model: Float64Array;
  /** 1 for each inlier correspondence. */
  inliers: Uint8Array;
  count: number;
  /** Mean scale (square root of the determinant) and rotation (radians) of the map. */
  scale: number;
  rotation: number;
}

/** Wrap an angle to (−π, π]. */
function wrap(a: number): number {
  let x = a % (2 * Math.PI);
  if (x > Math.PI) x -= 2 * Math.PI;
  else if (x <= -Math.PI) x += 2 * Math.PI;
  return x;
}

/** Scale, rotation and anisotropy (ratio of singular values ≥ 1) of the linear part of a model. */
function linearShape(m: Float64Array): { scale: number; rotation: number; anisotropy: number } {
  const [a, b, , c, d] = m;
  const det = a * d - b * c;
  // Singular values of [[a, b], [c, d]] from the closed form of a 2×2 matrix.
  const e = (a + d) / 2, f = (a - d) / 2, g = (c + b) / 2, h = (c - b) / 2;
  const q = Math.hypot(e, h), r = Math.hypot(f, g);
  const s1 = q + r, s2 = Math.abs(q - r);
  return { scale: Math.sqrt(Math.abs(det)), rotation: Math.atan2(c - b, a + d), anisotropy: det > 0 && s2 > 0 ? s1 / s2 : Infinity };
}

/** Count (and mark) the inliers of a model; returns the count and the summed squared error of the inliers. */
function score(c: Correspondences, m: Float64Array, o: RansacOptions, rotation: number, mark: Uint8Array | null): [number, number] {
  const t2 = o.threshold * o.threshold;
  let n = 0;
  let err = 0;
  for (let i = 0; i < c.count; i++) {
    const dx = m[0] * c.x1[i] + m[1] * c.y1[i] + m[2] - c.x2[i];
    const dy = m[3] * c.x1[i] + m[4] * c.y1[i] + m[5] - c.y2[i];
    const e = dx * dx + dy * dy;
    const ok = e <= t2 && (!c.turn || Math.abs(wrap(c.turn[i] - rotation)) <= o.turnTolerance);
    if (mark) mark[i] = ok ? 1 : 0;
    if (ok) {
      n++;
      err += e;
    }
  }
  return [n, err];
}

/** Least-squares similarity (Umeyama-style closed form, no reflection) of the marked correspondences. */
function fitSimilarity(c: Correspondences, use: Uint8Array): Float64Array | null {
  let n = 0, mx1 = 0, my1 = 0, mx2 = 0, my2 = 0;
  for (let i = 0; i < c.count; i++) {
    if (!use[i]) continue;
    n++;
    mx1 += c.x1[i]; my1 += c.y1[i]; mx2 += c.x2[i]; my2 += c.y2[i];
  }
  if (n < 2) return null;
  mx1 /= n; my1 /= n; mx2 /= n; my2 /= n;
  let sxx = 0, sab = 0, sba = 0;
  for (let i = 0; i < c.count; i++) {
    if (!use[i]) continue;
    const u = c.x1[i] - mx1, v = c.y1[i] - my1, p = c.x2[i] - mx2, q = c.y2[i] - my2;
    sxx += u * u + v * v;
    sab += u * p + v * q;
    sba += u * q - v * p;
  }
  if (sxx <= 0) return null;
  const a = sab / sxx, b = sba / sxx;
  return Float64Array.of(a, -b, mx2 - a * mx1 + b * my1, b, a, my2 - b * mx1 - a * my1);
}

/** Least-squares affine map of the marked correspondences (normal equations, 3×3 solved twice). */
function fitAffine(c: Correspondences, use: Uint8Array): Float64Array | null {
  let n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0, syy = 0;
  let bx = 0, bxx = 0, bxy = 0, by = 0, byx = 0, byy = 0;
  for (let i = 0; i < c.count; i++) {
    if (!use[i]) continue;
    const x = c.x1[i], y = c.y1[i], X = c.x2[i], Y = c.y2[i];
    n++; sx += x; sy += y; sxx += x * x; sxy += x * y; syy += y * y;
    bx += X; bxx += X * x; bxy += X * y; by += Y; byx += Y * x; byy += Y * y;
  }
  if (n < 3) return null;
  // [sxx sxy sx; sxy syy sy; sx sy n] · [p q r]ᵀ = [Σ X·x, Σ X·y, Σ X] (and likewise for Y), by Cramer's rule.
  const det = sxx * (syy * n - sy * sy) - sxy * (sxy * n - sy * sx) + sx * (sxy * sy - syy * sx);
  if (Math.abs(det) < 1e-9 * Math.max(1, sxx * syy * n)) return null;
  const solve = (r1: number, r2: number, r3: number): [number, number, number] => [
    (r1 * (syy * n - sy * sy) - sxy * (r2 * n - sy * r3) + sx * (r2 * sy - syy * r3)) / det,
    (sxx * (r2 * n - sy * r3) - r1 * (sxy * n - sy * sx) + sx * (sxy * r3 - r2 * sx)) / det,
    (sxx * (syy * r3 - r2 * sy) - sxy * (sxy * r3 - r2 * sx) + r1 * (sxy * sy - syy * sx)) / det,
  ];
  const [a, b, e] = solve(bxx, bxy, bx);
  const [c2, d, f] = solve(byx, byy, by);
  return Float64Array.of(a, b, e, c2, d, f);
}

/** Whether a model's scale and shape are allowed. */
function plausible(m: Float64Array, o: RansacOptions): boolean {
  const s = linearShape(m);
  return s.scale >= o.minScale && s.scale <= o.maxScale && s.anisotropy <= o.maxAnisotropy;
}

/**
 * The map with the most inliers among similarity hypotheses from random pairs, refined by least squares (similarity,
 * then affine while it does not lose inliers); null when no hypothesis has 2 inliers.
 */
export function verifyGeometry(c: Correspondences, o: RansacOptions): GeometricFit | null {
  const n = c.count;
  if (n < 2) return null;
  const next = seededUniform(o.seed);
  let best: Float64Array | null = null;
  let bestN = 1;
  let bestErr = Infinity;
  let limit = o.iterations;
  const sep2 = o.minSeparation * o.minSeparation;
  const m = new Float64Array(6);
  for (let it = 0; it < limit; it++) {
    const i = Math.floor(next() * n);
    let j = Math.floor(next() * (n - 1));
    if (j >= i) j++;
    const dx1 = c.x1[j] - c.x1[i], dy1 = c.y1[j] - c.y1[i];
    const dx2 = c.x2[j] - c.x2[i], dy2 = c.y2[j] - c.y2[i];
    const den = dx1 * dx1 + dy1 * dy1;
    if (den < sep2) continue;
    const a = (dx1 * dx2 + dy1 * dy2) / den;
    const b = (dx1 * dy2 - dy1 * dx2) / den;
    const s = Math.hypot(a, b);
    if (s < o.minScale || s > o.maxScale) continue;
    m[0] = a; m[1] = -b; m[2] = c.x2[i] - a * c.x1[i] + b * c.y1[i];
    m[3] = b; m[4] = a; m[5] = c.y2[i] - b * c.x1[i] - a * c.y1[i];
    const [k, err] = score(c, m, o, Math.atan2(b, a), null);
    if (k > bestN || (k === bestN && err < bestErr)) {
      best = Float64Array.from(m);
      bestN = k;
      bestErr = err;
      // Adaptive bound on the number of draws for p = 0.999 of one all-inlier pair.
      const w = k / n;
      const need = Math.ceil(Math.log(0.001) / Math.log(Math.max(1e-12, 1 - w * w)));
      limit = Math.min(limit, Math.max(need, 20));
    }
  }
  if (!best) return null;
  const mark = new Uint8Array(n);
  let model = best;
  let [count] = score(c, model, o, linearShape(model).rotation, mark);
  for (let round = 0; round < 3; round++) {
    const sim = fitSimilarity(c, mark);
    const aff = count >= 6 ? fitAffine(c, mark) : null;
    let improved = false;
    for (const cand of [sim, aff]) {
      if (!cand || !plausible(cand, o)) continue;
      const [k] = score(c, cand, o, linearShape(cand).rotation, null);
      if (k >= count) {
        model = cand;
        count = k;
        improved = true;
      }
    }
    score(c, model, o, linearShape(model).rotation, mark);
    if (!improved) break;
  }
  const shape = linearShape(model);
  return { model, inliers: mark, count, scale: shape.scale, rotation: shape.rotation };
}
