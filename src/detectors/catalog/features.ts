/**
 * Local features of a product: "is the print on the claim's item the print on the catalog photo's?" ORB-style
 * keypoints (src/pixels/corners.ts, brief.ts) over a small image pyramid of a reduced grey view, matched by Hamming
 * distance with a ratio test and a mutual check (src/pixels/hamming.ts), verified geometrically by RANSAC
 * (src/pixels/ransac.ts). The number of verified matches and how much of the catalog photo they span say whether
 * the claim shows the same printed product (a label, a carton, a pattern), whatever its pose, scale, light and
 * surroundings. Plain produce (an apple, a pepper) has no print to match: its evidence stays with the palettes.
 */
import { detectCorners } from '../../pixels/corners';
import { describe, DESCRIPTOR_WORDS } from '../../pixels/brief';
import { matchDescriptors } from '../../pixels/hamming';
import { verifyGeometry, type GeometricFit } from '../../pixels/ransac';
import { fitInside, resizePlane, type Plane } from '../../pixels/resample';

/** Keypoints with descriptors, in the pixels of the view they were found on (level 0 of the pyramid). */
export interface ProductKeypoints {
  /** Size of the view (level 0). */
  width: number;
  height: number;
  x: Float32Array;
  y: Float32Array;
  /** Orientation, radians. */
  angle: Float32Array;
  /** Pyramid level the keypoint was found on (scale = SCALE_STEP^level). */
  level: Uint8Array;
  /** `count` × DESCRIPTOR_WORDS words. */
  descriptors: Uint32Array;
  count: number;
}

/** Linear scale between pyramid levels (ORB uses 1.2; 2^(1/3) keeps three levels per octave). */
export const SCALE_STEP = 2 ** (1 / 3);
/** FAST intensity threshold (8-bit): 10 grey levels, above JPEG noise on flat print (OpenCV's ORB default is 20 on full-size photos; these views are shrunk, which lowers contrast per pixel). */
const FAST_THRESHOLD = 10;

/** How a view is searched for keypoints. */
export interface KeypointOptions {
  /** Most keypoints kept over all levels. */
  max: number;
  /** Pyramid levels (level k is 1 / SCALE_STEP^k of the view). */
  levels: number;
}

/**
 * ORB keypoints of a grey view (a one-channel plane, values 0–255): a pyramid of `levels` area-averaged levels,
 * each level's share of `max` proportional to its linear scale (as in ORB), the strongest Harris responses of each.
 */
export function keypointsOf(grey: Plane, o: KeypointOptions): ProductKeypoints {
  const xs: number[] = [];
  const ys: number[] = [];
  const angles: number[] = [];
  const levels: number[] = [];
  const descs: Uint32Array[] = [];
  let weightSum = 0;
  for (let l = 0; l < o.levels; l++) weightSum += SCALE_STEP ** -l;
  for (let l = 0; l < o.levels; l++) {
    const f = SCALE_STEP ** -l;
    const lw = Math.round(grey.width * f);
    const lh = Math.round(grey.height * f);
    // A level must still hold keypoints 18 px (the corner border) away from every edge.
    if (Math.min(lw, lh) < 48) break;
    const plane = l === 0 ? grey : resizePlane(grey, lw, lh);
    const bytes = new Uint8Array(lw * lh);
    for (let i = 0; i < bytes.length; i++) bytes[i] = plane.data[i] < 0 ? 0 : plane.data[i] > 255 ? 255 : Math.round(plane.data[i]);
    const quota = Math.max(1, Math.round((o.max * SCALE_STEP ** -l) / weightSum));
    const c = detectCorners(bytes, lw, lh, FAST_THRESHOLD, 18, quota);
    descs.push(describe(bytes, lw, lh, c.x, c.y, c.angle, c.count));
    for (let k = 0; k < c.count; k++) {
      xs.push((c.x[k] + 0.5) / f - 0.5);
      ys.push((c.y[k] + 0.5) / f - 0.5);
      angles.push(c.angle[k]);
      levels.push(l);
    }
  }
  const count = xs.length;
  const descriptors = new Uint32Array(count * DESCRIPTOR_WORDS);
  let at = 0;
  for (const d of descs) {
    descriptors.set(d, at);
    at += d.length;
  }
  return { width: grey.width, height: grey.height, x: Float32Array.from(xs), y: Float32Array.from(ys), angle: Float32Array.from(angles), level: Uint8Array.from(levels), descriptors, count };
}

/**
 * Long side of the catalog photo's keypoint view, pixels. The view sizes and keypoint counts are those of the
 * exploration with OpenCV's ORB on the corpus products (catalog 320 px / 256 keypoints, claim 512 px / 800: the
 * claim shows the product smaller, among clutter), reproduced by these kernels (docs/catalog.md, step 6).
 */
export const CATALOG_FEATURE_SIDE = 320;
/** Long side of the claim's keypoint view, pixels. */
export const CLAIM_FEATURE_SIDE = 512;
/** Keypoints of a catalog photo. */
export const CATALOG_KEYPOINTS = 256;
/** Keypoints of a claim. */
export const CLAIM_KEYPOINTS = 800;

