/**
 * Coarse-to-fine search for visible marks, only where services draw them: along the right edge for service marks
 * (a screenshot puts the image, and its mark, anywhere vertically), and in the four corners for label phrases.
 * Marks are drawn relative to the image size, so scales are fractions of the shorter side.
 *
 * Coarse level: the image band is area-resampled so a candidate mark is `COARSE_HEIGHT` px high, and every position
 * allowed for it is scored with NCC; fine level: around the best coarse candidates, at `FINE_HEIGHT` px and five
 * nearby scales. The score is |NCC| at the fine level, so light-on-dark and dark-on-light marks both count.
 */
import type { Region } from '../../primitives';
import { nccAt, prepareTemplate, scanPlane, type PreparedTemplate, type ScanPlane } from './ncc';
import { summedArea } from '../../pixels/integral';
import { boxDownscale, sampleArea, type Plane8 } from './resample';
import type { MarkTemplate } from './templates';

/** Mark height at the coarse level, in pixels: 8 px still separates the glyph shapes of a short label. */
const COARSE_HEIGHT = 8;
/** Mark height at the fine level, in pixels: the height where CJK glyphs keep their strokes. */
const FINE_HEIGHT = 16;
/** Background margin around a template, as a fraction of the mark height. */
const PAD = 0.25;
/** Geometric step between coarse scales (NCC at 8 px tolerates about ±7 % of scale error). */
const SCALE_STEP = 1.15;
/** How far a mark may hang over the image edge (partly cropped), as a fraction of its own width / height. */
const OVERHANG_X = 0.3;
const OVERHANG_Y = 0.25;
/** At least this fraction of the padded template must lie inside the image. */
const MIN_VISIBLE = 0.6;
/** Windows flatter than this (grey-level standard deviation) hold no mark. */
const MIN_STD = 2;
/** Coarse candidates kept per template and side; coarse scores under this are not refined. */
const COARSE_KEEP = 3;
const COARSE_MIN = 0.4;
/** The best `SEEDS` stride-2 positions scoring at least `COARSE_SEED` get their neighbours scored too. */
const COARSE_SEED = 0.3;
const SEEDS = 4;
/** The base image is box-downscaled until its shorter side is at most this (bounds memory and time). */
const BASE_SIDE = 1000;

/** Where a template is searched and at which sizes. */
export interface SearchSpec {
  template: MarkTemplate;
  /** Members refined with the coarse hit of `template` (other fonts/weights of the same phrase), itself included. */
  members: readonly MarkTemplate[];
  /** Mark height range as a fraction of min(width, height). */
  relHeight: readonly [number, number];
  /** Horizontal anchors searched. */
  sides: readonly ('left' | 'right')[];
  /** `free`: any height (screenshots); `corners`: near the top or bottom edge only. */
  vertical: 'free' | 'corners';
  /** Largest distance of the mark from the anchoring edges, in mark heights (plus 2 % of the shorter side). */
  maxMargin: number;
}

/** How much of the image a search covered: resampled bands and coarse positions scored (proof that it ran). */
export interface SearchStats {
  bands: number;
  positions: number;
}

/** One confident-or-not match after the fine level. */
export interface MarkHit {
  template: MarkTemplate;
  /** |NCC| at the fine level, 0..1. */
  score: number;
  /** +1: the mark is lighter than its background; −1: darker. */
  polarity: 1 | -1;
  /** The mark (without margin), in image pixels, clipped to the image. */
  region: Region;
  /** The mark height found, in image pixels. */
  markHeight: number;
  /** Unclipped top-left of the mark, image pixels. */
  x: number;
  y: number;
}

interface Candidate {
  spec: SearchSpec;
  score: number;
  /** Mark top-left and height, image pixels. */
  x: number;
  y: number;
  h: number;
}

const prepared = new Map<string, PreparedTemplate>();

/** A template resampled for a level, cached per template and height (pure derived data). */
function templateAt(t: MarkTemplate, markHeight: number): PreparedTemplate {
  const key = `${t.id}:${markHeight}`;
  let p = prepared.get(key);
  if (!p) {
    p = prepareTemplate(t.coverage, t.width, t.height, markHeight, Math.round(PAD * markHeight));
    prepared.set(key, p);
  }
  return p;
}

