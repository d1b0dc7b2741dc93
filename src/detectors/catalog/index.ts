import type { LoadedImage } from '../../loader/image';
import { encodePng } from '../../pixels/encode';
import { fitInside, lumaPlane, resizePlane, resizeRaw, toPlane, type Plane } from '../../pixels/resample';
import type { CatalogReference, Subject } from '../../contract';
import { weightsOf, type BuiltinDetector, type DetectorFor, type ResultFor, type SignalFor } from '../descriptor';
import { catalogDescriptor as D } from './descriptor';
import { numberAt, optionsAt, UNIT_INTERVAL } from '../../validate';
import { describeArea, makeSignal, say } from '../signal';
import { COARSE_SIDE, coarseSearch, coarseToTransform, overlapShares, refine, warpRef, type Alignment, type ClaimLevels, type Transform } from './align';
import { changeMap, renderChangeMap, DEFAULT_TUNING, type ChangeMap } from './change-map';
import { blockhashOf, colourHistogram, decodeFingerprint, fingerprintOf, rgbFromThumbnails, type DecodedFingerprint } from './fingerprint';
import { isReadableFingerprint } from './fingerprint-types';
import { claimPalette, claimRegion, labOf, productDistance, regionWeights, type PaletteColour } from './palette';
import { bhattacharyya, chromaHistogram } from './chroma';
import { CATALOG_FEATURE_SIDE, CATALOG_KEYPOINTS, CLAIM_FEATURE_SIDE, CLAIM_KEYPOINTS, featureView, fullSizeMap, keypointsOf, matchFeatures, type ProductKeypoints } from './features';
import { compareRegistered } from './registered';
import { areaSource } from './views';
import type { RawImage } from '../../pixels/types';
import { roundTo } from '../../pixels/stats';

/** Options of the catalog detector. */
export interface CatalogOptions {
  /**
   * Smallest luma NCC, outside the changed area, between the claim and the aligned catalog photo for the claim to
   * count as derived from it (0..1). @default 0.95 (repo-rendered refund cases: derived ≥ 0.99 after JPEG q40,
   * WebP, rotation, screenshots; independent captures ≤ 0.92; the refund-set distribution is in docs/catalog.md)
   */
  minDerivedNcc?: number;
  /**
   * Largest changed share of the compared area for a derived claim (0..1): beyond it the "edit" is the whole
   * picture and the claim is a different photo. @default 0.5
   */
  maxChangedFraction?: number;
}

/** Resolved defaults. */
export const CATALOG_DEFAULTS: Required<CatalogOptions> = { minDerivedNcc: 0.95, maxChangedFraction: 0.5 };

/** Starting weights (log-odds), with their reasons in the descriptor. */
const WEIGHT = weightsOf(D.weights);
/**
 * Largest product colour distance (ΔE00, `productDistance`) for "the same product": at most 5 % of different
 * products fall below it in every tuning group (5th percentile of different-product distances: rendered tuning
 * families 6.6, corpus catalog photo alone 10.4, corpus listing with a shop photo 8.8; the smallest, rounded down).
 */
const SAME_MAX = 6;
/**
 * Smallest product colour distance (ΔE00) for "a different product": above every same-product distance on the
 * corpus (max 21.6 for shop photos against the studio catalog photo; rendered tuning families' 95th percentile
 * 14.1, real photos spread much wider), because calling a genuine buyer's photo "another product" is the costlier
 * error. Leave-one-product-out estimate: 2 % of same-product photos called different.
 */
const DIFFERENT_MIN = 22;
/**
 * Fewest geometrically verified feature matches (RANSAC inliers, features.ts) for "the claim shows the catalog
 * photo's print". Different products reach 8 in 3 of 1144 corpus pairs and 3 of 72 rendered tuning pairs
 * (unrelated products); same printed products reach it in 26 of 38 corpus pairs (features exploration run of
 * 2026-12-07 over every corpus pair; docs/catalog.md, Measured). Corpus leave-one-product-out picked 6 on every
 * fold; 8 is the more conservative neighbour.
 */
