/**
 * The edits detector: a small learned camera-trace model (docs/edits.md) that finds the part of a buyer's own
 * photo an editor painted, pasted or regenerated (`edits.local-region`), or a photo whose whole frame lacks camera
 * traces (`edits.regenerated`: many AI editors re-decode the entire image). It needs no catalog photo and no
 * metadata. One pass over the shared decode; never calls sharp except to encode the optional heatmap.
 */
import { ClaimlensError, describeValue } from '../../errors';
import { message } from '../../messages';
import { encodePng } from '../../pixels/encode';
import { orientRegion, orientRgb } from '../../pixels/orient';
import type { Detector, DetectorResult, Signal, Strength, Subject } from '../../types';
import { describeArea, makeSignal } from '../signal';
import { analyseEdits, sigmoid, type EditsAnalysis } from './analyse';
import { heatmapRgb } from './heatmap';
import { loadModel, type EditsModel } from './model';
import { EDITS_WEIGHTS } from './weights';

/** Options of the edits detector. Scores are the model's logits; defaults come with the shipped weights. */
export interface EditsOptions {
  /** Local score (mean of the top 2 % window logits) for a `hint`. @default the weights' `localHint` (95th percentile of genuine validation photos) */
  localHint?: number;
  /** Local score for `strong`. @default the weights' `localStrong` (99th percentile of genuine validation photos) */
  localStrong?: number;
  /** Whole-frame score for a `hint`. @default the weights' `regenHint` (97th percentile) */
  regenHint?: number;
  /** Whole-frame score for `strong`. @default the weights' `regenStrong` (99.5th percentile) */
  regenStrong?: number;
  /** Log-odds weight of a hint. @default 0.8 */
  hintWeight?: number;
  /** Log-odds weight of a strong finding. @default 1.6 */
  strongWeight?: number;
}

type Resolved = Required<EditsOptions>;

let cached: EditsModel | undefined;

/** The shipped model, decoded and checksum-verified once per process (throws on a damaged package). */
function shippedModel(): EditsModel {
  cached ??= loadModel(EDITS_WEIGHTS);
  return cached;
}

/**
 * Default options: thresholds fixed on the genuine photos of the validation split by the training run (recorded
 * with the weights); weights on the scale of the other pixel detectors (noise 0.7/1.5), pending the fusion refit.
 */
export const EDITS_DEFAULTS: Readonly<Resolved> = {
  localHint: EDITS_WEIGHTS.meta.thresholds.localHint,
  localStrong: EDITS_WEIGHTS.meta.thresholds.localStrong,
  regenHint: EDITS_WEIGHTS.meta.thresholds.regenHint,
  regenStrong: EDITS_WEIGHTS.meta.thresholds.regenStrong,
  hintWeight: 0.8,
  strongWeight: 1.6,
};

function resolve(o: EditsOptions): Resolved {
  if (typeof o !== 'object' || o === null || Array.isArray(o)) throw new ClaimlensError('INVALID_OPTIONS', `edits: expected an options object, received ${describeValue(o)}`);
  for (const k of Object.keys(o)) {
    if (!(k in EDITS_DEFAULTS)) throw new ClaimlensError('INVALID_OPTIONS', `edits.${k}: unknown option (expected one of ${Object.keys(EDITS_DEFAULTS).join(', ')})`, { path: `edits.${k}` });
  }
  const m = { ...EDITS_DEFAULTS, ...o };
  for (const [k, v] of Object.entries(m)) {
    const weight = k.endsWith('Weight');
    if (typeof v !== 'number' || !Number.isFinite(v) || (weight && (v < 0 || v > 10))) {
      const expected = weight ? 'a number in [0, 10]' : 'a finite number';
      throw new ClaimlensError('INVALID_OPTIONS', `edits.${k}: expected ${expected}, received ${describeValue(v)}`, { path: `edits.${k}`, expected, received: v });
    }
  }
  if (m.localStrong < m.localHint) throw new ClaimlensError('INVALID_OPTIONS', `edits.localStrong: expected ≥ localHint (${m.localHint}), received ${m.localStrong}`, { path: 'edits.localStrong' });
  if (m.regenStrong < m.regenHint) throw new ClaimlensError('INVALID_OPTIONS', `edits.regenStrong: expected ≥ regenHint (${m.regenHint}), received ${m.regenStrong}`, { path: 'edits.regenStrong' });
  return m;
}