/** The base plane: a box-downscaled grey image and its summed-area table. */
interface Base {
  sat: Float64Array;
  width: number;
  height: number;
  /** Image pixels per base pixel. */
  factor: number;
}

function makeBase(grey: Plane8): Base {
  const factor = Math.max(1, Math.ceil(Math.min(grey.width, grey.height) / BASE_SIDE));
  const p = boxDownscale(grey, factor);
  return { sat: summedArea(p.data, p.width, p.height), width: p.width, height: p.height, factor };
}

/** Area-resample the image rectangle [x0, x1) × [y0, y1) (image pixels) at `step` image pixels per output pixel. */
function resampleRect(base: Base, x0: number, y0: number, x1: number, y1: number, step: number): ScanPlane {
  const w = Math.max(1, Math.floor((x1 - x0) / step));
  const h = Math.max(1, Math.floor((y1 - y0) / step));
  const f = base.factor;
  return scanPlane(sampleArea(base.sat, base.width, base.height, x0 / f, y0 / f, step / f, w, h), w, h);
}

/** Allowed top-left positions of a mark (image pixels) for one side and vertical mode. */
function positionRange(W: number, H: number, R: number, side: 'left' | 'right', vertical: 'free' | 'corners', top: boolean, mw: number, mh: number, maxMargin: number): { x0: number; x1: number; y0: number; y1: number } {
  const m = maxMargin * mh + 0.02 * R;
  const x0 = side === 'left' ? -OVERHANG_X * mw : W - m - mw;
  const x1 = side === 'left' ? m : W - mw + OVERHANG_X * mw;
  let y0: number;
  let y1: number;
  if (vertical === 'free') {
    y0 = -OVERHANG_Y * mh;
    y1 = H - mh + OVERHANG_Y * mh;
  } else if (top) {
    y0 = -OVERHANG_Y * mh;
    y1 = m;
  } else {
    y0 = H - m - mh;
    y1 = H - mh + OVERHANG_Y * mh;
  }
  return { x0, x1, y0, y1 };
}

/** Keep the best `keep` entries at least `minDist` apart (greedy non-maximum suppression). */
function pushCandidate(list: Candidate[], c: Candidate, keep: number): void {
  for (let i = 0; i < list.length; i++) {
    const o = list[i];
    if (Math.abs(o.x - c.x) < o.h * 2 && Math.abs(o.y - c.y) < o.h && Math.abs(Math.log(o.h / c.h)) < 0.3) {
      if (c.score > o.score) list[i] = c;
      list.sort((a, b) => b.score - a.score);
      return;
    }
  }
  list.push(c);
  list.sort((a, b) => b.score - a.score);
  if (list.length > keep) list.length = keep;
}

/** A resampled image rectangle: plane pixel (u, v) covers image pixels from (x0 + u·step, y0 + v·step). */
interface Band {
  plane: ScanPlane;
  x0: number;
  y0: number;
  step: number;
}

/** Padded mark rectangle (image pixels) any allowed position of `spec` touches, before clipping. */
function reach(W: number, H: number, spec: SearchSpec, side: 'left' | 'right', top: boolean, mh: number): { x0: number; x1: number; y0: number; y1: number; pos: ReturnType<typeof positionRange> } {
  const mw = (mh * spec.template.width) / spec.template.height;
  const pos = positionRange(W, H, Math.min(W, H), side, spec.vertical, top, mw, mh, spec.maxMargin);
  const pad = PAD * mh;
  return { x0: pos.x0 - pad, x1: pos.x1 + mw + pad, y0: pos.y0 - pad, y1: pos.y1 + mh + pad, pos };
}

