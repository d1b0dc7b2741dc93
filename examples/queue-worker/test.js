// Integration test: a real redis-server on 127.0.0.1 (started here, stopped here), two queue workers in this
// process, six claims enqueued; every job must come back with a verdict. Skips with a visible message when
// redis-server cannot start (install Debian's redis-server package).
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Queue, QueueEvents } from 'bullmq';
import { connectionFrom, startWorker } from './worker.js';

const here = dirname(fileURLToPath(import.meta.url));
const freePort = () => new Promise((resolve, reject) => {
  const s = createServer();
  s.once('error', reject);
  s.listen(0, '127.0.0.1', () => {
    const { port } = s.address();
    s.close(() => resolve(port));
  });
});


const port = await freePort();
let redis;
// A watchdog: whatever goes wrong (a client retrying forever, a stuck job), the test ends within 5 minutes.
const watchdog = setTimeout(() => {
  process.stdout.write('queue-worker integration test: timed out after 300 s\n0 passed, 1 failed\n');
  redis?.kill();
  process.exit(1);
}, 300_000);
watchdog.unref();
try {
  redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('redis-server did not start within 10 s')), 10_000);
    redis.once('error', (e) => { clearTimeout(t); reject(e); });
    redis.stdout.on('data', (d) => { if (/Ready to accept connections/i.test(String(d))) { clearTimeout(t); resolve(); } });
  });
} catch (e) {
  process.stdout.write(`queue-worker integration test skipped: redis-server could not start (${e.message})\n`);
  redis?.kill();
  process.exit(0);
}

const url = `redis://127.0.0.1:${port}`;
let failed = 0;
let passed = 0;
try {
  const workers = [await startWorker({ connection: connectionFrom(url), workers: 1 }), await startWorker({ connection: connectionFrom(url), workers: 1 })];
  const queueConnection = connectionFrom(url);
  const eventsConnection = connectionFrom(url);
  const queue = new Queue('claims', { connection: queueConnection });
  const events = new QueueEvents('claims', { connection: eventsConnection });
  await events.waitUntilReady();
  const demo = join(here, '..', '..', 'fixtures', 'demo');
  const claim = (await readFile(join(demo, 'claim.jpg'))).toString('base64');
  const catalogPhoto = (await readFile(join(demo, 'catalog.jpg'))).toString('base64');
  const jobs = [];
  for (let i = 0; i < 6; i++) jobs.push(await queue.add('inspect', { claim: i % 2 ? catalogPhoto : claim, locale: i % 3 ? 'en' : 'zh-CN' }));
  const verdicts = await Promise.all(jobs.map((j) => j.waitUntilFinished(events, 300_000)));
  for (const [i, v] of verdicts.entries()) {
    if (typeof v.score !== 'number' || !['low', 'medium', 'high'].includes(v.risk) || v.image.format !== 'jpeg') {
      failed++;
      process.stdout.write(`job ${i}: not a verdict: ${JSON.stringify(v).slice(0, 200)}\n`);
    } else passed++;
  }
  process.stdout.write(`queue-worker: ${verdicts.length} jobs inspected through redis on 127.0.0.1:${port} by two queue workers\n`);
  await Promise.all([queue.close(), events.close(), ...workers.map((w) => w.close())]);
  queueConnection.disconnect();
  eventsConnection.disconnect();
} catch (e) {
  failed++;
  process.stdout.write(`queue-worker integration test failed: ${e.stack ?? e}\n`);
} finally {
  redis.kill();
}
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failed ? 1 : 0);
