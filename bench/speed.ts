/**
 * Speed benchmark: a reproducible 12 MP JPEG, a 1 MP JPEG and the largest decodable files of ../shared/corpus.
 * For each file, in one run and interleaved (every measurement once per round, `runs` rounds, so a change of
 * machine load hits all of them alike): a bare sharp decode (the baseline every ratio divides by), the inspector
 * with no detector (load: read, sniff, header, hash), the inspector with one that only decodes, the full default
 * inspection, and each built-in detector alone. A detector's **own** cost is its alone time minus the load time,
 * or minus the decode time when it decodes (the decode is shared by every detector of a full inspection). On the
 * 12 MP file also: the full inspection and the catalog detector with one stored fingerprint, and `fingerprint()`.
 * `exiftool -j` and an ImageMagick re-encode are timed as external anchors when really installed.
 * Writes bench/out/speed[-<label>].json (with the load average before and after).
 *
 * Usage: npx tsx bench/speed.ts [--runs N] [--files N] [--detectors a,b] [--label before]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { BUILTIN_DETECTOR_NAMES, createInspector, detectors as factories, fingerprint } from '../src/index';
import { DEFAULT_DETECTOR_NAMES } from '../src/detectors';
import { quantile } from '../src/bench/metrics';
import { renderScene } from '../fixtures/generate/render';
import { sharpDecode, twelveMegapixelJpeg, writeResult, OUT_DIR, type Timing } from './lib';

const CORPUS = join(process.cwd(), '..', 'shared', 'corpus');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** The largest corpus images that sharp can decode (HEVC HEIC cannot be, so it has no baseline). */
async function largestCorpusFiles(n: number): Promise<{ name: string; path: string }[]> {
  const tsv = join(CORPUS, 'MANIFEST.tsv');
  if (!existsSync(tsv) || n <= 0) return [];
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

/** A 1 MP camera-like JPEG (the 12 MP scene's renderer at 1155×866, q90), made in the run. */
async function oneMegapixelJpeg(): Promise<Uint8Array> {
  const s = await renderScene({ width: 1155, height: 866, seed: 12, product: 'box', hue: 30, noise: 4 });
  return sharp(s.data, { raw: { width: s.width, height: s.height, channels: 3 } }).jpeg({ quality: 90 }).toBuffer();
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

const r2 = (x: number): number => Math.round(x * 100) / 100;

function timing(ms: number[]): Timing {
  return { runs: ms.length, p50: r2(quantile(ms, 0.5)), p95: r2(quantile(ms, 0.95)), min: r2(Math.min(...ms)) };
}

/** Wall-clock timing plus the CPU time of the whole process (JavaScript and libvips threads) per call. */
interface Measured extends Timing {
  /** p50 of user + system CPU ms per call: what the call costs the machine, much less moved by other load than wall time. */
  cpuP50: number;
}

/** Measure every task once per round, `runs` rounds after one warm-up round. */
async function interleaved(tasks: Record<string, () => Promise<unknown>>, runs: number): Promise<Record<string, Measured>> {
  const names = Object.keys(tasks);
  const ms: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  const cpu: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  const sink: unknown[] = [];
  for (let round = -1; round < runs; round++) {
    for (const n of names) {
      const c = process.cpuUsage();
      const t = performance.now();
      sink.push(await tasks[n]());
      if (round >= 0) {
        ms[n].push(performance.now() - t);
        const d = process.cpuUsage(c);
        cpu[n].push((d.user + d.system) / 1000);
      }
    }
    sink.length = 0;
  }
  return Object.fromEntries(names.map((n) => [n, { ...timing(ms[n]), cpuP50: r2(quantile(cpu[n], 0.5)) }]));
}

interface Part extends Measured {
  /** p50 / p50 of the bare decode. */
  ratio: number;
  /** CPU p50 / CPU p50 of the bare decode. */
  cpuRatio: number;
}
interface DetectorPart extends Part {
  status: string;
  /** Whether the detector decoded the pixels. */
  decodes: boolean;
  /** Alone minus load (or minus decode when it decodes), over the bare decode. */
  ownRatio: number;
  /** The same in CPU time. */
  ownCpuRatio: number;
}
interface FileResult {
  file: string;
  bytes: number;
  width: number;
  height: number;
  megapixels: number;
  sharpDecode: Measured;
  load: Part;
  decode: Part;
  /** The default inspection (the default detectors among those measured). */
  total: Part;
  /** Every measured detector together, when that is more than the default set (e.g. with the opt-in noise). */
  totalAll?: Part;
  detectors: Record<string, DetectorPart>;
  withFingerprint?: { total: Part; catalog: Part & { ownRatio: number; ownCpuRatio: number }; fingerprint: Part };
  anchors: Record<string, Part | { unavailable: string }>;
}

const noop = { name: 'x-noop', run: async () => ({ signals: [] }) };
const decodeOnly = { name: 'x-decode', run: async (s: { image: { storedPixels(): Promise<unknown> } }) => (await s.image.storedPixels(), { signals: [] }) };

async function measure(name: string, bytes: Uint8Array, path: string, runs: number, names: readonly string[], defaults: readonly string[], extra: boolean, magick: string | undefined, exiftool: string | undefined): Promise<FileResult> {
  const meta = await sharp(bytes).metadata();
  const make = (d: string) => factories[d as keyof typeof factories]();
  const status: Record<string, string> = {};
  const decodes: Record<string, boolean> = {};
  // A probe run of each detector alone: its status and whether it decoded.
  for (const d of names) {
    const inner = make(d);
    const probe = { name: d, run: async (s: Parameters<typeof inner.run>[0]) => { const r = await inner.run(s); decodes[d] = s.image.decodeCount > 0; return r; } };
    const v = await createInspector({ detectors: [probe] as never }).inspect(bytes);
    status[d] = v.detectors[0]?.status ?? 'missing';
  }
  const tasks: Record<string, () => Promise<unknown>> = {
    decode: () => sharpDecode(bytes),
    load: () => createInspector({ detectors: [noop] as never }).inspect(bytes),
    decodeOnly: () => createInspector({ detectors: [decodeOnly] as never }).inspect(bytes),
    total: () => createInspector({ detectors: defaults.map(make) }).inspect(bytes),
  };
  if (defaults.length < names.length) tasks.totalAll = () => createInspector({ detectors: names.map(make) }).inspect(bytes);
  for (const d of names) tasks[`alone:${d}`] = () => createInspector({ detectors: [make(d)] }).inspect(bytes);
  let fp: unknown;
  if (extra) {
    // One stored fingerprint of another photo of the same kind (the 1 MP render is the same scene at another size).
    fp = await fingerprint(await oneMegapixelJpeg());
    tasks.totalFp = () => createInspector({ detectors: defaults.map(make) }).inspect(bytes, { catalog: [fp as never] });
    tasks.catalogFp = () => createInspector({ detectors: [make('catalog')] }).inspect(bytes, { catalog: [fp as never] });
    tasks.fingerprint = () => fingerprint(bytes);
  }
  if (exiftool) tasks.exiftool = async () => execFileSync('exiftool', ['-j', path], { maxBuffer: 64 << 20 });
  if (magick) tasks.magick = async () => execFileSync(magick, [path, '-quality', '90', 'jpg:-'], { maxBuffer: 256 << 20 });
  const t = await interleaved(tasks, runs);
  const base = t.decode.p50;
  const cpuBase = t.decode.cpuP50;
  const part = (x: Measured): Part => ({ ...x, ratio: r2(x.p50 / base), cpuRatio: r2(x.cpuP50 / cpuBase) });
  const per: Record<string, DetectorPart> = {};
  for (const d of names) {
    const x = t[`alone:${d}`];
    const shared = decodes[d] ? t.decodeOnly : t.load;
    per[d] = { ...part(x), status: status[d], decodes: decodes[d], ownRatio: r2(Math.max(0, x.p50 - shared.p50) / base), ownCpuRatio: r2(Math.max(0, x.cpuP50 - shared.cpuP50) / cpuBase) };
  }
  const anchors: FileResult['anchors'] = {};
  anchors.exiftool = exiftool ? part(t.exiftool) : { unavailable: 'exiftool not installed' };
  anchors.imagemagickReencode = magick ? part(t.magick) : { unavailable: 'no real ImageMagick (convert -version does not report ImageMagick)' };
  const w = meta.width ?? 0;
  const h = meta.height ?? 0;
  const out: FileResult = { file: name, bytes: bytes.length, width: w, height: h, megapixels: Math.round((w * h) / 1e4) / 100, sharpDecode: t.decode, load: part(t.load), decode: part(t.decodeOnly), total: part(t.total), detectors: per, anchors };
  if (t.totalAll) out.totalAll = part(t.totalAll);
  if (extra) out.withFingerprint = { total: part(t.totalFp), catalog: { ...part(t.catalogFp), ownRatio: r2(Math.max(0, t.catalogFp.p50 - t.load.p50) / base), ownCpuRatio: r2(Math.max(0, t.catalogFp.cpuP50 - t.load.cpuP50) / cpuBase) }, fingerprint: part(t.fingerprint) };
  return out;
}

async function main(): Promise<void> {
  const runs = Number(arg('runs') ?? 5);
  const nFiles = Number(arg('files') ?? 5);
  const label = arg('label');
  const names = arg('detectors')?.split(',') ?? [...BUILTIN_DETECTOR_NAMES];
  // "total" is what `inspect` runs by default; opt-in detectors (noise) are measured alone and in `totalAll`.
  const defaults = names.filter((d) => (DEFAULT_DETECTOR_NAMES as readonly string[]).includes(d));
  const magick = imageMagick();
  const exiftool = exiftoolVersion();
  const loadBefore = loadavg().map(r2);
  const results: FileResult[] = [];
  const inputs: { name: string; path: string; bytes: Uint8Array; extra: boolean }[] = [
    { name: 'synthetic-12mp.jpg (render seed 12, q92)', path: join(OUT_DIR, 'synthetic-12mp.jpg'), bytes: await twelveMegapixelJpeg(), extra: true },
    { name: 'synthetic-1mp.jpg (render seed 12, q90)', path: '', bytes: await oneMegapixelJpeg(), extra: false },
  ];
  for (const f of await largestCorpusFiles(nFiles)) inputs.push({ ...f, bytes: readFileSync(f.path), extra: false });
  for (const input of inputs) {
    process.stderr.write(`speed: ${input.name}…\n`);
    results.push(await measure(input.name, input.bytes, input.path, runs, names, defaults, input.extra, input.path ? magick : undefined, input.path ? exiftool : undefined));
  }
  const path = await writeResult(label ? `speed-${label}` : 'speed', {
    label: label ?? null,
    runs,
    warmup: 1,
    loadAverage: { before: loadBefore, after: loadavg().map(r2) },
    method:
      'every measurement once per round, `runs` rounds after 1 warm-up round, in one process; ratio = p50 / p50 of a bare sharp decode (rotate, raw RGB) of the same bytes in the same run; a detector alone = an inspector with only that detector; ownRatio = (alone − load, or − decode when the detector decodes) / decode; cpu* = the same in process CPU time (user + system, every thread)',
    detectors: names,
    defaultDetectors: defaults,
    files: results,
    medianTotalRatio: r2(quantile(results.map((r) => r.total.ratio), 0.5)),
  });
  const lines = [`file${' '.repeat(36)} MP    decode   total (×)   ${names.map((d) => d.padStart(13)).join(' ')}   (detector: ms alone (own ×))`];
  for (const r of results) {
    lines.push(
      `${r.file.slice(0, 40).padEnd(40)} ${r.megapixels.toFixed(1).padStart(4)} ${r.sharpDecode.p50.toFixed(0).padStart(7)}ms ${`${r.total.p50.toFixed(0)} (${r.total.ratio.toFixed(1)})`.padStart(11)}   ${names.map((d) => `${r.detectors[d].p50.toFixed(0)} (${r.detectors[d].ownRatio.toFixed(2)})`.padStart(13)).join(' ')}`,
    );
    if (r.totalAll) lines.push(`  every detector measured (incl. opt-in): ${r.totalAll.p50.toFixed(0)} ms (${r.totalAll.ratio.toFixed(1)}×, CPU ${r.totalAll.cpuRatio.toFixed(1)}×)`);
    lines.push(`  CPU time: decode ${r.sharpDecode.cpuP50.toFixed(0)} ms, total ${r.total.cpuRatio.toFixed(1)}×; own ${names.map((d) => `${d} ${r.detectors[d].ownCpuRatio.toFixed(2)}`).join(', ')}`);
    if (r.withFingerprint) {
      const f = r.withFingerprint;
      lines.push(`  with one stored fingerprint: total ${f.total.p50.toFixed(0)} ms (${f.total.ratio.toFixed(1)}×, CPU ${f.total.cpuRatio.toFixed(1)}×), catalog own ${f.catalog.ownRatio.toFixed(2)}× (CPU ${f.catalog.ownCpuRatio.toFixed(2)}×); fingerprint() ${f.fingerprint.p50.toFixed(0)} ms (${f.fingerprint.ratio.toFixed(2)}×, CPU ${f.fingerprint.cpuRatio.toFixed(2)}×)`);
    }
  }
  process.stdout.write(`${lines.join('\n')}\nload average ${loadBefore.join(' ')} → ${loadavg().map(r2).join(' ')}\n→ ${path}\n`);
}

void main();
