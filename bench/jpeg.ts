/**
 * Bench of the jpeg detector → bench/out/jpeg.json.
 *
 * 1. Quality estimates on repo encodes at q = 30..100 (error vs the true quality; exact IJG match rate).
 * 2. Accuracy on the generated set (fixtures/out/jpeg-set, `npx tsx fixtures/generate/jpeg.ts --set` first):
 *    ROC-AUC and TPR at 1 %/5 % FPR of the detector's summed log-odds and of its double-compression statistic,
 *    per kind, with the baseline "plain ELA at q90 mean absolute difference" computed in the same run; IoU of the
 *    reported region with the spliced rectangle.
 * 3. ../shared/corpus/tampered (tampered vs original; FLAGGED files used for evaluation only): the same scores,
 *    IoU with the mask's bounding box. Non-JPEG files are skipped by the detector and score 0.
 * 4. Encoder family on every JPEG of ../shared/corpus/camera (per-file table with the manifest's ground truth).
 * 5. Speed on a 12 MP JPEG: detector alone (pixels decoded), decode + detector, bare sharp decode; ratios.
 *
 * Run: npx tsx bench/jpeg.ts [--runs 5]
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { loadImage, type LoadedImage } from '../src/loader/image';
import { jpeg } from '../src/detectors/jpeg';
import { jpegRoundTrip } from '../src/pixels/encode';
import { readHeaders } from '../src/formats/jpeg';
import { estimateQuality } from '../src/detectors/jpeg/quality';
import { walkJpeg } from '../src/formats/jpeg';
import { iou, quantile, rocAuc, tprAtFpr, type Box, type Scored } from '../src/bench/metrics';
import type { DetectorResult, Subject } from '../src/types';
import { corpusRows, type CorpusRow } from '../test/helpers/corpus';
import { renderScene } from '../fixtures/generate/render';
import { sharpDecode, timeIt, twelveMegapixelJpeg, writeResult } from './lib';

const ROOT = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const SET = join(ROOT, 'fixtures', 'out', 'jpeg-set', 'manifest.json');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const detector = jpeg();

function subjectOf(image: LoadedImage): Subject {
  return { image, catalog: [], context: {}, locale: 'en', artifacts: false, signal: new AbortController().signal };
}

/** Sum of the detector's signal weights: its log-odds contribution, the per-detector score. */
const logOdds = (r: DetectorResult): number => r.signals.reduce((s, x) => s + x.weight, 0);
const dqStat = (r: DetectorResult): number => Number((r.details?.doubleCompression as { statistic?: number; score?: number } | undefined)?.statistic ?? (r.details?.doubleCompression as { score?: number } | undefined)?.score ?? 0);
const dqFlag = (r: DetectorResult): boolean => r.signals.some((s) => s.code === 'jpeg.double-compression');

/** Baseline: mean absolute difference (0–255) after one re-encode at quality 90, no block statistics. */
async function elaBaseline(image: LoadedImage): Promise<number> {
  const px = await image.storedPixels();
  const re = await jpegRoundTrip(px, 90);
  let s = 0;
  for (let i = 0; i < px.data.length; i++) s += Math.abs(px.data[i] - re.data[i]);
  return s / px.data.length;
}

function rates(cases: Scored[]): Record<string, number | null> {
  const P = cases.some((c) => c.positive);
  const N = cases.some((c) => !c.positive);
  if (!P || !N) return { auc: null, tpr1: null, tpr5: null };
  const r = (x: number): number => Math.round(x * 1000) / 1000;
  return { auc: r(rocAuc(cases)), tpr1: r(tprAtFpr(cases, 0.01)), tpr5: r(tprAtFpr(cases, 0.05)) };
}

async function qualitySweep(): Promise<Record<string, unknown>> {
  const scene = await renderScene({ width: 256, height: 192, seed: 5, product: 'mug' });
  const rows: { q: number; estimate: number; exact: boolean }[] = [];
  for (let q = 30; q <= 100; q++) {
    const b = await sharp(scene.data, { raw: { width: 256, height: 192, channels: 3 } }).jpeg({ quality: q, mozjpeg: false }).toBuffer();
    const h = readHeaders(b, walkJpeg(b));
    const e = estimateQuality(h.tables, h.frame);
    rows.push({ q, estimate: e?.quality ?? -1, exact: e?.family === 'libjpeg' });
  }
  const errs = rows.map((r) => Math.abs(r.estimate - r.q));
  return { qualities: '30..100 step 1', maxAbsError: Math.max(...errs), exactRate: rows.filter((r) => r.exact).length / rows.length, offByMoreThan2: rows.filter((r) => Math.abs(r.estimate - r.q) > 2) };
}

