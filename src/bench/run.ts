/**
 * `runBench`: validate a manifest, inspect every case concurrently on worker threads (or in-process when threads
 * cannot start), and build the results document. A case that fails is recorded with its error code, never fatal.
 */
import { availableParallelism, cpus } from 'node:os';
import { DEFAULT_DETECTOR_NAMES } from '../detectors';
import { invalidOption } from '../errors';
import { createBenchInspector, runCase, type CaseResult } from './case';
import { loadManifest } from './manifest';
import { WorkerPool } from './pool';
import type { BenchProgress } from './progress';
import { buildResults, type BenchResults } from './results';

/** Options of `runBench`. */
export interface RunBenchOptions {
  /** Cases in flight at once (worker threads). @default the number of CPU cores */
  concurrency?: number;
  /**
   * Built-in detectors to run, by name, in this order (opt-in ones such as `noise` only when named).
   * @default the default set: the fused score is the one `inspect` gives
   */
  detectors?: string[];
  /** Called after each case. */
  onProgress?: (p: BenchProgress) => void;
  /**
   * `'record'` runs a manifest whose files are partly missing and reports those cases as failed
   * (`UNREADABLE_INPUT`); `'error'` rejects it before running. @default 'record'
   */
  missingFiles?: 'error' | 'record';
  /** Run in this thread instead of worker threads (debugging; also the automatic fallback). @default false */
  inProcess?: boolean;
}

const defaultConcurrency = (): number => (typeof availableParallelism === 'function' ? availableParallelism() : cpus().length) || 1;

/**
 * Benchmark claimlens on a fixture set.
 *
 * @param manifestPath path of a manifest.json (DESIGN.md format)
 * @throws ClaimlensError INVALID_MANIFEST (before any case runs) or INVALID_OPTIONS (bad concurrency or detector name)
 * @example
 * const results = await runBench('fixtures/out/refund-set/manifest.json', { concurrency: 2, detectors: ['catalog', 'ela'] });
 * console.log(results.metrics.fused.auc, results.metrics.detectors.ela.tprAt5);
 */
export async function runBench(manifestPath: string, options: RunBenchOptions = {}): Promise<BenchResults> {
  const concurrency = options.concurrency ?? defaultConcurrency();
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256) throw invalidOption('concurrency', 'an integer from 1 to 256', concurrency);
  const detectors = options.detectors ?? [...DEFAULT_DETECTOR_NAMES];
  if (detectors.length === 0) throw invalidOption('detectors', 'at least one detector name', detectors);
  if (new Set(detectors).size !== detectors.length) throw invalidOption('detectors', 'distinct names', detectors.join(','));
  // Validates the names before any thread starts, with the same error the workers would give.
  createBenchInspector(detectors);
  const manifest = await loadManifest(manifestPath, { missingFiles: options.missingFiles ?? 'record' });
  const threads = Math.min(concurrency, manifest.cases.length);
  const startup = performance.now();

  let pool: WorkerPool | undefined;
  let fallbackReason: string | undefined;
  if (!options.inProcess) {
    try {
      pool = await WorkerPool.start(threads, { detectors });
    } catch (e) {
      fallbackReason = e instanceof Error ? e.message : String(e);
    }
  } else {
    fallbackReason = 'in-process run requested';
  }

  // Thread start-up (loading the library, the C2PA module) is reported apart from the throughput it would distort.
  const started = performance.now();
  const startupMs = started - startup;
  const results: CaseResult[] = new Array<CaseResult>(manifest.cases.length);
  let done = 0;
  let failed = 0;
  const finish = (index: number, r: CaseResult): void => {
    results[index] = r;
    done++;
    if (r.error) failed++;
    options.onProgress?.({ done, total: manifest.cases.length, failed, elapsedMs: performance.now() - started, id: r.id });
  };
  try {
    if (pool) {
      const p = pool;
      await Promise.all(manifest.cases.map((c, i) => p.run(c).then((r) => finish(i, r))));
    } else {
      const inspector = createBenchInspector(detectors);
      let next = 0;
      const lane = async (): Promise<void> => {
        while (next < manifest.cases.length) {
          const i = next++;
          finish(i, await runCase(inspector, manifest.cases[i]));
        }
      };
      await Promise.all(Array.from({ length: threads }, lane));
    }
  } finally {
    await pool?.close();
  }
  const wallMs = performance.now() - started;
  const facts: Parameters<typeof buildResults>[1] = {
    manifest: { name: manifest.name, path: manifest.path, sha256: manifest.sha256 },
    concurrency: threads,
    mode: pool ? 'worker_threads' : 'in-process',
    detectors,
    wallMs,
    startupMs,
    missingFiles: manifest.missing,
    mainMaxRSS: process.resourceUsage().maxRSS,
    workerMaxRSS: pool ? pool.workerMaxRSS : null,
  };
  if (fallbackReason && !pool) facts.fallbackReason = fallbackReason;
  return buildResults(results, facts);
}
