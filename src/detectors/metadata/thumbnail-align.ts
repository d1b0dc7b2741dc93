/**
 * Where the EXIF thumbnail sits in the image: the pose that maps the thumbnail's picture onto the main image,
 * searched rather than assumed, because genuine cameras store thumbnails in ways the EXIF tags do not describe:
 * - rotated: older compacts store a portrait photo upright but keep a landscape 160×120 thumbnail; some phones
 *   store an upright thumbnail under Orientation 6 (shared/corpus camera/mei__Panasonic_DMC-LC40.jpg: a 1200×1600
 *   photo, Orientation 1, with a landscape 160×120 thumbnail);
 * - mirrored: front cameras store the picture mirrored and the thumbnail not (or the reverse);
 * - letterboxed: a 3:2 or 16:9 frame inside a 4:3 thumbnail with black bars (camera/mei__Canon_EOS_1000D.jpg,
 *   mei__Pentax_ist_D.jpg), or squeezed into 160×120 without bars;
 * - cropped: a slightly smaller field than the image, or a 4:3 centre cut of a 16:9 frame.
 * So the search tries all eight orientations (rotation 0/90/180/270, mirrored or not) of the thumbnail, with and
 * without its letterbox bars, against the full frame and the centred crop of the thumbnail's aspect, keeps the best
 * by normalised cross-correlation of luma on a coarse grid, then refines the box (position and size, 4 numbers)
 * by a shrinking pattern search at the thumbnail's own scale. Re-saving programs that apply the orientation to the
 * pixels but keep the old thumbnail ("auto-orient") are one more reason the tag alone cannot be trusted.
 */
import type { Plane } from '../../pixels/resample';
import { lumaPlane, resizePlane } from '../../pixels/resample';
import { orientPlane } from '../../pixels/orient';
import { cropPlane, renderInto, rowCache, sampleSums, trimmedNcc, type EdgeBox, type RowCache, type SampleSums } from './thumbnail-sample';

/** The pose found for a thumbnail. */
export interface ThumbnailPose {
  /** The thumbnail's picture inside its stored frame (letterbox bars excluded), stored pixels. */
  content: { x: number; y: number; width: number; height: number };
  /** EXIF orientation (1–8) that turns the stored thumbnail picture into the main image's orientation. */
  orientation: number;
  /** The main-image box the picture shows, as fractions of the (oriented) main image: [x0, x1) × [y0, y1). */
  box: EdgeBox;
  /** Normalised cross-correlation of luma at the thumbnail's scale over its best-agreeing 80 %, −1..1. */
  ncc: number;
  /** Whether letterbox bars were removed. */
  trimmed: boolean;
}

/**
 * Letterbox bars: edge rows (columns) whose luma stays dark and flat, on both opposite sides. Thresholds allow for
 * the thumbnail's JPEG noise next to a hard edge: mean < 40 and range < 48 levels (a q60 JPEG's ringing beside a
 * black bar stays within that; measured on the 10 letterboxed thumbnails of the tune split). Each side at most a
 * quarter of the frame, and the two sides within 3 px or 25 % of each other (bars are centred).
 */
