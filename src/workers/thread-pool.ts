import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** Messages a pool worker sends back. */
export type WorkerReply<Res> = { type: 'ready' } | { type: 'failed'; message: string } | { type: 'result'; seq: number; ok: true; value: Res } | { type: 'result'; seq: number; ok: false; error: SerializedError };

/** An error as it crosses the thread boundary (structured clone keeps only plain fields). */
export interface SerializedError {
  name: string;
  message: string;
  code?: string;
  details?: Record<string, unknown>;
}

/** Options of a thread pool. */
export interface ThreadPoolOptions {
  /** Worker entry, as a file name without extension (`pool-worker` → pool-worker.ts from sources, .js from dist). */
  entry: string;
  /** URL of a module in the folder that holds the entry (from sources; dist keeps every entry in one folder). @default this module */
  base?: string;
  /** Threads. */
  size: number;
  /** Passed to every worker as `workerData`. */
  workerData: unknown;
  /** Tasks waiting beyond this make `run` wait for room (back-pressure). */
  maxQueue: number;
  /** A task running longer than this has its thread terminated and fails with `TASK_TIMEOUT`; 0 = no limit. */
  taskTimeoutMs: number;
  /** Replace a thread after it has finished this many tasks (its heap and the buffers it holds go with it); 0 = never. @default 0 */
  recycleAfter?: number;
  /** Replace the thread that just finished a task when the process's resident set is above this many bytes; 0 = no ceiling. @default 0 */
  maxRssBytes?: number;
}

/** What a pool has done so far. */
export interface ThreadPoolStats {
  /** Tasks that ended with a result or the task's own error. */
  completed: number;
  /** Threads replaced after `recycleAfter` tasks. */
  recycledByCount: number;
  /** Threads replaced because the process RSS was above `maxRssBytes` after their task. */
  recycledByRss: number;
  /** Tasks that ran over `taskTimeoutMs` (their threads were terminated and replaced). */
  timeouts: number;
  /** Threads that died (replaced). */
  crashes: number;
}

/** How long a thread may take to load the library. */
const START_TIMEOUT_MS = 60_000;

/**
 * Where a worker entry lives and how to start it. From the TypeScript sources (jest, tsx) the entry is a .ts file
 * and tsx's loader is registered inside the thread first (on Node 20 `execArgv: ['--import', 'tsx']` does not
 * reach a worker's entry module); from the built package the entry is a .js file next to the bundle.
 */
export function workerSpec(entry: string, from: string = import.meta.url): { code: string | URL; eval: boolean } {
  const here = fileURLToPath(from);
  if (here.endsWith('.ts')) {
    const file = pathToFileURL(join(dirname(here), `${entry}.ts`)).href;
    // The ESM build of tsx's API (resolving 'tsx/esm/api' through require() would pick its CJS build).
    const tsx = pathToFileURL(join(dirname(createRequire(here).resolve('tsx/package.json')), 'dist', 'esm', 'api', 'index.mjs')).href;
    return { code: `import(${JSON.stringify(tsx)}).then((m) => { (m.register ?? m.default.register)(); return import(${JSON.stringify(file)}); });`, eval: true };
  }
  // Worker entries are built as ESM only (.js in this "type": "module" package); CJS callers start them too.
  return { code: pathToFileURL(join(dirname(here), `${entry}.js`)), eval: false };
}

/** Failure of a pool task that is not the task's own error. */
export class PoolError extends Error {
  constructor(
    readonly code: 'TASK_TIMEOUT' | 'WORKER_CRASHED' | 'POOL_CLOSED',
    message: string,
  ) {
    super(message);
    this.name = 'PoolError';
  }
}

interface Task<Req, Res> {
  seq: number;
  req: Req;
  resolve: (r: Res) => void;
  reject: (e: unknown) => void;
}

interface Slot<Req, Res> {
  worker: Worker;
  task: Task<Req, Res> | undefined;
  timer: NodeJS.Timeout | undefined;
  /** Tasks this thread has finished. */
  done: number;
  /** Called when the thread dies or is terminated: fails its task and replaces the thread. */
  lost?: (why: string, code?: 'WORKER_CRASHED' | 'TASK_TIMEOUT') => void;
}

/**
 * A fixed-size worker_threads pool: one task in flight per thread, a bounded FIFO queue (callers wait for room:
 * back-pressure), a hard per-task time limit that terminates a stuck thread (synchronous work cannot be
 * interrupted any other way), and replacement of threads that die. Deserialises task errors into `Error`s that
 * keep `name`, `code` and `details`.
 */
export class ThreadPool<Req, Res> {
  private readonly slots: Slot<Req, Res>[] = [];
  private readonly queue: Task<Req, Res>[] = [];
  private readonly roomWaiters: (() => void)[] = [];
  private seq = 0;
  private closed = false;
  private readonly counters: ThreadPoolStats = { completed: 0, recycledByCount: 0, recycledByRss: 0, timeouts: 0, crashes: 0 };

  private constructor(private readonly opts: ThreadPoolOptions) {}

  /** Start the threads and wait until each is ready. */
  static async start<Req, Res>(opts: ThreadPoolOptions): Promise<ThreadPool<Req, Res>> {
    const pool = new ThreadPool<Req, Res>(opts);
    try {
      const workers = await Promise.all(Array.from({ length: opts.size }, () => pool.spawn()));
      for (const w of workers) pool.attach({ worker: w, task: undefined, timer: undefined, done: 0 });
    } catch (e) {
      await pool.close();
      throw e;
    }
    return pool;
  }

  /** Threads in the pool. */
  get size(): number {
    return this.slots.length;
  }

  /** Tasks waiting for a thread. */
  get queued(): number {
    return this.queue.length;
  }

