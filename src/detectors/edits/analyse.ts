/**
 * The whole edits analysis over decoded RGB, with no I/O: working planes → window features → model → the photo's
 * two scores, its probability map and the most suspicious connected region. The detector (index.ts) turns the
 * outcome into signals; the bench and the training pipeline call it directly.
 */
import { windowFeatures, type WindowFeatures } from './features';
import { runModel, type EditsModel } from './model';

/** A rectangle in decoded (stored) pixels. */
export interface PixelBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The most suspicious connected region. */
export interface EditsRegion extends PixelBox {
  /** Share of the photo's windows in the region. */
  areaShare: number;
  /** Windows in the region. */
  windows: number;
  /** The region in window units (inclusive), for the heatmap. */
  grid: { x0: number; y0: number; x1: number; y1: number };
}

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
  /** The connected region around the strongest valid window, in stored pixels, with its share of the analysed area. */
  region: EditsRegion | null;
  stats: MapStats;
}

/** Why the analysis declined: too small, or too few windows where camera noise can be measured. */
export type EditsDeclined = 'tiny' | 'clipped';

/**
 * A window joins the region when its logit is within this many log-odds of the strongest window's (and the
 * region never grows into windows the model calls more likely genuine than edited, logit < 0, unless the peak
 * itself is below 0). Chosen on the validation split for the median IoU (docs/edits.md).
 */
const REGION_DROP = 1.5;

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

/** The 4-connected set of valid windows around the strongest valid one (see `REGION_DROP`), as a box in stored pixels. */
export function regionOf(logits: Float32Array, f: WindowFeatures): EditsRegion {
  const { cols, rows, stride, origin, size, valid } = f;
  let best = -1;
  for (let i = 0; i < logits.length; i++) if (valid[i] && (best < 0 || logits[i] > logits[best])) best = i;
  const peak = logits[best];
  const floor = Math.min(peak, Math.max(0, peak - REGION_DROP));
  const seen = new Uint8Array(logits.length);
  const stack = [best];
  seen[best] = 1;
  let x0 = cols, y0 = rows, x1 = -1, y1 = -1, count = 0;
  while (stack.length) {
    const i = stack.pop()!;
    const x = i % cols, y = (i - x) / cols;
    count++;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
    const next = [x > 0 ? i - 1 : -1, x < cols - 1 ? i + 1 : -1, y > 0 ? i - cols : -1, y < rows - 1 ? i + cols : -1];
    for (const j of next) {
      if (j >= 0 && !seen[j] && valid[j] && logits[j] >= floor) {
        seen[j] = 1;
        stack.push(j);
      }
    }
  }
  return { x: origin + x0 * stride, y: origin + y0 * stride, width: (x1 - x0) * stride + size, height: (y1 - y0) * stride + size, areaShare: count / logits.length, windows: count, grid: { x0, y0, x1, y1 } };
}