export function findLetterbox(luma: Plane): { x: number; y: number; width: number; height: number } | null {
  const { width: w, height: h, data } = luma;
  const barRow = (y: number): boolean => {
    let s = 0, lo = 255, hi = 0;
    for (let x = 0; x < w; x++) {
      const v = data[y * w + x];
      s += v;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    return s / w < 40 && hi - lo < 48;
  };
  const barCol = (x: number, y0: number, y1: number): boolean => {
    let s = 0, lo = 255, hi = 0;
    for (let y = y0; y < y1; y++) {
      const v = data[y * w + x];
      s += v;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    return s / (y1 - y0) < 40 && hi - lo < 48;
  };
  const centred = (a: number, b: number): boolean => a > 0 && b > 0 && Math.abs(a - b) <= Math.max(3, 0.25 * Math.max(a, b));
  let top = 0;
  while (top < h / 4 && barRow(top)) top++;
  let bottom = 0;
  while (bottom < h / 4 && barRow(h - 1 - bottom)) bottom++;
  if (!centred(top, bottom)) top = bottom = 0;
  let left = 0;
  while (left < w / 4 && barCol(left, top, h - bottom)) left++;
  let right = 0;
  while (right < w / 4 && barCol(w - 1 - right, top, h - bottom)) right++;
  if (!centred(left, right)) left = right = 0;
  if (top + bottom + left + right === 0) return null;
  return { x: left, y: top, width: w - left - right, height: h - top - bottom };
}

/** One candidate pose during the search. */
interface Candidate {
  content: { x: number; y: number; width: number; height: number };
  trimmed: boolean;
  orientation: number;
  /** Thumbnail picture luma in the main orientation, full thumbnail resolution. */
  luma: Plane;
  /** The same on the coarse grid. */
  small: Plane;
  box: EdgeBox;
  score: number;
}

/** Orientations whose picture aspect is this far (|ln ratio|) from the image's are not tried: 4:3 vs 16:9 is 0.29. */
const MAX_ASPECT_LOG = 0.45;

/** Long side of the coarse grid: enough to tell the eight orientations apart, cheap enough to try them all. */
const COARSE = 40;
/** Long side of the middle level of the refinement. */
const MIDDLE = 80;
/**
 * A second pose is refined only when its coarse score is within this of the best: refinement moves NCC by a few
 * hundredths (measured on the render tune split), so a pose 0.05 behind at 40 px does not win at 160 px.
 */
const COARSE_MARGIN = 0.05;
/** The box never shrinks below this share of the image per axis (a thumbnail shows most of the frame). */
const MIN_SPAN = 0.55;

/**
 * Score of a box: trimmed NCC (`trimmedNcc`) of the thumbnail luma (already at `t`'s size, with its `tSums`) with the
 * main preview (its `RowCache`: boxes sharing an x span share their horizontal pass) rendered in that box.
 */
function score(t: Plane, main: RowCache, box: EdgeBox, tSums: SampleSums): number {
  const m = main.plane;
  const n = t.width * t.height * m.channels;
  if (rendered.length < n) rendered = new Float32Array(n);
  const r = renderInto(m, { x0: box.x0 * m.width, y0: box.y0 * m.height, x1: box.x1 * m.width, y1: box.y1 * m.height }, t.width, t.height, main, rendered);
  return trimmedNcc(t.data, r.subarray(0, n), tSums);
}

/** Scratch for `score`'s rendered box, grown as needed: a search scores a few hundred boxes and keeps none. */
let rendered = new Float32Array(0);

/** `score` with memory, for one search: a pattern search revisits boxes (a move back, the start of a crop grid). */
type Scorer = (t: Plane, main: RowCache, box: EdgeBox) => number;

function memoScorer(): Scorer {
  const seen = new Map<Plane, Map<RowCache, Map<string, number>>>();
  // The thumbnail side's sums of each plane, once per search (the search's planes are never written to).
  const sums = new Map<Plane, SampleSums>();
  return (t, main, box) => {
    let byMain = seen.get(t);
    if (!byMain) seen.set(t, (byMain = new Map<RowCache, Map<string, number>>()));
    let byBox = byMain.get(main);
    if (!byBox) byMain.set(main, (byBox = new Map<string, number>()));
    const key = `${box.x0},${box.y0},${box.x1},${box.y1}`;
    let v = byBox.get(key);
    if (v === undefined) {
      let tSums = sums.get(t);
      if (!tSums) sums.set(t, (tSums = sampleSums(t.data)));
      byBox.set(key, (v = score(t, main, box, tSums)));
    }
    return v;
  };
}

function sizeAt(w: number, h: number, side: number): [number, number] {
  const k = Math.min(1, side / Math.max(w, h));
  return [Math.max(4, Math.round(w * k)), Math.max(4, Math.round(h * k))];
}

/**
 * Shrinking pattern search over the box: moves of the whole box, symmetric growths/shrinks per axis and single
 * edges moving inwards, by ±step, accepted when the score improves, at most `rounds` sweeps per step. Keeps the box
 * inside the image and each side at least `MIN_SPAN` long.
 */
function refine(score: Scorer, t: Plane, main: RowCache, start: EdgeBox, startScore: number, steps: readonly number[], rounds: number): { box: EdgeBox; score: number } {
  let best = start;
  let bestScore = startScore;
  const ok = (b: EdgeBox): boolean => b.x0 >= -1e-9 && b.y0 >= -1e-9 && b.x1 <= 1 + 1e-9 && b.y1 <= 1 + 1e-9 && b.x1 - b.x0 >= MIN_SPAN && b.y1 - b.y0 >= MIN_SPAN;
  for (const s of steps) {
    for (let round = 0; round < rounds; round++) {
      let moved = false;
      const moves: EdgeBox[] = [
        { ...best, x0: best.x0 + s, x1: best.x1 + s },
        { ...best, x0: best.x0 - s, x1: best.x1 - s },
        { ...best, y0: best.y0 + s, y1: best.y1 + s },
        { ...best, y0: best.y0 - s, y1: best.y1 - s },
        { ...best, x0: best.x0 - s, x1: best.x1 + s },
        { ...best, x0: best.x0 + s, x1: best.x1 - s },
        { ...best, y0: best.y0 - s, y1: best.y1 + s },
        { ...best, y0: best.y0 + s, y1: best.y1 - s },
        { ...best, x0: best.x0 + s },
        { ...best, x1: best.x1 - s },
        { ...best, y0: best.y0 + s },
        { ...best, y1: best.y1 - s },
      ];
      for (const m of moves) {
        if (!ok(m)) continue;
        const v = score(t, main, m);
        if (v > bestScore + 1e-5) {
          best = m;
          bestScore = v;
          moved = true;
        }
      }
      if (!moved) break;
    }
  }
  return { box: best, score: bestScore };
}

/** Half size by 2×2 averages (odd last row/column dropped): the fast step of the preview pyramid. */
function halve(p: Plane): Plane {
  const w = p.width >> 1;
  const h = p.height >> 1;
  const c = p.channels;
  const out = new Float32Array(w * h * c);
  const W = p.width;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      for (let ch = 0; ch < c; ch++) {
        const i = ((2 * y) * W + 2 * x) * c + ch;
        out[(y * w + x) * c + ch] = 0.25 * (p.data[i] + p.data[i + c] + p.data[i + W * c] + p.data[i + W * c + c]);
      }
    }
  }
  return { data: out, width: w, height: h, channels: c };
}