/** Coarse scan of one spec's allowed positions inside a band; adds its best candidates to `out`. */
function coarseScan(band: Band, spec: SearchSpec, pos: ReturnType<typeof positionRange>, mh: number, out: Candidate[], stats: SearchStats): void {
  const { plane, step } = band;
  const pt = templateAt(spec.template, COARSE_HEIGHT);
  const padPx = pt.pad * step;
  const u0 = Math.floor((pos.x0 - padPx - band.x0) / step);
  const u1 = Math.ceil((pos.x1 - padPx - band.x0) / step);
  const v0 = Math.floor((pos.y0 - padPx - band.y0) / step);
  const v1 = Math.ceil((pos.y1 - padPx - band.y0) / step);
  const found: Candidate[] = [];
  const consider = (u: number, v: number, s: number): void => {
    const score = Math.abs(s);
    if (found.length === COARSE_KEEP && score <= found[COARSE_KEEP - 1].score) return;
    pushCandidate(found, { spec, score, x: band.x0 + (u + pt.pad) * step, y: band.y0 + (v + pt.pad) * step, h: mh }, COARSE_KEEP);
  };
  // Stride 2, then the 8 neighbours of the best few positions: the coarse NCC peak of a mark is about 3 px wide.
  const seeds: number[] = [];
  for (let v = v0; v <= v1; v += 2) {
    for (let u = u0; u <= u1; u += 2) {
      stats.positions++;
      const s = nccAt(plane, pt, u, v, MIN_VISIBLE, MIN_STD);
      const a = s < 0 ? -s : s;
      if (!(a >= COARSE_SEED)) continue;
      consider(u, v, s);
      if (seeds.length < 3 * SEEDS) seeds.push(a, u, v);
      else if (a > seeds[3 * SEEDS - 3]) seeds.splice(3 * SEEDS - 3, 3, a, u, v);
      else continue;
      // Keep the seed list sorted by score (it holds at most SEEDS entries).
      for (let i = seeds.length - 3; i >= 3 && seeds[i] > seeds[i - 3]; i -= 3) {
        for (let k = 0; k < 3; k++) [seeds[i + k], seeds[i - 3 + k]] = [seeds[i - 3 + k], seeds[i + k]];
      }
    }
  }
  for (let i = 0; i < seeds.length; i += 3) {
    const u = seeds[i + 1];
    const v = seeds[i + 2];
    for (let dv = -1; dv <= 1; dv++) {
      for (let du = -1; du <= 1; du++) {
        if (du === 0 && dv === 0) continue;
        const n = nccAt(plane, pt, u + du, v + dv, MIN_VISIBLE, MIN_STD);
        if (Math.abs(n) >= COARSE_MIN) consider(u + du, v + dv, n);
      }
    }
  }
  for (const c of found) if (c.score >= COARSE_MIN) pushCandidate(out, c, COARSE_KEEP);
}

/** Score one template at one scale on the positions within `radius` image pixels of the mark top-left (x, y). */
function fineScan(base: Base, W: number, H: number, t: MarkTemplate, x: number, y: number, mh: number, radius: number, best: MarkHit | null): MarkHit | null {
  const mw = (mh * t.width) / t.height;
  const step = mh / FINE_HEIGHT;
  const pt = templateAt(t, FINE_HEIGHT);
  const padPx = pt.pad * step;
  const rx0 = Math.max(0, x - radius - padPx);
  const ry0 = Math.max(0, y - radius - padPx);
  const rx1 = Math.min(W, x + radius + mw + padPx + step);
  const ry1 = Math.min(H, y + radius + mh + padPx + step);
  if (rx1 - rx0 < mw * 0.5 || ry1 - ry0 < mh * 0.5) return best;
  const plane = resampleRect(base, rx0, ry0, rx1, ry1, step);
  const u0 = Math.round((x - radius - padPx - rx0) / step);
  const u1 = Math.round((x + radius - padPx - rx0) / step);
  const v0 = Math.round((y - radius - padPx - ry0) / step);
  const v1 = Math.round((y + radius - padPx - ry0) / step);
  for (let v = v0; v <= v1; v++) {
    for (let u = u0; u <= u1; u++) {
      const s = nccAt(plane, pt, u, v, MIN_VISIBLE, MIN_STD);
      if (!(Math.abs(s) > (best?.score ?? 0))) continue;
      const mx = rx0 + (u + pt.pad) * step;
      const my = ry0 + (v + pt.pad) * step;
      const X0 = Math.max(0, Math.round(mx));
      const Y0 = Math.max(0, Math.round(my));
      const X1 = Math.min(W, Math.round(mx + mw));
      const Y1 = Math.min(H, Math.round(my + mh));
      best = { template: t, score: Math.abs(s), polarity: s > 0 ? 1 : -1, region: { x: X0, y: Y0, width: Math.max(1, X1 - X0), height: Math.max(1, Y1 - Y0) }, markHeight: mh, x: mx, y: my };
    }
  }
  return best;
}

