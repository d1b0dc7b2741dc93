import type { Subject } from '../../contract';
import { weightsOf, type BuiltinDetector, type DetectorFor, type ResultFor, type SignalFor } from '../descriptor';
import { jpegDescriptor as D } from './descriptor';
import { readHeaders, walkJpeg, type JpegHeaders } from '../../formats/jpeg';
import { cameraName } from '../../loader/metadata';
import { boolAt, optionsAt } from '../../validate';
import { orientRegion } from '../../pixels/orient';
import { describeArea, makeSignal, say } from '../signal';
import { estimateQuality, frameTables, type QualityEstimate } from './quality';
import { analyseDoubleCompression, blockCoefficients, blockEvidence, patchMask, singlePatch, type DoubleCompression, type SinglePatch } from './double-compression';
import { encoderOf, layoutOf } from './structure';
import { roundTo } from '../../pixels/stats';

/** Options of the jpeg detector. */
export interface JpegOptions {
  /**
   * Run the pixel-domain double-compression analysis (the shared decode plus a blockwise DCT: 1–3.7× a bare sharp
   * decode on 12 MP, bench/jpeg.ts). Structure checks alone need no decode (≈ 30 ms). @default true
   */
  doubleCompression?: boolean;
}

/**
 * Detection threshold on the double-compression statistic (median pattern amplitude of the significant modes).
 * An exact double quantisation has amplitude ≈ 1 before pixel rounding blurs it; single compressions of camera
 * files stay ≤ 0.11 and of flat rendered scenes ≤ 0.3; 0.4 sits between (bench/jpeg.ts, docs/jpeg.md).
 */
export const DOUBLE_COMPRESSION_THRESHOLD = 0.4;

/** Blocks sampled for the global statistic, so its scale does not grow with the image (≈ a 1 MP photo). */
const SAMPLE_BLOCKS = 16384;

/** A patch must be at least this much below zero evidence (mean log-ratio per block) to be called single-compressed. */
const PATCH_THRESHOLD = -1;

/** Window (in 8×8 blocks, 32 px) over which block evidence is averaged before looking for a single-compressed patch. */
const PATCH_WINDOW = 4;

/** Patches smaller than 2 % of the image are too few blocks to tell from chance; larger than 60 % they are the image. */
const MIN_PATCH_AREA = 0.02;
const MAX_PATCH_AREA = 0.6;

/**
 * Blocks of the localisation grid: every block up to this many (≈ 2 MP), every 2nd/3rd… block in each direction
 * beyond (a 12 MP photo: every 3rd, 24 px resolution, a ninth of a full-grid pass; bench/jpeg.ts speed).
 */
const LOCAL_BLOCKS = 32_768;

/** Modes that must show the pattern before a patch is looked for when the global statistic stays below threshold. */
const MIN_MODES_FOR_PATCH = 3;

/** Fewer full 8×8 blocks than this (≈ 256×256 px) give histograms too thin for the double-compression fit. */
const MIN_BLOCKS = 1024;

/** Starting weights (log-odds), with their reasons in the descriptor. */
const W = weightsOf(D.weights);

/**
 * The jpeg detector: quantisation tables → quality and encoder family, structure oddities (thumbnail written by
 * another encoder, progressive "camera original", data after EOI) and aligned double compression, localised when a
 * once-compressed patch sits inside a twice-compressed photo. Non-JPEG claims are `skipped`.
 * @example
 * const inspector = createInspector({ detectors: [detectors.jpeg()] });
 */
export function jpeg(options: JpegOptions = {}): DetectorFor<typeof D> {
  const o = optionsAt('jpeg', options, ['doubleCompression']);
  const runDq = boolAt('jpeg.doubleCompression', o.doubleCompression, true);
  return { name: 'jpeg', examines: ['pixels'], run: (subject) => runJpeg(subject, runDq) };
}

