/**
 * Throughput and memory: images per second through `claimlens/pool` with 1 and 2 worker threads on the same set
 * in the same run, peak RSS, and a leak check (RSS sampled over 1,000 consecutive in-process inspections).
 *   npx tsx bench/throughput.ts [--images 40] [--leak 1000]   → bench/out/throughput.json
 */
import sharp from 'sharp';
import { createInspector } from '../src/inspector';
import { createPool } from '../src/pool';
import { renderScene } from '../fixtures/generate/render';
import { writeResult } from './lib';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
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

async function throughput(images: Uint8Array[], workers: number): Promise<Record<string, number>> {
  const pool = await createPool({ workers });
  try {
    await pool.inspect(images[0]); // warm-up: module load, C2PA init in one thread
    const t0 = performance.now();
    await Promise.all(images.map((b) => pool.inspect(b)));
    const s = (performance.now() - t0) / 1000;
    return { workers, images: images.length, seconds: Math.round(s * 100) / 100, imagesPerSecond: Math.round((images.length / s) * 100) / 100, peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) };
  } finally {
    await pool.close();
  }
}

async function leakCheck(n: number): Promise<Record<string, unknown>> {
  const inspector = createInspector();
  const s = await renderScene({ width: 640, height: 480, seed: 7 });
  const img = await sharp(s.data, { raw: { width: s.width, height: s.height, channels: 3 } }).jpeg({ quality: 90 }).toBuffer();
  const samples: { i: number; rssMiB: number; heapMiB: number }[] = [];
  for (let i = 1; i <= n; i++) {
    await inspector.inspect(img);
    if (i % 100 === 0) {
      (globalThis as { gc?: () => void }).gc?.();
      const m = process.memoryUsage();
      samples.push({ i, rssMiB: Math.round(m.rss / 2 ** 20), heapMiB: Math.round(m.heapUsed / 2 ** 20) });
    }
  }
  // Least-squares slope of RSS over the second half (after warm-up), in MiB per 1,000 inspections.
  const half = samples.slice(Math.floor(samples.length / 2));
  const mx = half.reduce((a, p) => a + p.i, 0) / half.length;
  const my = half.reduce((a, p) => a + p.rssMiB, 0) / half.length;
  const slope = half.reduce((a, p) => a + (p.i - mx) * (p.rssMiB - my), 0) / Math.max(1, half.reduce((a, p) => a + (p.i - mx) ** 2, 0));
  return { inspections: n, samples, rssSlopeMiBPer1000: Math.round(slope * 1000 * 10) / 10, flat: Math.abs(slope * 1000) < 20 };
}

const images = await claims(arg('images', 40));
const runs = [await throughput(images, 1), await throughput(images, 2)];
console.table(runs);
const leak = await leakCheck(arg('leak', 1000));
console.log(`leak check: RSS slope ${String(leak.rssSlopeMiBPer1000)} MiB per 1000 inspections (${leak.flat ? 'flat' : 'GROWING'})`);
console.log(await writeResult('throughput', { runs, leak }));