const MIN_INLIERS = 8;
/**
 * Largest product colour distance (ΔE00) under the print match, after exposure and white balance are removed
 * (registered.ts), for "the same product": same printed products on the corpus reach 6.4–11.6 (10th–90th
 * percentile: shop light against studio light), other printed products 16.3 and more. Corpus leave-one-product-out
 * picked 14 on every fold; 12 is the more conservative neighbour. Colour variants of one design (the rendered
 * families' hue variants, 6.6 and more) are not kept apart by it: see docs/catalog.md, Limits.
 */
const BALANCED_MAX = 12;
/**
 * Below this colour distance under the print match (ΔE00) the claim shows the catalog photo's own colours: about
 * one just-noticeable difference (ΔE ≈ 2.3, Sharma 2003, "Digital Color Imaging Handbook", §1.7). Refund set: two
 * missed screenshot derivations had 1.5 and 1.7, genuine shop photos 6.3 and more.
 */
const COPY_MAX = 2.3;
/**
 * Smallest chromaticity similarity (Bhattacharyya coefficient of the product regions' log-chromaticity histograms,
 * chroma.ts) for "the same product". Fitted by bench/product-evidence.ts (2026-12-08) on the 1232 corpus pairs
 * (grid 0.80–0.92, best same recall with ≤ 2 % of different products called the same in each configuration):
 * 0.85 on all pairs, and on 78 of 105 leave-one-product-out folds (0.80 on the rest); held out by product, same
 * recall 21.6 → 23.5 % (catalog photo alone) and 37.8 → 54.1 % (listing with a shop photo), different called the
 * same 0.2 → 0.5 % and 0.4 → 1.5 %. Produce under shop light mostly: shading and exposure cancel in chromaticity.
 */
const CHROMA_SAME_MIN = 0.85;
/** Pyramid levels of the catalog photo's and the claim's keypoints (2^(1/3) apart: 2.5× and 4× of scale). */
const CATALOG_LEVELS = 5;
const CLAIM_LEVELS = 7;
/** Long side of the palette views, pixels (the fingerprint thumbnail's size, so image and fingerprint agree). */
const PALETTE_SIDE = 64;
/** Long side of the change-map grid, pixels. */
const MAP_SIDE = 384;
/** Long side of the first refinement grid, pixels. */
const MID_SIDE = 64;
/** Long side of the final refinement grid, pixels. */
const FINE_SIDE = 128;
/** Below this refined NCC the change map is skipped: not derived. */
const SKIP_MAP_NCC = 0.5;
/** Most separate changed places an edit may have unless the rest is near-exact (see `localised` in matchOne). */
const MAX_COMPONENTS = 4;
/** Similarity above which many changed places are still an edit (see `localised` in matchOne). */
const EXACT_NCC = 0.98;
/** Smallest share of the claim the catalog footprint must cover for a derivation. */
const MIN_COVERAGE = 0.2;
/** Smallest share of the catalog photo that must be visible in the claim for a derivation. */
const MIN_VISIBLE = 0.4;
/**
 * Luma gain range (claim ≈ gain × catalog + offset) of a plausible exposure change for a derivation: the refund set's
 * brightness/recolour edits stay well inside it (v0.1 values, bench/catalog.ts); outside it, a match is a
 * coincidence of a textureless patch.
 */
const MIN_LUMA_GAIN = 0.6;
const MAX_LUMA_GAIN = 1.6;
/** Catalog images are kept at most this large for warping (bounded cost for 12 MP listing photos). */
const REF_SIDE = 1024;

/** Evidence that the claim shows the catalog photo's print: verified feature matches and the colours under them. */
interface PrintMatch {
  inliers: number;
  spread: number;
  /** Product colour distance under the verified map after exposure and white balance (ΔE00), or null when not compared. */
  balancedDistance: number | null;
}