async function runJpeg(subject: Subject, runDq: boolean): Promise<ResultFor<typeof D>> {
  const { image, locale } = subject;
  if (image.format !== 'jpeg') {
    return { signals: [], status: 'skipped', reason: say(D, locale, 'jpeg.reason.not-jpeg', { format: image.format.toUpperCase() }) };
  }
  const s = image.structure();
  const h = image.jpegHeaders();
  if (s.format !== 'jpeg' || !h) throw new Error('a JPEG image without a JPEG structure');
  const signals: SignalFor<typeof D>[] = [];
  const details: Record<string, unknown> = {
    walkErrors: s.errors,
    problems: h.problems,
    apps: h.apps.map((a) => `APP${a.n}${a.id ? ` ${a.id}` : ''}`),
    progressive: h.frame?.progressive ?? null,
    standardHuffman: h.standardHuffman,
    trailingBytes: s.trailingBytes,
  };
  const trailer = image.jpegTrailer();
  if (trailer) {
    details.trailer = trailer.kind;
    signals.push(makeSignal(D, locale, { code: 'jpeg.trailing-data', weight: W.trailing, params: { bytes: s.trailingBytes }, details: { bytes: s.trailingBytes, kind: trailer.kind } }));
  }
  const est = estimateQuality(h.tables, h.frame);
  if (!est || !h.frame) {
    return { signals, status: 'inconclusive', reason: say(D, locale, 'jpeg.reason.no-tables'), details };
  }
  const layout = layoutOf(h);
  const encoder = encoderOf(est, layout);
  Object.assign(details, { family: encoder.family, encoder: encoder.name, quality: est.quality, exactIjg: est.luma.exact && (!est.chroma || est.chroma.exact), luma: est.luma, chroma: est.chroma, layout });
  const meta = await image.metadata();
  const camera = cameraName(meta.ifd0);
  if (encoder.software) {
    const withCamera = camera !== null;
    signals.push(
      makeSignal(D, locale, {
        code: 'jpeg.software-encoder',
        weight: withCamera ? W.softwareWithCamera : W.softwareAlone,
        ...(withCamera ? { messageKey: 'jpeg.software-encoder.camera' } : {}),
        params: { encoder: encoder.name, quality: est.quality, camera: camera ?? '' },
        details: { encoder: encoder.name, family: encoder.family, quality: est.quality, exact: est.luma.exact, camera, why: encoder.why },
      }),
    );
  }
  if (h.frame.progressive && camera && encoder.family === 'custom') {
    signals.push(makeSignal(D, locale, { code: 'jpeg.progressive-camera', weight: W.progressiveCamera, params: { camera }, details: { camera, sof: `0x${h.frame.marker.toString(16)}` } }));
  }
  const thumb = thumbnailEncoder(await image.exifThumbnail());
  if (thumb) {
    details.thumbnail = { family: thumb.family, quality: thumb.est.quality, encoder: thumb.name };
    // Only one direction means anything: phones (Oppo R7 Plus, Samsung SM-J327T1 in the shared corpus) write the
    // main image with their own tables and the thumbnail with libjpeg's, whereas a camera thumbnail next to a
    // main image with software tables says the main image was saved again after capture.
    if (thumb.family === 'custom' && encoder.software) {
      signals.push(
        makeSignal(D, locale, {
          code: 'jpeg.thumbnail-encoder-mismatch',
          weight: W.thumbnailMismatch,
          params: { thumbnail: `${thumb.name} (q${thumb.est.quality})`, main: `${encoder.name} (q${est.quality})` },
          details: { thumbnail: { family: thumb.family, quality: thumb.est.quality }, main: { family: encoder.family, quality: est.quality } },
        }),
      );
    }
  }
  subject.signal.throwIfAborted();
  if (runDq && image.decodable) {
    const dq = await doubleCompression(subject, est, h);
    if (dq) {
      details.doubleCompression = dq.details;
      if (dq.signal) signals.push(dq.signal);
    }
  }
  return { signals, status: 'ok', details };
}

function thumbnailEncoder(t: Uint8Array | null): { family: string; name: string; est: QualityEstimate } | null {
  if (!t || t.length < 4 || t[0] !== 0xff || t[1] !== 0xd8) return null;
  const s = walkJpeg(t);
  const h = readHeaders(t, s);
  const est = estimateQuality(h.tables, h.frame);
  if (!est) return null;
  // A thumbnail carries no APP segments of its own: judge it by its tables only.
  const enc = encoderOf(est, null);
  return { family: enc.family, name: enc.name, est };
}

interface DqOutcome {
  details: Record<string, unknown>;
  signal: SignalFor<typeof D> | null;
}

