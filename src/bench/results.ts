/**
 * The bench results document (schema in docs/bench.md, versioned by `schemaVersion`): run facts, per-case
 * records, accuracy metrics for the fused score and for each detector alone (overall and per kind), timings.
 * Pure: everything here is computed from the case records, so a stored results file can be re-summarised.
 */
import { cpus, platform, release, totalmem, arch } from 'node:os';
import { DEFAULT_THRESHOLDS } from '../options';
import type { Region, Risk } from '../types';
import { VERSION } from '../version';
import type { CaseResult } from './case';
import type { MissingFile } from './manifest';
import { averagePrecision, brierScore, confusionAt, iou, MetricError, quantile, reliabilityTable, rocAuc, tprAtFpr, type Confusion, type ReliabilityBin, type Scored } from './metrics';
import { roundTo } from '../pixels/stats';

/** Version of the results layout; bumped on any breaking change of a field. */
export const RESULTS_SCHEMA_VERSION = 1;

/** Accuracy of one scorer (the fused score or one detector) on one group of cases. */
export interface MetricBlock {
  /** Cases scored (fabricated + genuine). */
  n: number;
  positives: number;
  negatives: number;
  /** ROC-AUC (ties count one half); null when undefined (see `undefinedReason`). */
  auc: number | null;
  /** TPR at 1 % FPR, interpolated on the ROC curve. */
  tprAt1: number | null;
  /** TPR at 5 % FPR. */
  tprAt5: number | null;
  /** Average precision. */
  ap: number | null;
  /** Brier score (mean squared error of the score as a probability). */
  brier: number | null;
  /** Confusion matrices at the default thresholds: `medium` (0.3) and `high` (0.7). */
  confusion: { medium: Confusion; high: Confusion };
  /** Reliability table of the fused score (10 bins): observed fabricated share against mean score. */
  reliability?: ReliabilityBin[];
  /** Risk band counts per label (fused score only; bands from the inspector's thresholds). */
  risk?: Record<'fabricated' | 'genuine', Record<Risk, number>>;
  /** Localisation: best IoU of a fabrication signal's region with the case's `truthRegion` (fabricated cases that have one). */
  iou?: { n: number; mean: number; median: number; atLeast50: number };
  /** Why the ranking metrics are null (e.g. "no negative (genuine) cases"). */
  undefinedReason?: string;
}

/** A detector's accuracy plus how often it actually ran. */
export interface DetectorMetricBlock extends MetricBlock {
  /** Per status, the number of inspected cases. `skipped` and `error` cases are left out of the metrics. */
  status: { ok: number; inconclusive: number; skipped: number; error: number; absent: number };
}

/** Metrics of one group of cases. */
export interface GroupMetrics {
  /** For a kind: how its cases were compared (`within kind`, or against every case of the other label). */
  comparedWith?: 'within-kind' | 'all-genuine' | 'all-fabricated';
  fused: MetricBlock;
  detectors: Record<string, DetectorMetricBlock>;
}

/** Percentiles of a time, in ms. */
export interface Percentiles {
  n: number;
  p50: number;
  p95: number;
}

/** The whole results document. */
export interface BenchResults {
  schemaVersion: number;
  /** claimlens version that produced the scores. */
  claimlens: string;
  /** When the run finished (ISO 8601, UTC). */
  date: string;
  machine: { cpuModel: string; cpus: number; memoryGiB: number; node: string; platform: string; arch: string };
  manifest: { name: string; path: string; sha256: string; cases: number };
  run: {
    /** Cases in flight at once. */
    concurrency: number;
    /** `worker_threads`, or `in-process` when threads could not start (`fallbackReason` says why). */
    mode: 'worker_threads' | 'in-process';
    fallbackReason?: string;
    /** Detectors run, in order. */
    detectors: string[];
    thresholds: { medium: number; high: number };
    /** Wall-clock ms from the first case sent to the last case done. */
    wallMs: number;
    /** Wall-clock ms to start the worker threads (or the in-process inspector), not in `wallMs`. */
    startupMs: number;
  };
  counts: {
    cases: number;
    scored: number;
    failed: number;
    /** Failed cases per error code. */
    errors: Record<string, number>;
    /** Files the manifest names that did not exist when the run started. */
    missingFiles: MissingFile[];
  };
  metrics: GroupMetrics & { byKind: Record<string, GroupMetrics> };
  timings: {
    /** Whole inspection per image (scored cases). */
    msPerImage: Percentiles;
    /** Per detector, cases where it ran (ok or inconclusive). */
    detectors: Record<string, Percentiles>;
    /** Cases finished per wall-clock second, failed ones included. */
    imagesPerSecond: number;
    /** Peak resident set size in MiB (`process.resourceUsage().maxRSS`); worker threads share the process. */
    peakRssMiB: { main: number; workers: number | null };
  };
  cases: CaseResult[];
}

