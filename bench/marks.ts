/**
 * Bench of the marks detector → bench/out/marks.json.
 *
 * 1. Accuracy on the generated set (fixtures/out/marks-set, `npx tsx fixtures/generate/marks-set.ts` first), the
 *    held-out part (fonts and background sources never used for templates or thresholds) first, then the tune
 *    part: recall per service, phrase, font, font style, mark style, place and transform, false-positive rate per
 *    transform and per negative kind, ROC-AUC and TPR at 1 %/5 % FPR of the best match score, IoU of the reported
 *    region with the pasted mark.
 * 2. False positives on ../shared/train-photos — the 79 camera-original crops (tuning negatives) and the 597 web
 *    photos, apart for the marks set's tune background sources (fixtures/generate/marks-split.ts) and the rest
 *    (never tuned on) —, on every decodable file of ../shared/corpus/camera and products and on
 *    marks/gwr__no_gemini.jpg, and the verdict on ../shared/corpus/ai-labelled (per-file table).
 * 3. Speed on a 12 MP JPEG: the detector alone (grey view ready) and decode + grey + detector, each as a ratio to
 *    a bare sharp decode measured in the same run.
 *
 * Run: npx tsx bench/marks.ts [--runs 5] [--out-name marks] [--manifest m.json] [--split tune] [--accuracy-only [--camera-crops]]
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
import { BACKGROUND_SPLIT } from '../fixtures/generate/marks-split';

const ROOT = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const setArg = process.argv.indexOf('--manifest');
/** The fixture set's manifest (`--manifest` to bench another one). */
const SET = setArg > 0 ? process.argv[setArg + 1] : join(ROOT, 'fixtures', 'out', 'marks-set', 'manifest.json');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const outArg = process.argv.indexOf('--out-name');
/** Name of the result file under bench/out (e.g. `marks-before` for a run of the previous detector). */
const OUT_NAME = outArg > 0 ? process.argv[outArg + 1] : 'marks';
const splitArg = process.argv.indexOf('--split');
/** Only this part of the set (`tune` while choosing thresholds; the held-out part is not looked at then). */
const ONLY_SPLIT = splitArg > 0 ? process.argv[splitArg + 1] : null;
/** `--accuracy-only`: skip the corpus and speed parts. */
const ACCURACY_ONLY = process.argv.includes('--accuracy-only');

