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
  /** Stop every thread; waiting inspections reject with `POOL_CLOSED`. */
  close(): Promise<void>;
}

/**
 * Start a pool of worker threads, each with its own inspector. sharp's libvips concurrency is set so that
 * workers × libvips threads does not exceed the cores.
 * @throws ClaimlensError INVALID_OPTIONS
 */
export async function createPool(options: PoolOptions = {}): Promise<InspectorPool> {
  const { workers, detectors, maxQueue, inspectionTimeoutMs, ...inspectorOptions } = options;
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
  normalizeInspectorOptions(inspectorOptions); // validate here so a bad option fails the caller, not a thread
  const sharpConcurrency = Math.max(1, Math.floor(cores / size));
  sharp.concurrency(sharpConcurrency);
  const workerData: PoolWorkerData = { inspector: inspectorOptions, sharpConcurrency, ...(detectors ? { detectors } : {}) };
  const pool = await ThreadPool.start<PoolRequest, Verdict>({ entry: 'pool-worker', size, workerData, maxQueue: queueCap, taskTimeoutMs: timeout });
  return {
    get size() {
      return pool.size;
    },
    get queued() {
      return pool.queued;
    },
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
