/**
 * Coarse-to-fine search for visible marks, only where services draw them: along the right edge for service marks
 * (a screenshot puts the image, and its mark, anywhere vertically), in the four corners and at the bottom centre
 * for label phrases, in the whole image and in the picture inside a screenshot (frames.ts). Marks are drawn
 * relative to the image size, so scales are fractions of the frame's shorter side or width.
 *
 * Coarse level: the image band is area-resampled so a candidate mark is `COARSE_HEIGHT` px high, and every position
 * allowed for it is scored with NCC; fine level: around the best coarse candidates, at `FINE_HEIGHT` px and five
 * nearby scales. The score is |NCC| at the fine level, so light-on-dark and dark-on-light marks both count.
 */
import type { Region } from '../../primitives';
import { innerPicture, type Frame } from './frames';
import { unblendScore } from './unblend';
import { edgeEnergy, edgeEnergySat } from './edge-energy';
import { edgeSignScore, signPairs, type SignPairs } from './edge-sign';
import { FLANK_GAP, FLANK_WIDTH, OFF_FAR, flanksOf, textContinues, type Flanks } from './flanks';
import { NCC_BLOCK, nccAt, nccRow, prepareTemplate, scanPlane, type PreparedTemplate, type ScanPlane } from './ncc';
import { rectSum, summedArea } from '../../pixels/integral';
import { boxDownscale, sampleArea, type Plane8 } from './resample';
import type { MarkTemplate } from './templates';

/** Mark height at the coarse level, in pixels: 8 px still separates the glyph shapes of a short label. */
const COARSE_HEIGHT = 8;
/** Mark height at the fine level, in pixels: the height where CJK glyphs keep their strokes. */
const FINE_HEIGHT = 16;
/** Background margin around a template, as a fraction of the mark height. */
const PAD = 0.25;
/** Geometric step between coarse scales (NCC at 8 px tolerates about ±10 % of scale error; the fine level covers it). */
const SCALE_STEP = 1.2;
/** Fine-level scales around a coarse height: the half-step of the coarse grid (±9 %). */
const FINE_SCALES = [0.91, 0.955, 1.045, 1.09];
/**
 * How far a mark may hang over the image edge (partly cropped), as a fraction of its own width / height: issue 15
 * §3 asks for crops that cut up to 40 % of the mark.
 */
const OVERHANG_X = 0.42;
const OVERHANG_Y = 0.42;
/** At least this fraction of the padded template must lie inside the image (a 40 % cut of a padded mark leaves ~0.55). */
const MIN_VISIBLE = 0.5;
/** Windows flatter than this (grey-level standard deviation) hold no mark. */
const MIN_STD = 2;
/** Coarse candidates kept per template and side; coarse scores under this are not refined. */
const COARSE_KEEP = 4;
const COARSE_MIN = 0.4;
/** The best `SEEDS` stride-2 positions scoring at least `COARSE_SEED` get their neighbours scored too. */
const COARSE_SEED = 0.3;
const SEEDS = 4;
/** The base image is box-downscaled until its shorter side is at most this (bounds memory and time). */
const BASE_SIDE = 1000;

/** A place where a mark is drawn: a corner, the bottom centre, or anywhere along the right edge (screenshots). */
export type Place = 'tl' | 'tr' | 'bl' | 'br' | 'bc' | 'right';

