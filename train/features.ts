/**
 * Dump the model inputs of every generated photo of a split, computed by the detector's own code
 * (src/detectors/edits/features.ts on the loader's decode), so training and inference share one implementation.
 *
 * Output: $EDITS_DATA/feats/<split>.bin (float32, little-endian) and <split>.json (one record per photo: job
 * fields plus `offset` into the .bin in floats, `cols`, `rows`, `factor`). Per photo, in order: abs (n × F), rel
 * (n × F), cond (n × C), median (F), spread (F), target (n: edited fraction of each 32×32 window), valid (n).
 *
 * Run: npx tsx train/features.ts <split>
 */
import { createWriteStream, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { loadImage } from '../src/loader/image';
import { CONDITIONED, CONDITIONED_COUNT, FEATURE_NAMES, FEATURES, windowFeatures, type WindowFeatures } from '../src/detectors/edits/features';
import { dataDir, readJobs, splitDir } from './jobs';

/** Edited fraction (mask mean / 255) of every window of the feature grid, from a summed-area table of the mask. */
export function windowTargets(mask: Uint8Array, width: number, height: number, f: WindowFeatures): Float32Array {
  const sat = new Float64Array((width + 1) * (height + 1));
  for (let y = 0; y < height; y++) {
    let row = 0;
    for (let x = 0; x < width; x++) {
      row += mask[y * width + x];
      sat[(y + 1) * (width + 1) + x + 1] = sat[y * (width + 1) + x + 1] + row;
    }
  }
  const out = new Float32Array(f.cols * f.rows);
  const at = (x: number, y: number): number => sat[Math.min(y, height) * (width + 1) + Math.min(x, width)];
  for (let wy = 0; wy < f.rows; wy++) {
    for (let wx = 0; wx < f.cols; wx++) {
      const x0 = f.origin + wx * f.stride, y0 = f.origin + wy * f.stride, x1 = x0 + f.size, y1 = y0 + f.size;
      out[wy * f.cols + wx] = (at(x1, y1) - at(x0, y1) - at(x1, y0) + at(x0, y0)) / (f.size * f.size * 255);
    }
  }
  return out;
}

async function main(): Promise<void> {
  const split = process.argv[2];
  const dir = splitDir(split);
  const jobs = readJobs(readFileSync(join(dir, 'jobs.jsonl'), 'utf8'));
  await mkdir(join(dataDir(), 'feats'), { recursive: true });
  const bin = createWriteStream(join(dataDir(), 'feats', `${split}.bin`));
  const index: Record<string, unknown>[] = [];
  let offset = 0;
  const t0 = performance.now();
  for (const [i, j] of jobs.entries()) {
    const img = await loadImage(join(dir, j.file));
    const px = await img.storedPixels();
    const f = windowFeatures(px.data, px.width, px.height);
    if (!f) continue;
    const m = await sharp(join(dir, j.mask)).greyscale().raw().toBuffer({ resolveWithObject: true });
    if (m.info.width !== px.width || m.info.height !== px.height) throw new Error(`${j.id}: mask ${m.info.width}×${m.info.height} vs photo ${px.width}×${px.height}`);
    const target = windowTargets(new Uint8Array(m.data.buffer, m.data.byteOffset, m.data.byteLength), px.width, px.height, f);
    const valid = Float32Array.from(f.valid);
    for (const a of [f.abs, f.rel, f.cond, f.median, f.spread, target, valid]) bin.write(Buffer.from(a.buffer, a.byteOffset, a.byteLength));
    const rest: Record<string, unknown> = { ...j };
    delete rest.pre;
    delete rest.preMask;
    index.push({ ...rest, chain: j.chain.name, offset, cols: f.cols, rows: f.rows, stride: f.stride, width: px.width, height: px.height });
    offset += f.cols * f.rows * (2 * FEATURES + CONDITIONED_COUNT) + 2 * FEATURES + 2 * f.cols * f.rows;
    if (i % 500 === 499 || i === jobs.length - 1) process.stdout.write(`features ${split}: ${i + 1}/${jobs.length} (${((performance.now() - t0) / 1000).toFixed(0)} s)\n`);
  }
  await new Promise<void>((res, rej) => bin.end((e?: Error | null) => (e ? rej(e) : res())));
  await writeFile(join(dataDir(), 'feats', `${split}.json`), JSON.stringify({ features: FEATURES, names: FEATURE_NAMES, conditioned: CONDITIONED, images: index }));
}

if (process.argv[1]?.endsWith('features.ts')) void main();