interface SetCase {
  id: string;
  claim: string;
  label: 'fabricated' | 'genuine';
  kind: string;
  quality: number;
  primaryQuality?: number;
  region?: Box;
}

async function setAccuracy(): Promise<Record<string, unknown> | null> {
  if (!existsSync(SET)) {
    process.stdout.write(`jpeg-set not found at ${SET}: run npx tsx fixtures/generate/jpeg.ts --set\n`);
    return null;
  }
  const manifest = JSON.parse(await readFile(SET, 'utf8')) as { name: string; cases: SetCase[] };
  const rows: { id: string; kind: string; positive: boolean; q2: number; q1: number | null; logOdds: number; dq: number; flagged: boolean; ela: number; iou: number | null }[] = [];
  for (const c of manifest.cases) {
    const image = await loadImage(join(ROOT, 'fixtures', 'out', 'jpeg-set', c.claim));
    const r = await detector.run(subjectOf(image));
    const region = r.signals.find((s) => s.region)?.region;
    rows.push({ id: c.id, kind: c.kind, positive: c.label === 'fabricated', q2: c.quality, q1: c.primaryQuality ?? null, logOdds: logOdds(r), dq: dqStat(r), flagged: dqFlag(r), ela: await elaBaseline(image), iou: c.region ? (region ? iou(region, c.region) : 0) : null });
  }
  const by = (pick: (r: (typeof rows)[number]) => number, filter: (r: (typeof rows)[number]) => boolean = () => true): Record<string, number | null> =>
    rates(rows.filter(filter).map((r) => ({ score: pick(r), positive: r.positive })));
  const kinds = [...new Set(rows.filter((r) => r.positive).map((r) => r.kind))];
  const perKind = Object.fromEntries(kinds.map((k) => [k, { jpeg: by((r) => r.logOdds, (r) => !r.positive || r.kind === k), dqStatistic: by((r) => r.dq, (r) => !r.positive || r.kind === k), elaBaseline: by((r) => r.ela, (r) => !r.positive || r.kind === k) }]));
  // Which quality pairs are caught: recall of the double-compression signal by q1 < q2 vs q1 > q2.
  const caught = (f: (r: (typeof rows)[number]) => boolean): string => {
    const s = rows.filter((r) => r.positive && f(r));
    return `${s.filter((r) => r.flagged).length}/${s.length}`;
  };
  const ious = rows.filter((r) => r.iou !== null).map((r) => r.iou as number);
  return {
    set: manifest.name,
    cases: rows.length,
    overall: { jpeg: by((r) => r.logOdds), dqStatistic: by((r) => r.dq), elaBaseline: by((r) => r.ela) },
    perKind,
    dqRecall: { q1LowerThanQ2: caught((r) => (r.q1 ?? 0) < r.q2), q1HigherThanQ2: caught((r) => (r.q1 ?? 0) > r.q2) },
    falsePositives: `${rows.filter((r) => !r.positive && r.flagged).length}/${rows.filter((r) => !r.positive).length}`,
    recallByKind: Object.fromEntries(kinds.map((k) => [k, `${rows.filter((r) => r.kind === k && r.flagged).length}/${rows.filter((r) => r.kind === k).length}`])),
    splicedIoU: { median: ious.length ? quantile(ious, 0.5) : null, localised: `${ious.filter((x) => x > 0).length}/${ious.length}` },
    rows,
  };
}