/** Facts of a run that are not in the case records. */
export interface RunFacts {
  manifest: { name: string; path: string; sha256: string };
  concurrency: number;
  mode: 'worker_threads' | 'in-process';
  fallbackReason?: string;
  detectors: string[];
  wallMs: number;
  startupMs: number;
  missingFiles: MissingFile[];
  /** maxRSS in KiB. */
  mainMaxRSS: number;
  workerMaxRSS: number | null;
  thresholds?: { medium: number; high: number };
}

const r4 = (x: number): number => roundTo(x, 4);
const r2 = (x: number): number => roundTo(x, 2);

function guard(f: () => number): { value: number | null; error?: string } {
  try {
    return { value: r4(f()) };
  } catch (e) {
    if (e instanceof MetricError) return { value: null, error: e.message };
    throw e;
  }
}

/** Best IoU of a case's positive-weight regions (optionally of one detector) with its truth region. */
function bestIou(c: CaseResult, truth: Region, detector?: string): number {
  let best = 0;
  for (const s of c.signals) if (s.region && s.weight > 0 && (!detector || s.detector === detector)) best = Math.max(best, iou(s.region, truth));
  return best;
}

/**
 * Accuracy of scored cases.
 * @param scored the cases with the score to judge (fused or one detector's own)
 * @param cases the matching case records, for the IoU (same order as `scored`)
 */
export function metricBlock(scored: readonly Scored[], thresholds = DEFAULT_THRESHOLDS, cases?: readonly CaseResult[], detector?: string): MetricBlock {
  const positives = scored.filter((s) => s.positive).length;
  const auc = guard(() => rocAuc(scored));
  const block: MetricBlock = {
    n: scored.length,
    positives,
    negatives: scored.length - positives,
    auc: auc.value,
    tprAt1: guard(() => tprAtFpr(scored, 0.01)).value,
    tprAt5: guard(() => tprAtFpr(scored, 0.05)).value,
    ap: guard(() => averagePrecision(scored)).value,
    brier: guard(() => brierScore(scored)).value,
    confusion: { medium: confusionAt(scored, thresholds.medium), high: confusionAt(scored, thresholds.high) },
  };
  if (auc.error) block.undefinedReason = auc.error;
  if (cases) {
    const ious = cases.filter((c) => c.label === 'fabricated' && c.truthRegion).map((c) => bestIou(c, c.truthRegion as Region, detector));
    if (ious.length) {
      block.iou = { n: ious.length, mean: r4(ious.reduce((a, b) => a + b, 0) / ious.length), median: r4(quantile(ious, 0.5)), atLeast50: ious.filter((x) => x >= 0.5).length };
    }
  }
  return block;
}

const RAN = new Set(['ok', 'inconclusive']);

function groupMetrics(cases: readonly CaseResult[], detectors: readonly string[], thresholds: { medium: number; high: number }): GroupMetrics {
  const scoredCases = cases.filter((c) => c.score !== undefined);
  const fused = metricBlock(
    scoredCases.map((c) => ({ score: c.score as number, positive: c.label === 'fabricated' })),
    thresholds,
    scoredCases,
  );
  const risk: Record<'fabricated' | 'genuine', Record<Risk, number>> = { fabricated: { low: 0, medium: 0, high: 0 }, genuine: { low: 0, medium: 0, high: 0 } };
  for (const c of scoredCases) if (c.risk) risk[c.label][c.risk]++;
  fused.risk = risk;
  fused.reliability = reliabilityTable(scoredCases.map((c) => ({ score: c.score as number, positive: c.label === 'fabricated' })));
  const perDetector: Record<string, DetectorMetricBlock> = {};
  for (const name of detectors) {
    const status = { ok: 0, inconclusive: 0, skipped: 0, error: 0, absent: 0 };
    const ran: CaseResult[] = [];
    const scored: Scored[] = [];
    for (const c of scoredCases) {
      const d = c.detectors.find((x) => x.name === name);
      if (!d) {
        status.absent++;
        continue;
      }
      status[d.status]++;
      if (RAN.has(d.status)) {
        ran.push(c);
        scored.push({ score: d.score, positive: c.label === 'fabricated' });
      }
    }
    perDetector[name] = { ...metricBlock(scored, thresholds, ran, name), status };
  }
  return { fused, detectors: perDetector };
}