/** The outcome for one catalog reference. */
interface Match {
  index: number;
  kind: CatalogReference['kind'];
  alignment: Alignment;
  map: ChangeMap;
  coverage: number;
  visible: number;
  histogram: number;
  /** Product colour distance between claim and catalog palettes, ΔE00. */
  productDistance: number;
  hashDistance: number | null;
  /** The print comparison (image references of claims not derived), or null when not made. */
  print: PrintMatch | null;
  /** Bhattacharyya coefficient of the claim's and the catalog product's chromaticity histograms (chroma.ts), or null when not compared. */
  chromaSimilarity: number | null;
  claimLuma: Plane;
  decision: 'reuse' | 'derived-edit' | 'new-photo' | 'different-product' | 'uncertain';
}

/**
 * The catalog detector: is the claim the seller's catalog photo (`catalog.reuse`), derived from it with local
 * changes (`catalog.derived-edit`, with the changed `region`), or an independent photo of the same product
 * (`catalog.new-photo`)? Catalog entries may be images (full change map) or stored fingerprints (coarse map).
 *
 * @throws ClaimlensError INVALID_OPTIONS at creation for out-of-range options
 * @example
 * const inspector = createInspector({ detectors: [detectors.catalog({ minDerivedNcc: 0.92 })] });
 */
export function catalog(options: CatalogOptions = {}): DetectorFor<typeof D> {
  const opts = resolveOptions(options);
  return {
    name: 'catalog',
    readsCatalog: D.readsCatalog === true,
    examines: ['catalog'],
    run: (subject) => runCatalog(subject, opts),
  };
}

function resolveOptions(options: CatalogOptions): Required<CatalogOptions> {
  const o = optionsAt('catalog', options, Object.keys(CATALOG_DEFAULTS));
  return {
    minDerivedNcc: numberAt('catalog.minDerivedNcc', o.minDerivedNcc, CATALOG_DEFAULTS.minDerivedNcc, UNIT_INTERVAL),
    maxChangedFraction: numberAt('catalog.maxChangedFraction', o.maxChangedFraction, CATALOG_DEFAULTS.maxChangedFraction, UNIT_INTERVAL),
  };
}

async function runCatalog(subject: Subject, opts: Required<CatalogOptions>): Promise<ResultFor<typeof D>> {
  const { locale } = subject;
  if (subject.catalog.length === 0) return { signals: [], status: 'skipped', reason: say(D, locale, 'catalog.reason.no-catalog') };
  if (!subject.image.decodable) return { signals: [], status: 'inconclusive', reason: say(D, locale, 'catalog.reason.undecodable') };
  const claim = await claimLevels(subject.image);
  const matches: Match[] = [];
  const skipped: number[] = [];
  for (const ref of subject.catalog) {
    subject.signal.throwIfAborted();
    const m = await matchOne(subject, claim, ref, opts);
    if (m) matches.push(m);
    else skipped.push(ref.index);
  }
  if (matches.length === 0) return { signals: [], status: 'inconclusive', reason: say(D, locale, 'catalog.reason.unusable-catalog') };
  // The most telling reference decides: a derivation beats the same product beats no call beats a different
  // product (the claim must differ from every catalog photo to be a different product); ties by NCC.
  const rank = { 'derived-edit': 3, reuse: 3, 'new-photo': 2, uncertain: 1, 'different-product': 0 } as const;
  matches.sort((a, b) => rank[b.decision] - rank[a.decision] || b.map.robustNcc - a.map.robustNcc);
  const best = matches[0];
  const signals: SignalFor<typeof D>[] = [];
  const W = subject.image.width;
  const H = subject.image.height;
  const details = matchDetails(best);
  const index = best.index + 1;
  if (best.decision === 'reuse') {
    signals.push(makeSignal(D, locale, { code: 'catalog.reuse', weight: WEIGHT.reuse, params: { index }, details }));
  } else if (best.decision === 'derived-edit' && best.map.region) {
    const percent = Math.max(1, Math.round(best.map.changedFraction * 100));
    // With a full catalog image and a match elsewhere as close as a derivation needs (minDerivedNcc), beyond doubt.
    const conclusive = best.kind === 'image' && best.map.robustNcc >= opts.minDerivedNcc;
    signals.push(
      makeSignal(D, locale, {
        code: 'catalog.derived-edit',
        weight: WEIGHT.derived,
        ...(conclusive ? {} : { atMost: 'strong' as const }),
        params: { index, percent, area: describeArea(best.map.region, W, H, locale) },
        details,
        region: best.map.region,
      }),
    );
  } else if (best.decision === 'new-photo') {
    signals.push(makeSignal(D, locale, { code: 'catalog.new-photo', weight: WEIGHT.newPhoto, params: { index }, details }));
  } else if (best.decision === 'different-product') {
    const distance = Math.min(...matches.map((m) => m.productDistance));
    signals.push(makeSignal(D, locale, { code: 'catalog.different-product', weight: WEIGHT.differentProduct, params: { distance: Math.round(distance) }, details }));
  }
  const result: ResultFor<typeof D> = {
    signals,
    details: {
      decision: best.decision,
      productDistance: Math.round(Math.min(...matches.map((m) => m.productDistance)) * 10) / 10,
      references: matches.map((m) => ({ decision: m.decision, ...matchDetails(m) })),
      ...(skipped.length ? { unusable: skipped } : {}),
    },
  };
  if (subject.artifacts && best.map.width > 0) {
    result.artifacts = { catalogDiff: await encodePng(renderChangeMap(best.claimLuma, best.map)) };
  }
  return result;
}

