import type { LoadedImage } from '../../loader/image';
import type { Subject } from '../../contract';
import { weightsOf, type BuiltinDetector, type DetectorFor, type ResultFor, type SignalFor } from '../descriptor';
import { elaDescriptor as D } from './descriptor';
import type { Region } from '../../primitives';
import { orientRegion } from '../../pixels/orient';
import { describeArea, makeSignal, say } from '../signal';
import { BLOCK, blockStats, blockStride, contentZ, findAnomaly, gridBlockiness, sampleBlocks, type Anomaly, type BlockGrid } from './blocks';
import { heatmapPng } from './heatmap';
import { lumaQuality } from './quality';
import { elaResave, lumaAbsDiff } from './residual';
import { roundTo } from '../../pixels/stats';
import { numberAt, optionsAt } from '../../validate';

/** Options of the ela detector. */
export interface ElaOptions {
  /**
   * JPEG quality (integer 50..100, libjpeg scaling) of the re-encode whose residual is analysed.
   * @default 90 (bench/ela.ts: see docs/ela.md for the comparison with 95)
   */
  quality?: number;
}

/** Starting weights (log-odds), with their reasons in the descriptor. */
const W = weightsOf(D.weights);

/** Default re-encode quality. */
export const DEFAULT_ELA_QUALITY = 90;

/** Below this many pixels there are too few 8×8 blocks for robust statistics (~1000 blocks). */
export const MIN_PIXELS = 65_536;

/**
 * Detection threshold on the pooled peak (robust standard deviations of the pooled block map). Chosen on the
 * repo-generated ela-set (fixtures/generate/ela-set.ts), never on the shared corpus.
 */
export const PEAK_THRESHOLD = 7.5;

/** Blockiness (boundary/inside step ratio) above which pixels carry a JPEG history. */
const JPEG_HISTORY_BLOCKINESS = 1.08;
/** Luma quality below which the file is too coarsely quantised for ELA to mean much: the weight is halved. */
const HEAVY_QUALITY = 55;
/** A region covering more than this share of the image is the image's own level, not a local inconsistency. */
const MAX_REGION_SHARE = 0.5;

/** Everything the ELA pass measured on one image (stored orientation except `region`). */
export interface ElaAnalysis {
  /** Re-encode quality used. */
  quality: number;
  /** Luma quality of the file's own DQT, when it is a JPEG. */
  fileQuality: number | null;
  /** 8×8 grid blockiness of the stored pixels (≈1: no JPEG history); NaN for JPEG files, where it is not needed. */
  blockiness: number;
  /** Median block error level of the whole image, in 8-bit levels per channel. */
  imageError: number;
  /** Every how many blocks, in each direction, the statistics were taken (`blockStride`: 1 up to 3.1 MP). */
  stride: number;
  /** The strongest region, or null for grids too small. */
  anomaly: Anomaly | null;
  /** The anomaly's region mapped to displayed (oriented) pixels. */
  region: Region | null;
  /**
   * Stored pixels and their re-saved version, kept for the heatmap (`lumaAbsDiff`); null when only the sampled
   * blocks were re-encoded (above 3.1 MP without `heatmap`).
   */
  stored: Uint8Array | null;
  resaved: Uint8Array | null;
  /** Stored width and height. */
  width: number;
  height: number;
}

/**
 * Run the ELA pass on a loaded image: one re-encode, block statistics on the stored 8×8 grid normalised by
 * content, the strongest region. Shared with the bench so that what is measured is what the detector sees.
 *
 * Above 3.1 MP (`blockStride` > 1) only the sampled blocks are re-encoded, side by side (`sampleBlocks`): a 4:4:4
 * round trip treats every block on its own, so their statistics are those of the whole photo's round trip, at a
 * quarter of its cost at stride 2. The whole photo is re-encoded only when `heatmap` asks for its residual.
 */
export async function analyseEla(image: LoadedImage, quality: number, options: { heatmap?: boolean } = {}): Promise<ElaAnalysis> {
  const px = await image.storedPixels();
  const stride = blockStride(px.width, px.height);
  const whole = stride === 1 || options.heatmap === true;
  const blocks = whole ? px : { ...sampleBlocks(px.data, px.width, px.height, 3, stride), channels: 3 as const };
  // The round trip runs in libvips threads: start it before any JavaScript work (the other detectors' passes in a
  // full inspection) so that the two overlap on a multi-core machine.
  const resaving = elaResave(blocks, quality);
  // The luminance plane only where it is read: the grid test of lossless files (`blockStats` takes each pixel's
  // luminance in its own pass).
  const grey = image.format !== 'jpeg' ? (await image.storedGrey()).data : null;
  const resaved = (await resaving).data;
  // The mosaic's blocks are the photo's blocks at `stride`: their cells sit `stride` blocks apart in the photo.
  const grid: BlockGrid = whole
    ? blockStats(px.data, resaved, px.width, px.height, stride)
    : { ...blockStats(blocks.data, resaved, blocks.width, blocks.height), step: BLOCK * stride };
  const z = contentZ(grid);
  const anomaly = findAnomaly(grid, z);
  const headers = image.jpegHeaders();
  const region = anomaly ? orientRegion(clip(anomaly.region, px.width, px.height), image.header.orientation, px.width, px.height) : null;
  return {
    quality,
    fileQuality: headers ? lumaQuality(headers.tables) : null,
    // Only lossless files need the grid test (a JPEG file has its history by definition): one pass saved.
    blockiness: image.format === 'jpeg' || !grey ? Number.NaN : gridBlockiness(grey, px.width, px.height),
    imageError: anomaly ? anomaly.imageError : 0,
    stride,
    anomaly,
    region,
    stored: whole ? px.data : null,
    resaved: whole ? resaved : null,
    width: px.width,
    height: px.height,
  };
}

