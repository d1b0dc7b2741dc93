/**
 * A small worker_threads pool for bench cases: N threads, one case in flight per thread, a FIFO queue. A thread
 * that dies fails only its in-flight case (recorded as `WORKER_CRASHED`) and is replaced.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { failedCase, type CaseError, type CaseResult } from './case';
import type { ManifestCase } from './manifest';

/** `workerData` of a bench worker. */
export interface WorkerInit {
  /** Built-in detector names to run; all when absent. */
  detectors?: string[];
}

/** Messages to a worker. */
export interface ToWorker {
  seq: number;
  case: ManifestCase;
}

/** Messages from a worker. */
export type FromWorker =
  | { type: 'ready' }
  | { type: 'failed'; error: CaseError }
  | { type: 'result'; seq: number; result: CaseResult; maxRSS: number };

/** How long a thread may take to load the library and create its inspector. */
const START_TIMEOUT_MS = 60_000;
/** Replacements allowed per pool slot before the pool gives up on threads (a crash loop must not spin forever). */
const MAX_RESPAWNS_PER_SLOT = 3;

/**
 * Where the worker entry lives and how to start it. From the TypeScript sources (jest, tsx) the worker is a .ts
 * file next to this one and tsx's loader is registered inside the thread first: on Node 20 `execArgv: ['--import',
 * 'tsx']` does not apply the hooks to a worker's entry module, an in-thread `register()` does. From the built
 * package, tsup emits dist/worker.js next to the bundle that contains this code.
 */
function workerSpec(): { code: string | URL; eval: boolean } {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) {
    const entry = pathToFileURL(join(dirname(here), 'worker.ts')).href;
    const tsx = pathToFileURL(tsxEsmApi(here)).href;
    const code = `import(${JSON.stringify(tsx)}).then((m) => { (m.register ?? m.default.register)(); return import(${JSON.stringify(entry)}); });`;
    return { code, eval: true };
  }
  return { code: pathToFileURL(join(dirname(here), 'worker.js')), eval: false };
}

/** Absolute path of tsx's ESM API (`require.resolve` would pick its CommonJS build, which cannot register ESM hooks). */
function tsxEsmApi(from: string): string {
  const require = createRequire(from);
  const pkgPath = require.resolve('tsx/package.json');
  const pkg = require(pkgPath) as { exports?: Record<string, { import?: { default?: string } | string }> };
  const entry = pkg.exports?.['./esm/api']?.import;
  const rel = typeof entry === 'string' ? entry : entry?.default;
  if (!rel) throw new Error(`tsx at ${dirname(pkgPath)} has no ESM API export`);
  return join(dirname(pkgPath), rel);
}

interface Slot {
  index: number;
  worker: Worker;
  busy: { seq: number; c: ManifestCase; resolve: (r: CaseResult) => void } | undefined;
  respawns: number;
  /** Gave up after too many crashes: takes no more cases. */
  dead?: boolean;
}

/** A running pool. Create with `WorkerPool.start`; always `close()` it. */
export class WorkerPool {
  /** Highest `maxRSS` (KiB) any thread reported; threads share the process, so this is process-wide. */
  workerMaxRSS = 0;
  /** Cases lost to a crashed thread. */
  crashes = 0;
  private readonly slots: Slot[] = [];
  private readonly queue: { seq: number; c: ManifestCase; resolve: (r: CaseResult) => void }[] = [];
  private seq = 0;
  private closed = false;

  private constructor(private readonly init: WorkerInit) {}

  /**
   * Start `size` threads and wait until each has created its inspector.
   * @throws Error when a thread cannot start (the caller falls back to in-process concurrency)
   */
  static async start(size: number, init: WorkerInit): Promise<WorkerPool> {
    const pool = new WorkerPool(init);
    try {
      const workers = await Promise.all(Array.from({ length: size }, () => pool.spawn()));
      workers.forEach((worker, index) => pool.attach({ index, worker, respawns: 0, busy: undefined }));
    } catch (e) {
      await pool.close();
      throw e;
    }
    return pool;
  }