function matchDetails(m: Match): Record<string, unknown> {
  const t = m.alignment.transform;
  return {
    index: m.index,
    reference: m.kind,
    similarity: roundTo(m.map.robustNcc),
    ncc: roundTo(m.map.ncc),
    changedFraction: roundTo(m.map.changedFraction),
    components: m.map.components,
    coverage: roundTo(m.coverage),
    visible: roundTo(m.visible),
    histogramIntersection: roundTo(m.histogram),
    productDistance: roundTo(m.productDistance, 1),
    ...(m.chromaSimilarity === null ? {} : { chromaSimilarity: roundTo(m.chromaSimilarity) }),
    ...(m.print ? { print: { inliers: m.print.inliers, spread: roundTo(m.print.spread), ...(m.print.balancedDistance === null ? {} : { balancedDistance: roundTo(m.print.balancedDistance, 1) }) } } : {}),
    ...(m.hashDistance === null ? {} : { hashDistance: m.hashDistance }),
    transform: {
      scale: roundTo(t.scale),
      rotationDeg: roundTo(t.rotationDeg, 1),
      mirror: t.mirror,
      centerX: Math.round(t.cx),
      centerY: Math.round(t.cy),
      gain: m.map.gain.map((x) => roundTo(x)),
      offset: m.map.offset.map((x) => roundTo(x, 1)),
    },
  };
}

/** The claim at the levels the search uses, plus its colour histogram and blockhash; memoised on the image. */
interface ClaimViews extends ClaimLevels {
  /** RGB at long side ≤ MAP_SIDE. */
  rgb: Plane;
  histogram: Float32Array;
  blockhash: string;
  /** Palette of the region the buyer framed. */
  palette: PaletteColour[];
  /** Chromaticity histogram of the same region (chroma.ts). */
  chroma: Float32Array;
}

/** The claim's pixels the views are area-averaged from (`areaSource`: libvips first for a large photo); memoised. */
function claimSource(img: LoadedImage): Promise<RawImage> {
  return img.derive('catalog:claim-source', async () => areaSource(await img.pixels(), MAP_SIDE));
}