/**
 * Fine level around a coarse candidate: the position at the coarse scale (±0.3 mark heights), then every member
 * template at five scales (±7 %, the half-step of the coarse grid) within ±1 fine pixel of it.
 */
function refine(base: Base, W: number, H: number, c: Candidate): MarkHit | null {
  const first = fineScan(base, W, H, c.spec.template, c.x, c.y, c.h, 0.3 * c.h, null);
  if (!first) return null;
  let best: MarkHit = first;
  for (const t of c.spec.members) {
    for (const sf of [0.93, 0.965, 1, 1.035, 1.07]) {
      if (t === c.spec.template && sf === 1) continue;
      const mh = c.h * sf;
      best = fineScan(base, W, H, t, first.x, first.y, mh, mh / FINE_HEIGHT, best) ?? best;
    }
  }
  return { ...best, markHeight: Math.round(best.markHeight) };
}

/**
 * Search a grey image for the marks of `specs`. Scales follow one geometric grid (fractions of the shorter side),
 * so at each scale one resampled band per image side serves every template. Returns the best fine-level hit of
 * each coarse candidate (any score: the caller applies its thresholds), strongest first. `stats` counts the work done.
 */
export function searchMarks(grey: Plane8, specs: readonly SearchSpec[], abort?: AbortSignal, stats: SearchStats = { bands: 0, positions: 0 }): MarkHit[] {
  const W = grey.width;
  const H = grey.height;
  const R = Math.min(W, H);
  if (specs.length === 0) return [];
  const base = makeBase(grey);
  const lo = Math.min(...specs.map((s) => s.relHeight[0]));
  const hi = Math.max(...specs.map((s) => s.relHeight[1]));
  const candidates = new Map<SearchSpec, Candidate[]>(specs.map((s) => [s, []]));
  // Below COARSE_HEIGHT image pixels a mark is unreadable; no service draws one that small.
  for (let rel = lo; rel <= hi * 1.0001; rel *= SCALE_STEP) {
    const mh = rel * R;
    if (mh < COARSE_HEIGHT) continue;
    for (const side of ['left', 'right'] as const) {
      abort?.throwIfAborted();
      // A spec is searched at the grid scales inside its range, widened by half a step so no range falls between.
      const active = specs.filter((s) => s.sides.includes(side) && rel >= s.relHeight[0] / Math.sqrt(SCALE_STEP) && rel <= s.relHeight[1] * Math.sqrt(SCALE_STEP));
      if (active.length === 0) continue;
      const jobs = active.flatMap((spec) => (spec.vertical === 'free' ? [false] : [true, false]).map((top) => ({ spec, ...reach(W, H, spec, side, top, mh) })));
      // One band for all jobs when a full-height search is active; otherwise one for the top and one for the bottom.
      const groups = active.some((s) => s.vertical === 'free') ? [jobs] : [jobs.filter((j) => j.pos.y0 < H / 2), jobs.filter((j) => j.pos.y0 >= H / 2)];
      const step = mh / COARSE_HEIGHT;
      for (const group of groups) {
        if (group.length === 0) continue;
        const x0 = Math.max(0, Math.min(...group.map((j) => j.x0)));
        const x1 = Math.min(W, Math.max(...group.map((j) => j.x1)));
        const y0 = Math.max(0, Math.min(...group.map((j) => j.y0)));
        const y1 = Math.min(H, Math.max(...group.map((j) => j.y1)));
        if (x1 - x0 < 2 * step || y1 - y0 < 2 * step) continue;
        const band: Band = { plane: resampleRect(base, x0, y0, x1, y1, step), x0, y0, step };
        stats.bands++;
        for (const j of group) coarseScan(band, j.spec, j.pos, mh, candidates.get(j.spec)!, stats);
      }
    }
  }
  const hits: MarkHit[] = [];
  for (const list of candidates.values()) {
    for (const c of list) {
      abort?.throwIfAborted();
      const h = refine(base, W, H, c);
      if (h) hits.push(h);
    }
  }
  return hits.sort((a, b) => b.score - a.score);
}