interface Case {
  id: string;
  claim: string;
  label: 'fabricated' | 'genuine';
  kind: string;
  split?: 'tune' | 'heldout';
  service: string | null;
  text: string | null;
  transform: string;
  font?: string | null;
  fontStyle?: string | null;
  style?: string | null;
  place?: string | null;
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

interface Row {
  c: Case;
  detected: boolean;
  /** A reported region overlaps the pasted mark. */
  located: boolean;
  service: string | null;
  score: number;
  /** Best fine-level score per service (`generic` = phrases), when the detector reports it. */
  byService: Record<string, number>;
  candidates: unknown[];
  iou: number | null;
  ms: number;
}

function overlaps(a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function group(list: readonly Row[], key: (r: Row) => string | null | undefined): Record<string, Row[]> {
  const out: Record<string, Row[]> = {};
  for (const r of list) (out[key(r) ?? 'none'] ??= []).push(r);
  return out;
}

function recallOf(list: readonly Row[]): ReturnType<typeof rate> & { located: number; rightService: number; meanIou: number | null } {
  const hit = list.filter((r) => r.detected);
  const ious = hit.map((r) => r.iou).filter((x): x is number => x !== null);
  return {
    ...rate(hit.length, list.length),
    located: list.filter((r) => r.located).length,
    rightService: hit.filter((r) => r.service === r.c.service).length,
    meanIou: ious.length ? Math.round((ious.reduce((a, b) => a + b, 0) / ious.length) * 1000) / 1000 : null,
  };
}
const fprOf = (list: readonly Row[]): ReturnType<typeof rate> => rate(list.filter((r) => r.detected).length, list.length);

/** Every figure of one part of the set (held-out, tune, all). */
function report(rows: readonly Row[]): Record<string, unknown> {
  const pos = rows.filter((r) => r.c.label === 'fabricated');
  const neg = rows.filter((r) => r.c.label === 'genuine');
  const scored: Scored[] = rows.map((r) => ({ score: r.score, positive: r.c.label === 'fabricated' }));
  const per = (key: (r: Row) => string | null | undefined, list: readonly Row[] = pos): Record<string, unknown> => Object.fromEntries(Object.entries(group(list, key)).map(([k, v]) => [k, recallOf(v)]));
  const transforms = [...new Set(rows.map((r) => r.c.transform))];
  const allIou = pos.map((r) => r.iou).filter((x): x is number => x !== null);
  return {
    cases: rows.length,
    recall: recallOf(pos),
    fpr: fprOf(neg),
    rocAuc: Math.round(rocAuc(scored) * 1000) / 1000,
    tprAt1Fpr: Math.round(tprAtFpr(scored, 0.01) * 1000) / 1000,
    tprAt5Fpr: Math.round(tprAtFpr(scored, 0.05) * 1000) / 1000,
    iouMedian: allIou.length ? quantile(allIou, 0.5) : null,
    perService: per((r) => r.c.service),
    perPhrase: per((r) => r.c.text, pos.filter((r) => r.c.service === 'generic')),
    perFont: per((r) => r.c.font, pos.filter((r) => r.c.service === 'generic')),
    perFontStyle: per((r) => r.c.fontStyle, pos.filter((r) => r.c.service === 'generic')),
    perMarkStyle: per((r) => r.c.style, pos.filter((r) => r.c.service === 'generic')),
    perPlace: per((r) => r.c.place, pos.filter((r) => r.c.service === 'generic')),
    perTransform: Object.fromEntries(transforms.map((t) => [t, { recall: recallOf(pos.filter((r) => r.c.transform === t)), fpr: fprOf(neg.filter((r) => r.c.transform === t)) }])),
    perNegativeKind: Object.fromEntries(Object.entries(group(neg, (r) => r.c.kind)).map(([k, v]) => [k, fprOf(v)])),
    negativeScores: neg.length ? { median: quantile(neg.map((r) => r.score), 0.5), p95: quantile(neg.map((r) => r.score), 0.95), max: Math.max(...neg.map((r) => r.score)) } : null,
  };
}

async function accuracy(): Promise<Record<string, unknown> | null> {
  if (!existsSync(SET)) {
    process.stdout.write(`no fixture set at ${SET}: run npx tsx fixtures/generate/marks-set.ts\n`);
    return null;
  }
  const manifest = JSON.parse(await readFile(SET, 'utf8')) as { name: string; cases: Case[] };
  const rows: Row[] = [];
  for (const c of manifest.cases.filter((x) => !ONLY_SPLIT || x.split === ONLY_SPLIT)) {
    const bytes = await readFile(join(SET, '..', c.claim));
    const t = performance.now();
    const r = await runOn(bytes);
    const ms = performance.now() - t;
    const sig = r.signals[0];
    const region = sig?.region;
    rows.push({
      c,
      detected: r.signals.length > 0,
      located: c.region !== null && c.region.width > 0 && r.signals.some((s) => s.region && overlaps(s.region, c.region!)),
      service: (sig?.details?.service as string | undefined) ?? null,
      score: bestScore(r),
      byService: (r.details?.bestByService as Record<string, number> | undefined) ?? {},
      candidates: (r.details?.candidates as unknown[] | undefined) ?? [],
      iou: region && c.region && c.region.width > 0 ? Math.round(iou(region, c.region) * 1000) / 1000 : null,
      ms,
    });
  }
  const parts = [...new Set(rows.map((r) => r.c.split ?? 'all'))].sort((a, b) => (a === 'heldout' ? -1 : b === 'heldout' ? 1 : 0));
  return {
    set: manifest.name,
    // Held-out fonts and backgrounds first (never used to build templates or to choose thresholds).
    ...Object.fromEntries(parts.map((p) => [p, report(rows.filter((r) => (r.c.split ?? 'all') === p))])),
    ...(parts.length > 1 ? { all: report(rows) } : {}),
    msPerImage: { p50: Math.round(quantile(rows.map((r) => r.ms), 0.5)), p95: Math.round(quantile(rows.map((r) => r.ms), 0.95)) },
    misses: rows.filter((r) => r.c.label === 'fabricated' && !r.detected).map((r) => ({ id: r.c.id, split: r.c.split, service: r.c.service, text: r.c.text, font: r.c.font, transform: r.c.transform, score: r.score })),
    falsePositives: rows.filter((r) => r.c.label === 'genuine' && r.detected).map((r) => ({ id: r.c.id, split: r.c.split, kind: r.c.kind, text: r.c.text, transform: r.c.transform, service: r.service, score: r.score })),
    scores: rows.map((r) => ({ id: r.c.id, split: r.c.split, label: r.c.label, score: r.score, detected: r.detected, located: r.located, service: r.service, byService: r.byService, candidates: r.candidates, text: r.c.text, font: r.c.font, transform: r.c.transform, kind: r.c.kind, ms: Math.round(r.ms) })),
  };
}

/**
 * False positives on the genuine camera-original crops of ../shared/train-photos (every folder but web/, which
 * gives the set's backgrounds): used with the tune part to choose thresholds, so not an unseen figure.
 */
async function cameraCrops(): Promise<Record<string, unknown> | null> {
  const manifest = join(ROOT, '..', 'shared', 'train-photos', 'MANIFEST.tsv');
  if (!existsSync(manifest)) return null;
  const files = (await readFile(manifest, 'utf8')).split('\n').slice(1).map((l) => l.split('\t')[0]).filter((f) => f && !f.startsWith('web/'));
  const out: { file: string; detected: boolean; byService: Record<string, number>; candidates: unknown[] }[] = [];
  for (const f of files) {
    const r = await runOn(await readFile(join(ROOT, '..', 'shared', 'train-photos', f)));
    out.push({ file: f, detected: r.signals.length > 0, byService: (r.details?.bestByService as Record<string, number> | undefined) ?? {}, candidates: (r.details?.candidates as unknown[] | undefined) ?? [] });
  }
  return { falsePositives: out.filter((x) => x.detected).length, scanned: out.length, files: out };
}

/**
 * False positives on the 597 web photos of ../shared/train-photos, apart for the marks set's tune background sources
 * (thresholds were chosen on them) and the others (never tuned on: the unseen-like figure).
 */
async function webPhotos(): Promise<Record<string, unknown> | null> {
  const manifest = join(ROOT, '..', 'shared', 'train-photos', 'MANIFEST.tsv');
  if (!existsSync(manifest)) return null;
  const files = (await readFile(manifest, 'utf8')).split('\n').slice(1).map((l) => l.split('\t')[0]).filter((f) => f && f.startsWith('web/'));
  const tuned: readonly string[] = BACKGROUND_SPLIT.tune;
  const fired: { file: string; service: string | null; score: number }[] = [];
  const counts = { tuneSources: { scanned: 0, falsePositives: 0 }, otherSources: { scanned: 0, falsePositives: 0 } };
  for (const f of files) {
    const r = await runOn(await readFile(join(ROOT, '..', 'shared', 'train-photos', f)));
    const part = tuned.some((p) => f.startsWith(`${p}/`)) ? counts.tuneSources : counts.otherSources;
    part.scanned++;
    if (r.signals.length) {
      part.falsePositives++;
      fired.push({ file: f, service: (r.signals[0].details?.service as string | undefined) ?? null, score: r.signals[0].details?.score as number });
    }
  }
  return { ...counts, fired };
}

async function corpus(): Promise<Record<string, unknown> | null> {
  // marks/: the negative sample only (the alpha maps are the mark itself, not photos).
  const rows = corpusRows().filter((r) => ['camera', 'products', 'ai-labelled'].includes(r.category) || (r.category === 'marks' && !r.local_name.includes('alpha')));
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
  const crops = process.argv.includes('--camera-crops') || !ACCURACY_ONLY ? await cameraCrops() : null;
  const web = ACCURACY_ONLY ? null : await webPhotos();
  const cor = ACCURACY_ONLY ? null : await corpus();
  const spd = ACCURACY_ONLY ? null : await speed();
  const path = await writeResult(OUT_NAME, { accuracy: acc, cameraCrops: crops, webPhotos: web, corpus: cor, speed: spd });
  if (acc) {
    for (const part of ['heldout', 'tune', 'all']) {
      const a = acc[part] as { recall: unknown; fpr: unknown; rocAuc: number; tprAt1Fpr: number; tprAt5Fpr: number; perService: unknown; perTransform: unknown } | undefined;
      if (!a) continue;
      process.stdout.write(`[${part}] recall ${JSON.stringify(a.recall)} fpr ${JSON.stringify(a.fpr)} ROC-AUC ${a.rocAuc} TPR@1%FPR ${a.tprAt1Fpr} TPR@5%FPR ${a.tprAt5Fpr}\n  per service ${JSON.stringify(a.perService)}\n`);
    }
  }
  if (crops) process.stdout.write(`camera crops (train-photos): ${String(crops.falsePositives)} false positives on ${String(crops.scanned)}\n`);
  if (web) process.stdout.write(`web photos (train-photos): ${JSON.stringify({ tuneSources: web.tuneSources, otherSources: web.otherSources })}\n`);
  if (cor) process.stdout.write(`corpus: ${String(cor.falsePositives)} false positives on ${String(cor.negativesScanned)} camera/products files (max score ${String(cor.maxNegativeScore)})\n`);
  process.stdout.write(`speed 12 MP: ${JSON.stringify(spd)}\n-> ${path}\n`);
}

await main();
