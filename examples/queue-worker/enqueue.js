// Producer: put claim photos on the 'claims' queue and print each verdict as it completes.
//   REDIS_URL=redis://127.0.0.1:6379 node enqueue.js claim1.jpg claim2.jpg
import { readFile } from 'node:fs/promises';
import { Queue, QueueEvents } from 'bullmq';
import { connectionFrom } from './worker.js';

const queue = new Queue('claims', { connection: connectionFrom() });
const events = new QueueEvents('claims', { connection: connectionFrom() });
await events.waitUntilReady();
const jobs = await Promise.all(process.argv.slice(2).map(async (path) => queue.add('inspect', { claim: (await readFile(path)).toString('base64') }, { removeOnComplete: 1000, attempts: 2 })));
for (const job of jobs) {
  const verdict = await job.waitUntilFinished(events, 120_000);
  process.stdout.write(`${JSON.stringify({ job: job.id, risk: verdict.risk, score: verdict.score, summary: verdict.summary })}\n`);
}
await Promise.all([queue.close(), events.close()]);
