/**
 * Where does the catalog photo sit in the claim? A similarity transform (scale, small rotation, mirror,
 * position) found by normalised cross-correlation: an exhaustive template search over scales and positions on a
 * 40-px grid (covers crop, rescale, padding/letterbox and a photo embedded in a phone screenshot), then a pattern
 * search refinement of scale, rotation and position on a finer grid. NCC is invariant to brightness and contrast
 * gain, so colour/brightness shifts do not move the match.
 */
import { rectSum, summedArea, summedAreaOfSquares } from '../../pixels/integral';
import { mirrorPlane, resizePlane, sampleBilinear, type Plane } from '../../pixels/resample';

/**
 * Maps catalog pixels to claim pixels (both full size, oriented): claim = s·R(θ)·(M(p) − c_ref) + c_claim, with M
 * the optional left–right mirror and c_ref the catalog centre.
 */
export interface Transform {
  /** Claim pixels per catalog pixel. */
  scale: number;
  /** Rotation of the catalog content in the claim, degrees (clockwise in image coordinates). */
  rotationDeg: number;
  /** Whether the catalog photo was mirrored left–right. */
  mirror: boolean;
  /** Where the catalog centre lands in the claim, claim pixels. */
  cx: number;
  cy: number;
  /** Catalog size, pixels. */
  refWidth: number;
  refHeight: number;
}

/** Long side of the coarse search grid, pixels. */
export const COARSE_SIDE = 40;
/** Catalog-to-claim long-side ratios searched: 0.3 (a product photo inside a phone screenshot) to 1.7 (a crop to about a third of the area). */
const RHO_MIN = 0.3;
const RHO_MAX = 1.7;
const RHO_STEP = 1.09;
/** The overlap must cover at least this share of the smaller of claim and catalog footprint (rejects corner-only matches). */
const MIN_OVERLAP = 0.6;
/** How many distinct coarse candidates are refined. */
const CANDIDATES = 3;
/** Share of the coarse claim a candidate's footprint must cover to count as a whole-frame match. */
const FILL_SHARE = 0.5;

/** A candidate alignment and its NCC. */
export interface Alignment {
  transform: Transform;
  /** NCC of claim and warped catalog luma over their overlap (−1..1). */
  ncc: number;
}

/** Claim-side views used by the search, all luma. */
export interface ClaimLevels {
  /** Full claim size, pixels. */
  width: number;
  height: number;
  /** Coarse luma (long side `COARSE_SIDE`). */
  coarse: Plane;
  /** A base luma (long side ≤ 512) from which finer levels are cut. */
  base: Plane;
}

/** Map a claim point (full pixels) to catalog pixels (full), or `null` when the transform is degenerate. */
export function claimToRef(t: Transform, x: number, y: number, out: Float64Array): void {
  const th = (t.rotationDeg * Math.PI) / 180;
  const cos = Math.cos(th);
  const sin = Math.sin(th);
  const dx = x - t.cx;
  const dy = y - t.cy;
  let u = (cos * dx + sin * dy) / t.scale + t.refWidth / 2;
  const v = (-sin * dx + cos * dy) / t.scale + t.refHeight / 2;
  if (t.mirror) u = t.refWidth - u;
  out[0] = u;
  out[1] = v;
}

/**
 * Warp a catalog plane (any resolution of the catalog) onto a claim grid of `ow×oh` covering the full claim
 * (`cw×ch` pixels). Samples outside the catalog are NaN.
 */
