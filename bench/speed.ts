/**
 * Speed benchmark: a reproducible 12 MP JPEG and the largest decodable files of ../shared/corpus. For each file,
 * in one run: a bare sharp decode (the baseline), the full inspection, and each built-in detector alone (an
 * inspector with only that detector, so load + decode + the detector), each as p50/p95 ms and as a ratio to the
 * baseline p50. `exiftool -j` and an ImageMagick re-encode are timed as external anchors when really installed.
 * Writes bench/out/speed.json.
 *
 * Usage: npx tsx bench/speed.ts [--runs N] [--files N] [--detectors a,b]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { BUILTIN_DETECTOR_NAMES } from '../src/detectors';
import { createBenchInspector } from '../src/bench/case';
import { quantile } from '../src/bench/metrics';
import { sharpDecode, timeIt, twelveMegapixelJpeg, writeResult, OUT_DIR, type Timing } from './lib';

const CORPUS = join(process.cwd(), '..', 'shared', 'corpus');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** The largest corpus images that sharp can decode (HEVC HEIC cannot be, so it has no baseline). */
async function largestCorpusFiles(n: number): Promise<{ name: string; path: string }[]> {
  const tsv = join(CORPUS, 'MANIFEST.tsv');
  if (!existsSync(tsv)) return [];
  const rows = readFileSync(tsv, 'utf8').split('\n').slice(1).filter(Boolean).map((l) => l.split('\t'));
  const files = rows
    .map((c) => ({ name: c[3], path: join(CORPUS, c[3]) }))
    .filter((f) => /\.(jpe?g|png|webp|tiff?|avif|heic)$/i.test(f.name) && !/_gt\.png$/.test(f.name) && existsSync(f.path))
    .sort((a, b) => statSync(b.path).size - statSync(a.path).size);
  const out: { name: string; path: string }[] = [];
  for (const f of files) {
    if (out.length >= n) break;
    try {
      await sharp(f.path).raw().toBuffer();
      out.push(f);
    } catch {
      // not decodable here (e.g. HEVC HEIC): no baseline, so no ratio; skip it
    }
  }
  return out;
}

/** A real ImageMagick: /usr/local/bin/convert may be a stand-in that only converts PNG to PPM. */
function imageMagick(): string | undefined {
  for (const cmd of ['magick', 'convert']) {
    const r = spawnSync(cmd, ['-version'], { encoding: 'utf8' });
    if (r.status === 0 && /^Version: ImageMagick/m.test(r.stdout)) return cmd;
  }
  return undefined;
}

/** The installed exiftool's version, or undefined. */
function exiftoolVersion(): string | undefined {
  const r = spawnSync('exiftool', ['-ver'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

const ratio = (t: Timing, base: Timing): number => Math.round((t.p50 / base.p50) * 100) / 100;

interface FileResult {
  file: string;
  bytes: number;
  width: number;
  height: number;
  megapixels: number;
  sharpDecode: Timing;
  total: Timing & { ratio: number };
  detectors: Record<string, Timing & { ratio: number; status: string }>;
  anchors: Record<string, (Timing & { ratio: number }) | { unavailable: string }>;
}

async function measure(name: string, bytes: Uint8Array, path: string, runs: number, detectors: readonly string[], magick: string | undefined, exiftool: string | undefined): Promise<FileResult> {
  const meta = await sharp(bytes).metadata();
  const sink: unknown[] = [];
  const base = await timeIt(() => sharpDecode(bytes), runs, 1, sink);
  const full = createBenchInspector(detectors);
  const total = await timeIt(() => full.inspect(bytes), runs, 1, sink);
  const per: FileResult['detectors'] = {};
  for (const d of detectors) {
    const alone = createBenchInspector([d]);
    let status = 'ok';
    const t = await timeIt(async () => {
      const v = await alone.inspect(bytes);
      status = v.detectors[0]?.status ?? 'missing';
      return v.score;
    }, runs, 1, sink);
    per[d] = { ...t, ratio: ratio(t, base), status };
  }
  const anchors: FileResult['anchors'] = {};
  if (exiftool) {
    const t = await timeIt(() => execFileSync('exiftool', ['-j', path], { maxBuffer: 64 << 20 }), runs, 1, sink);
    anchors[`exiftool ${exiftool} -j`] = { ...t, ratio: ratio(t, base) };
  } else anchors.exiftool = { unavailable: 'exiftool not installed' };
  if (magick) {
    const t = await timeIt(() => execFileSync(magick, [path, '-quality', '90', 'jpg:-'], { maxBuffer: 256 << 20 }), runs, 1, sink);
    anchors[`${magick} -quality 90 (ImageMagick re-encode)`] = { ...t, ratio: ratio(t, base) };
  } else anchors.imagemagickReencode = { unavailable: 'no real ImageMagick (convert -version does not report ImageMagick)' };
  const w = meta.width ?? 0;
  const h = meta.height ?? 0;
  return { file: name, bytes: bytes.length, width: w, height: h, megapixels: Math.round((w * h) / 1e4) / 100, sharpDecode: base, total: { ...total, ratio: ratio(total, base) }, detectors: per, anchors };
}

async function main(): Promise<void> {
  const runs = Number(arg('runs') ?? 3);
  const nFiles = Number(arg('files') ?? 5);
  const detectors = arg('detectors')?.split(',') ?? [...BUILTIN_DETECTOR_NAMES];
  const magick = imageMagick();
  const exiftool = exiftoolVersion();
  const results: FileResult[] = [];
  const synthetic = await twelveMegapixelJpeg();
  const inputs: { name: string; path: string; bytes: Uint8Array }[] = [{ name: 'synthetic-12mp.jpg (render seed 12, q92)', path: join(OUT_DIR, 'synthetic-12mp.jpg'), bytes: synthetic }];
  for (const f of await largestCorpusFiles(nFiles)) inputs.push({ ...f, bytes: readFileSync(f.path) });
  for (const input of inputs) {
    process.stderr.write(`speed: ${input.name}…\n`);
    results.push(await measure(input.name, input.bytes, input.path, runs, detectors, magick, exiftool));
  }
  const path = await writeResult('speed', {
    runs,
    warmup: 1,
    method: 'p50/p95 of `runs` timed calls after 1 warm-up, in one process; ratio = p50 / p50 of a bare sharp decode (rotate, raw RGB) of the same bytes measured in the same run; a detector alone = an inspector with only that detector (includes loading and its share of decoding)',
    detectors,
    files: results,
    medianTotalRatio: Math.round(quantile(results.map((r) => r.total.ratio), 0.5) * 100) / 100,
  });
  const lines = [`file${' '.repeat(36)} MP    decode   total (×)   ${detectors.map((d) => d.padStart(13)).join(' ')}`];
  for (const r of results) {
    lines.push(
      `${r.file.slice(0, 40).padEnd(40)} ${r.megapixels.toFixed(1).padStart(4)} ${r.sharpDecode.p50.toFixed(0).padStart(7)}ms ${`${r.total.p50.toFixed(0)} (${r.total.ratio.toFixed(1)})`.padStart(11)}   ${detectors.map((d) => `${r.detectors[d].p50.toFixed(0)} (${r.detectors[d].ratio.toFixed(1)})`.padStart(13)).join(' ')}`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n→ ${path}\n`);
}

void main();
