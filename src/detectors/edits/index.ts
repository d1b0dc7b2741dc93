/**
 * The edits detector: a small learned camera-trace model (docs/edits.md) that finds the part of a buyer's own
 * photo an editor painted, pasted or regenerated (`edits.local-region`), or a photo whose whole frame lacks camera
 * traces (`edits.regenerated`: many AI editors re-decode the entire image). It needs no catalog photo and no
 * metadata. One pass over the shared decode; never calls sharp except to encode the optional heatmap.
 */
import { invalidOption } from '../../errors';
import { numberAt, optionsAt } from '../../validate';
import { encodePng } from '../../pixels/encode';
import { orientRegion, orientRgb } from '../../pixels/orient';
import { roundTo } from '../../pixels/stats';
import type { Subject } from '../../contract';
import type { Region } from '../../primitives';
import { weightsOf, type BuiltinDetector, type DetectorFor, type ResultFor, type SignalFor } from '../descriptor';
import { describeArea, makeSignal, say } from '../signal';
import { analyseEdits, sigmoid, type EditsAnalysis } from './analyse';
import { editsDescriptor as D } from './descriptor';
import { heatmapRgb } from './heatmap';
import { loadModel, type EditsModel, type SerializedWeights } from './model';
import { EDITS_WEIGHTS } from './weights';

/** Options of the edits detector. Scores are the model's logits; defaults come with the shipped weights. */
export interface EditsOptions {
  /**
   * Local score where the evidence starts to count: between it and `localHint` an `edits.local-region` hint is
   * reported with a weight graded linearly from 0 to `clueWeight`, so a photo the model finds more suspicious ranks
   * higher even below the hint (hints alone never reach `medium`: fusion caps them together). Set it to `localHint`
   * for the all-or-nothing hint of 0.1.x.
   * @default the weights' `localClue` (80th percentile of genuine validation photos)
   */
  localClue?: number;
  /** Local score (mean of the top 2 % window logits) for a `hint`. @default the weights' `localHint` (95th percentile of genuine validation photos) */
  localHint?: number;
  /** Local score for `strong`. @default the weights' `localStrong` (99th percentile of genuine validation photos) */
  localStrong?: number;
  /** Whole-frame score for a `hint`. @default the weights' `regenHint` (97th percentile) */
  regenHint?: number;
  /** Whole-frame score for `strong`. @default the weights' `regenStrong` (99.5th percentile) */
  regenStrong?: number;
  /** Log-odds weight a local score just below `localHint` gets (graded from 0 at `localClue`). @default 0.4 */
  clueWeight?: number;
  /** Log-odds weight of a hint. @default 0.8 */
  hintWeight?: number;
  /** Log-odds weight of a strong finding. @default 1.6 */
  strongWeight?: number;
}

type Resolved = Required<EditsOptions>;

const W = weightsOf(D.weights);

/**
 * Default options: thresholds fixed on the genuine photos of the validation split by the training run (recorded
 * with the weights, `EDITS_WEIGHTS.meta.thresholds`); weights from the descriptor.
 */
export const EDITS_DEFAULTS: Readonly<Resolved> = {
  // Weights exported before the graded hint carry no localClue: the hint stays all-or-nothing for them.
  localClue: EDITS_WEIGHTS.meta.thresholds.localClue ?? EDITS_WEIGHTS.meta.thresholds.localHint,
  localHint: EDITS_WEIGHTS.meta.thresholds.localHint,
  localStrong: EDITS_WEIGHTS.meta.thresholds.localStrong,
  regenHint: EDITS_WEIGHTS.meta.thresholds.regenHint,
  regenStrong: EDITS_WEIGHTS.meta.thresholds.regenStrong,
  clueWeight: W.clue,
  hintWeight: W.hint,
  strongWeight: W.strong,
};

/** Score thresholds are logits: beyond ±50 (a probability within 2·10⁻²² of 0 or 1) they mean "never" or "always". */
const LOGIT = { min: -50, max: 50 };

function resolve(options: EditsOptions): Resolved {
  const o = optionsAt('edits', options, Object.keys(EDITS_DEFAULTS));
  const d = EDITS_DEFAULTS;
  const r: Resolved = {
    localClue: numberAt('edits.localClue', o.localClue, d.localClue, LOGIT),
    localHint: numberAt('edits.localHint', o.localHint, d.localHint, LOGIT),
    localStrong: numberAt('edits.localStrong', o.localStrong, d.localStrong, LOGIT),
    regenHint: numberAt('edits.regenHint', o.regenHint, d.regenHint, LOGIT),
    regenStrong: numberAt('edits.regenStrong', o.regenStrong, d.regenStrong, LOGIT),
    clueWeight: numberAt('edits.clueWeight', o.clueWeight, d.clueWeight, { min: 0, max: 10 }),
    hintWeight: numberAt('edits.hintWeight', o.hintWeight, d.hintWeight, { min: 0, max: 10 }),
    strongWeight: numberAt('edits.strongWeight', o.strongWeight, d.strongWeight, { min: 0, max: 10 }),
  };
  if (r.localHint < r.localClue) throw invalidOption('edits.localHint', `a number ≥ edits.localClue (${roundTo(r.localClue)})`, r.localHint);
  if (r.localStrong < r.localHint) throw invalidOption('edits.localStrong', `a number ≥ edits.localHint (${roundTo(r.localHint)})`, r.localStrong);
  if (r.regenStrong < r.regenHint) throw invalidOption('edits.regenStrong', `a number ≥ edits.regenHint (${roundTo(r.regenHint)})`, r.regenStrong);
  return r;
}

