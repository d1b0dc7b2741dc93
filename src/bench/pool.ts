/**
 * The bench's worker pool: the library's ThreadPool (src/workers/thread-pool.ts) running src/bench/worker.ts, one
 * inspector per thread. `run` never rejects: a case lost to a dead thread becomes a `WORKER_CRASHED` record.
 */
import { failedCase, type CaseResult } from './case';
import type { ManifestCase } from './manifest';
import { PoolError, ThreadPool } from '../workers/thread-pool';

/** `workerData` of a bench worker. */
export interface WorkerInit {
  /** Built-in detector names to run; all when absent. */
  detectors?: string[];
}

/** What a bench worker returns for one case. */
export interface WorkerResult {
  result: CaseResult;
  /** The thread's `process.resourceUsage().maxRSS` in KiB (process-wide: threads share it). */
  maxRSS: number;
}

/** A running bench pool. Create with `WorkerPool.start`; always `close()` it. */
export class WorkerPool {
  /** Highest `maxRSS` (KiB) any thread reported. */
  workerMaxRSS = 0;
  /** Cases lost to a crashed thread. */
  crashes = 0;

  private constructor(private readonly pool: ThreadPool<ManifestCase, WorkerResult>) {}

  /**
   * Start `size` threads and wait until each has created its inspector.
   * @throws Error when a thread cannot start (the caller falls back to in-process concurrency)
   */
  static async start(size: number, init: WorkerInit): Promise<WorkerPool> {
    const pool = await ThreadPool.start<ManifestCase, WorkerResult>({ entry: 'worker', base: import.meta.url, size, workerData: init, maxQueue: Number.MAX_SAFE_INTEGER, taskTimeoutMs: 0 });
    return new WorkerPool(pool);
  }

  /** Number of threads. */
  get size(): number {
    return this.pool.size;
  }

  /** Inspect one case on the next free thread. Never rejects: failures are in the record. */
  async run(c: ManifestCase): Promise<CaseResult> {
    try {
      const { result, maxRSS } = await this.pool.run(c);
      this.workerMaxRSS = Math.max(this.workerMaxRSS, maxRSS);
      return result;
    } catch (e) {
      if (e instanceof PoolError && e.code === 'WORKER_CRASHED') this.crashes++;
      return failedCase(c, { code: e instanceof PoolError && e.code !== 'POOL_CLOSED' ? e.code : 'WORKER_CRASHED', message: e instanceof Error ? e.message : String(e) });
    }
  }

  /** Terminate every thread. */
  close(): Promise<void> {
    return this.pool.close();
  }
}