function claimLevels(img: LoadedImage): Promise<ClaimViews> {
  return img.derive('catalog:claim-levels', async () => {
    const px = await img.pixels();
    const m = fitInside(px.width, px.height, MAP_SIDE);
    const rgb = resizeRaw(await claimSource(img), m.width, m.height);
    const base = lumaPlane(rgb);
    const c = fitInside(px.width, px.height, COARSE_SIDE);
    const h256 = fitInside(m.width, m.height, 256);
    const hist = colourHistogram(rgb, false);
    const p = fitInside(m.width, m.height, PALETTE_SIDE);
    const small = resizePlane(rgb, p.width, p.height);
    const region = claimRegion(small);
    return {
      palette: claimPalette(region),
      chroma: chromaHistogram(small, region.weight),
      width: px.width,
      height: px.height,
      rgb,
      base,
      coarse: resizePlane(base, c.width, c.height),
      histogram: Float32Array.from(hist, (x) => x / 255),
      blockhash: blockhashOf(resizePlane(rgb, h256.width, h256.height)),
    };
  });
}

/** The change map of a pair that was not compared (alignment too poor). */
function emptyMap(ncc: number): ChangeMap {
  return { width: 0, height: 0, residual: new Float32Array(0), tolerance: new Float32Array(0), changed: new Uint8Array(0), changedFraction: 0, region: null, components: 0, robustNcc: ncc, ncc, noise: 0, gain: [], offset: [], compared: 0 };
}

/** A catalog photo bounded to REF_SIDE for warping; memoised on the image. */
function refPlane(img: LoadedImage): Promise<Plane> {
  return img.derive('catalog:ref-plane', async () => {
    const px = await img.pixels();
    const s = fitInside(px.width, px.height, REF_SIDE);
    return s.width === px.width ? toPlane(px.data, px.width, px.height, 3) : resizeRaw(px, s.width, s.height);
  });
}