/** Shares of the candidate box's span tried per axis on the coarse grid: thumbnails of a field up to 12 % smaller. */
const CROP_SPANS = [1, 0.96, 0.92, 0.88];

/**
 * Boxes around a candidate for the coarse crop search: per axis, the span shrunk by each of `CROP_SPANS` and placed
 * at the start, the centre or the end of the candidate's own span. The pattern search that follows only walks
 * downhill from the best of these, so an off-centre field of 90 % needs a start near it.
 */
function cropGrid(b: EdgeBox): EdgeBox[] {
  const axis = (a0: number, a1: number): [number, number][] => {
    const out: [number, number][] = [];
    for (const k of CROP_SPANS) {
      const span = (a1 - a0) * k;
      if (k === 1) {
        out.push([a0, a1]);
        continue;
      }
      for (const at of [a0, (a0 + a1 - span) / 2, a1 - span]) out.push([at, at + span]);
    }
    return out;
  };
  const xs = axis(b.x0, b.x1);
  const ys = axis(b.y0, b.y1);
  const out: EdgeBox[] = [];
  for (const [x0, x1] of xs) for (const [y0, y1] of ys) out.push({ x0, y0, x1, y1 });
  return out;
}

/**
 * A plane downscaled so its long side is at most `side` (area average), or the plane itself: halved while at least
 * twice `side`, then resized. `halvings`, when given, holds `p` and its successive halves, made once and shared by
 * every level taken from the same plane (the preview's three levels).
 */
function atMost(p: Plane, side: number, halvings: Plane[] = [p]): Plane {
  let i = 0;
  while (Math.max(halvings[i].width, halvings[i].height) >= 2 * side) {
    if (i + 1 === halvings.length) halvings.push(halve(halvings[i]));
    i++;
  }
  const q = halvings[i];
  const [w, h] = sizeAt(q.width, q.height, side);
  return w < q.width || h < q.height ? resizePlane(q, w, h) : q;
}

/**
 * Content boxes to try for a stored thumbnail frame: the whole frame; the bars found in its pixels; and the
 * letterbox a camera would add for the image's aspect (both ways round, for rotated thumbnails), because bars next to
 * a dark picture cannot be told from it by their pixels (shared/corpus camera/exifr__canon-dslr.jpg: a 3:2 night
 * shot in a 160×120 frame). Trimmed boxes lose one more pixel on the bar sides: the JPEG ringing of the bar edge.
 */
function contentBoxes(tl: Plane, mainAspect: number): { c: { x: number; y: number; width: number; height: number }; trimmed: boolean }[] {
  const { width: w, height: h } = tl;
  const out = [{ c: { x: 0, y: 0, width: w, height: h }, trimmed: false }];
  const add = (x: number, y: number, cw: number, ch: number): void => {
    if (cw < 8 || ch < 8 || (cw === w && ch === h)) return;
    if (out.some((o) => Math.abs(o.c.x - x) + Math.abs(o.c.y - y) + Math.abs(o.c.width - cw) + Math.abs(o.c.height - ch) <= 1)) return;
    out.push({ c: { x, y, width: cw, height: ch }, trimmed: true });
  };
  const shave = (x: number, y: number, cw: number, ch: number): void => {
    const sx = x > 0 ? 1 : 0;
    const sy = y > 0 ? 1 : 0;
    add(x + sx, y + sy, cw - 2 * sx, ch - 2 * sy);
  };
  const bars = findLetterbox(tl);
  if (bars) shave(bars.x, bars.y, bars.width, bars.height);
  for (const a of [mainAspect, 1 / mainAspect]) {
    if (a > w / h * 1.02) {
      const ch = Math.round(w / a);
      shave(0, Math.floor((h - ch) / 2), w, ch);
    } else if (a < (w / h) / 1.02) {
      const cw = Math.round(h * a);
      shave(Math.floor((w - cw) / 2), 0, cw, h);
    }
  }
  return out;
}