  /** Counts of completed tasks, recycled threads, time-outs and crashes so far. */
  stats(): ThreadPoolStats {
    return { ...this.counters };
  }

  /** Run a task; waits for room when the queue is full. */
  async run(req: Req): Promise<Res> {
    while (!this.closed && this.queue.length >= this.opts.maxQueue) await new Promise<void>((r) => this.roomWaiters.push(r));
    if (this.closed) throw new PoolError('POOL_CLOSED', 'the pool is closed');
    return new Promise<Res>((resolve, reject) => {
      this.queue.push({ seq: ++this.seq, req, resolve, reject });
      this.pump();
    });
  }

  /** Terminate every thread; queued tasks fail with POOL_CLOSED. */
  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.queue.splice(0)) t.reject(new PoolError('POOL_CLOSED', 'the pool was closed'));
    // Tasks still running when their thread is terminated settle too (their threads' exit is no longer handled).
    for (const slot of this.slots) {
      const task = slot.task;
      this.release(slot);
      task?.reject(new PoolError('POOL_CLOSED', 'the pool was closed while the task ran'));
    }
    for (const w of this.roomWaiters.splice(0)) w();
    await Promise.allSettled(this.slots.map((s) => s.worker.terminate()));
  }

  private spawn(): Promise<Worker> {
    const spec = workerSpec(this.opts.entry, this.opts.base);
    return new Promise((resolve, reject) => {
      const worker = new Worker(spec.code, { eval: spec.eval, workerData: this.opts.workerData });
      const timer = setTimeout(() => {
        done();
        void worker.terminate();
        reject(new Error(`pool worker did not start within ${START_TIMEOUT_MS} ms`));
      }, START_TIMEOUT_MS);
      const onMessage = (m: WorkerReply<Res>): void => {
        if (m.type === 'ready') {
          done();
          resolve(worker);
        } else if (m.type === 'failed') {
          done();
          void worker.terminate();
          reject(new Error(`pool worker failed to start: ${m.message}`));
        }
      };
      const onError = (e: Error): void => {
        done();
        reject(e);
      };
      const onExit = (code: number): void => {
        done();
        reject(new Error(`pool worker exited with code ${code} before it was ready`));
      };
      const done = (): void => {
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

  private attach(slot: Slot<Req, Res>): void {
    this.slots.push(slot);
    slot.worker.on('message', (m: WorkerReply<Res>) => {
      if (m.type !== 'result' || !slot.task || slot.task.seq !== m.seq) return;
      const task = slot.task;
      this.release(slot);
      slot.done++;
      this.counters.completed++;
      if (m.ok) task.resolve(m.value);
      else task.reject(deserializeError(m.error));
      const { recycleAfter = 0, maxRssBytes = 0 } = this.opts;
      if (recycleAfter > 0 && slot.done >= recycleAfter) {
        this.counters.recycledByCount++;
        this.replace(slot);
      } else if (maxRssBytes > 0 && process.memoryUsage.rss() > maxRssBytes) {
        this.counters.recycledByRss++;
        this.replace(slot);
      }
      this.pump();
    });
    const lost = (why: string, code: 'WORKER_CRASHED' | 'TASK_TIMEOUT' = 'WORKER_CRASHED'): void => {
      if (this.closed) return;
      const task = slot.task;
      this.release(slot);
      if (code === 'TASK_TIMEOUT') this.counters.timeouts++;
      else this.counters.crashes++;
      task?.reject(new PoolError(code, why));
      this.replace(slot);
    };
    slot.worker.on('error', (e) => lost(`the worker thread died: ${e.message}`));
    slot.worker.on('exit', (code) => lost(`the worker thread exited with code ${code}`));
    slot.lost = lost;
  }

  /** Take a thread out of service (terminated, listeners removed) and start a fresh one in its place. */
  private replace(slot: Slot<Req, Res>): void {
    slot.worker.removeAllListeners();
    const at = this.slots.indexOf(slot);
    if (at >= 0) this.slots.splice(at, 1);
    void slot.worker.terminate();
    void this.spawn().then(
      (w) => {
        if (this.closed) void w.terminate();
        else {
          this.attach({ worker: w, task: undefined, timer: undefined, done: 0 });
          this.pump();
        }
      },
      () => {
        if (this.slots.length === 0) for (const t of this.queue.splice(0)) t.reject(new PoolError('WORKER_CRASHED', 'no pool thread could be restarted'));
      },
    );
  }

  private release(slot: Slot<Req, Res>): void {
    clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.task = undefined;
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.task || this.queue.length === 0) continue;
      const task = this.queue.shift()!;
      slot.task = task;
      if (this.opts.taskTimeoutMs > 0) {
        slot.timer = setTimeout(() => {
          slot.lost?.(`the task did not finish within ${this.opts.taskTimeoutMs} ms; its thread was terminated`, 'TASK_TIMEOUT');
        }, this.opts.taskTimeoutMs);
      }
      slot.worker.postMessage({ seq: task.seq, req: task.req });
      const waiter = this.roomWaiters.shift();
      waiter?.();
    }
  }
}

/** Turn an error into plain fields for postMessage. */
export function serializeError(e: unknown): SerializedError {
  if (e instanceof Error) {
    const x = e as Error & { code?: unknown; details?: unknown };
    const out: SerializedError = { name: e.name, message: e.message };
    if (typeof x.code === 'string') out.code = x.code;
    if (x.details && typeof x.details === 'object') out.details = x.details as Record<string, unknown>;
    return out;
  }
  return { name: 'Error', message: String(e) };
}

function deserializeError(s: SerializedError): Error {
  const e = new Error(s.message) as Error & { code?: string; details?: Record<string, unknown> };
  e.name = s.name;
  if (s.code !== undefined) e.code = s.code;
  if (s.details !== undefined) e.details = s.details;
  return e;
}
