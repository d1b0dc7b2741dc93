/**
 * Bench of the metadata detector → bench/out/metadata.json.
 *
 * 1. Speed per file over every file of ../shared/corpus: detector ms (a fresh LoadedImage per run, so the exifr
 *    parse, and with the thumbnail rule the decode, are paid each time), with `thumbnail: true` (default) and
 *    `thumbnail: false`; next to, in the same run on the same bytes, a bare sharp decode and `exiftool -j` (a warm
 *    `-stay_open` process, plus one cold spawn per file) when exiftool is installed (skipped gracefully otherwise).
 * 2. Accuracy of the detector alone (score = sigmoid(Σ its weights)): ROC-AUC and TPR at 1 % / 5 % FPR per family:
 *    the generated fixtures (fixtures/generated/metadata), camera/ (edited, converted or not-camera files vs
 *    originals, from MANIFEST ground truth), AI files vs camera originals and shop photos, tampered vs authentic.
 *    IoU of the thumbnail-mismatch region against the painted stain of the thumbnail fixture.
 * 3. The per-file table of camera/: ground truth and the signals given.
 *
 * Run: npx tsx bench/metadata.ts [--runs 3]
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadImage, type LoadedImage } from '../src/loader/image';
import { createInspector } from '../src/inspector';
import { metadata } from '../src/detectors/metadata';
import { iou, quantile, rocAuc, tprAtFpr, type Scored } from '../src/bench/metrics';
import type { ClaimContext, Detector, Signal, Subject } from '../src/types';
import { corpusRows, HAS_CORPUS, CORPUS_DIR, type CorpusRow } from '../test/helpers/corpus';
import { sharpDecode, timeIt, writeResult } from './lib';

const args = process.argv.slice(2);
const RUNS = Number(args[args.indexOf('--runs') + 1] || 3) || 3;
const FIXTURES = join(process.cwd(), 'fixtures', 'generated', 'metadata');

const r2 = (x: number): number => Math.round(x * 100) / 100;
const r3 = (x: number): number => Math.round(x * 1000) / 1000;
const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

function subjectOf(image: LoadedImage): Subject {
  return { image, catalog: [], context: {}, locale: 'en', artifacts: false, signal: new AbortController().signal };
}

/** A warm exiftool (`-stay_open True -@ -`): one process, one `-j` request per file, like a server would run it. */
class ExifTool {
  private proc: ChildProcessWithoutNullStreams;
  private buf = '';
  private waiting: ((out: string) => void) | undefined;
  constructor() {
    this.proc = spawn('exiftool', ['-stay_open', 'True', '-@', '-']);
    this.proc.stdout.setEncoding('utf8');
    this.proc.stdout.on('data', (d: string) => {
      this.buf += d;
      const i = this.buf.indexOf('{ready}');
      if (i >= 0 && this.waiting) {
        const out = this.buf.slice(0, i);
        this.buf = this.buf.slice(this.buf.indexOf('\n', i) + 1);
        const w = this.waiting;
        this.waiting = undefined;
        w(out);
      }
    });
  }
  json(file: string): Promise<string> {
    return new Promise((res) => {
      this.waiting = res;
      this.proc.stdin.write(`-j\n${file}\n-execute\n`);
    });
  }
  close(): void {
    this.proc.stdin.write('-stay_open\nFalse\n');
  }
}