async function doubleCompression(subject: Subject, est: QualityEstimate, h: JpegHeaders): Promise<DqOutcome | null> {
  const { image, locale } = subject;
  const { luma } = frameTables(h.tables, h.frame);
  if (!luma) return null;
  let px;
  try {
    px = await image.storedPixels();
  } catch (e) {
    // A stream whose headers parse but whose entropy-coded data does not decode (truncated, corrupt): the structure
    // findings still stand; only the pixel analysis is given up.
    return { details: { skipped: 'pixels not decodable', error: e instanceof Error ? e.message.split('\n')[0] : String(e) }, signal: null };
  }
  const bw = Math.floor(px.width / 8);
  const bh = Math.floor(px.height / 8);
  if (bw * bh < MIN_BLOCKS) return { details: { skipped: 'too few 8×8 blocks', blocks: bw * bh }, signal: null };
  subject.signal.throwIfAborted();
  const sample = blockCoefficients(px.data, px.width, px.height, luma.values, SAMPLE_BLOCKS);
  const dc: DoubleCompression = analyseDoubleCompression(sample);
  const details: Record<string, unknown> = {
    score: roundTo(dc.score),
    threshold: DOUBLE_COMPRESSION_THRESHOLD,
    detectedModes: dc.detectedModes,
    modes: dc.fits.length,
    offGrid: roundTo(sample.offGrid),
    primarySteps: dc.fits.map((f) => ({ mode: f.mode, q2: f.q2, q1: f.q1, gain: Math.round(f.gain), amplitude: roundTo(f.amplitude, 2) })),
  };
  const global = dc.score >= DOUBLE_COMPRESSION_THRESHOLD;
  // A once-compressed patch drags the global statistic down, so the patch search also runs when only some modes show
  // the pattern. A patch counts only if the image without it is clearly double-compressed (refit outside the patch).
  let patch: SinglePatch | null = null;
  let outsideScore = 0;
  if (global || dc.detectedModes >= MIN_MODES_FOR_PATCH) {
    const coeffs = sample.step === 1 ? sample : blockCoefficients(px.data, px.width, px.height, luma.values, LOCAL_BLOCKS);
    const win = Math.max(2, Math.round(PATCH_WINDOW / coeffs.step));
    const ev = blockEvidence(coeffs, dc.fits, win);
    const found = singlePatch(ev, coeffs.bw, coeffs.bh, PATCH_THRESHOLD, MIN_PATCH_AREA, MAX_PATCH_AREA, coeffs.step);
    subject.signal.throwIfAborted();
    if (found && found.outside > 0) {
      outsideScore = analyseDoubleCompression(coeffs, patchMask(found, coeffs.bw, coeffs.bh, coeffs.step)).score;
      details.patch = { area: roundTo(found.area), inside: roundTo(found.inside, 2), outside: roundTo(found.outside, 2), outsideScore: roundTo(outsideScore) };
      if (outsideScore >= DOUBLE_COMPRESSION_THRESHOLD) patch = found;
    }
  }
  // The statistic a threshold or ROC reads: the global one, or the refit without the patch when that is higher.
  details.statistic = roundTo(Math.max(dc.score, outsideScore));
  if (!global && !patch) return { details, signal: null };
  const camera = cameraName((await image.metadata()).ifd0);
  if (patch) {
    const region = orientRegion({ x: patch.x, y: patch.y, width: Math.min(patch.width, px.width - patch.x), height: Math.min(patch.height, px.height - patch.y) }, image.header.orientation, px.width, px.height);
    const where = say(D, locale, 'jpeg.double-compression.local', { area: describeArea(region, image.width, image.height, locale) });
    return {
      details,
      signal: makeSignal(D, locale, { code: 'jpeg.double-compression', weight: W.doubleLocal, params: { where }, details: { score: details.score, outsideScore, quality: est.quality, localised: true, ...(details.patch as object) }, region }),
    };
  }
  return {
    details,
    signal: makeSignal(D, locale, {
      code: 'jpeg.double-compression',
      weight: camera ? W.doubleWithCamera : W.doubleAlone,
      params: { where: '' },
      details: { score: details.score, quality: est.quality, localised: false, camera },
    }),
  };
}

/** The registry entry of the jpeg detector. */
export const jpegDetector: BuiltinDetector<typeof D, typeof jpeg> = { descriptor: D, create: jpeg };
