// A queue worker: takes claim jobs from the BullMQ queue 'claims' and inspects them on a claimlens worker-thread
// pool. Run one per host (or several); BullMQ spreads jobs across all of them.
//   REDIS_URL=redis://10.0.0.5:6379 CLAIMLENS_WORKERS=4 node worker.js
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { createPool } from 'claimlens/pool';

/**
 * A Redis client for BullMQ from a redis:// URL. BullMQ wants a constructed client in ESM programs, with
 * `maxRetriesPerRequest: null` for its blocking commands.
 */
export function connectionFrom(url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379') {
  return new Redis(url, { maxRetriesPerRequest: null });
}

/**
 * Start consuming the 'claims' queue. Job data: { claim: base64 bytes, catalog?: CatalogFingerprint[],
 * context?: { orderedAt, deliveredAt, claimedAt }, locale?: 'en' | 'zh-CN' }. The job's return value is the
 * Verdict (artifacts omitted), which BullMQ stores for the producer.
 */
export async function startWorker({ connection = connectionFrom(), workers = Number(process.env.CLAIMLENS_WORKERS ?? 2) } = {}) {
  const pool = await createPool({ workers });
  // BullMQ concurrency = pool size × 2: one job waiting per thread keeps the threads busy without hoarding jobs.
  const worker = new Worker(
    'claims',
    async (job) => {
      const { claim, catalog = [], context = {}, locale = 'en' } = job.data;
      const verdict = await pool.inspect(Buffer.from(claim, 'base64'), { catalog, context, locale });
      delete verdict.artifacts;
      return verdict;
    },
    { connection, concurrency: pool.size * 2 },
  );
  return {
    worker,
    async close() {
      await worker.close();
      await pool.close();
      connection.disconnect();
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const w = await startWorker();
  process.stderr.write(`claimlens queue worker: consuming 'claims' with ${process.env.CLAIMLENS_WORKERS ?? 2} threads\n`);
  for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => void w.close().then(() => process.exit(0)));
}
