/**
 * `claimlens/bench`: benchmark claimlens on a fixture set (DESIGN.md manifest format) and compute the accuracy
 * metrics the project reports (ROC-AUC, TPR at a fixed FPR, average precision). For researchers and for
 * platforms that evaluate claimlens on their own labelled claims; a refund backend does not need it, so it is kept
 * out of the main entry.
 *
 * @example
 * import { runBench, formatResults } from 'claimlens/bench';
 * const results = await runBench('my-set/manifest.json', { concurrency: 2 });
 * process.stdout.write(formatResults(results));
 */
export { runBench } from './bench/run';
export type { RunBenchOptions } from './bench/run';
export { loadManifest } from './bench/manifest';
export type { BenchLabel, BenchManifest, LoadManifestOptions, ManifestCase, MissingFile } from './bench/manifest';
export { formatResults } from './bench/table';
export { averagePrecision, brierScore, confusionAt, rocAuc, rocCurve, tprAtFpr } from './bench/metrics';
export type { Confusion, RocPoint, Scored } from './bench/metrics';
export type { BenchProgress } from './bench/progress';
export type { BenchResults, DetectorMetricBlock, GroupMetrics, MetricBlock, Percentiles } from './bench/results';
export type { CaseDetector, CaseError, CaseResult, CaseSignal } from './bench/case';
