/**
 * Throughput, scaling and memory:
 *  - images per second through `claimlens/pool` with 1, 2 and 4 worker threads (every default detector) on the same
 *    set, each measured `--repeat` times in alternation, with the load average at each measurement;
 *  - peak RSS of one 12 MP inspection in a fresh process (bench/peak-rss.ts);
 *  - a soak: RSS sampled over `--soak` consecutive in-process inspections of rendered 640×480 claims (8 different
 *    ones in turn), after a GC every 100, and its least-squares slope over the second half in MiB per 1,000.
 *
 *   npx tsx --expose-gc bench/throughput.ts [--images 24] [--workers 1,2,4] [--repeat 2] [--soak 5000]
 *   → bench/out/throughput.json
 */
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { createInspector } from '../src/inspector';
import { createPool } from '../src/pool';
import { renderScene } from '../fixtures/generate/render';
import { writeResult } from './lib';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};

/** A set of claim-like JPEGs (rendered products, 1–3 MP) made in the run. */
async function claims(n: number): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for (let i = 0; i < n; i++) {
    const w = [1280, 1600, 2000][i % 3];
    const s = await renderScene({ width: w, height: Math.round((w * 3) / 4), seed: 1000 + i });
    out.push(await sharp(s.data, { raw: { width: s.width, height: s.height, channels: 3 } }).jpeg({ quality: 85 + (i % 10) }).toBuffer());
  }
  return out;
}

const load1 = (): number => Math.round(loadavg()[0] * 100) / 100;

async function throughput(images: Uint8Array[], workers: number): Promise<Record<string, number>> {
  const pool = await createPool({ workers });
  try {
    // Warm-up: every thread loads the library and the C2PA module before the clock starts.
    await Promise.all(Array.from({ length: workers }, (_, i) => pool.inspect(images[i % images.length])));
    const before = load1();
    const t0 = performance.now();
    await Promise.all(images.map((b) => pool.inspect(b)));
    const s = (performance.now() - t0) / 1000;
    return { workers, images: images.length, seconds: Math.round(s * 100) / 100, imagesPerSecond: Math.round((images.length / s) * 100) / 100, load1Before: before, load1After: load1() };
  } finally {
    await pool.close();
  }
}

async function soak(n: number): Promise<Record<string, unknown>> {
  const inspector = createInspector();
  const imgs: Uint8Array[] = [];
  for (let k = 0; k < 8; k++) {
    const s = await renderScene({ width: 640, height: 480, seed: 7 + k });
    imgs.push(await sharp(s.data, { raw: { width: s.width, height: s.height, channels: 3 } }).jpeg({ quality: 85 + k }).toBuffer());
  }
  const samples: { i: number; rssMiB: number; heapMiB: number }[] = [];
  const t0 = performance.now();
  for (let i = 1; i <= n; i++) {
    await inspector.inspect(imgs[i % imgs.length]);
    if (i % 100 === 0) {
      (globalThis as { gc?: () => void }).gc?.();
      const m = process.memoryUsage();
      samples.push({ i, rssMiB: Math.round(m.rss / 2 ** 20), heapMiB: Math.round(m.heapUsed / 2 ** 20) });
      if (i % 1000 === 0) process.stderr.write(`soak: ${i}/${n}, RSS ${samples[samples.length - 1].rssMiB} MiB\n`);
    }
  }
  // Least-squares slope of RSS over the second half (after warm-up), in MiB per 1,000 inspections.
  const half = samples.slice(Math.floor(samples.length / 2));
  const mx = half.reduce((a, p) => a + p.i, 0) / half.length;
  const my = half.reduce((a, p) => a + p.rssMiB, 0) / half.length;
  const slope = half.reduce((a, p) => a + (p.i - mx) * (p.rssMiB - my), 0) / Math.max(1, half.reduce((a, p) => a + (p.i - mx) ** 2, 0));
  const perK = Math.round(slope * 1000 * 10) / 10;
  return { inspections: n, seconds: Math.round((performance.now() - t0) / 1000), samples, rssSlopeMiBPer1000: perK, flat: Math.abs(perK) < 5 };
}

const images = await claims(Number(arg('images', '24')));
const counts = arg('workers', '1,2,4').split(',').map(Number);
const repeat = Number(arg('repeat', '2'));
const runs: Record<string, number>[] = [];
for (let r = 0; r < repeat; r++) for (const w of counts) runs.push(await throughput(images, w));
console.table(runs);
const peakScript = fileURLToPath(new URL('./peak-rss.ts', import.meta.url));
const peak = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', peakScript], { encoding: 'utf8' })) as Record<string, unknown>;
console.log('one 12 MP inspection:', peak);
const n = Number(arg('soak', '5000'));
const soaked = n > 0 ? await soak(n) : null;
if (soaked) console.log(`soak: RSS slope ${String(soaked.rssSlopeMiBPer1000)} MiB per 1000 inspections (${soaked.flat ? 'flat' : 'GROWING'})`);
console.log(await writeResult('throughput', { runs, peak12mp: peak, soak: soaked }));
