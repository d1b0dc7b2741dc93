/**
 * Bench of the ela detector → bench/out/ela.json.
 *
 * Accuracy, each next to the baseline computed in the same run (plain ELA: mean absolute difference after one
 * re-encode at quality 90, no block statistics):
 *  - ../shared/corpus/tampered (CASIA2, NoSo; FLAGGED: evaluation only): ROC-AUC tampered vs original and the
 *    median IoU of `region` with the bounding box of the mask. Only 3 originals exist there, so the AUC is also
 *    given with the unedited camera originals of ../shared/corpus/camera as extra negatives.
 *  - the repo-generated ela-set (fixtures/out/ela-set, made by fixtures/generate/ela-set.ts when absent): ROC-AUC,
 *    TPR at 1 % / 5 % FPR, per kind and per compression regime (delivered quality ≥ or < the first one), IoU.
 * Speed on a 12 MP JPEG: the detector (decode included, fresh image each run) and the ELA work alone (pixels
 * already decoded), each with its ratio to a bare sharp decode of the same file timed in the same run.
 *
 * Run: npx tsx bench/ela.ts [--quality 90] [--runs 5]   (another quality writes bench/out/ela-q<N>.json)
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { loadImage, type LoadedImage } from '../src/loader/image';
import { ela } from '../src/detectors/ela';
import { analyseEla } from '../src/detectors/ela/index';
import { meanAbsDiff } from '../src/detectors/ela/residual';
import { jpegRoundTrip } from '../src/pixels/encode';
import { iou, quantile, rocAuc, tprAtFpr, type Scored } from '../src/bench/metrics';
import type { Region, Subject } from '../src/types';
import { corpusRows, HAS_CORPUS, type CorpusRow } from '../test/helpers/corpus';
import { writeElaSet } from '../fixtures/generate/ela-set';
import { sharpDecode, timeIt, twelveMegapixelJpeg, writeResult } from './lib';

const args = process.argv.slice(2);
const arg = (name: string, dflt: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const QUALITY = arg('quality', 90);
const RUNS = arg('runs', 5);
const detector = ela({ quality: QUALITY });

function subjectOf(image: LoadedImage): Subject {
  return { image, catalog: [], context: {}, locale: 'en', artifacts: false, signal: new AbortController().signal };
}

/** One image through the detector and the baseline. */
interface Measured {
  id: string;
  positive: boolean;
  status: string;
  /** Detector score: the signal weight (0 when no signal or inconclusive). */
  weight: number;
  /** The detector's continuous statistic (pooled peak), 0 when it did not run. */
  peak: number;
  baseline: number;
  region: Region | null;
  truthBox: Region | null;
  /** IoU of the signalled region with the truth box (0 when no signal), null for negatives. */
  iou: number | null;
  /** IoU of the strongest candidate region with the truth box, signalled or not (localisation alone). */
  candidateIoU: number | null;
}

async function measure(id: string, bytes: Uint8Array, positive: boolean, truthBox: Region | null): Promise<Measured> {
  const image = await loadImage(bytes);
  const r = await detector.run(subjectOf(image));
  const sig = r.signals.find((s) => s.code === 'ela.inconsistent-region');
  const px = await image.storedPixels();
  const baseline = meanAbsDiff(px.data, (await jpegRoundTrip(px, 90)).data);
  const region = sig?.region ?? null;
  const peak = typeof r.details?.peak === 'number' ? r.details.peak : 0;
  const candidate = (r.details?.candidateRegion as Region | undefined) ?? null;
  return {
    id, positive, status: r.status ?? 'ok', weight: sig?.weight ?? 0, peak, baseline, region, truthBox,
    iou: truthBox && region ? iou(region, truthBox) : truthBox ? 0 : null,
    candidateIoU: truthBox && candidate ? iou(candidate, truthBox) : truthBox ? 0 : null,
  };
}