const round = (x: number, d = 3): number => Math.round(x * 10 ** d) / 10 ** d;

function strengthOf(score: number, hint: number, strong: number): Strength | null {
  return score >= strong ? 'strong' : score >= hint ? 'hint' : null;
}

function summary(a: EditsAnalysis): Record<string, unknown> {
  return {
    localScore: round(a.local),
    regenScore: round(a.regen),
    windows: a.features.cols * a.features.rows,
    windowStride: a.features.stride,
    validFraction: round(a.features.validFraction),
    model: EDITS_WEIGHTS.meta.version,
  };
}

/**
 * Create the edits detector.
 * @throws ClaimlensError INVALID_OPTIONS on a bad option (the message names it and what arrived).
 * @example
 * createInspector({ detectors: [detectors.edits({ localStrong: 3 })] })
 */
export function edits(options: EditsOptions = {}): Detector {
  const opts = resolve(options);
  return {
    name: 'edits',
    async run(subject: Subject): Promise<DetectorResult> {
      const { image, locale } = subject;
      if (!image.decodable) return { signals: [], status: 'skipped', reason: message(locale, 'edits.reason.undecodable') };
      const model = shippedModel();
      const px = await image.storedPixels();
      subject.signal.throwIfAborted();
      const a = analyseEdits(px.data, px.width, px.height, model, () => subject.signal.throwIfAborted());
      if ('declined' in a) return { signals: [], status: 'inconclusive', reason: message(locale, `edits.reason.${a.declined}`, { width: image.width, height: image.height }) };
      const o = image.header.orientation;
      const signals: Signal[] = [];
      const local = strengthOf(a.local, opts.localHint, opts.localStrong);
      const details = summary(a);
      if (a.region) details.topRegion = orientRegion(clip(a.region, px.width, px.height), o, px.width, px.height);
      if (local && a.region) {
        const region = orientRegion(clip(a.region, px.width, px.height), o, px.width, px.height);
        const probability = sigmoid(a.local);
        signals.push(
          makeSignal('edits', locale, {
            code: 'edits.local-region',
            weight: local === 'strong' ? opts.strongWeight : opts.hintWeight,
            strength: local,
            params: { area: describeArea(region, image.width, image.height, locale), probability: probability.toFixed(2) },
            details: { score: round(a.local), probability: round(probability), areaShare: round(a.region.areaShare), windows: a.region.windows, mapMax: round(a.stats.max), mapMean: round(a.stats.mean), mapAbove50: round(a.stats.above50) },
            region,
          }),
        );
      }
      const regen = strengthOf(a.regen, opts.regenHint, opts.regenStrong);
      if (regen) {
        const probability = sigmoid(a.regen);
        signals.push(
          makeSignal('edits', locale, {
            code: 'edits.regenerated',
            weight: regen === 'strong' ? opts.strongWeight : opts.hintWeight,
            strength: regen,
            params: { probability: probability.toFixed(2) },
            details: { score: round(a.regen), probability: round(probability) },
          }),
        );
      }
      const result: DetectorResult = { signals, details };
      if (subject.artifacts) {
        const prob = a.logits.map(sigmoid);
        result.artifacts = { edits: await encodePng(orientRgb(heatmapRgb(a.features, prob, local && a.region ? a.region.grid : null), o)) };
      }
      return result;
    },
  };
}

/** Keep a region inside the image (windows of the last stride may overhang the analysed area by rounding). */
function clip<T extends { x: number; y: number; width: number; height: number }>(r: T, w: number, h: number): { x: number; y: number; width: number; height: number } {
  const x = Math.min(r.x, w - 1), y = Math.min(r.y, h - 1);
  return { x, y, width: Math.max(1, Math.min(r.width, w - x)), height: Math.max(1, Math.min(r.height, h - y)) };
}