  /** Number of threads. */
  get size(): number {
    return this.slots.length;
  }

  /** Inspect one case on the next free thread. Never rejects: failures are in the record. */
  run(c: ManifestCase): Promise<CaseResult> {
    return new Promise((resolve) => {
      if (this.closed) {
        resolve(failedCase(c, { code: 'WORKER_CRASHED', message: 'the worker pool is closed' }));
        return;
      }
      this.queue.push({ seq: ++this.seq, c, resolve });
      this.pump();
    });
  }

  /** Terminate every thread. */
  async close(): Promise<void> {
    this.closed = true;
    const all = this.slots.map((s) => s.worker.terminate());
    for (const q of this.queue.splice(0)) q.resolve(failedCase(q.c, { code: 'WORKER_CRASHED', message: 'the worker pool was closed' }));
    await Promise.allSettled(all);
  }

  private spawn(): Promise<Worker> {
    const spec = workerSpec();
    return new Promise((resolve, reject) => {
      let worker: Worker;
      try {
        worker = new Worker(spec.code, { eval: spec.eval, workerData: this.init });
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
        return;
      }
      const timer = setTimeout(() => {
        cleanup();
        void worker.terminate();
        reject(new Error(`bench worker did not start within ${START_TIMEOUT_MS} ms`));
      }, START_TIMEOUT_MS);
      const onMessage = (m: FromWorker): void => {
        if (m.type === 'ready') {
          cleanup();
          resolve(worker);
        } else if (m.type === 'failed') {
          cleanup();
          void worker.terminate();
          reject(new Error(`bench worker failed to start: ${m.error.code}: ${m.error.message}`));
        }
      };
      const onError = (e: Error): void => {
        cleanup();
        reject(e);
      };
      const onExit = (code: number): void => {
        cleanup();
        reject(new Error(`bench worker exited with code ${code} before it was ready`));
      };
      const cleanup = (): void => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      worker.on('message', onMessage);
      worker.once('error', onError);
      worker.once('exit', onExit);
    });
  }

  private attach(slot: Slot): void {
    this.slots[slot.index] = slot;
    slot.worker.on('message', (m: FromWorker) => {
      if (m.type !== 'result' || !slot.busy || slot.busy.seq !== m.seq) return;
      this.workerMaxRSS = Math.max(this.workerMaxRSS, m.maxRSS);
      const { resolve } = slot.busy;
      slot.busy = undefined;
      resolve(m.result);
      this.pump();
    });
    const lost = (why: string): void => {
      if (this.closed) return;
      const busy = slot.busy;
      slot.busy = undefined;
      slot.worker.removeAllListeners();
      if (busy) {
        this.crashes++;
        busy.resolve(failedCase(busy.c, { code: 'WORKER_CRASHED', message: `the worker thread died while inspecting this case: ${why}` }));
      }
      void this.replace(slot);
    };
    slot.worker.on('error', (e) => lost(e.message));
    slot.worker.on('exit', (code) => lost(`exit code ${code}`));
  }

  private async replace(old: Slot): Promise<void> {
    if (old.respawns >= MAX_RESPAWNS_PER_SLOT) {
      old.dead = true;
      this.failQueueIfNoThreads();
      return;
    }
    try {
      const worker = await this.spawn();
      if (this.closed) {
        await worker.terminate();
        return;
      }
      this.attach({ index: old.index, worker, respawns: old.respawns + 1, busy: undefined });
      this.pump();
    } catch {
      old.dead = true;
      this.failQueueIfNoThreads();
    }
  }

  /** When every slot has given up, the queued cases can never run: fail them instead of hanging. */
  private failQueueIfNoThreads(): void {
    if (this.slots.every((s) => s.dead)) {
      for (const q of this.queue.splice(0)) q.resolve(failedCase(q.c, { code: 'WORKER_CRASHED', message: 'every bench worker thread crashed repeatedly' }));
    }
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.busy || slot.dead) continue;
      const next = this.queue.shift();
      if (!next) return;
      slot.busy = next;
      slot.worker.postMessage({ seq: next.seq, case: next.c } satisfies ToWorker);
    }
  }
}
