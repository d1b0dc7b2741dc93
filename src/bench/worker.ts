/**
 * Bench worker thread: creates one inspector (the C2PA module and detector state are set up once per thread)
 * and inspects the cases the pool sends, one at a time. Protocol in pool.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { caseError, createBenchInspector, failedCase, runCase } from './case';
import type { FromWorker, ToWorker, WorkerInit } from './pool';

const port = parentPort;
if (port) {
  const init = workerData as WorkerInit;
  try {
    const inspector = createBenchInspector(init.detectors);
    port.on('message', (msg: ToWorker) => {
      void runCase(inspector, msg.case)
        .catch((e: unknown) => failedCase(msg.case, caseError(e)))
        .then((result) => port.postMessage({ type: 'result', seq: msg.seq, result, maxRSS: process.resourceUsage().maxRSS } satisfies FromWorker));
    });
    port.postMessage({ type: 'ready' } satisfies FromWorker);
  } catch (e) {
    port.postMessage({ type: 'failed', error: caseError(e) } satisfies FromWorker);
  }
}
