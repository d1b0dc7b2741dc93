/**
 * The whole edits analysis over decoded RGB, with no I/O: working planes → window features → model → the photo's
 * two scores, its probability map and the most suspicious connected region (region.ts). The detector (index.ts) turns the
 * outcome into signals; the bench and the training pipeline call it directly.
 */
import { windowFeatures, type WindowFeatures } from './features';
import { runModel, type EditsModel } from './model';
import { regionOf, type EditsRegion } from './region';

/** Summary of the local probability map. */
export interface MapStats {
  /** Highest window probability. */
  max: number;
  /** Mean window probability. */
  mean: number;
  /** Share of windows with probability ≥ 0.5. */
  above50: number;
}

/** The outcome of the analysis. */
export interface EditsAnalysis {
  /** The window features (grid geometry, validity). */
  features: WindowFeatures;
  /** Local logit per window. */
  logits: Float32Array;
  /** Local-edit score (mean of the top-k window logits). */
  local: number;
  /** Whole-frame regeneration score (a logit). */
  regen: number;
  /** The most suspicious connected region (region.ts), in stored pixels, with its share of the analysed windows. */
  region: EditsRegion | null;
  stats: MapStats;
}

/** Why the analysis declined: too small, or too few windows where camera noise can be measured. */
export type EditsDeclined = 'tiny' | 'clipped';

/** Fewest windows per side (≈ 80 px at full resolution): below it "the rest of the photo" is too small to compare. */
const MIN_WINDOWS = 4;
/** Fewest valid windows (unclipped, not black): fewer leave no region of camera noise to compare. */
const MIN_VALID = 8;

/** Logistic function: a logit to a probability. */
export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/**
 * Run the analysis on stored RGB pixels (not rotated: cells align with the JPEG grid).
 * @param checkpoint called between stages; throws to stop (the detector passes its abort check).
 */
export function analyseEdits(rgb: Uint8Array, width: number, height: number, model: EditsModel, checkpoint: () => void = () => undefined): EditsAnalysis | { declined: EditsDeclined } {
  const f = windowFeatures(rgb, width, height);
  if (!f || f.cols < MIN_WINDOWS || f.rows < MIN_WINDOWS) return { declined: 'tiny' };
  let nValid = 0;
  for (const v of f.valid) nValid += v;
  if (nValid < MIN_VALID) return { declined: 'clipped' };
  checkpoint();
  const out = runModel(model, f);
  return { features: f, logits: out.logits, local: out.local, regen: out.regen, region: regionOf(out.logits, f), stats: mapStats(out.logits, f.valid) };
}

/** Statistics of the probability map over the valid windows. */
function mapStats(logits: Float32Array, valid: Uint8Array): MapStats {
  let max = 0, sum = 0, above = 0, n = 0;
  for (let i = 0; i < logits.length; i++) {
    if (!valid[i]) continue;
    const p = sigmoid(logits[i]);
    if (p > max) max = p;
    sum += p;
    n++;
    if (p >= 0.5) above++;
  }
  return { max, mean: sum / Math.max(1, n), above50: above / Math.max(1, n) };
}