/**
 * Weight of the local evidence: graded from 0 at `localClue` to `clueWeight` at `localHint` (on the validation
 * photos every band above the clue favours an edit, by about half the hint band's likelihood ratio; train/
 * train_model.py `thresholds`, the descriptor's `clue` weight), then `hintWeight` up to `localStrong` and
 * `strongWeight` from there. 0 means no signal.
 */
export function localWeight(local: number, o: Pick<Resolved, 'localClue' | 'localHint' | 'localStrong' | 'clueWeight' | 'hintWeight' | 'strongWeight'>): number {
  if (local >= o.localStrong) return o.strongWeight;
  if (local >= o.localHint) return o.hintWeight;
  if (local <= o.localClue) return 0;
  return roundTo((o.clueWeight * (local - o.localClue)) / (o.localHint - o.localClue), 3);
}

/** The shipped model, decoded and checksum-verified once per process. */
let shipped: EditsModel | undefined;

function summary(a: EditsAnalysis, version: string): Record<string, unknown> {
  return {
    localScore: roundTo(a.local),
    regenScore: roundTo(a.regen),
    windows: a.features.cols * a.features.rows,
    windowStride: a.features.stride,
    validFraction: roundTo(a.features.validFraction),
    model: version,
  };
}

/** Keep a region inside the image (the last windows may overhang the analysed area). */
function clip(r: Region, w: number, h: number): Region {
  const x = Math.min(r.x, w - 1), y = Math.min(r.y, h - 1);
  return { x, y, width: Math.max(1, Math.min(r.width, w - x)), height: Math.max(1, Math.min(r.height, h - y)) };
}

/**
 * Create the edits detector.
 * @throws ClaimlensError INVALID_OPTIONS on a bad option (the message names it and what arrived).
 * @example
 * createInspector({ detectors: [detectors.edits({ localStrong: 4 })] })
 */
export function edits(options: EditsOptions = {}): DetectorFor<typeof D> {
  return editsWith(EDITS_WEIGHTS, resolve(options));
}

/**
 * The detector over given weights (tests pass damaged ones to prove a checksum failure is an `error`, never a score).
 * @internal
 */
export function editsWith(weights: SerializedWeights, opts: Resolved = resolve({})): DetectorFor<typeof D> {
  return {
    name: D.name,
    examines: ['pixels'],
    async run(subject: Subject): Promise<ResultFor<typeof D>> {
      const { image, locale } = subject;
      if (!image.decodable) return { signals: [], status: 'skipped', reason: say(D, locale, 'edits.reason.undecodable') };
      // A damaged weights module throws here: the inspector reports `error` with the checksum message.
      const model = weights === EDITS_WEIGHTS ? (shipped ??= loadModel(weights)) : loadModel(weights);
      const px = await image.storedPixels();
      subject.signal.throwIfAborted();
      const a = analyseEdits(px.data, px.width, px.height, model, () => subject.signal.throwIfAborted());
      if ('declined' in a) return { signals: [], status: 'inconclusive', reason: say(D, locale, `edits.reason.${a.declined}`, { width: image.width, height: image.height }) };
      const o = image.header.orientation;
      const details = summary(a, model.meta.version);
      const region = a.region ? orientRegion(clip(a.region, px.width, px.height), o, px.width, px.height) : null;
      if (region) details.topRegion = region;
      const signals: SignalFor<typeof D>[] = [];
      const weight = localWeight(a.local, opts);
      if (region && a.region && weight > 0) {
        const probability = sigmoid(a.local);
        signals.push(
          makeSignal(D, locale, {
            code: 'edits.local-region',
            ...(a.local < opts.localHint ? { messageKey: 'edits.local-region.weak' } : {}),
            // The strength follows the weight (strengthOf): with the default weights, a hint below localStrong, strong above.
            weight,
            params: { area: describeArea(region, image.width, image.height, locale), probability: probability.toFixed(2) },
            details: { score: roundTo(a.local), probability: roundTo(probability), areaShare: roundTo(a.region.areaShare), windows: a.region.windows, mapMax: roundTo(a.stats.max), mapMean: roundTo(a.stats.mean), mapAbove50: roundTo(a.stats.above50) },
            region,
          }),
        );
      }
      if (a.regen >= opts.regenHint) {
        const probability = sigmoid(a.regen);
        signals.push(
          makeSignal(D, locale, {
            code: 'edits.regenerated',
            weight: a.regen >= opts.regenStrong ? opts.strongWeight : opts.hintWeight,
            params: { probability: probability.toFixed(2) },
            details: { score: roundTo(a.regen), probability: roundTo(probability) },
          }),
        );
      }
      const result: ResultFor<typeof D> = { signals, details };
      if (subject.artifacts) {
        const shown = signals.some((s) => s.code === 'edits.local-region') && a.region ? a.region.grid : null;
        result.artifacts = { edits: await encodePng(orientRgb(heatmapRgb(a.features, a.logits.map(sigmoid), shown), o)) };
      }
      return result;
    },
  };
}

/** The registry entry of the edits detector. */
export const editsDetector: BuiltinDetector<typeof D, typeof edits> = { descriptor: D, create: edits };