export function warpRef(ref: Plane, t: Transform, cw: number, ch: number, ow: number, oh: number): Plane {
  const c = ref.channels;
  const out = new Float32Array(ow * oh * c);
  const fx = ref.width / t.refWidth;
  const fy = ref.height / t.refHeight;
  const sx = cw / ow;
  const sy = ch / oh;
  const th = (t.rotationDeg * Math.PI) / 180;
  const cos = Math.cos(th);
  const sin = Math.sin(th);
  for (let y = 0; y < oh; y++) {
    const dy = (y + 0.5) * sy - t.cy;
    for (let x = 0; x < ow; x++) {
      const dx = (x + 0.5) * sx - t.cx;
      let u = (cos * dx + sin * dy) / t.scale + t.refWidth / 2;
      const v = (-sin * dx + cos * dy) / t.scale + t.refHeight / 2;
      if (t.mirror) u = t.refWidth - u;
      const o = (y * ow + x) * c;
      if (u < 0 || v < 0 || u > t.refWidth || v > t.refHeight) {
        for (let k = 0; k < c; k++) out[o + k] = NaN;
        continue;
      }
      sampleBilinear(ref, u * fx - 0.5, v * fy - 0.5, out, o);
    }
  }
  return { data: out, width: ow, height: oh, channels: c };
}

/**
 * `nccValid(claim, warpRef(ref, t, cw, ch, claim.width, claim.height))` for one-channel planes, without making the
 * warped plane (the refinement evaluates hundreds of candidate transforms): the same samples, rounded to float32 as
 * the plane would store them, summed in the same order, so the same result bit for bit.
 */
export function warpNcc(ref: Plane, t: Transform, cw: number, ch: number, claim: Plane): { ncc: number; n: number } {
  if (ref.channels !== 1 || claim.channels !== 1) return nccValid(claim, warpRef(ref, t, cw, ch, claim.width, claim.height));
  const { width: ow, height: oh, data: A } = claim;
  const { width: rw, height: rh, data: R } = ref;
  const fx = rw / t.refWidth;
  const fy = rh / t.refHeight;
  const sx = cw / ow;
  const sy = ch / oh;
  const th = (t.rotationDeg * Math.PI) / 180;
  const cos = Math.cos(th);
  const sin = Math.sin(th);
  // The transform's fields in locals, and each column's products with cos and −sin once per call rather than once
  // per row: the same operands and operations per sample as `warpRef`, so the same values.
  const { scale, refWidth: tW, refHeight: tH, mirror } = t;
  const hw = tW / 2, hh = tH / 2;
  const cdx = new Float64Array(ow), sdx = new Float64Array(ow);
  for (let x = 0; x < ow; x++) {
    const dx = (x + 0.5) * sx - t.cx;
    cdx[x] = cos * dx;
    sdx[x] = -sin * dx;
  }
  let n = 0;
  let sa = 0;
  let sb = 0;
  let saa = 0;
  let sbb = 0;
  let sab = 0;
  for (let y = 0; y < oh; y++) {
    const dy = (y + 0.5) * sy - t.cy;
    const sdy = sin * dy, cdy = cos * dy;
    for (let x = 0; x < ow; x++) {
      let u = (cdx[x] + sdy) / scale + hw;
      const v = (sdx[x] + cdy) / scale + hh;
      if (mirror) u = tW - u;
      if (u < 0 || v < 0 || u > tW || v > tH) continue;
      const a = A[y * ow + x];
      if (Number.isNaN(a)) continue;
      // sampleBilinear(ref, u·fx − 0.5, v·fy − 0.5) for one channel, term for term.
      const su = u * fx - 0.5;
      const sv = v * fy - 0.5;
      const uu = su < 0 ? 0 : su > rw - 1 ? rw - 1 : su;
      const vv = sv < 0 ? 0 : sv > rh - 1 ? rh - 1 : sv;
      const x0 = Math.floor(uu);
      const y0 = Math.floor(vv);
      const x1 = x0 + 1 < rw ? x0 + 1 : x0;
      const y1 = y0 + 1 < rh ? y0 + 1 : y0;
      const gx = uu - x0;
      const gy = vv - y0;
      const b = Math.fround((R[y0 * rw + x0] * (1 - gx) + R[y0 * rw + x1] * gx) * (1 - gy) + (R[y1 * rw + x0] * (1 - gx) + R[y1 * rw + x1] * gx) * gy);
      if (Number.isNaN(b)) continue;
      n++;
      sa += a;
      sb += b;
      saa += a * a;
      sbb += b * b;
      sab += a * b;
    }
  }
  return nccOfSums(n, sa, sb, saa, sbb, sab);
}