/** The view a side's keypoints are found on: a luma plane brought to long side `side`, enlarged by at most 1.6×. */
export function featureView(luma: Plane, side: number): Plane {
  const long = Math.max(luma.width, luma.height);
  // Small pictures (a 198-px web image) are enlarged a little: FAST and the 31-px patch need a few pixels per detail.
  const target = Math.min(side, Math.round(long * 1.6));
  const s = fitInside(luma.width * 4, luma.height * 4, target);
  return s.width === luma.width && s.height === luma.height ? luma : resizePlane(luma, s.width, s.height);
}

/** Evidence that the claim shows the catalog photo's print. */
export interface FeatureMatch {
  /** Descriptor matches that passed the ratio test and the mutual check. */
  matches: number;
  /** Matches consistent with one geometric map (RANSAC inliers). */
  inliers: number;
  /** Share (0..1) of the catalog keypoints' 4×4 grid cells that hold an inlier: how much of the print agrees. */
  spread: number;
  /** The verified map, catalog view → claim view, or null. */
  fit: GeometricFit | null;
}

/** Hamming ratio test (Lowe 2004 uses 0.8 on SIFT distances). */
const RATIO = 0.8;
/** Largest Hamming distance of a match (of 256 bits): ORB matches of the same point typically stay under 64 (Rublee et al. 2011, fig. 6); 80 leaves room for light and blur. */
const MAX_DISTANCE = 80;
/** RANSAC inlier tolerance, share of the claim view's long side (6 px at 512: the reprojection threshold of the exploration runs with OpenCV). */
const INLIER_TOLERANCE = 0.012;
/** Largest disagreement of a match's orientation change with the map's rotation, degrees (ORB orientations are steered in 12° steps; 30° allows two and a half). */
const TURN_TOLERANCE_DEG = 30;

/** Match catalog keypoints into the claim's and verify them geometrically. */
export function matchFeatures(catalog: ProductKeypoints, claim: ProductKeypoints): FeatureMatch {
  const m = matchDescriptors(catalog.descriptors, catalog.count, claim.descriptors, claim.count, DESCRIPTOR_WORDS, RATIO, MAX_DISTANCE);
  const none: FeatureMatch = { matches: m.count, inliers: 0, spread: 0, fit: null };
  if (m.count < 3) return none;
  const c = {
    x1: Float64Array.from(m.a, (i) => catalog.x[i]),
    y1: Float64Array.from(m.a, (i) => catalog.y[i]),
    x2: Float64Array.from(m.b, (j) => claim.x[j]),
    y2: Float64Array.from(m.b, (j) => claim.y[j]),
    turn: Float64Array.from({ length: m.count }, (_v, k) => claim.angle[m.b[k]] - catalog.angle[m.a[k]]),
    count: m.count,
  };
  const claimLong = Math.max(claim.width, claim.height);
  const fit = verifyGeometry(c, {
    threshold: INLIER_TOLERANCE * claimLong,
    iterations: 500,
    seed: 1,
    minScale: 0.15,
    maxScale: 6,
    turnTolerance: (TURN_TOLERANCE_DEG * Math.PI) / 180,
    maxAnisotropy: 2.5,
    minSeparation: 0.02 * Math.max(catalog.width, catalog.height),
  });
  if (!fit || fit.count < 3) return { ...none, fit: null };
  return { matches: m.count, inliers: fit.count, spread: gridSpread(catalog, m.a, fit.inliers), fit };
}

/** Share of the 4×4 cells over the catalog keypoints' bounding box holding a keypoint that also hold an inlier. */
function gridSpread(k: ProductKeypoints, index: Int32Array, inlier: Uint8Array): number {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (let i = 0; i < k.count; i++) {
    x0 = Math.min(x0, k.x[i]); x1 = Math.max(x1, k.x[i]);
    y0 = Math.min(y0, k.y[i]); y1 = Math.max(y1, k.y[i]);
  }
  const cell = (x: number, y: number): number => Math.min(3, Math.floor(((x - x0) / Math.max(1, x1 - x0)) * 4)) + 4 * Math.min(3, Math.floor(((y - y0) / Math.max(1, y1 - y0)) * 4));
  const any = new Uint8Array(16);
  const hit = new Uint8Array(16);
  for (let i = 0; i < k.count; i++) any[cell(k.x[i], k.y[i])] = 1;
  for (let t = 0; t < index.length; t++) if (inlier[t]) hit[cell(k.x[index[t]], k.y[index[t]])] = 1;
  let a = 0, h = 0;
  for (let c = 0; c < 16; c++) {
    a += any[c];
    h += hit[c];
  }
  return a ? h / a : 0;
}

/**
 * The verified map in full-size pixels: catalog photo (`catalogWidth` × `catalogHeight`) → claim (`claimWidth` ×
 * `claimHeight`), from the map between the two keypoint views.
 */
export function fullSizeMap(model: Float64Array, catalog: ProductKeypoints, catalogWidth: number, catalogHeight: number, claim: ProductKeypoints, claimWidth: number, claimHeight: number): Float64Array {
  const ax = catalog.width / catalogWidth;
  const ay = catalog.height / catalogHeight;
  const bx = claimWidth / claim.width;
  const by = claimHeight / claim.height;
  return Float64Array.of(model[0] * ax * bx, model[1] * ay * bx, model[2] * bx, model[3] * ax * by, model[4] * ay * by, model[5] * by);
}