async function maskBox(file: string): Promise<Region | null> {
  const { data, info } = await sharp(file).greyscale().raw().toBuffer({ resolveWithObject: true });
  let x0 = info.width, y0 = info.height, x1 = -1, y1 = -1;
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      if (data[(y * info.width + x) * info.channels] > 127) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  return x1 < 0 ? null : { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}

const r3 = (x: number): number => Math.round(x * 1000) / 1000;

function scores(ms: Measured[], key: 'weight' | 'peak' | 'baseline'): Scored[] {
  return ms.map((m) => ({ score: m[key], positive: m.positive }));
}

function accuracy(ms: Measured[]): Record<string, unknown> {
  const pos = ms.filter((m) => m.positive).length;
  if (pos === 0 || pos === ms.length) return { n: ms.length, note: 'one class only: AUC undefined' };
  const ious = ms.filter((m) => m.positive && m.iou !== null).map((m) => m.iou as number);
  const out: Record<string, unknown> = { n: ms.length, positives: pos, negatives: ms.length - pos };
  for (const key of ['weight', 'peak', 'baseline'] as const) {
    const s = scores(ms, key);
    out[key] = { rocAuc: r3(rocAuc(s)), tprAt1Fpr: r3(tprAtFpr(s, 0.01)), tprAt5Fpr: r3(tprAtFpr(s, 0.05)) };
  }
  out.signalled = { positives: ms.filter((m) => m.positive && m.weight > 0).length, negatives: ms.filter((m) => !m.positive && m.weight > 0).length };
  if (ious.length) out.medianIoU = r3(quantile(ious, 0.5));
  const cand = ms.filter((m) => m.positive && m.candidateIoU !== null).map((m) => m.candidateIoU as number);
  if (cand.length) out.medianCandidateIoU = r3(quantile(cand, 0.5));
  return out;
}

async function tamperedCorpus(): Promise<Record<string, unknown>> {
  if (!HAS_CORPUS) return { skipped: 'shared corpus not found' };
  const rows = corpusRows();
  const images = rows.filter((r) => r.category === 'tampered' && /^tampered=(yes|no)/.test(r.ground_truth));
  const measured: Measured[] = [];
  for (const r of images) {
    const positive = r.truth.tampered?.startsWith('yes') ?? false;
    const maskName = r.truth.mask?.split(' ')[0];
    const box = positive && maskName ? await maskBox(join(r.file, '..', maskName)) : null;
    measured.push(await measure(r.local_name, readFileSync(r.file), positive, box));
  }
  // Unedited camera originals (JPEG) as extra negatives: the tampered folder has only 3 originals.
  const camera = rows.filter((r: CorpusRow) => r.category === 'camera' && /\.jpe?g$/i.test(r.local_name) && !/EDITED|NOT a camera/i.test(r.ground_truth));
  const extra: Measured[] = [];
  for (const r of camera) extra.push(await measure(r.local_name, readFileSync(r.file), false, null));
  return {
    note: 'CASIA2 + NoSo files are FLAGGED (evaluation only). 12 tampered (9 CASIA2, 3 NoSo), 3 originals: AUCs on this set are very uncertain.',
    tamperedVsOriginals: accuracy(measured),
    tamperedVsOriginalsAndCameraOriginals: accuracy([...measured, ...extra]),
    cameraOriginalsWithSignal: extra.filter((m) => m.weight > 0).map((m) => m.id),
    files: [...measured, ...extra].map((m) => ({ ...m, peak: r3(m.peak), baseline: r3(m.baseline), iou: m.iou === null ? null : r3(m.iou), candidateIoU: m.candidateIoU === null ? null : r3(m.candidateIoU) })),
  };
}

interface SetCase { id: string; claim: string; label: string; kind: string; chain: { q1: number; q2: number }; region?: Region }

async function elaSet(): Promise<Record<string, unknown>> {
  const dir = join(process.cwd(), 'fixtures', 'out', 'ela-set');
  if (!existsSync(join(dir, 'manifest.json'))) await writeElaSet(dir, 45);
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { cases: SetCase[] };
  const measured: (Measured & { kind: string; easy: boolean })[] = [];
  for (const c of manifest.cases) {
    const m = await measure(c.id, readFileSync(join(dir, c.claim)), c.label === 'fabricated', c.region ?? null);
    measured.push({ ...m, kind: c.kind, easy: c.chain.q2 >= c.chain.q1 });
  }
  const genuine = measured.filter((m) => !m.positive);
  const perKind: Record<string, unknown> = {};
  for (const k of [...new Set(measured.filter((m) => m.positive).map((m) => m.kind))]) perKind[k] = accuracy([...genuine, ...measured.filter((m) => m.kind === k)]);
  return {
    overall: accuracy(measured),
    perKind,
    deliveredQualityAtLeastFirst: accuracy(measured.filter((m) => m.easy)),
    deliveredQualityBelowFirst: accuracy(measured.filter((m) => !m.easy)),
    files: measured.map((m) => ({ id: m.id, kind: m.kind, positive: m.positive, weight: m.weight, peak: r3(m.peak), baseline: r3(m.baseline), iou: m.iou === null ? null : r3(m.iou), candidateIoU: m.candidateIoU === null ? null : r3(m.candidateIoU) })),
  };
}

async function speed(): Promise<Record<string, unknown>> {
  const bytes = await twelveMegapixelJpeg();
  const sink: unknown[] = [];
  const decode = await timeIt(() => sharpDecode(bytes), RUNS, 1, sink);
  const full = await timeIt(async () => detector.run(subjectOf(await loadImage(bytes))), RUNS, 1, sink);
  const pre = await loadImage(bytes);
  await pre.storedPixels();
  const elaOnly = await timeIt(() => analyseEla(pre, QUALITY), RUNS, 1, sink);
  const rss = process.resourceUsage().maxRSS;
  return {
    file: '12 MP synthetic JPEG (bench/lib.ts twelveMegapixelJpeg, 4000×3000, q92)',
    sharpDecodeMs: decode,
    elaDetectorMs: full,
    elaWithoutDecodeMs: elaOnly,
    ratioDetectorToDecode: r3(full.p50 / decode.p50),
    ratioElaOnlyToDecode: r3(elaOnly.p50 / decode.p50),
    peakRssMiB: Math.round(rss / 1024),
    checksum: sink.length,
  };
}

async function main(): Promise<void> {
  const tampered = await tamperedCorpus();
  const set = await elaSet();
  const sp = await speed();
  const path = await writeResult(QUALITY === 90 ? 'ela' : `ela-q${QUALITY}`, { quality: QUALITY, baseline: 'mean |original − JPEG q90 round trip| over all samples, no block statistics', tamperedCorpus: tampered, elaSet: set, speed: sp });
  const pick = (o: unknown, ...k: string[]): unknown => k.reduce<unknown>((a, key) => (a as Record<string, unknown> | undefined)?.[key], o);
  process.stdout.write(
    [
      `ela bench (quality ${QUALITY}) → ${path}`,
      `tampered corpus   AUC weight ${String(pick(tampered, 'tamperedVsOriginals', 'weight', 'rocAuc'))} peak ${String(pick(tampered, 'tamperedVsOriginals', 'peak', 'rocAuc'))} baseline ${String(pick(tampered, 'tamperedVsOriginals', 'baseline', 'rocAuc'))} medianIoU ${String(pick(tampered, 'tamperedVsOriginals', 'medianIoU'))} (candidate ${String(pick(tampered, 'tamperedVsOriginals', 'medianCandidateIoU'))})`,
      `  + camera negs   AUC weight ${String(pick(tampered, 'tamperedVsOriginalsAndCameraOriginals', 'weight', 'rocAuc'))} peak ${String(pick(tampered, 'tamperedVsOriginalsAndCameraOriginals', 'peak', 'rocAuc'))} baseline ${String(pick(tampered, 'tamperedVsOriginalsAndCameraOriginals', 'baseline', 'rocAuc'))}`,
      `ela-set           AUC weight ${String(pick(set, 'overall', 'weight', 'rocAuc'))} peak ${String(pick(set, 'overall', 'peak', 'rocAuc'))} baseline ${String(pick(set, 'overall', 'baseline', 'rocAuc'))} medianIoU ${String(pick(set, 'overall', 'medianIoU'))} (candidate ${String(pick(set, 'overall', 'medianCandidateIoU'))})`,
      `  Q2 ≥ Q1         AUC weight ${String(pick(set, 'deliveredQualityAtLeastFirst', 'weight', 'rocAuc'))} peak ${String(pick(set, 'deliveredQualityAtLeastFirst', 'peak', 'rocAuc'))} baseline ${String(pick(set, 'deliveredQualityAtLeastFirst', 'baseline', 'rocAuc'))}`,
      `12 MP             decode p50 ${String(pick(sp, 'sharpDecodeMs', 'p50'))} ms, ela detector p50 ${String(pick(sp, 'elaDetectorMs', 'p50'))} ms (×${String(sp.ratioDetectorToDecode)}), ela without decode p50 ${String(pick(sp, 'elaWithoutDecodeMs', 'p50'))} ms (×${String(sp.ratioElaOnlyToDecode)})`,
      '',
    ].join('\n'),
  );
}

void main();
