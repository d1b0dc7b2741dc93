/**
 * Bench worker thread: creates one inspector (the C2PA module and detector state are set up once per thread)
 * and inspects the cases the pool sends, one at a time. Protocol: src/workers/thread-pool.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { caseError, createBenchInspector, failedCase, runCase } from './case';
import type { ManifestCase } from './manifest';
import type { WorkerInit, WorkerResult } from './pool';
import { serializeError, type WorkerReply } from '../workers/thread-pool';

const port = parentPort;
if (port) {
  const init = workerData as WorkerInit;
  try {
    const inspector = createBenchInspector(init.detectors);
    port.on('message', (msg: { seq: number; req: ManifestCase }) => {
      runCase(inspector, msg.req)
        .catch((e: unknown) => failedCase(msg.req, caseError(e)))
        .then(
          (result) => port.postMessage({ type: 'result', seq: msg.seq, ok: true, value: { result, maxRSS: process.resourceUsage().maxRSS } } satisfies WorkerReply<WorkerResult>),
          (e: unknown) => port.postMessage({ type: 'result', seq: msg.seq, ok: false, error: serializeError(e) } satisfies WorkerReply<WorkerResult>),
        );
    });
    port.postMessage({ type: 'ready' } satisfies WorkerReply<WorkerResult>);
  } catch (e) {
    port.postMessage({ type: 'failed', message: `${caseError(e).code}: ${caseError(e).message}` } satisfies WorkerReply<WorkerResult>);
  }
}
