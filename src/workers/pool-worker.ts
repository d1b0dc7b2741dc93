/**
 * Worker thread of `claimlens/pool`: one inspector per thread (detectors and the C2PA module set up once), one
 * inspection at a time. libvips' thread pool is shared by the whole process: every thread sets the same sharp
 * concurrency (chosen by the pool so that N workers × libvips threads ≈ the cores).
 */
import { parentPort, workerData } from 'node:worker_threads';
import sharp from 'sharp';
import { createInspector } from '../inspector';
import { builtinDetectors, detectors as factories, BUILTIN_DETECTOR_NAMES } from '../detectors';
import type { DetectorName, ImageInput, InspectOptions, InspectorOptions, Verdict } from '../types';
import { serializeError, type WorkerReply } from './thread-pool';

/** What the pool sends each worker at start. */
export interface PoolWorkerData {
  /** Built-in detector names; all when absent. */
  detectors?: DetectorName[];
  inspector: Omit<InspectorOptions, 'detectors'>;
  /** libvips threads per operation. */
  sharpConcurrency: number;
}

/** One inspection request. */
export interface PoolRequest {
  claim: ImageInput;
  options: Omit<InspectOptions, 'signal'>;
}

const port = parentPort;
if (port) {
  try {
    const init = workerData as PoolWorkerData;
    sharp.concurrency(init.sharpConcurrency);
    const chosen = init.detectors?.map((n) => {
      if (!(BUILTIN_DETECTOR_NAMES as readonly string[]).includes(n)) throw new Error(`unknown detector '${n}'`);
      return factories[n]();
    });
    const inspector = createInspector({ ...init.inspector, detectors: chosen ?? builtinDetectors() });
    port.on('message', (msg: { seq: number; req: PoolRequest }) => {
      inspector.inspect(msg.req.claim, msg.req.options).then(
        (value: Verdict) => port.postMessage({ type: 'result', seq: msg.seq, ok: true, value } satisfies WorkerReply<Verdict>),
        (e: unknown) => port.postMessage({ type: 'result', seq: msg.seq, ok: false, error: serializeError(e) } satisfies WorkerReply<Verdict>),
      );
    });
    port.postMessage({ type: 'ready' } satisfies WorkerReply<Verdict>);
  } catch (e) {
    port.postMessage({ type: 'failed', message: e instanceof Error ? e.message : String(e) } satisfies WorkerReply<Verdict>);
  }
}