function percentiles(values: readonly number[]): Percentiles {
  return { n: values.length, p50: values.length ? r2(quantile(values, 0.5)) : 0, p95: values.length ? r2(quantile(values, 0.95)) : 0 };
}

/** Machine facts recorded with every result. */
export function machine(): BenchResults['machine'] {
  const c = cpus();
  return { cpuModel: c[0]?.model.trim() ?? 'unknown', cpus: c.length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: `${platform()} ${release()}`, arch: arch() };
}

/**
 * Build the results document from the case records of a run.
 *
 * Per kind: a kind holding both labels is measured within itself; a kind holding only fabricated cases is measured
 * against every genuine case of the set (and vice versa), which is how "does the detector catch this family?" is
 * answered when families are single-label.
 */
export function buildResults(cases: readonly CaseResult[], facts: RunFacts): BenchResults {
  const thresholds = facts.thresholds ?? DEFAULT_THRESHOLDS;
  const errors: Record<string, number> = {};
  for (const c of cases) if (c.error) errors[c.error.code] = (errors[c.error.code] ?? 0) + 1;
  const scored = cases.filter((c) => c.score !== undefined);
  const byKind: Record<string, GroupMetrics> = {};
  const kinds = [...new Set(cases.map((c) => c.kind).filter((k): k is string => k !== undefined))].sort();
  for (const kind of kinds) {
    const own = cases.filter((c) => c.kind === kind);
    const labels = new Set(own.map((c) => c.label));
    if (labels.size === 2) {
      byKind[kind] = { comparedWith: 'within-kind', ...groupMetrics(own, facts.detectors, thresholds) };
    } else {
      const other = labels.has('fabricated') ? 'genuine' : 'fabricated';
      const group = [...own, ...cases.filter((c) => c.label === other)];
      byKind[kind] = { comparedWith: other === 'genuine' ? 'all-genuine' : 'all-fabricated', ...groupMetrics(group, facts.detectors, thresholds) };
    }
  }
  const detectorMs: Record<string, Percentiles> = {};
  for (const name of facts.detectors) {
    const ms: number[] = [];
    for (const c of scored) for (const d of c.detectors) if (d.name === name && RAN.has(d.status)) ms.push(d.ms);
    detectorMs[name] = percentiles(ms);
  }
  const toMiB = (kib: number): number => r2(kib / 1024);
  const run: BenchResults['run'] = { concurrency: facts.concurrency, mode: facts.mode, detectors: facts.detectors, thresholds, wallMs: r2(facts.wallMs), startupMs: r2(facts.startupMs) };
  if (facts.fallbackReason) run.fallbackReason = facts.fallbackReason;
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    claimlens: VERSION,
    date: new Date().toISOString(),
    machine: machine(),
    manifest: { ...facts.manifest, cases: cases.length },
    run,
    counts: { cases: cases.length, scored: scored.length, failed: cases.length - scored.length, errors, missingFiles: facts.missingFiles },
    metrics: { ...groupMetrics(cases, facts.detectors, thresholds), byKind },
    timings: {
      msPerImage: percentiles(scored.map((c) => c.ms)),
      detectors: detectorMs,
      imagesPerSecond: facts.wallMs > 0 ? r2((cases.length * 1000) / facts.wallMs) : 0,
      peakRssMiB: { main: toMiB(facts.mainMaxRSS), workers: facts.workerMaxRSS === null ? null : toMiB(facts.workerMaxRSS) },
    },
    cases: [...cases],
  };
}