async function matchOne(subject: Subject, claim: ClaimViews, ref: CatalogReference, opts: Required<CatalogOptions>): Promise<Match | null> {
  let fp: DecodedFingerprint;
  let rgb: Plane | null = null;
  if (ref.kind === 'image') {
    if (!ref.image.decodable) return null;
    fp = decodeFingerprint(await fingerprintOf(ref.image));
    rgb = await refPlane(ref.image);
  } else {
    if (!isReadableFingerprint(ref.fingerprint)) return null;
    fp = decodeFingerprint(ref.fingerprint);
  }
  const { width: cw, height: ch } = claim;
  const claimLong = Math.max(cw, ch);
  const thumbFactor = fp.thumb.width / fp.width;
  const refLuma = rgb ? lumaPlane(rgb) : null;
  // Coarse exhaustive search, then refine the best few on a finer grid.
  const cands = coarseSearch(claim.coarse, fp.thumb, subject.signal);
  if (cands.length === 0) return null;
  let best: Alignment | null = null;
  // The whole-frame candidates' best start: refined once, after the others (see below).
  let frame: { start: Transform; ncc: number; level: Plane; ref: Plane } | null = null;
  for (const c of cands) {
    // A candidate far below the best coarse score is not worth a refinement.
    if (c.score < cands[0].score - 0.15 && !c.fillsFrame) continue;
    const t0 = coarseToTransform(c, claim, fp.width, fp.height);
    const { level, ref: r } = levelFor(t0, claimLong, MID_SIDE, claim, refLuma, fp.thumb, thumbFactor);
    if (!c.fillsFrame) {
      const a = refine(t0, level, cw, ch, r, subject.signal, 4);
      if (!best || a.ncc > best.ncc) best = a;
      continue;
    }
    // A whole-frame candidate of a tilted copy has the right scale but a position skewed by the tilt (coarse NCC is
    // taken at rotation 0), and the pattern search from rotation 0 stops near ±1.5° (refund set rotate cases at
    // 3.9–4.3°: refined NCC 0.71 from rotation 0, 0.97 from +4°). More starts, centred and tilted by ±4°, split
    // the ±10° the refinement allows into three basins. Only the best start of all whole-frame candidates (its NCC
    // as it stands, one evaluation each) is refined: one refinement more than before the whole-frame candidates.
    // The tilted starts also try the scale at which the catalog photo covers the whole claim: a tilted copy is
    // cropped to hide the empty corners the rotation leaves, so the catalog photo covers it.
    const cover = Math.max(cw / fp.width, ch / fp.height);
    const tilted = [-4, 4].flatMap((rotationDeg) => [t0.scale, cover].map((scale) => ({ ...t0, scale, rotationDeg, cx: cw / 2, cy: ch / 2 })));
    for (const start of [t0, ...tilted]) {
      const ncc = refine(start, level, cw, ch, r, subject.signal, 0).ncc;
      if (!frame || ncc > frame.ncc) frame = { start, ncc, level, ref: r };
    }
  }
  const fine = (a: Alignment): Alignment => {
    const { level, ref: r } = levelFor(a.transform, claimLong, FINE_SIDE, claim, refLuma, fp.thumb, thumbFactor);
    return refine(a.transform, level, cw, ch, r, subject.signal, 3, 0.25);
  };
  const framed = frame ? refine(frame.start, frame.level, cw, ch, frame.ref, subject.signal, 4) : null;
  if (!best && !framed) return null;
  // When the whole-frame start wins at the middle level, both go through the fine level and the fine NCC decides:
  // the middle level can prefer a slightly wrong whole-frame fit (a letterboxed copy: 0.976 against 0.961 at the
  // middle level, then 0.960 at the fine one, below the other candidate). Otherwise nothing changes from before.
  if (framed && (!best || framed.ncc > best.ncc)) {
    const f = fine(framed);
    const b = best ? fine(best) : null;
    best = b && b.ncc >= f.ncc ? b : f;
  } else if (best) {
    best = fine(best);
  }
  if (!best) return null;
  const t = best.transform;
  const { coverage, visible } = overlapShares(t, cw, ch);
  let inter = 0;
  for (let i = 0; i < 64; i++) inter += Math.min(fp.histogram[i], claim.histogram[i]);
  const hashDistance = hamming(claim.blockhash, fp.blockhash);
  const distance = productDistance(claim.palette, fp.palette);
  // Not derived: the palettes say whether it is the same product. A different product also needs a structure that
  // does not line up with the catalog photo: its similarity stays under the derivation threshold (a heavily
  // recoloured derivation, changed beyond maxChangedFraction, keeps the rest of the picture near-exact).
  // A palette rebuilt from a version-1 fingerprint may be off by `paletteError`: both calls keep that margin.
  const err = fp.paletteError;
  // Same product by colour alone (palette, then chromaticity: shading and exposure set aside), or by a verified print
  // match with matching colours under it (image references: fingerprints do not store keypoints). A claim that shows the catalog photo's print is never "a different
  // product", whatever its colours under another light.
  const independent = async (ncc: number): Promise<{ decision: Match['decision']; print: PrintMatch | null; chroma: number | null }> => {
    if (distance <= SAME_MAX - err) return { decision: 'new-photo', print: null, chroma: null };
    // The chromaticity histogram is computed from the thumbnails every fingerprint version stores: no margin.
    const product = catalogRegion(fp);
    const chroma = bhattacharyya(claim.chroma, chromaHistogram(product.rgb, product.weight));
    if (chroma >= CHROMA_SAME_MIN) return { decision: 'new-photo', print: null, chroma };
    const print = ref.kind === 'image' ? await printMatch(subject.image, claim, ref.image, fp, product) : null;
    const printed = print !== null && print.inliers >= MIN_INLIERS;
    const balanced = print?.balancedDistance ?? Infinity;
    // Colours identical within a just-noticeable difference once light is removed are the catalog photo's own
    // pixels (a copy the similarity search missed, e.g. a small screenshot), not a new capture: no call.
    if (printed && balanced >= COPY_MAX && balanced <= BALANCED_MAX) return { decision: 'new-photo', print, chroma };
    const different = distance >= DIFFERENT_MIN + err && ncc < opts.minDerivedNcc && !printed;
    return { decision: different ? 'different-product' : 'uncertain', print, chroma };
  };
  // A best alignment this poor is no derivation whatever the change map says (edited derived claims stay above
  // ~0.8 even with a third of the picture recoloured): skip the map, the costliest step.
  if (best.ncc < SKIP_MAP_NCC) {
    const map = emptyMap(best.ncc);
    const { decision, print, chroma } = await independent(best.ncc);
    return { index: ref.index, kind: ref.kind, alignment: best, map, coverage, visible, histogram: inter, productDistance: distance, hashDistance, print, chromaSimilarity: chroma, claimLuma: claim.base, decision };
  }
  // Change map on the finest grid the reference supports: RGB for images, luma for fingerprints.
  let map: ChangeMap;
  let claimLuma: Plane;
  if (rgb) {
    const mapLong = Math.max(claim.rgb.width, claim.rgb.height);
    const want = (t.scale * mapLong) / claimLong;
    const rs = fitInside(rgb.width, rgb.height, Math.max(8, Math.round(want * Math.max(fp.width, fp.height))));
    const refAt = rs.width < rgb.width ? resizePlane(rgb, rs.width, rs.height) : rgb;
    map = changeMap(claim.rgb, warpRef(refAt, t, cw, ch, claim.rgb.width, claim.rgb.height), cw, ch, DEFAULT_TUNING);
    claimLuma = claim.base;
  } else {
    const { level, ref: r } = levelFor(t, claimLong, MAP_SIDE, claim, null, fp.thumb, thumbFactor);
    map = changeMap(level, warpRef(r, t, cw, ch, level.width, level.height), cw, ch, DEFAULT_TUNING);
    claimLuma = level;
  }
  // A derivation must compare a real share of both pictures (a screenshot shows the photo on ≥ ~30 % of the
  // screen, a crop keeps ≥ ~50 % of the photo) with a plausible exposure change: a corner-sized match at an
  // extreme gain is a coincidence of a textureless patch.
  const lumaGain = map.gain.length === 3 ? 0.299 * map.gain[0] + 0.587 * map.gain[1] + 0.114 * map.gain[2] : map.gain[0];
  const plausible = coverage >= MIN_COVERAGE && visible >= MIN_VISIBLE && lumaGain >= MIN_LUMA_GAIN && lumaGain <= MAX_LUMA_GAIN;
  // An edit is one or a few compact places and leaves the rest exact; an independent capture of nearly the same
  // view (consecutive shots of a shelf) differs in many scattered places (parallax, light) and is never exact.
  // Many changed places are accepted only with a near-exact rest (refund set: derived ≥ 0.98 at the 5th
  // percentile; the one independent photo above 0.95 had 5 places and 0.969).
  const localised = map.components <= MAX_COMPONENTS || map.robustNcc >= EXACT_NCC;
  const derived = plausible && localised && map.robustNcc >= opts.minDerivedNcc && map.changedFraction <= opts.maxChangedFraction;
  const { decision, print, chroma } = derived ? { decision: map.components === 0 ? ('reuse' as const) : ('derived-edit' as const), print: null, chroma: null } : await independent(map.robustNcc);
  return { index: ref.index, kind: ref.kind, alignment: best, map, coverage, visible, histogram: inter, productDistance: distance, hashDistance, print, chromaSimilarity: chroma, claimLuma, decision };
}