/**
 * Find the pose of a thumbnail against the main image.
 *
 * @param thumb The thumbnail as stored (RGB or luma plane, no orientation applied).
 * @param main A preview of the oriented main image (luma or RGB plane), about four times the thumbnail's size.
 * @param expected The orientation the EXIF says applies (the image's Orientation tag): preferred on a near tie.
 * @returns The best pose, or null when the thumbnail has no structure to align (flat) or no orientation fits.
 */
export function alignThumbnail(thumb: Plane, main: Plane, expected: number): ThumbnailPose | null {
  const tl = thumb.channels === 1 ? thumb : lumaPlane(thumb);
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < tl.data.length; i++) {
    if (tl.data[i] < lo) lo = tl.data[i];
    if (tl.data[i] > hi) hi = tl.data[i];
  }
  // A flat thumbnail (one colour) carries no picture to compare.
  if (hi - lo < 8) return null;
  const ml = main.channels === 1 ? main : lumaPlane(main);
  const score = memoScorer();
  // A pyramid of the preview: each level keeps about four image pixels per compared pixel (area averages).
  const halvings = [ml];
  const coarseMain = rowCache(atMost(ml, 4 * COARSE, halvings));
  const middleMain = rowCache(atMost(ml, 4 * MIDDLE, halvings));
  // A 160-pixel thumbnail's fine level is the middle level (320 px): one plane, one cache.
  const fineSide = 2 * Math.max(tl.width, tl.height);
  const fineMain = fineSide === 4 * MIDDLE ? middleMain : rowCache(atMost(ml, fineSide, halvings));
  const mainAspect = ml.width / ml.height;
  const candidates: Candidate[] = [];
  for (const { c, trimmed } of contentBoxes(tl, mainAspect)) {
    const pic = trimmed ? cropPlane(tl, c.x, c.y, c.width, c.height) : tl;
    for (let o = 1; o <= 8; o++) {
      // The oriented picture's aspect is known before it is made (orientations 5–8 swap width and height): the
      // orientations the image's aspect rules out are not turned.
      const aspect = o >= 5 ? pic.height / pic.width : pic.width / pic.height;
      if (Math.abs(Math.log(aspect / mainAspect)) > MAX_ASPECT_LOG) continue;
      const luma = orientPlane(pic, o);
      const small = atMost(luma, COARSE);
      const boxes: EdgeBox[] = [{ x0: 0, y0: 0, x1: 1, y1: 1 }];
      // The centred crop of the picture's own aspect: thumbnails cut from a wider frame.
      if (Math.abs(Math.log(aspect / mainAspect)) > 0.01) {
        const k = aspect / mainAspect;
        boxes.push(k < 1 ? { x0: (1 - k) / 2, y0: 0, x1: (1 + k) / 2, y1: 1 } : { x0: 0, y0: (1 - 1 / k) / 2, x1: 1, y1: (1 + 1 / k) / 2 });
      }
      for (const box of boxes) candidates.push({ content: c, trimmed, orientation: o, luma, small, box, score: score(small, coarseMain, box) });
    }
  }
  if (candidates.length === 0) return null;
  candidates.sort((a, b) => b.score - a.score);
  // Refine the best distinct (content, orientation) poses on the middle grid (the two best, and the second only when
  // the coarse grid could not tell them apart), then the winner at the thumbnail's size.
  const seen = new Set<string>();
  let best: Candidate | undefined;
  for (const cand of candidates) {
    const key = `${cand.content.x},${cand.content.y},${cand.content.width},${cand.content.height}:${cand.orientation}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (seen.size > 2 || (seen.size === 2 && cand.score < candidates[0].score - COARSE_MARGIN)) break;
    const start = cropGrid(cand.box).reduce<{ box: EdgeBox; score: number }>((acc, box) => {
      const v = score(cand.small, coarseMain, box);
      return v > acc.score ? { box, score: v } : acc;
    }, { box: cand.box, score: cand.score });
    const mid = atMost(cand.luma, MIDDLE);
    const r = refine(score, mid, middleMain, start.box, score(mid, middleMain, start.box), [0.02, 0.01, 0.005], 3);
    // The EXIF orientation wins a near tie: a symmetric scene must not be read as rotated.
    const bonus = cand.orientation === expected ? 0.002 : 0;
    if (!best || r.score + bonus > best.score) best = { ...cand, box: r.box, score: r.score + bonus };
  }
  if (!best) return null;
  const full = refine(score, best.luma, fineMain, best.box, score(best.luma, fineMain, best.box), [0.005, 0.0025], 3);
  return { content: best.content, orientation: best.orientation, box: full.box, ncc: full.score, trimmed: best.trimmed };
}
