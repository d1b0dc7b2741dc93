/**
 * Bench of the marks detector → bench/out/marks.json.
 *
 * 1. Accuracy on the generated set (fixtures/out/marks-set, `npx tsx fixtures/generate/marks-set.ts` first):
 *    recall per service and per transform, false-positive rate per transform and per negative kind, ROC-AUC and
 *    TPR at 1 %/5 % FPR of the best match score, IoU of the reported region with the pasted mark.
 * 2. False positives on every decodable file of ../shared/corpus/camera and products, and the verdict on
 *    ../shared/corpus/ai-labelled (per-file table).
 * 3. Speed on a 12 MP JPEG: the detector alone (grey view ready) and decode + grey + detector, each as a ratio to
 *    a bare sharp decode measured in the same run.
 *
 * Run: npx tsx bench/marks.ts [--runs 5]
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadImage, type LoadedImage } from '../src/loader/image';
import { marks } from '../src/detectors/marks';
import { rocAuc, tprAtFpr, iou, quantile, type Scored } from '../src/bench/metrics';
import type { DetectorResult, Subject } from '../src/types';
import { corpusRows } from '../test/helpers/corpus';
import { sharpDecode, timeIt, twelveMegapixelJpeg, writeResult } from './lib';

const ROOT = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const SET = join(ROOT, 'fixtures', 'out', 'marks-set', 'manifest.json');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;

interface Case {
  id: string;
  claim: string;
  label: 'fabricated' | 'genuine';
  kind: string;
  service: string | null;
  text: string | null;
  transform: string;
  region: { x: number; y: number; width: number; height: number } | null;
}

const detector = marks();

function subjectOf(image: LoadedImage): Subject {
  return { image, catalog: [], context: {}, locale: 'en', artifacts: false, signal: new AbortController().signal };
}

async function runOn(bytes: Uint8Array): Promise<DetectorResult> {
  return detector.run(subjectOf(await loadImage(bytes)));
}

function bestScore(r: DetectorResult): number {
  const b = (r.details?.best ?? null) as { score: number } | null;
  return b ? b.score : 0;
}

const rate = (k: number, n: number): { k: number; n: number; rate: number | null } => ({ k, n, rate: n ? Math.round((k / n) * 1000) / 1000 : null });

async function accuracy(): Promise<Record<string, unknown> | null> {
  if (!existsSync(SET)) {
    process.stdout.write(`no fixture set at ${SET}: run npx tsx fixtures/generate/marks-set.ts\n`);
    return null;
  }
  const manifest = JSON.parse(await readFile(SET, 'utf8')) as { name: string; cases: Case[] };
  const rows: { c: Case; detected: boolean; service: string | null; score: number; iou: number | null; ms: number }[] = [];
  for (const c of manifest.cases) {
    const bytes = await readFile(join(SET, '..', c.claim));
    const t = performance.now();
    const r = await runOn(bytes);
    const ms = performance.now() - t;
    const sig = r.signals[0];
    const region = sig?.region;
    rows.push({
      c,
      detected: r.signals.length > 0,
      service: (sig?.details?.service as string | undefined) ?? null,
      score: bestScore(r),
      iou: region && c.region && c.region.width > 0 ? Math.round(iou(region, c.region) * 1000) / 1000 : null,
      ms,
    });
  }
  const pos = rows.filter((r) => r.c.label === 'fabricated');
  const neg = rows.filter((r) => r.c.label === 'genuine');
  const group = <K extends string>(list: typeof rows, key: (r: (typeof rows)[number]) => K): Record<K, typeof rows> => {
    const out = {} as Record<K, typeof rows>;
    for (const r of list) (out[key(r)] ??= []).push(r);
    return out;
  };
  const recallOf = (list: typeof rows): ReturnType<typeof rate> & { rightService: number; meanIou: number | null } => {
    const hit = list.filter((r) => r.detected);
    const right = hit.filter((r) => r.service === r.c.service).length;
    const ious = hit.map((r) => r.iou).filter((x): x is number => x !== null);
    return { ...rate(hit.length, list.length), rightService: right, meanIou: ious.length ? Math.round((ious.reduce((a, b) => a + b, 0) / ious.length) * 1000) / 1000 : null };
  };
  const fprOf = (list: typeof rows): ReturnType<typeof rate> => rate(list.filter((r) => r.detected).length, list.length);
  const scored: Scored[] = rows.map((r) => ({ score: r.score, positive: r.c.label === 'fabricated' }));
  const perService = Object.fromEntries(Object.entries(group(pos, (r) => r.c.service ?? 'none')).map(([k, v]) => [k, recallOf(v)]));
  const transforms = [...new Set(rows.map((r) => r.c.transform))];
  const perTransform = Object.fromEntries(
    transforms.map((t) => [t, { recall: recallOf(pos.filter((r) => r.c.transform === t)), fpr: fprOf(neg.filter((r) => r.c.transform === t)) }]),
  );
  const perNegativeKind = Object.fromEntries(Object.entries(group(neg, (r) => r.c.kind)).map(([k, v]) => [k, fprOf(v)]));
  const allIou = pos.map((r) => r.iou).filter((x): x is number => x !== null);
  return {
    set: manifest.name,
    cases: rows.length,
    recall: recallOf(pos),
    fpr: fprOf(neg),
    rocAuc: Math.round(rocAuc(scored) * 1000) / 1000,
    tprAt1Fpr: Math.round(tprAtFpr(scored, 0.01) * 1000) / 1000,
    tprAt5Fpr: Math.round(tprAtFpr(scored, 0.05) * 1000) / 1000,
    iouMedian: allIou.length ? quantile(allIou, 0.5) : null,
    perService,
    perTransform,
    perNegativeKind,
    msPerImage: { p50: Math.round(quantile(rows.map((r) => r.ms), 0.5)), p95: Math.round(quantile(rows.map((r) => r.ms), 0.95)) },
    misses: pos.filter((r) => !r.detected).map((r) => ({ id: r.c.id, service: r.c.service, transform: r.c.transform, score: r.score })),
    falsePositives: neg.filter((r) => r.detected).map((r) => ({ id: r.c.id, kind: r.c.kind, text: r.c.text, transform: r.c.transform, service: r.service, score: r.score })),
    scores: rows.map((r) => ({ id: r.c.id, label: r.c.label, score: r.score, detected: r.detected, service: r.service })),
  };
}

async function corpus(): Promise<Record<string, unknown> | null> {
  const rows = corpusRows().filter((r) => ['camera', 'products', 'ai-labelled'].includes(r.category));
  if (rows.length === 0) return null;
  const files: Record<string, unknown>[] = [];
  for (const r of rows) {
    let res: DetectorResult;
    try {
      res = await runOn(await readFile(r.file));
    } catch (e) {
      files.push({ file: r.local_name, category: r.category, error: e instanceof Error ? e.message : String(e) });
      continue;
    }
    const s = res.signals[0];
    files.push({
      file: r.local_name,
      category: r.category,
      status: res.status ?? 'ok',
      detected: res.signals.length > 0,
      service: (s?.details?.service as string | undefined) ?? null,
      score: s ? (s.details?.score as number) : bestScore(res),
      region: s?.region ?? null,
    });
  }
  const neg = files.filter((f) => f.category !== 'ai-labelled' && !('error' in f));
  return {
    falsePositives: neg.filter((f) => f.detected).length,
    negativesScanned: neg.filter((f) => f.status === 'ok').length,
    negativesNotScanned: neg.filter((f) => f.status !== 'ok').map((f) => ({ file: f.file, status: f.status })),
    maxNegativeScore: Math.max(0, ...neg.map((f) => Number(f.score) || 0)),
    files,
  };
}

async function speed(): Promise<Record<string, unknown>> {
  const jpg = await twelveMegapixelJpeg();
  const sink: unknown[] = [];
  const decode = await timeIt(() => sharpDecode(jpg), RUNS, 1, sink);
  const ready = await loadImage(jpg);
  await ready.grey();
  const alone = await timeIt(() => detector.run(subjectOf(ready)), RUNS, 1, sink);
  const full = await timeIt(async () => detector.run(subjectOf(await loadImage(jpg))), RUNS, 1, sink);
  const ratio = (t: { p50: number }): number => Math.round((t.p50 / decode.p50) * 100) / 100;
  return { image: '12 MP synthetic JPEG (bench/lib.ts twelveMegapixelJpeg)', sharpDecode: decode, detectorAlone: alone, decodeGreyDetector: full, ratioAloneToDecode: ratio(alone), ratioFullToDecode: ratio(full), checksum: sink.length };
}

async function main(): Promise<void> {
  const acc = await accuracy();
  const cor = await corpus();
  const spd = await speed();
  const path = await writeResult('marks', { accuracy: acc, corpus: cor, speed: spd });
  const a = acc as { recall: unknown; fpr: unknown; rocAuc: number; tprAt1Fpr: number; tprAt5Fpr: number; iouMedian: number | null; perService: unknown; perTransform: unknown; perNegativeKind: unknown } | null;
  if (a) {
    process.stdout.write(`recall ${JSON.stringify(a.recall)}\nfpr ${JSON.stringify(a.fpr)}\nROC-AUC ${a.rocAuc} TPR@1%FPR ${a.tprAt1Fpr} TPR@5%FPR ${a.tprAt5Fpr} IoU median ${a.iouMedian}\n`);
    process.stdout.write(`per service ${JSON.stringify(a.perService)}\nper transform ${JSON.stringify(a.perTransform)}\nper negative kind ${JSON.stringify(a.perNegativeKind)}\n`);
  }
  if (cor) process.stdout.write(`corpus: ${String(cor.falsePositives)} false positives on ${String(cor.negativesScanned)} camera/products files (max score ${String(cor.maxNegativeScore)})\n`);
  process.stdout.write(`speed 12 MP: ${JSON.stringify(spd)}\n-> ${path}\n`);
}

await main();
