/**
 * Accuracy metrics for fixture-set benchmarks. Pure functions over arrays of scores and binary labels
 * (true = fabricated = positive class). Ties are handled exactly: tied scores form one ROC step.
 */
import { roundTo } from '../pixels/stats';

/** A scored case: its score (higher = more likely fabricated) and whether it is truly fabricated. */
export interface Scored {
  score: number;
  positive: boolean;
}

/** Thrown when a metric is undefined for the data (no cases, no positives, no negatives, a non-finite score). */
export class MetricError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MetricError';
  }
}

function checkScores(cases: readonly Scored[]): void {
  if (cases.length === 0) throw new MetricError('no cases: the metric is undefined');
  for (let i = 0; i < cases.length; i++) {
    // NaN would sort arbitrarily and silently corrupt every rank-based metric.
    if (!Number.isFinite(cases[i].score)) throw new MetricError(`case ${i}: score must be a finite number, got ${cases[i].score}`);
  }
}

function counts(cases: readonly Scored[]): { P: number; N: number } {
  checkScores(cases);
  let P = 0;
  for (const c of cases) if (c.positive) P++;
  const N = cases.length - P;
  if (P === 0) throw new MetricError('no positive (fabricated) cases: the metric is undefined');
  if (N === 0) throw new MetricError('no negative (genuine) cases: the metric is undefined');
  return { P, N };
}

/** One point of the ROC curve. */
export interface RocPoint {
  /** Scores ≥ this threshold are called positive. */
  threshold: number;
  fpr: number;
  tpr: number;
}

/** ROC curve from (0,0) to (1,1), one point per distinct score (ties form a single diagonal step). */
export function rocCurve(cases: readonly Scored[]): RocPoint[] {
  const { P, N } = counts(cases);
  const sorted = [...cases].sort((a, b) => b.score - a.score);
  const pts: RocPoint[] = [{ threshold: Infinity, fpr: 0, tpr: 0 }];
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < sorted.length; ) {
    const s = sorted[i].score;
    while (i < sorted.length && sorted[i].score === s) {
      if (sorted[i].positive) tp++;
      else fp++;
      i++;
    }
    pts.push({ threshold: s, fpr: fp / N, tpr: tp / P });
  }
  return pts;
}

/**
 * Area under the ROC curve (trapezoidal over tie groups, equal to the Mann–Whitney probability that a random
 * positive outscores a random negative, ties counting one half).
 */
export function rocAuc(cases: readonly Scored[]): number {
  const pts = rocCurve(cases);
  let area = 0;
  for (let i = 1; i < pts.length; i++) area += (pts[i].fpr - pts[i - 1].fpr) * (pts[i].tpr + pts[i - 1].tpr) / 2;
  return area;
}

/**
 * True-positive rate at a false-positive rate, linearly interpolated on the ROC curve (so a tie group that
 * crosses the FPR budget contributes proportionally, as a randomised threshold would). Among several points at
 * exactly the budget, the highest TPR counts: a threshold that adds only positives costs no false positives.
 */
export function tprAtFpr(cases: readonly Scored[], fpr: number): number {
  if (!(fpr >= 0 && fpr <= 1)) throw new MetricError(`fpr must be in [0, 1], got ${fpr}`);
  const pts = rocCurve(cases);
  // pts is monotone in both fpr and tpr; `a` is the last point within the budget.
  let a = pts[0];
  for (let i = 1; i < pts.length; i++) {
    const b = pts[i];
    if (b.fpr <= fpr) {
      a = b;
      continue;
    }
    return a.tpr + ((fpr - a.fpr) / (b.fpr - a.fpr)) * (b.tpr - a.tpr);
  }
  return a.tpr;
}

/** Average precision: Σ over tie groups of (ΔRecall × precision at that group). */
export function averagePrecision(cases: readonly Scored[]): number {
  const { P } = counts(cases);
  const sorted = [...cases].sort((a, b) => b.score - a.score);
  let tp = 0;
  let seen = 0;
  let ap = 0;
  for (let i = 0; i < sorted.length; ) {
    const s = sorted[i].score;
    let groupTp = 0;
    while (i < sorted.length && sorted[i].score === s) {
      if (sorted[i].positive) groupTp++;
      seen++;
      i++;
    }
    tp += groupTp;
    if (groupTp > 0) ap += (groupTp / P) * (tp / seen);
  }
  return ap;
}

/** Counts at one threshold (score ≥ threshold = called fabricated). */
export interface Confusion {
  threshold: number;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

/** Confusion matrix at a threshold. */
export function confusionAt(cases: readonly Scored[], threshold: number): Confusion {
  const c: Confusion = { threshold, tp: 0, fp: 0, tn: 0, fn: 0 };
  for (const x of cases) {
    const called = x.score >= threshold;
    if (x.positive) {
      if (called) c.tp++;
      else c.fn++;
    } else if (called) c.fp++;
    else c.tn++;
  }
  return c;
}

/** Brier score: mean squared difference between score and outcome (0 perfect). */
export function brierScore(cases: readonly Scored[]): number {
  checkScores(cases);
  let s = 0;
  for (const c of cases) s += (c.score - (c.positive ? 1 : 0)) ** 2;
  return s / cases.length;
}

/** An axis-aligned box in pixels (input of `iou`). */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Intersection over union of two boxes (0 when either is empty). */
export function iou(a: Box, b: Box): number {
  const x0 = Math.max(a.x, b.x);
  const y0 = Math.max(a.y, b.y);
  const x1 = Math.min(a.x + a.width, b.x + b.width);
  const y1 = Math.min(a.y + a.height, b.y + b.height);
  const inter = Math.max(0, x1 - x0) * Math.max(0, y1 - y0);
  const union = a.width * a.height + b.width * b.height - inter;
  return union > 0 ? inter / union : 0;
}

/** Quantile (linear interpolation between closest ranks) of numbers; NaN for an empty list. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

/** One bin of a reliability table. */
export interface ReliabilityBin {
  /** Score range, e.g. '0.3–0.4' (the last bin includes 1). */
  bin: string;
  n: number;
  /** Mean score of the cases in the bin. */
  meanScore: number;
  /** Share of fabricated cases in the bin: equals `meanScore` when the score is calibrated. */
  fabricatedRate: number;
}

/** Reliability table: cases binned by score into `bins` equal-width bins; empty bins are left out. */
export function reliabilityTable(cases: readonly Scored[], bins = 10): ReliabilityBin[] {
  const rows: ReliabilityBin[] = [];
  for (let b = 0; b < bins; b++) {
    const lo = b / bins;
    const hi = (b + 1) / bins;
    const inBin = cases.filter((s) => s.score >= lo && (b === bins - 1 ? s.score <= hi : s.score < hi));
    if (inBin.length === 0) continue;
    rows.push({ bin: `${lo.toFixed(1)}–${hi.toFixed(1)}`, n: inBin.length, meanScore: roundTo(inBin.reduce((a, s) => a + s.score, 0) / inBin.length), fabricatedRate: roundTo(inBin.filter((s) => s.positive).length / inBin.length) });
  }
  return rows;
}