/** Where a template is searched and at which sizes. */
export interface SearchSpec {
  /** The coarse template (for a phrase in several fonts, their mean: font-mean.ts; its edge energy on `coarsePlane: 'edges'`). */
  template: MarkTemplate;
  /** Templates compared at the fine level around a coarse hit of `template` (the fonts of one phrase). */
  members: readonly MarkTemplate[];
  /** Mark height range as a fraction of the frame's `relTo` dimension. */
  relHeight: readonly [number, number];
  /** `short`: min(width, height) of the frame (service marks sized so); `width`: the frame width (phrases). */
  relTo: 'short' | 'width';
  /** Places searched in the whole image. */
  places: readonly Place[];
  /** Places searched in the picture inside a screenshot, when there is one. */
  innerPlaces: readonly Place[];
  /** Largest distance of the mark from the anchoring edges, in mark heights, plus `marginFrac` of the frame width. */
  maxMargin: number;
  marginFrac: number;
  /**
   * A mark drawn at a fixed distance from its bottom corner (the spec's first place: `'bl'`, otherwise the bottom
   * right), in its own heights (Gemini: 2/3 from the bottom right): every grid height is also scored at exactly that
   * place (± `tolerance` heights), whatever the coarse level found, and such hits are flagged `anchored`. Few places
   * are tried there, so a lower score is as telling as elsewhere.
   */
  anchor?: { margin: number; tolerance: number };
  /**
   * The mark is a colour blended with the template as alpha: hits scoring at least `minScore` get an `unblend` score
   * (unblend.ts), trying `strengths` as the mark's peak alpha (default: Gemini's), from `minHeight` image pixels up
   * (default `UNBLEND_MIN_HEIGHT`; a mark drawn smaller).
   */
  blended?: { minScore: number; strengths?: readonly number[]; minHeight?: number };
  /**
   * The plane the coarse level and the fine level's locating pass scan with `template`: grey levels (default), or
   * edge energy (edge-energy.ts; `template` is then an edge-energy template), which outlined, shadowed and
   * semi-transparent labels share with plain text.
   */
  coarsePlane?: 'grey' | 'edges';
  /**
   * Labels that are one of `members` followed by more words (`StoredTemplate.extends`): compared only where a hit
   * of a member is followed by text on its line (`extendHit`).
   */
  extensions?: readonly MarkTemplate[];
  /**
   * A service mark whose fine level scores its template by edge-sign agreement (edge-sign.ts) as well as by NCC,
   * keeping the higher: a text mark whose contrast a tone change or texture lowers (see `builtinSpecs`).
   */
  edgeSign?: boolean;
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
  /** Found at the spec's anchored place (`SearchSpec.anchor`). */
  anchored?: boolean;
  /** For blended marks: the reverse-blending score at the hit (unblend.ts), best over ±1 px of jitter. */
  unblend?: number;
  /** For phrases: edge energy beside the phrase on its rows (flanks.ts: does the text go on?). */
  flanks?: Flanks;
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
const pairCache = new Map<PreparedTemplate, SignPairs>();

/** Edge-sign pairs of a prepared template (cached with it). */
function pairsAt(pt: PreparedTemplate): SignPairs {
  let p = pairCache.get(pt);
  if (!p) {
    p = signPairs(pt.data, pt.width, pt.height);
    pairCache.set(pt, p);
  }

  return p;
}

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
  /** The downscaled plane itself (for the screenshot-frame search). */
  plane: Plane8;
  sat: Float64Array;
  width: number;
  height: number;
  /** Image pixels per base pixel. */
  factor: number;
  /** Summed-area table of the plane's edge energy (edge-energy.ts), when a spec scans it; null otherwise. */
  edgeSat: Float64Array | null;
}

function makeBase(grey: Plane8, edges: boolean): Base {
  const factor = Math.max(1, Math.ceil(Math.min(grey.width, grey.height) / BASE_SIDE));
  const p = boxDownscale(grey, factor);
  const edgeSat = edges ? edgeEnergySat(p.data, p.width, p.height) : null;
  return { plane: p, sat: summedArea(p.data, p.width, p.height), width: p.width, height: p.height, factor, edgeSat };
}

/**
 * Area-resample the image rectangle [x0, x1) × [y0, y1) (image pixels) at `step` image pixels per output pixel, for
 * NCC scans of templates up to `tw × th` pixels, which may hang over its edges (`ScanPlane.zeroPadded`).
 */
function resampleRect(base: Base, x0: number, y0: number, x1: number, y1: number, step: number, tw: number, th: number, plane: 'grey' | 'edges' = 'grey'): ScanPlane {
  const p = resampleRectData(base, x0, y0, x1, y1, step, plane === 'edges' ? base.edgeSat! : base.sat);
  // A window less than half inside is not scored (MIN_VISIBLE), and nccRow reads NCC_BLOCK strided windows at once.
  return scanPlane(p.data, p.width, p.height, Math.ceil(tw / 2) + 2 * NCC_BLOCK, Math.ceil(th / 2));
}

/** `resampleRect` without the summed-area tables (the edge-sign score reads pixels only); `sat` picks the plane. */
function resampleRectData(base: Base, x0: number, y0: number, x1: number, y1: number, step: number, sat = base.sat): { data: Float32Array; width: number; height: number } {
  const w = Math.max(1, Math.floor((x1 - x0) / step));
  const h = Math.max(1, Math.floor((y1 - y0) / step));
  const f = base.factor;
  return { data: sampleArea(sat, base.width, base.height, x0 / f, y0 / f, step / f, w, h), width: w, height: h };
}

/** Allowed top-left positions of a mark (image pixels) at one place of a frame. */
function positionRange(f: Frame, place: Place, mw: number, mh: number, m: number): { x0: number; x1: number; y0: number; y1: number } {
  const right = f.x + f.width;
  const bottom = f.y + f.height;
  let x0: number;
  let x1: number;
  if (place === 'tl' || place === 'bl') {
    x0 = f.x - OVERHANG_X * mw;
    x1 = f.x + m;
  } else if (place === 'bc') {
    // Centred text: within 3 % of the frame width and one mark height of the centre line.
    const c = f.x + (f.width - mw) / 2;
    x0 = c - 0.03 * f.width - mh;
    x1 = c + 0.03 * f.width + mh;
  } else {
    x0 = right - m - mw;
    x1 = right - mw + OVERHANG_X * mw;
  }
  let y0: number;
  let y1: number;
  if (place === 'right') {
    y0 = f.y - OVERHANG_Y * mh;
    y1 = bottom - mh + OVERHANG_Y * mh;
  } else if (place === 'tl' || place === 'tr') {
    y0 = f.y - OVERHANG_Y * mh;
    y1 = f.y + m;
  } else {
    y0 = bottom - m - mh;
    y1 = bottom - mh + OVERHANG_Y * mh;
  }
  return { x0, x1, y0, y1 };
}