function exiftoolVersion(): string | null {
  const r = spawnSync('exiftool', ['-ver'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

interface FileSpeed {
  file: string;
  category: string;
  bytes: number;
  format: string;
  detectorMs: number;
  detectorNoThumbMs: number;
  decodeMs: number | null;
  exiftoolWarmMs: number | null;
  exiftoolColdMs: number | null;
}

function dist(xs: number[]): { n: number; p50: number; p95: number; sum: number } {
  return { n: xs.length, p50: r2(quantile(xs, 0.5)), p95: r2(quantile(xs, 0.95)), sum: r2(xs.reduce((a, b) => a + b, 0)) };
}

async function speed(rows: CorpusRow[], exif: ExifTool | null): Promise<{ files: FileSpeed[]; skipped: string[] }> {
  const withThumb: Detector = metadata();
  const noThumb: Detector = metadata({ thumbnail: false });
  const files: FileSpeed[] = [];
  const skipped: string[] = [];
  const sink: unknown[] = [];
  for (const row of rows) {
    const bytes = readFileSync(row.file);
    let probe: LoadedImage;
    try {
      probe = await loadImage(bytes);
    } catch (e) {
      skipped.push(`${row.local_name}: ${(e as Error).message.split('\n')[0]}`);
      continue;
    }
    // A fresh LoadedImage per run (outside the timed part), so nothing memoised carries over between runs.
    const pool: LoadedImage[] = [];
    for (let i = 0; i < RUNS + 1; i++) pool.push(await loadImage(bytes));
    const pool2: LoadedImage[] = [];
    for (let i = 0; i < RUNS + 1; i++) pool2.push(await loadImage(bytes));
    const d1 = await timeIt(() => withThumb.run(subjectOf(pool.pop() as LoadedImage)), RUNS, 1, sink);
    const d2 = await timeIt(() => noThumb.run(subjectOf(pool2.pop() as LoadedImage)), RUNS, 1, sink);
    let decodeMs: number | null = null;
    if (probe.decodable) {
      try {
        decodeMs = (await timeIt(() => sharpDecode(bytes), RUNS, 1, sink)).p50;
      } catch {
        decodeMs = null;
      }
    }
    let warm: number | null = null;
    let cold: number | null = null;
    if (exif) {
      warm = (await timeIt(() => exif.json(row.file), RUNS, 1, sink)).p50;
      const t = performance.now();
      spawnSync('exiftool', ['-j', row.file], { encoding: 'utf8' });
      cold = r2(performance.now() - t);
    }
    files.push({ file: row.local_name, category: row.category, bytes: row.bytes, format: probe.format, detectorMs: d1.p50, detectorNoThumbMs: d2.p50, decodeMs, exiftoolWarmMs: warm, exiftoolColdMs: cold });
    sink.length = 0;
  }
  return { files, skipped };
}

/** What the camera/ ground truth says: 1 = edited, converted or not a camera photo; 0 = original. */
function cameraTruth(row: CorpusRow): { label: 0 | 1; says: string } {
  const t = row.ground_truth;
  if (/EDITED|NOT a camera original/.test(t)) return { label: 1, says: 'edited' };
  if (/conversion|converted/i.test(t)) return { label: 1, says: 'converted' };
  if (/not a camera photo|synthetic carrier/i.test(t)) return { label: 1, says: 'not a camera photo' };
  return { label: 0, says: 'original' };
}

function family(name: string, cases: Scored[]): Record<string, unknown> {
  const pos = cases.filter((c) => c.positive).length;
  const safe = (f: () => number): number | null => {
    try {
      return r3(f());
    } catch {
      return null;
    }
  };
  return { family: name, positives: pos, negatives: cases.length - pos, rocAuc: safe(() => rocAuc(cases)), tprAt1Fpr: safe(() => tprAtFpr(cases, 0.01)), tprAt5Fpr: safe(() => tprAtFpr(cases, 0.05)) };
}

const short = (s: Signal): string => `${s.code.replace('metadata.', '')}(${s.weight})${s.details?.program ? ` [${String(s.details.program)}]` : ''}`;

async function main(): Promise<void> {
  if (!HAS_CORPUS) {
    process.stdout.write(`shared corpus not found at ${CORPUS_DIR}: nothing to measure\n`);
    return;
  }
  const rows = corpusRows().filter((r) => !/GROUND TRUTH MASK/.test(r.ground_truth));
  const version = exiftoolVersion();
  const exif = version ? new ExifTool() : null;
  if (!exif) process.stdout.write('exiftool not installed (apt-get install libimage-exiftool-perl): comparison skipped\n');
  const t0 = performance.now();
  const { files, skipped } = await speed(rows, exif);
  exif?.close();
  const speedMs = r2(performance.now() - t0);

  // Accuracy, through the real inspector (contexts from the fixture manifest).
  const inspector = createInspector({ detectors: [metadata()] });
  const scoreOf = (signals: Signal[]): number => sigmoid(signals.reduce((a, s) => a + s.weight, 0));
  const index = JSON.parse(readFileSync(join(FIXTURES, 'index.json'), 'utf8')) as Record<string, { file: string; label: string; context?: ClaimContext }>;
  const fixtureCases: Scored[] = [];
  let thumbIou: number | null = null;
  for (const [id, e] of Object.entries(index)) {
    const v = await inspector.inspect(join(FIXTURES, e.file), e.context ? { context: e.context } : {});
    fixtureCases.push({ score: scoreOf(v.signals), positive: e.label === 'fabricated' });
    const region = v.signals.find((s) => s.code === 'metadata.thumbnail-mismatch')?.region;
    // The stain of thumbnail-pos: an ellipse centred at (0.6 W, 0.55 H) with radii 0.22 W × 0.25 H on 320×240.
    if (id === 'thumbnail-pos') thumbIou = region ? r3(iou(region, { x: 320 * 0.38, y: 240 * 0.3, width: 320 * 0.44, height: 240 * 0.5 })) : 0;
  }
  const table: Record<string, unknown>[] = [];
  const cameraCases: Scored[] = [];
  const aiCases: Scored[] = [];
  const tamperCases: Scored[] = [];
  for (const row of rows) {
    let signals: Signal[];
    let status: string;
    try {
      const v = await inspector.inspect(row.file);
      signals = v.signals;
      status = v.detectors[0].status;
    } catch (e) {
      signals = [];
      status = `rejected: ${(e as Error).message.split('\n')[0]}`;
    }
    const score = scoreOf(signals);
    if (row.category === 'camera') {
      const t = cameraTruth(row);
      cameraCases.push({ score, positive: t.label === 1 });
      if (t.label === 0) aiCases.push({ score, positive: false });
      table.push({ file: row.local_name, truth: t.says, groundTruth: row.ground_truth, status, signals: signals.map(short) });
    }
    if (row.category === 'products') aiCases.push({ score, positive: false });
    if (/(^|;|\s)ai=(yes|partial)/.test(row.ground_truth) && ['ai-generated', 'ai-labelled', 'c2pa'].includes(row.category)) aiCases.push({ score, positive: true });
    if (row.category === 'tampered') {
      if (/tampered=yes/.test(row.ground_truth)) tamperCases.push({ score, positive: true });
      else if (/tampered=no/.test(row.ground_truth)) tamperCases.push({ score, positive: false });
    }
  }
  const families = [
    family('generated fixtures (fixtures/generated/metadata)', fixtureCases),
    family('camera/: edited, converted or not-camera vs originals', cameraCases),
    family('AI files (ai=yes|partial) vs camera originals and shop photos', aiCases),
    family('tampered/: tampered=yes vs tampered=no', tamperCases),
  ];

  const ratio = (f: FileSpeed): number | null => (f.decodeMs ? f.detectorMs / f.decodeMs : null);
  const ratios = files.map(ratio).filter((x): x is number => x !== null);
  const summary = {
    files: files.length,
    runsPerFile: RUNS,
    detectorMs: dist(files.map((f) => f.detectorMs)),
    detectorNoThumbnailMs: dist(files.map((f) => f.detectorNoThumbMs)),
    sharpDecodeMs: dist(files.filter((f) => f.decodeMs !== null).map((f) => f.decodeMs as number)),
    detectorOverDecode: { p50: r3(quantile(ratios, 0.5)), p95: r3(quantile(ratios, 0.95)) },
    exiftool: version
      ? { version, warmMs: dist(files.map((f) => f.exiftoolWarmMs ?? 0)), coldSpawnMs: dist(files.map((f) => f.exiftoolColdMs ?? 0)) }
      : { skipped: 'exiftool not installed' },
    perCategory: Object.fromEntries(
      [...new Set(files.map((f) => f.category))].map((c) => {
        const fs = files.filter((f) => f.category === c);
        return [c, { files: fs.length, detectorMs: dist(fs.map((f) => f.detectorMs)), detectorNoThumbnailMs: dist(fs.map((f) => f.detectorNoThumbMs)), ...(version ? { exiftoolWarmMs: dist(fs.map((f) => f.exiftoolWarmMs ?? 0)) } : {}) }];
      }),
    ),
    wallMs: speedMs,
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  const path = await writeResult('metadata', { command: 'npx tsx bench/metadata.ts', speed: summary, accuracy: { families, thumbnailRegionIou: thumbIou }, cameraTable: table, files, skipped });

  const s = summary;
  process.stdout.write(`metadata detector over ${s.files} corpus files (${RUNS} runs each)\n`);
  process.stdout.write(`  detector (thumbnail on)  p50 ${s.detectorMs.p50} ms  p95 ${s.detectorMs.p95} ms\n`);
  process.stdout.write(`  detector (thumbnail off) p50 ${s.detectorNoThumbnailMs.p50} ms  p95 ${s.detectorNoThumbnailMs.p95} ms\n`);
  process.stdout.write(`  bare sharp decode        p50 ${s.sharpDecodeMs.p50} ms  p95 ${s.sharpDecodeMs.p95} ms; detector/decode p50 ${s.detectorOverDecode.p50}\n`);
  if (version) process.stdout.write(`  exiftool ${version} -j       warm p50 ${(s.exiftool as { warmMs: { p50: number } }).warmMs.p50} ms p95 ${(s.exiftool as { warmMs: { p95: number } }).warmMs.p95} ms; cold spawn p50 ${(s.exiftool as { coldSpawnMs: { p50: number } }).coldSpawnMs.p50} ms\n`);
  for (const f of families) process.stdout.write(`  ${String(f.family).padEnd(64)} AUC ${String(f.rocAuc)}  TPR@1% ${String(f.tprAt1Fpr)}  TPR@5% ${String(f.tprAt5Fpr)}  (${String(f.positives)}+/${String(f.negatives)}-)\n`);
  process.stdout.write(`  thumbnail region IoU ${String(thumbIou)}\n  -> ${path}\n`);
}

void main();
