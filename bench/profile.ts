/**
 * Profiling driver: inspects one image repeatedly with a chosen set of detectors, so that `node --cpu-prof` sees
 * where the time goes. The 12 MP input is bench/lib's synthetic JPEG; the 1 MP input is the same scene rendered at
 * 1155×866 and saved at quality 90.
 *
 *   node --cpu-prof --cpu-prof-dir bench/out/prof --import tsx bench/profile.ts --image 12mp --detectors ela --runs 4
 *   … bench/profile.ts --image 12mp --detectors catalog --catalog   (with one stored fingerprint of the 1 MP render)
 *   … bench/profile.ts --image 12mp --fingerprint                   (`fingerprint()` of the image)
 *   npx tsx bench/profile-summary.ts bench/out/prof/<file>.cpuprofile
 */
import sharp from 'sharp';
import { DEFAULT_DETECTOR_NAMES } from '../src/detectors';
import { fingerprint } from '../src/index';
import { createBenchInspector } from '../src/bench/case';
import { renderScene } from '../fixtures/generate/render';
import { twelveMegapixelJpeg } from './lib';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

/** A 1 MP camera-like JPEG made in the run (the 12 MP scene's renderer at 1155×866, q90). */
export async function oneMegapixelJpeg(): Promise<Uint8Array> {
  const s = await renderScene({ width: 1155, height: 866, seed: 12, product: 'box', hue: 30, noise: 4 });
  return sharp(s.data, { raw: { width: s.width, height: s.height, channels: 3 } }).jpeg({ quality: 90 }).toBuffer();
}

const image = arg('image') ?? '12mp';
const bytes = image === '12mp' ? await twelveMegapixelJpeg() : await oneMegapixelJpeg();
const detectors = arg('detectors')?.split(',') ?? [...DEFAULT_DETECTOR_NAMES];
const runs = Number(arg('runs') ?? 4);
const inspector = createBenchInspector(detectors);
const catalog = process.argv.includes('--catalog') ? [await fingerprint(await oneMegapixelJpeg())] : undefined;
const once = process.argv.includes('--fingerprint') ? () => fingerprint(bytes) : () => inspector.inspect(bytes, catalog ? { catalog } : {});
await once(); // warm-up: module load, C2PA init, JIT
const t0 = performance.now();
for (let i = 0; i < runs; i++) await once();
const what = process.argv.includes('--fingerprint') ? 'fingerprint()' : `${detectors.join(',')}${catalog ? ' + 1 stored fingerprint' : ''}`;
process.stdout.write(`${image} ${what}: ${runs} runs, ${((performance.now() - t0) / runs).toFixed(0)} ms each\n`);