/** NCC of two single-channel planes of the same size over the samples where both are defined; also the count. */
export function nccValid(a: Plane, b: Plane, skip?: Uint8Array): { ncc: number; n: number } {
  let n = 0;
  let sa = 0;
  let sb = 0;
  let saa = 0;
  let sbb = 0;
  let sab = 0;
  const A = a.data;
  const B = b.data;
  for (let i = 0; i < A.length; i++) {
    const x = A[i];
    const y = B[i];
    if (Number.isNaN(x) || Number.isNaN(y) || (skip && skip[i])) continue;
    n++;
    sa += x;
    sb += y;
    saa += x * x;
    sbb += y * y;
    sab += x * y;
  }
  return nccOfSums(n, sa, sb, saa, sbb, sab);
}

/** NCC from the sums of n sample pairs. */
function nccOfSums(n: number, sa: number, sb: number, saa: number, sbb: number, sab: number): { ncc: number; n: number } {
  if (n < 2) return { ncc: 0, n };
  const va = saa - (sa * sa) / n;
  const vb = sbb - (sb * sb) / n;
  // Two flat areas (a blank backdrop against a blank wall) correlate by nothing: score them 0, not 1.
  if (va < n * 1 || vb < n * 1) return { ncc: 0, n };
  return { ncc: (sab - (sa * sb) / n) / Math.sqrt(va * vb), n };
}

interface Coarse {
  score: number;
  /** Added because its footprint fills most of the claim (refined whatever its coarse score). */
  fillsFrame?: boolean;
  mirror: boolean;
  tw: number;
  th: number;
  ox: number;
  oy: number;
}

/**
 * Exhaustive NCC template search of the catalog thumbnail over the coarse claim, at every scale of a geometric
 * grid, both mirror states and every integer position with enough overlap. Returns the best distinct candidates.
 */