function clip(r: Region, w: number, h: number): Region {
  return { x: r.x, y: r.y, width: Math.min(r.width, w - r.x), height: Math.min(r.height, h - r.y) };
}

const round = (x: number, d = 2): number => roundTo(x, d);

/**
 * The error-level-analysis detector: re-saves the photo as JPEG at `quality`, measures the residual on the 8×8 grid
 * of the stored pixels, compares each block with blocks of similar texture, and reports `ela.inconsistent-region`
 * (with `region`) when one connected region's error level is a significant outlier. Reports `inconclusive` for tiny
 * images; halves the weight for lossless images with no JPEG history and for coarsely quantised JPEGs, where ELA
 * means less.
 *
 * @throws ClaimlensError INVALID_OPTIONS when `quality` is not an integer in 50..100.
 * @example
 * const inspector = createInspector({ detectors: [detectors.ela({ quality: 90 })] });
 */
export function ela(options: ElaOptions = {}): DetectorFor<typeof D> {
  const o = optionsAt('ela', options, ['quality']);
  const quality = numberAt('ela.quality', o.quality, DEFAULT_ELA_QUALITY, { integer: true, min: 50, max: 100 });
  return {
    name: 'ela',
    examines: ['pixels'],
    run: (subject) => runEla(subject, quality),
  };
}

async function runEla(subject: Subject, quality: number): Promise<ResultFor<typeof D>> {
  const { image, locale } = subject;
  const reason = (code: string, params?: Record<string, unknown>): string => say(D, locale, code, params);
  if (!image.decodable) return { signals: [], status: 'skipped', reason: reason('ela.reason.undecodable') };
  const pixels = image.header.width * image.header.height;
  if (pixels < MIN_PIXELS) {
    return { signals: [], status: 'inconclusive', reason: reason('ela.reason.tiny', { pixels, min: MIN_PIXELS }), details: { pixels } };
  }
  const a = await analyseEla(image, quality, { heatmap: subject.artifacts });
  subject.signal.throwIfAborted();
  const details: Record<string, unknown> = {
    quality,
    fileQuality: a.fileQuality,
    ...(Number.isNaN(a.blockiness) ? {} : { blockiness: round(a.blockiness, 3) }),
    imageLevel: round(a.imageError, 3),
    peak: a.anomaly ? round(a.anomaly.peak) : 0,
    // Only photos above 3.1 MP are sampled: smaller ones keep the report they always had.
    ...(a.stride > 1 ? { blockStride: a.stride } : {}),
  };
  subject.signal.throwIfAborted();
  const artifacts = subject.artifacts && a.stored && a.resaved ? { ela: await heatmapPng(lumaAbsDiff(a.stored, a.resaved), a.width, a.height, image.header.orientation) } : undefined;
  const withArtifacts = (r: ResultFor<typeof D>): ResultFor<typeof D> => (artifacts ? { ...r, artifacts } : r);
  // A lossless file whose pixels show no 8×8 grid never went through JPEG (a render, a raw export): error levels
  // then reflect content more than history, so a finding counts half and the reviewer is told why.
  const lossless = image.format !== 'jpeg' && a.blockiness < JPEG_HISTORY_BLOCKINESS;
  if (lossless) {
    details.noJpegHistory = true;
    details.note = reason('ela.reason.lossless');
  }
  if (a.region) details.candidateRegion = a.region;
  const an = a.anomaly;
  const signals: SignalFor<typeof D>[] = [];
  if (an && a.region && an.peak >= PEAK_THRESHOLD) {
    const share = (an.region.width * an.region.height) / (a.width * a.height);
    if (share <= MAX_REGION_SHARE) {
      const heavy = a.fileQuality !== null && a.fileQuality < HEAVY_QUALITY;
      // Log-odds grow with the peak from 0.4 at the threshold to 0.8 at twice the threshold, and stay a hint: a
      // different compression history is also what an innocent local retouch (or a sticker photo) leaves, and no
      // bench shows ELA separating edits from genuine photos on real files (descriptor.ts, docs/ela.md).
      let weight = Math.min(W.max, W.atThreshold + (W.perThreshold * (an.peak - PEAK_THRESHOLD)) / PEAK_THRESHOLD);
      if (heavy) weight /= 2;
      if (lossless) weight /= 2;
      const ratio = an.imageError > 0 ? an.regionError / an.imageError : 0;
      signals.push(
        makeSignal(D, locale, {
          code: 'ela.inconsistent-region',
          weight,
          atMost: 'hint',
          params: { area: describeArea(a.region, image.width, image.height, locale), ratio: round(ratio, 1), direction: an.sign },
          details: {
            regionLevel: round(an.regionError, 3),
            imageLevel: round(an.imageError, 3),
            ratio: round(ratio, 3),
            zScore: round(an.peak),
            meanBlockZ: round(an.meanZ),
            direction: an.sign > 0 ? 'higher' : 'lower',
            blocks: an.blocks,
            quality,
            fileQuality: a.fileQuality,
            ...(heavy ? { heavilyCompressed: true } : {}),
            ...(lossless ? { noJpegHistory: true } : {}),
          },
          region: a.region,
        }),
      );
    }
  }
  return withArtifacts({ signals, status: 'ok', details });
}

/** The registry entry of the ela detector. */
export const elaDetector: BuiltinDetector<typeof D, typeof ela> = { descriptor: D, create: ela };
