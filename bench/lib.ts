/**
 * Shared helpers of the bench scripts: machine facts, repeated timing with p50/p95, the bare-sharp-decode
 * baseline every speed figure is divided by, a reproducible 12 MP JPEG, and JSON output under bench/out/.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { quantile, type Box } from '../src/bench/metrics';
import { VERSION } from '../src/version';
import { renderScene } from '../fixtures/generate/render';

/** bench/out, ignored by git. */
export const OUT_DIR = join(dirname(fileURLToPath(import.meta.url)), 'out');

/** Facts about the machine a figure was measured on. */
export function machineInfo(): Record<string, unknown> {
  const c = cpus();
  return { cpuModel: c[0]?.model ?? 'unknown', cpus: c.length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: `${platform()} ${release()}`, sharp: sharp.versions.sharp, libvips: sharp.versions.vips };
}

/** Timing of repeated runs, in milliseconds. */
export interface Timing {
  runs: number;
  p50: number;
  p95: number;
  min: number;
}

/** Run `fn` `warmup` times untimed, then `runs` times timed; returns p50/p95/min. Results are kept in `sink` so the work cannot be optimised away. */
export async function timeIt(fn: () => Promise<unknown> | unknown, runs = 5, warmup = 1, sink: unknown[] = []): Promise<Timing> {
  for (let i = 0; i < warmup; i++) sink.push(await fn());
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    sink.push(await fn());
    ms.push(performance.now() - t);
  }
  const r = (x: number): number => Math.round(x * 100) / 100;
  return { runs, p50: r(quantile(ms, 0.5)), p95: r(quantile(ms, 0.95)), min: r(Math.min(...ms)) };
}

/** The baseline: a bare sharp decode of the same bytes to raw RGB (what any pipeline pays at least). */
export function sharpDecode(bytes: Uint8Array): Promise<Buffer> {
  return sharp(bytes).rotate().removeAlpha().raw().toBuffer();
}

/** A reproducible 12 MP (4000×3000) camera-like JPEG at quality 92, cached under bench/out. */
export async function twelveMegapixelJpeg(): Promise<Uint8Array> {
  const path = join(OUT_DIR, 'synthetic-12mp.jpg');
  if (existsSync(path)) return readFile(path);
  await mkdir(OUT_DIR, { recursive: true });
  const scene = await renderScene({ width: 4000, height: 3000, seed: 12, product: 'box', hue: 30, noise: 4 });
  const jpg = await sharp(scene.data, { raw: { width: scene.width, height: scene.height, channels: 3 } }).jpeg({ quality: 92 }).toBuffer();
  await writeFile(path, jpg);
  return jpg;
}

/** Write a bench result JSON (with schemaVersion, library version, date and machine) under bench/out/. */
export async function writeResult(name: string, body: Record<string, unknown>): Promise<string> {
  await mkdir(OUT_DIR, { recursive: true });
  const path = join(OUT_DIR, `${name}.json`);
  const doc = { schemaVersion: 1, name, claimlens: VERSION, date: new Date().toISOString(), machine: machineInfo(), ...body };
  await writeFile(path, `${JSON.stringify(doc, null, 2)}\n`);
  return path;
}

/** Bounding box of the white pixels of a mask image. */
export async function maskBox(path: string): Promise<Box | null> {
  const { data, info } = await sharp(path).greyscale().raw().toBuffer({ resolveWithObject: true });
  let x0 = info.width, y0 = info.height, x1 = -1, y1 = -1;
  for (let y = 0; y < info.height; y++) for (let x = 0; x < info.width; x++) if (data[y * info.width + x] > 127) {
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  return x1 < 0 ? null : { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}