/** ORB keypoints of a catalog photo (from its ≤ REF_SIDE plane); memoised on the image. */
function catalogKeypoints(img: LoadedImage): Promise<ProductKeypoints> {
  return img.derive('catalog:keypoints', async () => keypointsOf(featureView(lumaPlane(await refPlane(img)), CATALOG_FEATURE_SIDE), { max: CATALOG_KEYPOINTS, levels: CATALOG_LEVELS }));
}

/** ORB keypoints of the claim (one area pass of the claim source to the feature view); memoised on the image. */
function claimKeypoints(img: LoadedImage): Promise<ProductKeypoints> {
  return img.derive('catalog:claim-keypoints', async () => {
    const px = await img.pixels();
    const s = fitInside(px.width, px.height, CLAIM_FEATURE_SIDE);
    const src = await claimSource(img);
    const rgb = s.width === src.width ? toPlane(src.data, src.width, src.height, 3) : resizeRaw(src, s.width, s.height);
    return keypointsOf(featureView(lumaPlane(rgb), CLAIM_FEATURE_SIDE), { max: CLAIM_KEYPOINTS, levels: CLAIM_LEVELS });
  });
}

/** The catalog product at the thumbnail's size: RGB rebuilt from the fingerprint's thumbnails and its `border` weights. */
interface CatalogRegion {
  rgb: Plane;
  weight: Float32Array;
}