/**
 * Coarse candidates closer than this many mark heights along x (and one height along y, ±30 % of scale) are one:
 * half a character, so candidates a few letters apart on one line of text stay apart (the best coarse peak of a
 * long phrase is often a few letters off, and the fine level searches only ±35 % of the width around it).
 */
const NMS_X = 0.6;

/** Keep the best `keep` entries at least `minDist` apart (greedy non-maximum suppression). */
function pushCandidate(list: Candidate[], c: Candidate, keep: number): void {
  for (let i = 0; i < list.length; i++) {
    const o = list[i];
    if (Math.abs(o.x - c.x) < o.h * NMS_X && Math.abs(o.y - c.y) < o.h && Math.abs(Math.log(o.h / c.h)) < 0.3) {
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

/** Padded mark rectangle (image pixels) any allowed position of `spec` at `place` touches, before clipping. */
function reach(f: Frame, spec: SearchSpec, place: Place, mh: number): { x0: number; x1: number; y0: number; y1: number; pos: ReturnType<typeof positionRange> } {
  const mw = (mh * spec.template.width) / spec.template.height;
  const pos = positionRange(f, place, mw, mh, spec.maxMargin * mh + spec.marginFrac * f.width);
  const pad = PAD * mh;
  return { x0: pos.x0 - pad, x1: pos.x1 + mw + pad, y0: pos.y0 - pad, y1: pos.y1 + mh + pad, pos };
}

/**
 * Phrase candidates whose coarse window holds more than this share of its edge energy in two adjacent rows are not
 * kept: a straight edge (a badge's border, a shelf, the horizon) correlates with a label's blurry edge-energy
 * template at 8 px and can fill every candidate slot of a phrase along its length, while a line of glyphs spreads
 * its outline over all its rows. Tune part of marks-set v2 (docs/marks.md, Round 6): the best candidate at each of
 * the 75 labels that had one held at most 0.49 of its energy in two rows; such straight-edge clutter 0.85.
 */
const MAX_ROW_SHARE = 0.6;

/**
 * The largest share of a window's sum (a coarse window of an edge-energy band, clipped to the band) held by two
 * adjacent rows; 1 for an empty window.
 */
function rowShare(plane: ScanPlane, pt: PreparedTemplate, u: number, v: number): number {
  const sw = plane.width + 1;
  const x0 = Math.max(0, u);
  const x1 = Math.min(plane.width, u + pt.width);
  const y0 = Math.max(0, v);
  const y1 = Math.min(plane.height, v + pt.height);
  if (x1 <= x0 || y1 - y0 < 2) return 1;
  const total = rectSum(plane.sat, sw, x0, y0, x1, y1);
  if (!(total > 0)) return 1;
  let best = 0;
  for (let y = y0; y + 2 <= y1; y++) best = Math.max(best, rectSum(plane.sat, sw, x0, y, x1, y + 2));
  return best / total;
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
  const lineTest = spec.coarsePlane === 'edges';
  const consider = (u: number, v: number, s: number): void => {
    const score = Math.abs(s);
    if (found.length === COARSE_KEEP && score <= found[COARSE_KEEP - 1].score) return;
    if (lineTest && rowShare(plane, pt, u, v) > MAX_ROW_SHARE) return;
    pushCandidate(found, { spec, score, x: band.x0 + (u + pt.pad) * step, y: band.y0 + (v + pt.pad) * step, h: mh }, COARSE_KEEP);
  };
  // Stride 2, then the 8 neighbours of the best few positions: the coarse NCC peak of a mark is about 3 px wide.
  const seeds: number[] = [];
  const block = new Float64Array(NCC_BLOCK);
  for (let v = v0; v <= v1; v += 2) {
    for (let ub = u0; ub <= u1; ub += 2 * NCC_BLOCK) {
      const count = Math.min(NCC_BLOCK, ((u1 - ub) >> 1) + 1);
      nccRow(plane, pt, ub, v, 2, count, block, MIN_VISIBLE, MIN_STD);
      for (let b = 0; b < count; b++) {
        const u = ub + 2 * b;
        stats.positions++;
        const s = block[b];
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

/** A resampled fine-level rectangle for the edge-sign score. */
interface PixelPlane {
  data: Float32Array;
  width: number;
  height: number;
}

/**
 * The edge-sign planes of one refinement, by scan origin and scale. The fonts of a phrase are scanned around the
 * same place at the same scales, and a plane resampled at one origin and step holds the same values wherever it
 * ends (`sampleArea`), so one plane as wide as the leader font serves them all; each font is scored on its own
 * width of it, as on a plane of its own.
 */
interface PlaneCache {
  /** The leader member's width in mark heights. */
  aspect: number;
  planes: Map<string, PixelPlane>;
}

/** Score one template at one scale on the positions within `radius` image pixels of the mark top-left (x, y). */
function fineScan(base: Base, W: number, H: number, t: MarkTemplate, x: number, y: number, mh: number, radius: number, best: MarkHit | null, radiusX = radius, locate = false, cache?: PlaneCache, plane: 'grey' | 'edges' = 'grey', sign = t.kind === 'phrase' && !locate): MarkHit | null {
  const mw = (mh * t.width) / t.height;
  const step = mh / FINE_HEIGHT;
  const pt = templateAt(t, FINE_HEIGHT);
  const padPx = pt.pad * step;
  const rx0 = Math.max(0, x - radiusX - padPx);
  const ry0 = Math.max(0, y - radius - padPx);
  const rx1 = Math.min(W, x + radiusX + mw + padPx + step);
  const ry1 = Math.min(H, y + radius + mh + padPx + step);
  if (rx1 - rx0 < mw * 0.5 || ry1 - ry0 < mh * 0.5) return best;
  // Phrases are scored by edge-sign agreement (edge-sign.ts: robust to texture under a semi-transparent label),
  // service marks by NCC (their stored coverage is exact: cut from the service's own output; `SearchSpec.edgeSign`
  // adds the edge-sign score), and so is the blurry font mean that only locates a phrase (`locate`).
  const pairs = sign ? pairsAt(pt) : null;
  const pw = Math.max(1, Math.floor((rx1 - rx0) / step));
  const ph = Math.max(1, Math.floor((ry1 - ry0) / step));
  const scan = pairs
    ? { pairs, pixels: pixelPlane(base, W, cache, `${x}:${y}:${mh}:${radius}:${radiusX}:${padPx}`, rx0, ry0, rx1, ry1, step, pw, x + radiusX + padPx + step) }
    : { pairs, plane: resampleRect(base, rx0, ry0, rx1, ry1, step, pt.width, pt.height, plane) };
  const u0 = Math.round((x - radiusX - padPx - rx0) / step);
  const u1 = Math.round((x + radiusX - padPx - rx0) / step);
  const v0 = Math.round((y - radius - padPx - ry0) / step);
  const v1 = Math.round((y + radius - padPx - ry0) / step);
  const block = new Float64Array(NCC_BLOCK);
  for (let v = v0; v <= v1; v++) {
    for (let u = u0; u <= u1; u++) {
      let s: number;
      if (scan.pairs) {
        // Scored on this template's own width of a plane that may be wider (`PlaneCache`).
        s = edgeSignScore(scan.pixels.data, pw, ph, scan.pairs, u, v, MIN_VISIBLE, scan.pixels.width);
      } else {
        const b = (u - u0) % NCC_BLOCK;
        if (b === 0) nccRow(scan.plane, pt, u, v, 1, Math.min(NCC_BLOCK, u1 - u + 1), block, MIN_VISIBLE, MIN_STD);
        s = block[b];
      }
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
 * The pixels of the fine-level rectangle [x0, x1) × [y0, y1) at `step` for the edge-sign score (no summed-area
 * tables: it reads pixels only), `w` pixels wide; from `cache` when an earlier scan at the same place and scale
 * resampled one at least that wide (`PlaneCache`). `right` is the rectangle's right end before the template width.
 */
function pixelPlane(base: Base, W: number, cache: PlaneCache | undefined, key: string, x0: number, y0: number, x1: number, y1: number, step: number, w: number, right: number): PixelPlane {
  const hit = cache?.planes.get(key);
  if (hit && hit.width >= w) return hit;
  const wide = cache ? Math.max(x1, Math.min(W, right + (cache.aspect * step * FINE_HEIGHT))) : x1;
  const p = resampleRectData(base, x0, y0, wide, y1, step);
  cache?.planes.set(key, p);
  return p;
}

/**
 * The window where a phrase found at `at` lies at mark height `mh`: centred on `at`'s centre, spanning half the
 * change in width and height either way (left-, centre- and right-aligned with `at` all inside) plus one fine
 * pixel. A phrase rescaled about its top-left corner moves its right end by the change in width (a six-glyph
 * phrase: half a glyph at ±9 %), so a label the locating pass found a step too large, and that sits centred or
 * right-aligned on the found place, fell outside ±1 fine pixel. Tune part of marks-set v2 (docs/marks.md, Round 8):
 * of the 22 tune labels missed in Round 7, 8 scored ≥ 0.64 when refined from their true place; in 6 the candidate at
 * the label had been refined ~10 % too large.
 */
function scaledWindow(t: MarkTemplate, at: MarkHit, mh: number): { x: number; y: number; rx: number; ry: number } {
  const dw = ((at.markHeight - mh) * t.width) / t.height;
  const dh = at.markHeight - mh;
  const px = mh / FINE_HEIGHT;
  return { x: at.x + dw / 2, y: at.y + dh / 2, rx: Math.abs(dw) / 2 + px, ry: Math.abs(dh) / 2 + px };
}

/**
 * Fine level around a coarse candidate: the coarse template at the coarse scale (±0.3 mark heights, ±35 % of the
 * mark width along the line); then each
 * member template within ±2 fine pixels of it at that scale (fonts of one phrase differ in width by up to ±15 %,
 * so their best alignment moves a little), and around that member's best at four more scales (±9 %, the
 * half-step of the coarse grid; `scales`) within ±1 fine pixel (phrases: about their centre, `scaledWindow`). The hit reports the best member; the coarse
 * template itself scores only when it is a member.
 */
function refine(base: Base, W: number, H: number, c: Candidate, scales: readonly number[] = FINE_SCALES): MarkHit | null {
  // Along a line of text the coarse peak may sit a few letters off (candidates closer than two heights merge):
  // search ±35 % of the mark's width in x.
  const mw = (c.h * c.spec.template.width) / c.spec.template.height;
  const first = fineScan(base, W, H, c.spec.template, c.x, c.y, c.h, 0.3 * c.h, null, Math.max(0.3 * c.h, 0.35 * mw), true, undefined, c.spec.coarsePlane);
  if (!first) return null;
  const isMember = c.spec.members.includes(c.spec.template);
  let best: MarkHit | null = isMember ? first : null;
  const cache: PlaneCache = { aspect: Math.max(...c.spec.members.map((t) => t.width / t.height)), planes: new Map() };
  const ats = c.spec.members.map((t) => (t === c.spec.template ? first : fineScan(base, W, H, t, first.x, first.y, c.h, (2 * c.h) / FINE_HEIGHT, null, undefined, false, cache)));
  // Only the member that matched best at the coarse height gets the wider window (`scaledWindow`); the others keep
  // ±1 fine pixel about the top-left corner. On the tune labels missed in Round 7 the best member alone found 4 of
  // the 5 the wider window found for every member, at +3 % of marks' CPU on a 10 MP camera photo instead of +27 %
  // (+7 % for the best two; docs/marks.md, Round 8).
  let leader = -1;
  for (const [i, a] of ats.entries()) if (a && (leader < 0 || a.score > ats[leader]!.score)) leader = i;
  for (const [i, t] of c.spec.members.entries()) {
    const at = ats[i];
    if (!at) continue;
    let own = at;
    const wide = t.kind === 'phrase' && i === leader;
    for (const sf of scales) {
      const mh = c.h * sf;
      if (wide) {
        const w = scaledWindow(t, at, mh);
        own = fineScan(base, W, H, t, w.x, w.y, mh, w.ry, own, w.rx, false, cache) ?? own;
      } else own = fineScan(base, W, H, t, at.x, at.y, mh, mh / FINE_HEIGHT, own, undefined, false, cache) ?? own;
    }
    if (c.spec.edgeSign && t.kind === 'service') {
      for (const sf of [1, ...scales]) {
        const mh = c.h * sf;
        own = fineScan(base, W, H, t, at.x, at.y, mh, mh / FINE_HEIGHT, own, undefined, false, undefined, 'grey', true) ?? own;
      }
    }
    if (!best || own.score > best.score) best = own;
  }
  return best && { ...best, markHeight: Math.round(best.markHeight) };
}

/** The best fine-level hit of an anchored spec at its fixed place in a frame (`SearchSpec.anchor`), over the grid heights of its range. */
function anchoredScan(base: Base, W: number, H: number, spec: SearchSpec, f: Frame, abort?: AbortSignal): MarkHit | null {
  const { margin, tolerance } = spec.anchor!;
  const left = spec.places[0] === 'bl';
  const ref = refLength(spec, f);
  const half = Math.sqrt(SCALE_STEP);
  let best: MarkHit | null = null;
  for (const mh0 of heightGrid((spec.relHeight[0] * ref) / half, spec.relHeight[1] * ref * half)) {
    abort?.throwIfAborted();
    for (const sf of [1, ...FINE_SCALES]) {
      const mh = mh0 * sf;
      const mw = (mh * spec.template.width) / spec.template.height;
      const x = left ? f.x + margin * mh : f.x + f.width - (margin * mh + mw);
      best = fineScan(base, W, H, spec.template, x, f.y + f.height - (1 + margin) * mh, mh, tolerance * mh, best) ?? best;
    }
  }
  return best && { ...best, markHeight: Math.round(best.markHeight), anchored: true };
}

/** Mark size (pixels) and margin at which the reverse-blending check samples a hit. */
const UNBLEND_SIZE = 32;
const UNBLEND_PAD = 4;
const alphaPatches = new Map<string, Float32Array>();

/** The template as an alpha patch of UNBLEND_SIZE px with UNBLEND_PAD px of zero margin (cached per template). */
function alphaPatch(t: MarkTemplate): Float32Array {
  let a = alphaPatches.get(t.id);
  if (!a) {
    const p = prepareTemplate(t.coverage, t.width, t.height, UNBLEND_SIZE, UNBLEND_PAD);
    a = p.data;
    alphaPatches.set(t.id, a);
  }
  return a;
}

/**
 * Blended marks smaller than this (image pixels) are not checked: the outline test samples the mark at
 * UNBLEND_SIZE px, and below half of that it would judge interpolation, not pixels (Gemini draws 48 px or more).
 */
const UNBLEND_MIN_HEIGHT = 16;
/** At least this fraction of a blended mark must be inside the image to judge it (crops cut up to 40 %). */
const UNBLEND_MIN_INSIDE = 0.6;

/**
 * Best reverse-blending score of a hit's template around its place: ±1 px of the check's grid in half-pixel steps
 * and ±8 % of scale (the fine NCC peak is broad on texture, and the outline test needs the exact size).
 */
function unblendAt(base: Base, W: number, H: number, h: MarkHit, strengths?: readonly number[]): number {
  const t = h.template;
  const alpha = alphaPatch(t);
  const mw = Math.round((UNBLEND_SIZE * t.width) / t.height);
  const pw = mw + 2 * UNBLEND_PAD;
  const ph = UNBLEND_SIZE + 2 * UNBLEND_PAD;
  const f = base.factor;
  const valid = new Uint8Array(pw * ph);
  let best = -Infinity;
  for (const sf of [0.92, 0.96, 1, 1.04, 1.08]) {
    const size = h.markHeight * sf;
    const step = size / UNBLEND_SIZE;
    // Keep the mark's centre where the search put it.
    const cx = h.x + (h.markHeight * t.width) / t.height / 2;
    const cy = h.y + h.markHeight / 2;
    for (let dy = -2; dy <= 2; dy++) {
      for (let dx = -2; dx <= 2; dx++) {
        const x0 = cx - (pw / 2) * step + dx * step * 0.5;
        const y0 = cy - (ph / 2) * step + dy * step * 0.5;
        let inside = 0;
        for (let v = 0; v < ph; v++) {
          const yy = y0 + (v + 0.5) * step;
          for (let u = 0; u < pw; u++) {
            const xx = x0 + (u + 0.5) * step;
            const ok = xx >= step && xx < W - step && yy >= step && yy < H - step ? 1 : 0;
            valid[v * pw + u] = ok;
            if (ok && u >= UNBLEND_PAD && u < UNBLEND_PAD + mw && v >= UNBLEND_PAD && v < UNBLEND_PAD + UNBLEND_SIZE) inside++;
          }
        }
        if (inside < UNBLEND_MIN_INSIDE * mw * UNBLEND_SIZE) continue;
        const patch = sampleArea(base.sat, base.width, base.height, x0 / f, y0 / f, step / f, pw, ph);
        const s = unblendScore(patch, alpha, pw, ph, valid, strengths);
        if (s > best) best = s;
      }
    }
  }
  return best;
}

/**
 * The flanks of a phrase hit (flanks.ts), on the edge energy of the grey plane resampled at the fine level's scale
 * around it, clipped to the image (what lies beyond the border is unknown, not quiet).
 */
function flanksAt(base: Base, W: number, H: number, h: MarkHit): Flanks {
  const mh = h.markHeight;
  const mw = (mh * h.template.width) / h.template.height;
  const step = mh / FINE_HEIGHT;
  const reachX = (FLANK_GAP + FLANK_WIDTH + 0.1) * mh;
  const reachY = (OFF_FAR + 0.1) * mh;
  const x0 = Math.max(0, h.x - reachX);
  const y0 = Math.max(0, h.y - reachY);
  const x1 = Math.min(W, h.x + mw + reachX);
  const y1 = Math.min(H, h.y + mh + reachY);
  const p = resampleRectData(base, x0, y0, Math.max(x1, x0 + step), Math.max(y1, y0 + step), step);
  const e = edgeEnergy(p.data, p.width, p.height);
  return flanksOf(e, p.width, p.height, (h.x - x0) / step, (h.y - y0) / step, mw / step, FINE_HEIGHT);
}

/** Coarse candidates refined per search, phrases and services apart, and at least this many of each spec. */
const REFINE_PHRASES = 12;
const REFINE_SERVICES = 8;
const PER_SPEC = 2;

/**
 * The coarse candidates to refine for one kind: the best two of every spec (coarse scores of different templates
 * are not comparable: a blurry font mean scores higher on any text than a sharp one on its own phrase; and along
 * a line of text the best coarse peak may be a few letters off), then the next best overall up to `max`.
 */
function pickCandidates(specs: readonly SearchSpec[], candidates: Map<SearchSpec, Candidate[]>, kind: 'service' | 'phrase', max: number): Candidate[] {
  const own = specs.filter((s) => s.template.kind === kind).map((s) => candidates.get(s) ?? []);
  const chosen = own.flatMap((list) => list.slice(0, PER_SPEC));
  const rest = own.flatMap((list) => list.slice(PER_SPEC)).sort((a, b) => b.score - a.score);
  return [...chosen, ...rest].slice(0, Math.max(max, chosen.length));
}

/**
 * Fine scales of a phrase candidate refined a grid step smaller (`smallerByAStep`): with the step's own ±9 % they
 * reach down to 0.76 of the coarse height; its 1.09 is the full-size refinement's 0.91.
 */
const DOWN_SCALES = [0.91, 0.955, 1.045];

/**
 * The best phrase candidate of each coarse template, to refine once more a grid step smaller. On edge energy at
 * 8 px a label's coarse peak is often a step too large (an outline, a drop shadow or a badge widens its edge
 * pattern; a window hanging over the border compares less of it): 12 of the 31 tune labels missed in Round 4 were
 * refined at 1.1–1.8× their height. Tune part of marks-set v2 (docs/marks.md, Round 6): the best candidate of each
 * template a step smaller finds 6 more of its 79 labels at 0 / 157 false positives; every chosen candidate a step
 * smaller finds the same 6 with 1 false positive and about twice the cost. A candidate whose smaller twin is
 * already chosen is not repeated.
 */
function smallerByAStep(chosen: readonly Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  const seen = new Set<SearchSpec>();
  for (const c of chosen) {
    if (seen.has(c.spec)) continue;
    seen.add(c.spec);
    const h = c.h / SCALE_STEP;
    const twin = (o: Candidate): boolean => o.spec === c.spec && Math.abs(Math.log(o.h / h)) < 0.05 && Math.abs(o.x - c.x) < h * NMS_X && Math.abs(o.y - c.y) < h;
    if (!chosen.some(twin)) out.push({ ...c, h });
  }
  return out;
}

/** Grid of mark heights in image pixels: one geometric grid shared by every spec, so one band serves all. */
function heightGrid(lo: number, hi: number): number[] {
  const out: number[] = [];
  // Anchored at COARSE_HEIGHT (below it a mark is unreadable), so every spec and frame shares the same heights.
  for (let mh = COARSE_HEIGHT; mh <= hi * 1.0001; mh *= SCALE_STEP) if (mh >= lo) out.push(mh);
  return out;
}

/** The reference length of a spec's relHeight in a frame. */
const refLength = (spec: SearchSpec, f: Frame): number => (spec.relTo === 'width' ? f.width : Math.min(f.width, f.height));

/**
 * Search a grey image for the marks of `specs`, in the whole image and, when the image looks like a screenshot,
 * in the picture inside it. Scales follow one geometric grid of mark heights, so at each scale one resampled band
 * per place serves every template. Returns the best fine-level hit of each coarse candidate (any score: the caller
 * applies its thresholds), strongest first. `stats` counts the work done.
 */
export function searchMarks(grey: Plane8, specs: readonly SearchSpec[], abort?: AbortSignal, stats: SearchStats = { bands: 0, positions: 0 }): MarkHit[] {
  const W = grey.width;
  const H = grey.height;
  if (specs.length === 0) return [];
  const base = makeBase(grey, specs.some((s) => s.coarsePlane === 'edges'));
  const frames: { frame: Frame; inner: boolean }[] = [{ frame: { x: 0, y: 0, width: W, height: H }, inner: false }];
  const inner = innerPicture({ data: base.plane.data, width: base.width, height: base.height });
  if (inner) {
    const f = base.factor;
    frames.push({ frame: { x: inner.x * f, y: inner.y * f, width: Math.min(W, inner.width * f), height: Math.min(H, inner.height * f) }, inner: true });
  }
  const candidates = new Map<SearchSpec, Candidate[]>(specs.map((s) => [s, []]));
  const coarseWidth = Math.max(...specs.map((s) => templateAt(s.template, COARSE_HEIGHT).width));
  const coarseHeight = Math.max(...specs.map((s) => templateAt(s.template, COARSE_HEIGHT).height));
  const half = Math.sqrt(SCALE_STEP);
  for (const { frame, inner: isInner } of frames) {
    const lo = Math.min(...specs.map((s) => s.relHeight[0] * refLength(s, frame)));
    const hi = Math.max(...specs.map((s) => s.relHeight[1] * refLength(s, frame)));
    for (const mh of heightGrid(lo / half, hi * half)) {
      abort?.throwIfAborted();
      // A spec is searched at the grid heights inside its range, widened by half a step so no range falls between.
      const jobs: { spec: SearchSpec; place: Place; x0: number; x1: number; y0: number; y1: number; pos: ReturnType<typeof positionRange> }[] = [];
      for (const spec of specs) {
        const rel = mh / refLength(spec, frame);
        if (rel < spec.relHeight[0] / half || rel > spec.relHeight[1] * half) continue;
        for (const place of isInner ? spec.innerPlaces : spec.places) jobs.push({ spec, place, ...reach(frame, spec, place, mh) });
      }
      const step = mh / COARSE_HEIGHT;
      // One band per place: the union of every job's reach there.
      for (const place of new Set(jobs.map((j) => j.place))) {
        const group = jobs.filter((j) => j.place === place);
        const x0 = Math.max(0, Math.min(...group.map((j) => j.x0)));
        const x1 = Math.min(W, Math.max(...group.map((j) => j.x1)));
        const y0 = Math.max(0, Math.min(...group.map((j) => j.y0)));
        const y1 = Math.min(H, Math.max(...group.map((j) => j.y1)));
        if (x1 - x0 < 2 * step || y1 - y0 < 2 * step) continue;
        // One band per plane over the same rectangle, so a spec's band does not depend on which others are searched.
        for (const kind of ['grey', 'edges'] as const) {
          const own = group.filter((j) => (j.spec.coarsePlane ?? 'grey') === kind);
          if (own.length === 0) continue;
          const band: Band = { plane: resampleRect(base, x0, y0, x1, y1, step, coarseWidth, coarseHeight, kind), x0, y0, step };
          stats.bands++;
          for (const j of own) coarseScan(band, j.spec, j.pos, mh, candidates.get(j.spec)!, stats);
        }
      }
    }
  }
  const hits: MarkHit[] = [];
  for (const spec of specs) {
    if (!spec.anchor) continue;
    for (const { frame } of frames) {
      const hit = anchoredScan(base, W, H, spec, frame, abort);
      if (hit) hits.push(hit);
    }
  }
  const phrases = pickCandidates(specs, candidates, 'phrase', REFINE_PHRASES);
  // Service marks drawn at different corners do not compete for refinement: Samsung's bottom-left icon must not
  // take a slot of a bottom-right mark's candidate (nor the other way round).
  const corners = new Map<string, SearchSpec[]>();
  for (const s of specs) if (s.template.kind === 'service') corners.set(s.places.join(), [...(corners.get(s.places.join()) ?? []), s]);
  const services = [...corners.values()].flatMap((group) => pickCandidates(group, candidates, 'service', REFINE_SERVICES));
  for (const c of [...services, ...phrases]) {
    abort?.throwIfAborted();
    const h = refine(base, W, H, c);
    if (h) hits.push(h);
  }
  for (const c of smallerByAStep(phrases)) {
    abort?.throwIfAborted();
    const h = refine(base, W, H, c, DOWN_SCALES);
    if (h) hits.push(h);
  }
  for (const h of [...hits]) {
    const spec = specs.find((x) => x.members.includes(h.template));
    if (h.template.kind === 'phrase') {
      h.flanks = flanksAt(base, W, H, h);
      // Text going on past a phrase may be a longer label ("AI-generated content"): compared as a phrase of its own,
      // with its own flanks, so it is reported only when it ends the text.
      const longer = spec?.extensions && textContinues(h.flanks) ? extendHit(base, W, H, h, spec.extensions) : null;
      if (longer) hits.push({ ...longer, flanks: flanksAt(base, W, H, longer) });
    }
    if (spec?.blended && h.score >= spec.blended.minScore && h.markHeight >= (spec.blended.minHeight ?? UNBLEND_MIN_HEIGHT)) h.unblend = unblendAt(base, W, H, h, spec.blended.strengths);
  }
  // A phrase hit is reported only within the overhang the search allows: the fine level's ±radius may move it
  // further over the border than the coarse level placed it (docs/marks.md, Round 6: a 12 px "AI 生成" half over
  // the top border of a tune-source web photo at 0.643; no tune label was lost).
  return hits.filter((h) => h.template.kind !== 'phrase' || withinOverhang(h, W, H)).sort((a, b) => b.score - a.score);
}

/**
 * Heights tried for a longer label over a phrase hit, as multiples of the hit's height, its top kept: the hit may be
 * a phrase without a descender ("AI Generated", cap height to baseline) over a label with one ("AI-generated
 * content": the g's tail), 1.25–1.30× as high in the five tune Latin fonts (ink boxes rendered at 160 px: DejaVu
 * Sans 124 → 155, Liberation Sans Bold 118 → 150, Liberation Serif 113 → 146, Comfortaa Bold 129 → 161, Noto Sans
 * CJK 129 → 167); the fine level's ±4.5 % steps between.
 */
const LONGER_SCALES = [0.955, 1, 1.045, 1.09, 1.14, 1.19, 1.245, 1.3];

/**
 * The best of `longer` (labels that start with the hit's phrase) laid over a phrase hit: same top-left corner
 * (±2 fine pixels) and `LONGER_SCALES` of its height, scored by edge-sign agreement as every phrase is.
 */
function extendHit(base: Base, W: number, H: number, h: MarkHit, longer: readonly MarkTemplate[]): MarkHit | null {
  let best: MarkHit | null = null;
  for (const t of longer) {
    for (const sf of LONGER_SCALES) {
      const mh = h.markHeight * sf;
      best = fineScan(base, W, H, t, h.x, h.y, mh, (2 * mh) / FINE_HEIGHT, best) ?? best;
    }
  }
  return best && { ...best, markHeight: Math.round(best.markHeight) };
}

/**
 * Whether at most OVERHANG_X of a hit's width and OVERHANG_Y of its height lie beyond the image border (issue 15 §3:
 * crops cut up to 40 % of a mark).
 */
function withinOverhang(h: MarkHit, W: number, H: number): boolean {
  const mh = h.markHeight;
  const mw = (mh * h.template.width) / h.template.height;
  const hiddenX = (Math.max(0, -h.x) + Math.max(0, h.x + mw - W)) / mw;
  const hiddenY = (Math.max(0, -h.y) + Math.max(0, h.y + mh - H)) / mh;
  return hiddenX <= OVERHANG_X && hiddenY <= OVERHANG_Y;
}