export function coarseSearch(claim: Plane, thumb: Plane, signal?: AbortSignal): Coarse[] {
  const cw = claim.width;
  const ch = claim.height;
  const C = claim.data;
  const cI = integrals(C, cw, ch);
  const found: Coarse[] = [];
  const long = Math.max(cw, ch);
  for (const mirror of [false, true]) {
    const src = mirror ? mirrorPlane(thumb) : thumb;
    for (let rho = RHO_MIN; rho <= RHO_MAX * 1.0001; rho *= RHO_STEP) {
      signal?.throwIfAborted();
      const k = (rho * long) / Math.max(thumb.width, thumb.height);
      const tw = Math.round(thumb.width * k);
      const th = Math.round(thumb.height * k);
      if (tw < 6 || th < 6) continue;
      const T = resizePlane(src, tw, th).data;
      const tI = integrals(T, tw, th);
      const minArea = Math.max(36, MIN_OVERLAP * Math.min(cw * ch, tw * th));
      let best: Coarse | null = null;
      const score = (ox: number, oy: number): number => {
        const x0 = Math.max(0, ox);
        const x1 = Math.min(cw, ox + tw);
        const y0 = Math.max(0, oy);
        const y1 = Math.min(ch, oy + th);
        const n = (x1 - x0) * (y1 - y0);
        if (x1 <= x0 || y1 <= y0 || n < minArea) return -2;
        const sa = rectSum(cI.s, cw + 1, x0, y0, x1, y1);
        const saa = rectSum(cI.ss, cw + 1, x0, y0, x1, y1);
        const sb = rectSum(tI.s, tw + 1, x0 - ox, y0 - oy, x1 - ox, y1 - oy);
        const sbb = rectSum(tI.ss, tw + 1, x0 - ox, y0 - oy, x1 - ox, y1 - oy);
        const va = saa - (sa * sa) / n;
        const vb = sbb - (sb * sb) / n;
        if (va < n || vb < n) return -2;
        // Four running sums per row (the adds of one sum wait for each other; four overlap): 2× faster, and the
        // same NCC up to the rounding of a double (the sums are of at most 4,000 products of 8-bit-range values).
        let sab = 0;
        const x4 = x0 + ((x1 - x0) & ~3);
        for (let y = y0; y < y1; y++) {
          const ci = y * cw;
          const ti = (y - oy) * tw - ox;
          let p0 = 0, p1 = 0, p2 = 0, p3 = 0;
          let x = x0;
          for (; x < x4; x += 4) {
            p0 += C[ci + x] * T[ti + x];
            p1 += C[ci + x + 1] * T[ti + x + 1];
            p2 += C[ci + x + 2] * T[ti + x + 2];
            p3 += C[ci + x + 3] * T[ti + x + 3];
          }
          for (; x < x1; x++) p0 += C[ci + x] * T[ti + x];
          sab += p0 + p1 + (p2 + p3);
        }
        return (sab - (sa * sb) / n) / Math.sqrt(va * vb);
      };
      // Positions on a stride-2 lattice, then the 8 neighbours of the best one: the refinement does the rest.
      for (let oy = -th + 1; oy < ch; oy += 2) {
        for (let ox = -tw + 1; ox < cw; ox += 2) {
          const s = score(ox, oy);
          if (s > -2 && (!best || s > best.score)) best = { score: s, mirror, tw, th, ox, oy };
        }
      }
      if (best) {
        const b0 = best;
        for (let dy = -1; dy <= 1; dy++) {
          for (let dx = -1; dx <= 1; dx++) {
            const s = score(b0.ox + dx, b0.oy + dy);
            if (s > best.score) best = { ...b0, score: s, ox: b0.ox + dx, oy: b0.oy + dy };
          }
        }
      }
      if (best) found.push(best);
    }
  }
  found.sort((a, b) => b.score - a.score);
  // Keep distinct candidates: a different mirror state, scale or place.
  const out: Coarse[] = [];
  for (const f of found) {
    const dup = out.some(
      (o) => o.mirror === f.mirror && Math.abs(Math.log(o.tw / f.tw)) < 0.15 && Math.abs(o.ox + o.tw / 2 - f.ox - f.tw / 2) < 4 && Math.abs(o.oy + o.th / 2 - f.oy - f.th / 2) < 4,
    );
    if (!dup) out.push(f);
    if (out.length >= CANDIDATES) break;
  }
  // A small template finds a near-perfect NCC in any flat patch of the claim (a plain backdrop, a table top), so the
  // best coarse scores can all be small footprints while the true whole-frame match of a slightly rotated or
  // tilted catalog photo scores lower at rotation 0 (refund set: two rotate cases at 3.9° and 4.3° lost to 12-px
  // matches in a flat corner, coarse NCC 0.96 vs the frame's ≈ 0.8). The best candidate of each mirror state that fills
  // most of the claim is always refined too; the refined NCC, which covers the rotation, decides between them.
  const fills = (f: Coarse): boolean => f.tw * f.th >= FILL_SHARE * cw * ch;
  for (const mirror of [false, true]) {
    if (out.some((f) => f.mirror === mirror && fills(f))) continue;
    const large = found.find((f) => f.mirror === mirror && fills(f));
    if (large) out.push({ ...large, fillsFrame: true });
  }
  return out;
}

/** Summed-area tables of values and squares, (w+1)×(h+1). */
function integrals(d: Float32Array, w: number, h: number): { s: Float64Array; ss: Float64Array } {
  return { s: summedArea(d, w, h), ss: summedAreaOfSquares(d, w, h) };
}