async function maskBox(file: string): Promise<Box | null> {
  const img = await loadImage(file);
  const g = await img.grey();
  let x0 = g.width;
  let y0 = g.height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < g.height; y++) {
    for (let x = 0; x < g.width; x++) {
      if (g.data[y * g.width + x] > 127) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  return x1 < 0 ? null : { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}

async function tamperedCorpus(rows: CorpusRow[]): Promise<Record<string, unknown> | null> {
  const files = rows.filter((r) => r.category === 'tampered' && /tampered=(yes|no)/.test(r.ground_truth));
  if (!files.length) return null;
  const out: { file: string; positive: boolean; status: string; logOdds: number; dq: number; ela: number; iou: number | null; codes: string[] }[] = [];
  for (const r of files) {
    const image = await loadImage(r.file);
    const res = await detector.run(subjectOf(image));
    const region = res.signals.find((s) => s.region)?.region;
    const maskName = r.truth.mask?.split(/\s/)[0];
    const box = maskName ? await maskBox(join(r.file, '..', maskName)) : null;
    out.push({ file: r.local_name, positive: r.truth.tampered?.startsWith('yes') ?? false, status: res.status ?? 'ok', logOdds: logOdds(res), dq: dqStat(res), ela: await elaBaseline(image), iou: box ? (region ? iou(region, box) : 0) : null, codes: res.signals.map((s) => s.code) });
  }
  const ious = out.filter((r) => r.iou !== null).map((r) => r.iou as number);
  return {
    note: 'FLAGGED (CASIA2, NoSo) files: evaluation only. Only the 4 CASIA JPEGs are JPEG; TIFF/PNG files are skipped by the jpeg detector (score 0).',
    jpeg: rates(out.map((r) => ({ score: r.logOdds, positive: r.positive }))),
    dqStatistic: rates(out.map((r) => ({ score: r.dq, positive: r.positive }))),
    elaBaseline: rates(out.map((r) => ({ score: r.ela, positive: r.positive }))),
    medianIoU: ious.length ? quantile(ious, 0.5) : null,
    rows: out,
  };
}

function groundTruthFamily(text: string): string {
  if (/NOT a camera original|EDITED/i.test(text)) return 'edited';
  if (/reduced|downscaled|crop\/resize/i.test(text)) return 'resized copy';
  if (/^genuine/i.test(text)) return 'camera original';
  return 'camera (size/state not stated)';
}

async function cameraTable(rows: CorpusRow[]): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for (const r of rows.filter((x) => x.category === 'camera' && /\.jpe?g$/i.test(x.local_name))) {
    const image = await loadImage(r.file);
    const res = await jpeg({ doubleCompression: false }).run(subjectOf(image));
    const d = res.details ?? {};
    out.push({ file: r.local_name.replace('camera/', ''), truth: groundTruthFamily(r.ground_truth), family: d.family, encoder: d.encoder, quality: d.quality, exactIjg: d.exactIjg, softwareEncoder: res.signals.some((s) => s.code === 'jpeg.software-encoder'), signals: res.signals.map((s) => `${s.code} ${s.weight}`) });
  }
  return out;
}

async function speed(): Promise<Record<string, unknown>> {
  const bytes = await twelveMegapixelJpeg();
  const sink: unknown[] = [];
  const decode = await timeIt(() => sharpDecode(bytes), RUNS, 1, sink);
  const image = await loadImage(bytes);
  await image.storedPixels();
  await image.metadata();
  await image.exifThumbnail();
  const alone = await timeIt(() => detector.run(subjectOf(image)), RUNS, 1, sink);
  const total = await timeIt(async () => detector.run(subjectOf(await loadImage(bytes))), RUNS, 1, sink);
  const structureOnly = await timeIt(async () => jpeg({ doubleCompression: false }).run(subjectOf(await loadImage(bytes))), RUNS, 1, sink);
  const r = (x: number): number => Math.round(x * 100) / 100;
  return {
    image: '4000×3000 synthetic JPEG q92 (bench/lib.ts)',
    sharpDecode: decode,
    detectorAlone: alone,
    loadDecodeAndDetector: total,
    structureOnly,
    ratioAloneToDecode: r(alone.p50 / decode.p50),
    ratioTotalToDecode: r(total.p50 / decode.p50),
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    checksum: sink.length,
  };
}

async function main(): Promise<void> {
  const rows = corpusRows();
  const quality = await qualitySweep();
  process.stdout.write(`quality sweep: max |error| ${String(quality.maxAbsError)}, exact IJG ${String(quality.exactRate)}\n`);
  const set = await setAccuracy();
  if (set) process.stdout.write(`jpeg-set: ${JSON.stringify(set.overall)}\n  per kind ${JSON.stringify(set.perKind)}\n  dq recall ${JSON.stringify(set.dqRecall)} by kind ${JSON.stringify(set.recallByKind)} FP ${String(set.falsePositives)} IoU ${JSON.stringify(set.splicedIoU)}\n`);
  const tampered = await tamperedCorpus(rows);
  if (tampered) process.stdout.write(`tampered corpus: jpeg ${JSON.stringify(tampered.jpeg)} dq ${JSON.stringify(tampered.dqStatistic)} ela-baseline ${JSON.stringify(tampered.elaBaseline)} medianIoU ${String(tampered.medianIoU)}\n`);
  const camera = await cameraTable(rows);
  for (const c of camera) process.stdout.write(`  ${String(c.file).padEnd(46)} ${String(c.truth).padEnd(28)} ${String(c.family).padEnd(8)} q${String(c.quality)} ${c.softwareEncoder ? 'SOFTWARE' : ''}\n`);
  const sp = await speed();
  process.stdout.write(`speed: ${JSON.stringify({ decode: sp.sharpDecode, alone: sp.detectorAlone, total: sp.loadDecodeAndDetector, ratios: [sp.ratioAloneToDecode, sp.ratioTotalToDecode] })}\n`);
  const path = await writeResult('jpeg', { runs: RUNS, quality, set, tamperedCorpus: tampered, cameraCorpus: camera, speed: sp });
  process.stdout.write(`wrote ${path}\n`);
}

void main();