/** The catalog product region from any fingerprint version (the same for an image and its stored fingerprint). */
function catalogRegion(fp: DecodedFingerprint): CatalogRegion {
  const rgb = rgbFromThumbnails(fp.thumb, fp.chroma);
  return { rgb, weight: regionWeights(labOf(rgb), rgb.width, rgb.height, 'border') };
}

/**
 * Does the claim show the catalog photo's print? Verified feature matches, and when there are enough, the catalog
 * product's colours compared with the claim's under the verified map (registered.ts).
 */
async function printMatch(claimImg: LoadedImage, claim: ClaimViews, refImg: LoadedImage, fp: DecodedFingerprint, product: CatalogRegion): Promise<PrintMatch> {
  const [cat, clm] = await Promise.all([catalogKeypoints(refImg), claimKeypoints(claimImg)]);
  const m = matchFeatures(cat, clm);
  if (!m.fit || m.inliers < MIN_INLIERS) return { inliers: m.inliers, spread: m.spread, balancedDistance: null };
  const map = fullSizeMap(m.fit.model, cat, fp.width, fp.height, clm, claim.width, claim.height);
  const thumb = { ...product, palette: fp.palette, width: fp.width, height: fp.height };
  const c = compareRegistered(thumb, map, claim.rgb, claim.width, claim.height);
  return { inliers: m.inliers, spread: m.spread, balancedDistance: c ? c.balancedDistance : null };
}

/**
 * A claim level of long side ≤ `side` and a catalog plane at about the same pixel scale. With only a thumbnail,
 * the level is limited so the catalog footprint is no finer than the thumbnail.
 */
function levelFor(t: Transform, claimLong: number, side: number, claim: ClaimViews, refLuma: Plane | null, thumb: Plane, thumbFactor: number): { level: Plane; ref: Plane } {
  const baseLong = Math.max(claim.base.width, claim.base.height);
  let long = Math.min(side, baseLong);
  if (!refLuma) long = Math.max(16, Math.min(long, Math.round((claimLong * thumbFactor) / t.scale)));
  const s = fitInside(claim.base.width, claim.base.height, long);
  const level = s.width === claim.base.width ? claim.base : resizePlane(claim.base, s.width, s.height);
  if (!refLuma) return { level, ref: thumb };
  // Catalog pixels per level pixel = 1 / (scale · level factor): shrink the catalog to that (area filter).
  const want = (t.scale * long) / claimLong;
  const r = fitInside(refLuma.width, refLuma.height, Math.max(8, Math.round(want * Math.max(t.refWidth, t.refHeight))));
  return { level, ref: r.width < refLuma.width ? resizePlane(refLuma, r.width, r.height) : refLuma };
}

/** Hamming distance of two equal-length hex hashes, or null when they differ in length. */
function hamming(a: string, b: string): number | null {
  if (a.length !== b.length) return null;
  let d = 0;
  for (let i = 0; i < a.length; i++) {
    let x = parseInt(a[i], 16) ^ parseInt(b[i], 16);
    while (x) {
      d += x & 1;
      x >>= 1;
    }
  }
  return d;
}

/** The registry entry of the catalog detector. */
export const catalogDetector: BuiltinDetector<typeof D, typeof catalog> = { descriptor: D, create: catalog };