/** Turn a coarse candidate into a transform in full-size pixels. */
export function coarseToTransform(c: Coarse, claim: ClaimLevels, refWidth: number, refHeight: number): Transform {
  const fc = claim.coarse.width / claim.width;
  return {
    scale: c.tw / fc / refWidth,
    rotationDeg: 0,
    mirror: c.mirror,
    cx: (c.ox + c.tw / 2) / fc,
    cy: (c.oy + c.th / 2) / fc,
    refWidth,
    refHeight,
  };
}

/** Area of the catalog footprint inside the claim and the claim area covered, as shares (0..1). */
export function overlapShares(t: Transform, cw: number, ch: number): { coverage: number; visible: number } {
  // Sample a 32×32 grid of the claim and of the catalog: exact enough for a share, cheap for any size.
  const p = new Float64Array(2);
  let inside = 0;
  for (let j = 0; j < 32; j++) {
    for (let i = 0; i < 32; i++) {
      claimToRef(t, ((i + 0.5) * cw) / 32, ((j + 0.5) * ch) / 32, p);
      if (p[0] >= 0 && p[1] >= 0 && p[0] <= t.refWidth && p[1] <= t.refHeight) inside++;
    }
  }
  const coverage = inside / 1024;
  const footprint = t.scale * t.scale * t.refWidth * t.refHeight;
  return { coverage, visible: Math.min(1, (coverage * cw * ch) / Math.max(1, footprint)) };
}

/**
 * Refine a transform by pattern search (Hooke–Jeeves style, halving steps) on log-scale, rotation and centre,
 * maximising luma NCC between `claim` (a claim level covering the full claim) and the warped `ref`.
 */
export function refine(t0: Transform, claim: Plane, cw: number, ch: number, ref: Plane, signal?: AbortSignal, rounds = 5, stepScale = 1): Alignment {
  const px = cw / claim.width;
  // The pattern search probes some transforms again (a step back to where it came from, the probes around a best
  // that did not move): those scores are looked up, not recomputed. Keyed by the exact values, so nothing changes.
  const seen = new Map<string, number>();
  const evalAt = (t: Transform): number => {
    const key = `${t.scale} ${t.rotationDeg} ${t.cx} ${t.cy}`;
    let score = seen.get(key);
    if (score === undefined) {
      score = scoreAt(t);
      seen.set(key, score);
    }
    return score;
  };
  const scoreAt = (t: Transform): number => {
    const r = warpNcc(ref, t, cw, ch, claim);
    const footprint = (t.scale * t.scale * t.refWidth * t.refHeight) / (px * px);
    const minN = MIN_OVERLAP * Math.min(claim.width * claim.height, footprint);
    return r.n >= Math.max(36, minN) ? r.ncc : -1;
  };
  let best = { ...t0 };
  let bestScore = evalAt(best);
  const steps = [0.04 * stepScale, 1.5 * stepScale, 1.5 * px, 1.5 * px];
  const apply = (t: Transform, k: number, d: number): Transform => {
    const n = { ...t };
    if (k === 0) n.scale = t.scale * Math.exp(d);
    else if (k === 1) n.rotationDeg = Math.max(-10, Math.min(10, t.rotationDeg + d));
    else if (k === 2) n.cx = t.cx + d;
    else n.cy = t.cy + d;
    return n;
  };
  for (let round = 0; round < rounds; round++) {
    let improved = true;
    let guard = 0;
    while (improved && guard++ < 12) {
      signal?.throwIfAborted();
      improved = false;
      for (let k = 0; k < 4; k++) {
        for (const sgn of [1, -1]) {
          const cand = apply(best, k, sgn * steps[k]);
          const s = evalAt(cand);
          if (s > bestScore + 1e-5) {
            best = cand;
            bestScore = s;
            improved = true;
          }
        }
      }
    }
    for (let k = 0; k < 4; k++) steps[k] /= 2;
  }
  return { transform: best, ncc: bestScore };
}
