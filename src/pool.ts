/**
 * `claimlens/pool`: inspect many claims in parallel on worker threads, for refund backends with a steady stream.
 *
 * @example
 * import { createPool } from 'claimlens/pool';
 * const pool = await createPool({ workers: 4 });
 * const verdicts = await Promise.all(claims.map((c) => pool.inspect(c.bytes, { catalog: c.fingerprints })));
 * await pool.close();
 */
import { availableParallelism } from 'node:os';
import sharp from 'sharp';
import { ClaimlensError, invalidOption } from './errors';
import { BUILTIN_DETECTOR_NAMES } from './detectors';
import { normalizeInspectorOptions } from './options';
import type { DetectorName, ImageInput, InspectOptions, InspectorOptions, Verdict } from './types';
import { PoolError, ThreadPool } from './workers/thread-pool';
import type { PoolRequest, PoolWorkerData } from './workers/pool-worker';

export { PoolError };

/** Options of `createPool`. */
export interface PoolOptions extends Omit<InspectorOptions, 'detectors'> {
  /** Worker threads. @default the number of cores (os.availableParallelism()) */
  workers?: number;
  /** Built-in detectors to run, by name (detector objects cannot cross threads). @default all */
  detectors?: DetectorName[];
  /** Inspections waiting beyond this make `inspect` wait for room (back-pressure). @default workers × 8 */
  maxQueue?: number;
  /**
   * Hard limit per inspection in ms: past it the thread is terminated (the only way to stop synchronous work) and
   * the call rejects with `PoolError` code `TASK_TIMEOUT`. @default 120000
   */
  inspectionTimeoutMs?: number;
  /**
   * Replace a worker thread after it has run this many inspections: whatever one thread has kept (V8 heap, buffers,
   * fragmented native memory) is freed with it, at the cost of one thread start (about 1 s: module load and the C2PA
   * module) per this many inspections. 0 = never. @default 1000 (docs/performance.md: the soak)
   */
  recycleAfter?: number;
  /**
   * Replace the worker thread that has just finished an inspection when the process's resident set (all threads
   * together: they share one process) is above this many MiB. 0 = no ceiling. @default 2048
   */
  maxRssMiB?: number;
}

/** What a pool has done since it started (`InspectorPool.stats()`). */
export interface PoolStats {
  /** Inspections that ended with a verdict or the inspection's own error. */
  completed: number;
  /** Threads replaced after `recycleAfter` inspections. */
  recycledByCount: number;
  /** Threads replaced because the process RSS was above `maxRssMiB` after their inspection. */
  recycledByRss: number;
  /** Inspections stopped by `inspectionTimeoutMs` (`TASK_TIMEOUT`; their threads were replaced). */
  timeouts: number;
  /** Threads that died (`WORKER_CRASHED`; replaced). */
  crashes: number;
}

/** A pool of inspectors on worker threads. */
export interface InspectorPool {
  /**
   * Inspect one claim on the next free thread. Same result and errors as `inspect` (`ClaimlensError` for unusable
   * input), plus `PoolError` (`TASK_TIMEOUT`, `WORKER_CRASHED`, `POOL_CLOSED`). `options.signal` is not supported.
   */
  inspect(claim: ImageInput, options?: Omit<InspectOptions, 'signal'>): Promise<Verdict>;
  /** Threads running. */
  readonly size: number;
  /** Inspections waiting for a thread. */
  readonly queued: number;
  /** Counts of completed inspections, recycled threads, time-outs and crashes so far. */
  stats(): PoolStats;
  /** Stop every thread; waiting inspections reject with `POOL_CLOSED`. */
  close(): Promise<void>;
}

/** Default `recycleAfter`: a thread start (≈ 1 s) per 1,000 inspections costs under 0.1 % of their time. */
const DEFAULT_RECYCLE_AFTER = 1000;
/** Default `maxRssMiB`: above one 100 MP inspection's peak (≈ 1.3 GiB, docs/performance.md) with room for a second thread. */
const DEFAULT_MAX_RSS_MIB = 2048;

/**
 * Start a pool of worker threads, each with its own inspector. sharp's libvips concurrency is set so that
 * workers × libvips threads does not exceed the cores.
 * @throws ClaimlensError INVALID_OPTIONS
 */
export async function createPool(options: PoolOptions = {}): Promise<InspectorPool> {
  const { workers, detectors, maxQueue, inspectionTimeoutMs, recycleAfter, maxRssMiB, ...inspectorOptions } = options;
  const cores = availableParallelism();
  const size = workers ?? cores;
  if (!Number.isInteger(size) || size < 1 || size > 256) throw invalidOption('options.workers', 'an integer from 1 to 256', workers);
  if (detectors !== undefined) {
    if (!Array.isArray(detectors) || detectors.length === 0) throw invalidOption('options.detectors', 'a non-empty array of built-in detector names', detectors);
    detectors.forEach((d, i) => {
      if (!(BUILTIN_DETECTOR_NAMES as readonly string[]).includes(d)) throw invalidOption(`options.detectors[${i}]`, `one of ${BUILTIN_DETECTOR_NAMES.join(', ')}`, d);
    });
  }
  const queueCap = maxQueue ?? size * 8;
  if (!Number.isInteger(queueCap) || queueCap < 1) throw invalidOption('options.maxQueue', 'a positive integer', maxQueue);
  const timeout = inspectionTimeoutMs ?? 120_000;
  if (!Number.isInteger(timeout) || timeout < 0) throw invalidOption('options.inspectionTimeoutMs', 'a non-negative integer (0 = no limit)', inspectionTimeoutMs);
  const recycle = recycleAfter ?? DEFAULT_RECYCLE_AFTER;
  if (!Number.isInteger(recycle) || recycle < 0) throw invalidOption('options.recycleAfter', 'a non-negative integer (0 = never)', recycleAfter);
  const rssCeiling = maxRssMiB ?? DEFAULT_MAX_RSS_MIB;
  if (typeof rssCeiling !== 'number' || !Number.isFinite(rssCeiling) || rssCeiling < 0) throw invalidOption('options.maxRssMiB', 'a non-negative number of MiB (0 = no ceiling)', maxRssMiB);
  normalizeInspectorOptions(inspectorOptions); // validate here so a bad option fails the caller, not a thread
  const sharpConcurrency = Math.max(1, Math.floor(cores / size));
  sharp.concurrency(sharpConcurrency);
  const workerData: PoolWorkerData = { inspector: inspectorOptions, sharpConcurrency, ...(detectors ? { detectors } : {}) };
  const pool = await ThreadPool.start<PoolRequest, Verdict>({
    entry: 'pool-worker',
    size,
    workerData,
    maxQueue: queueCap,
    taskTimeoutMs: timeout,
    recycleAfter: recycle,
    maxRssBytes: rssCeiling * 2 ** 20,
  });
  return {
    get size() {
      return pool.size;
    },
    get queued() {
      return pool.queued;
    },
    stats: () => pool.stats(),
    inspect: (claim, opts = {}) =>
      pool.run({ claim, options: opts }).catch((e: unknown) => {
        throw revive(e);
      }),
    close: () => pool.close(),
  };
}

/** Errors come back from threads as plain Errors: give ClaimlensErrors their class again. */
function revive(e: unknown): unknown {
  const x = e as { name?: string; code?: string; message?: string; details?: Record<string, unknown> };
  if (x?.name === 'ClaimlensError' && typeof x.code === 'string') return new ClaimlensError(x.code as ClaimlensError['code'], x.message ?? '', x.details ?? {});
  return e;
}
