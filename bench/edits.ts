/**
 * Bench of the edits detector alone (issue 14) → bench/out/edits.json. Held-out figures first:
 * - the evaluation set (fixtures/out/edits, made by `npm run fixtures:edits` from the test split: sources never
 *   seen in training): ROC-AUC, TPR at 1 % and 5 % FPR and median IoU of the reported region with the true edit
 *   box, per edit family, for the held-out families, for the held-out laundering chain (edited vs genuine photos
 *   that both went through it), and for the training families and chains (in-distribution);
 * - false positives at the `strong` threshold on genuine photos nobody tuned on: the test split's camera crops,
 *   ../shared/corpus/camera and ../shared/corpus/products;
 * - ../shared/corpus/tampered (FLAGGED: evaluation only): NoSo forgery/original pairs, every tampered file against
 *   the originals and the corpus camera photos, IoU with the ground-truth mask's box;
 * - ../shared/corpus/ai-edited (FLAGGED: evaluation only): recall of the 18 real AI inpaints at the thresholds fixed
 *   on genuine validation photos;
 * - the Samsung "Photo assist" AI edit in ../shared/corpus/ai-labelled;
 * - speed on a 12 MP JPEG against a bare sharp decode in the same run, and the extra peak memory (child process).
 *
 * The detector's continuous score is max(local − localStrong, regen − regenStrong): both heads in log-odds above
 * their own `strong` threshold, so one threshold (0) is the `strong` operating point of either signal.
 *
 * Run: npx tsx bench/edits.ts [--skip-speed | --speed-only] [--limit N] [--model model.json] [--no-corpus]
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadImage } from '../src/loader/image';
import { analyseEdits, type EditsAnalysis } from '../src/detectors/edits/analyse';
import { loadModel, type EditsModel, type SerializedWeights } from '../src/detectors/edits/model';
import { iou, quantile, rocAuc, tprAtFpr, type Box, type Scored } from '../src/bench/metrics';
import { sharpDecode, timeIt, twelveMegapixelJpeg, writeResult, maskBox } from './lib';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CORPUS = join(ROOT, '..', 'shared', 'corpus');
const SET = join(ROOT, 'fixtures', 'out', 'edits', 'manifest.json');
/** The noise detector's local-edit set (fixtures/generate/local-edits.ts): edits of ../shared/corpus photos, never trained on. */
const LOCAL_EDITS = join(ROOT, 'fixtures', 'out', 'local-edits', 'manifest.json');
/** The same test-split photos delivered through the held-out laundering chain (a separate manifest: audit). */
const SET_WEBP = join(ROOT, 'fixtures', 'out', 'edits', 'manifest-webp.json');

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const LIMIT = Number(opt('--limit') ?? Infinity);

async function model(): Promise<EditsModel> {
  const path = opt('--model');
  if (path) {
    const { serializeModel } = await import('../train/export');
    return loadModel(serializeModel(JSON.parse(readFileSync(path, 'utf8')), 'bench'));
  }
  const { EDITS_WEIGHTS } = (await import('../src/detectors/edits/weights')) as { EDITS_WEIGHTS: SerializedWeights };
  return loadModel(EDITS_WEIGHTS);
}

/** What the detector computed for one file. */
interface Run {
  local: number;
  regen: number;
  /** max(local − localStrong, regen − regenStrong). */
  score: number;
  strong: boolean;
  hint: boolean;
  localFlag: 'none' | 'hint' | 'strong';
  regenFlag: 'none' | 'hint' | 'strong';
  region: Box | null;
  /** Decoded pixels (width × height), for the region's share of the photo. */
  area: number;
  status: 'ok' | 'tiny' | 'error';
  ms: number;
}

const r3 = (x: number): number => (Number.isFinite(x) ? Math.round(x * 1000) / 1000 : NaN);

/**
 * Every analysed file's two scores at full precision (path relative to the repo), for `scoreDigest`: two runs whose
 * digests match scored every file identically (a change to the region must not move a score).
 */
const scoreLines: string[] = [];

function makeRunner(m: EditsModel): (file: string) => Promise<Run> {
  const th = m.meta.thresholds;
  return async (file) => {
    const r = await runOne(file);
    scoreLines.push(`${relative(ROOT, file)}\t${r.status}\t${r.local}\t${r.regen}`);
    return r;
  };
  async function runOne(file: string): Promise<Run> {
    const t0 = performance.now();
    let a: EditsAnalysis | { declined: string };
    let w: number, h: number;
    try {
      const img = await loadImage(file);
      const px = await img.storedPixels();
      [w, h] = [px.width, px.height];
      a = analyseEdits(px.data, px.width, px.height, m);
    } catch {
      return { local: -20, regen: -20, score: -40, strong: false, hint: false, localFlag: 'none', regenFlag: 'none', region: null, area: 0, status: 'error', ms: performance.now() - t0 };
    }
    const ms = performance.now() - t0;
    if ('declined' in a) return { local: -20, regen: -20, score: -40, strong: false, hint: false, localFlag: 'none', regenFlag: 'none', region: null, area: w * h, status: 'tiny', ms };
    const localFlag = a.local >= th.localStrong ? 'strong' : a.local >= th.localHint ? 'hint' : 'none';
    const regenFlag = a.regen >= th.regenStrong ? 'strong' : a.regen >= th.regenHint ? 'hint' : 'none';
    const region = a.region ? { x: a.region.x, y: a.region.y, width: Math.min(a.region.width, w - a.region.x), height: Math.min(a.region.height, h - a.region.y) } : null;
    return {
      local: a.local,
      regen: a.regen,
      score: Math.max(a.local - th.localStrong, a.regen - th.regenStrong),
      strong: localFlag === 'strong' || regenFlag === 'strong',
      hint: localFlag !== 'none' || regenFlag !== 'none',
      localFlag,
      regenFlag,
      region,
      area: w * h,
      status: 'ok',
      ms,
    };
  }
}

function metrics(pos: Run[], neg: Run[], key: 'score' | 'local' | 'regen' = 'score'): Record<string, unknown> {
  const cases: Scored[] = [...pos.map((r) => ({ score: r[key], positive: true })), ...neg.map((r) => ({ score: r[key], positive: false }))];
  const ok = pos.length > 0 && neg.length > 0;
  return {
    positives: pos.length,
    negatives: neg.length,
    rocAuc: ok ? r3(rocAuc(cases)) : null,
    tprAt1Fpr: ok ? r3(tprAtFpr(cases, 0.01)) : null,
    tprAt5Fpr: ok ? r3(tprAtFpr(cases, 0.05)) : null,
    strongTpr: pos.length ? r3(pos.filter((r) => r.strong).length / pos.length) : null,
    strongFpr: neg.length ? r3(neg.filter((r) => r.strong).length / neg.length) : null,
    hintTpr: pos.length ? r3(pos.filter((r) => r.hint).length / pos.length) : null,
  };
}

/**
 * IoU with the truth of the reported local region (0 when no local signal at the hint) and of the top region whatever
 * its score: medians, the share of edits at IoU ≥ 0.3 and ≥ 0.5, the median over the flagged edits alone, and the
 * median share of the photo the top region covers (a region covering half the photo overlaps trivially).
 */
function ious(rows: { run: Run; truth: Box }[]): Record<string, number | null> {
  if (!rows.length) return { medianIou: null, medianIouTopRegion: null };
  const reported = rows.map((x) => (x.run.localFlag !== 'none' && x.run.region ? iou(x.run.region, x.truth) : 0));
  const flagged = rows.filter((x) => x.run.localFlag !== 'none' && x.run.region).map((x) => iou(x.run.region!, x.truth));
  const top = rows.map((x) => (x.run.region ? iou(x.run.region, x.truth) : 0));
  const share = (xs: number[], t: number): number => r3(xs.filter((v) => v >= t).length / xs.length);
  return {
    medianIou: r3(quantile(reported, 0.5)),
    medianIouTopRegion: r3(quantile(top, 0.5)),
    topIouAtLeast03: share(top, 0.3),
    topIouAtLeast05: share(top, 0.5),
    reportedIouAtLeast03: share(reported, 0.3),
    medianIouFlagged: flagged.length ? r3(quantile(flagged, 0.5)) : null,
    flagged: flagged.length,
    medianTopAreaShare: r3(quantile(rows.map((x) => (x.run.region ? (x.run.region.width * x.run.region.height) / x.run.area : 0)), 0.5)),
  };
}

interface EvalCase {
  id: string;
  claim: string;
  label: 'fabricated' | 'genuine';
  kind: string;
  chain: string;
  sourceKind: string;
  heldOutFamily: boolean;
  heldOutChain: boolean;
  wholeFrame: boolean;
  truthRegion?: Box;
}

async function evalSet(run: (f: string) => Promise<Run>): Promise<Record<string, unknown> | null> {
  if (!existsSync(SET)) {
    process.stdout.write(`evaluation set not found at ${SET}: run npm run fixtures:edits\n`);
    return null;
  }
  const m = JSON.parse(readFileSync(SET, 'utf8')) as { name: string; cases: EvalCase[] };
  const webp = existsSync(SET_WEBP) ? (JSON.parse(readFileSync(SET_WEBP, 'utf8')) as { cases: EvalCase[] }).cases : [];
  const cases = [...m.cases, ...webp].slice(0, LIMIT);
  const runs = new Map<string, Run>();
  for (const [i, c] of cases.entries()) {
    runs.set(c.id, await run(join(dirname(SET), c.claim)));
    if (i % 200 === 199) process.stdout.write(`  eval ${i + 1}/${cases.length}\n`);
  }
  const R = (cs: EvalCase[]): Run[] => cs.map((c) => runs.get(c.id)!);
  const inChain = (c: EvalCase): boolean => !c.heldOutChain;
  const genuine = cases.filter((c) => c.label === 'genuine' && inChain(c));
  const fams = [...new Set(cases.filter((c) => c.label === 'fabricated').map((c) => c.kind))].sort();
  const perFamily: Record<string, unknown> = {};
  for (const f of fams) {
    const fc = cases.filter((c) => c.kind === f && inChain(c));
    perFamily[f] = {
      heldOut: fc[0]?.heldOutFamily ?? false,
      wholeFrame: f.startsWith('frame-'),
      ...metrics(R(fc), R(genuine)),
      localHead: metrics(R(fc), R(genuine), 'local'),
      regenHead: metrics(R(fc), R(genuine), 'regen'),
      ...ious(fc.filter((c) => c.truthRegion && !c.wholeFrame).map((c) => ({ run: runs.get(c.id)!, truth: c.truthRegion! }))),
    };
  }
  const edited = (pred: (c: EvalCase) => boolean): EvalCase[] => cases.filter((c) => c.label === 'fabricated' && pred(c));
  const heldFam = edited((c) => c.heldOutFamily && inChain(c));
  const heldLocal = heldFam.filter((c) => !c.wholeFrame);
  const inDist = edited((c) => !c.heldOutFamily && inChain(c));
  const chainGenuine = cases.filter((c) => c.label === 'genuine' && c.heldOutChain);
  const chainEdited = edited((c) => c.heldOutChain);
  const genuineCamera = genuine.filter((c) => c.sourceKind === 'camera');
  const box = (cs: EvalCase[]) => cs.filter((c) => c.truthRegion && !c.wholeFrame).map((c) => ({ run: runs.get(c.id)!, truth: c.truthRegion! }));
  const ms = [...runs.values()].map((r) => r.ms);
  return {
    set: m.name,
    manifests: [SET, SET_WEBP],
    cases: cases.length,
    heldOutFamilies: { ...metrics(R(heldFam), R(genuine)), ...ious(box(heldFam)) },
    heldOutLocalFamilies: { ...metrics(R(heldLocal), R(genuine)), ...ious(box(heldLocal)) },
    heldOutChain: { chain: 'webp', ...metrics(R(chainEdited), R(chainGenuine)), ...ious(box(chainEdited)) },
    inDistribution: { ...metrics(R(inDist), R(genuine)), ...ious(box(inDist)) },
    perFamily,
    perChainGenuineStrongFpr: Object.fromEntries([...new Set(cases.map((c) => c.chain))].map((ch) => {
      const g = R(cases.filter((c) => c.label === 'genuine' && c.chain === ch));
      return [ch, { n: g.length, strongFpr: g.length ? r3(g.filter((r) => r.strong).length / g.length) : null }];
    })),
    genuineCameraCropsStrongFpr: { n: genuineCamera.length, rate: genuineCamera.length ? r3(R(genuineCamera).filter((r) => r.strong).length / genuineCamera.length) : null },
    genuineStrongFpr: { n: genuine.length, rate: r3(R(genuine).filter((r) => r.strong).length / genuine.length) },
    msPerImage: { p50: r3(quantile(ms, 0.5)), p95: r3(quantile(ms, 0.95)) },
  };
}

/** The local-edit set of the noise detector: another generator, other edits, other sources (corpus photos). */
async function localEdits(run: (f: string) => Promise<Run>): Promise<Record<string, unknown> | null> {
  if (!existsSync(LOCAL_EDITS)) {
    process.stdout.write(`local-edit set not found at ${LOCAL_EDITS}: run npx tsx fixtures/generate/local-edits.ts\n`);
    return null;
  }
  const m = JSON.parse(readFileSync(LOCAL_EDITS, 'utf8')) as { name: string; cases: { id: string; claim: string; label: string; kind: string; region?: Box }[] };
  const runs = new Map<string, Run>();
  for (const c of m.cases.slice(0, LIMIT)) runs.set(c.id, await run(join(dirname(LOCAL_EDITS), c.claim)));
  const cases = m.cases.filter((c) => runs.has(c.id));
  const neg = cases.filter((c) => c.label === 'genuine').map((c) => runs.get(c.id)!);
  const pos = cases.filter((c) => c.label === 'fabricated');
  const perKind: Record<string, unknown> = {};
  for (const k of [...new Set(pos.map((c) => c.kind))].sort()) {
    const kc = pos.filter((c) => c.kind === k);
    perKind[k] = { ...metrics(kc.map((c) => runs.get(c.id)!), neg), ...ious(kc.filter((c) => c.region).map((c) => ({ run: runs.get(c.id)!, truth: c.region! }))) };
  }
  return { set: m.name, all: { ...metrics(pos.map((c) => runs.get(c.id)!), neg), ...ious(pos.filter((c) => c.region).map((c) => ({ run: runs.get(c.id)!, truth: c.region! }))) }, perKind };
}

const IMAGE = /\.(jpe?g|png|webp|tiff?|avif|heic)$/i;

/**
 * Files of corpus camera/ whose MANIFEST note says they are not camera output (format conversions, software
 * exports, synthetic carriers): their noise is the converter's. Reported apart from the camera photos (the same
 * rule as test/detectors/edits.test.ts).
 */
const NOT_CAMERA_OUTPUT = /convert|not a camera (original|photo)|synthetic carrier/i;

function notCameraOutput(): Set<string> {
  const tsv = join(CORPUS, 'MANIFEST.tsv');
  const out = new Set<string>();
  if (!existsSync(tsv)) return out;
  const [head, ...rows] = readFileSync(tsv, 'utf8').split('\n').filter((l) => l.trim());
  const cols = head.split('\t');
  const name = cols.indexOf('local_name'), truth = cols.indexOf('ground_truth');
  for (const r of rows) {
    const c = r.split('\t');
    if (c[name]?.startsWith('camera/') && NOT_CAMERA_OUTPUT.test(c[truth] ?? '')) out.add(c[name].slice('camera/'.length));
  }
  return out;
}

async function folder(run: (f: string) => Promise<Run>, dir: string, filter: (f: string) => boolean = () => true): Promise<{ file: string; run: Run }[]> {
  const out = [];
  for (const f of readdirSync(dir).filter((x) => IMAGE.test(x) && filter(x)).sort()) out.push({ file: f, run: await run(join(dir, f)) });
  return out;
}

const brief = (x: { file: string; run: Run }): Record<string, unknown> => ({ file: x.file, status: x.run.status, local: r3(x.run.local), regen: r3(x.run.regen), local_: x.run.localFlag, regen_: x.run.regenFlag });

async function corpus(run: (f: string) => Promise<Run>): Promise<Record<string, unknown> | null> {
  if (!existsSync(CORPUS)) {
    process.stdout.write(`shared corpus not found at ${CORPUS}: corpus figures skipped\n`);
    return null;
  }
  const converted = notCameraOutput();
  const cameraAll = (await folder(run, join(CORPUS, 'camera'))).filter((x) => x.run.status === 'ok');
  const camera = cameraAll.filter((x) => !converted.has(x.file));
  const conversions = cameraAll.filter((x) => converted.has(x.file));
  const products = (await folder(run, join(CORPUS, 'products'))).filter((x) => x.run.status === 'ok');
  const fp = (xs: { run: Run }[]) => ({ n: xs.length, strong: xs.filter((x) => x.run.strong).length, rate: xs.length ? r3(xs.filter((x) => x.run.strong).length / xs.length) : null, hint: xs.filter((x) => x.run.hint).length });
  const tdir = join(CORPUS, 'tampered');
  const rows: { file: string; tampered: boolean; run: Run; truth: Box | null }[] = [];
  for (const f of readdirSync(tdir).filter((x) => IMAGE.test(x) && !/_gt\.png$/.test(x)).sort()) {
    const tampered = f.startsWith('casia2__') || f.includes('_mod');
    const gt = join(tdir, f.replace(/\.(png|jpe?g|tiff?)$/i, '_gt.png'));
    rows.push({ file: f, tampered, run: await run(join(tdir, f)), truth: tampered && existsSync(gt) ? await maskBox(gt) : null });
  }
  const noso = rows.filter((r) => r.file.startsWith('noso__'));
  const aiEdited = await folder(run, join(CORPUS, 'ai-edited'));
  const samsungFile = join(CORPUS, 'ai-labelled', 'rmaiwm__samsung_black_1.png');
  const samsung = existsSync(samsungFile) ? await run(samsungFile) : null;
  return {
    note: 'tampered/ and ai-edited/ are FLAGGED: evaluation only, never trained or tuned on',
    cameraStrongFpr: fp(camera),
    cameraConversionsStrongFpr: { ...fp(conversions), files: conversions.map(brief) },
    productsStrongFpr: fp(products),
    cameraFlagged: camera.filter((x) => x.run.hint).map(brief),
    productsFlagged: products.filter((x) => x.run.hint).map(brief),
    tampered: {
      nosoPairs: metrics(noso.filter((r) => r.tampered).map((r) => r.run), noso.filter((r) => !r.tampered).map((r) => r.run)),
      allVsOriginalsAndCamera: metrics(rows.filter((r) => r.tampered).map((r) => r.run), [...noso.filter((r) => !r.tampered).map((r) => r.run), ...camera.map((x) => x.run)]),
      ...ious(rows.filter((r) => r.truth).map((r) => ({ run: r.run, truth: r.truth! }))),
      files: rows.map((r) => ({ ...brief(r), tampered: r.tampered, iou: r.truth && r.run.region ? r3(iou(r.run.region, r.truth)) : null })),
    },
    aiEdited: {
      n: aiEdited.length,
      strongRecall: r3(aiEdited.filter((x) => x.run.strong).length / Math.max(1, aiEdited.length)),
      hintRecall: r3(aiEdited.filter((x) => x.run.hint).length / Math.max(1, aiEdited.length)),
      localStrong: aiEdited.filter((x) => x.run.localFlag === 'strong').length,
      regenStrong: aiEdited.filter((x) => x.run.regenFlag === 'strong').length,
      files: aiEdited.map(brief),
    },
    samsungPhotoAssist: samsung ? { file: samsungFile, ...brief({ file: 'rmaiwm__samsung_black_1.png', run: samsung }), found: samsung.hint, strong: samsung.strong, region: samsung.region } : null,
  };
}

/** Peak RSS of a child process that decodes the 12 MP JPEG, then analyses it: the extra peak is the analysis's. */
function memoryProbe(): Record<string, number> {
  const out = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--memory-probe'], { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!) as Record<string, number>;
}

async function probe(): Promise<void> {
  const m = await model();
  const jpg = await twelveMegapixelJpeg();
  const img = await loadImage(jpg);
  const px = await img.storedPixels();
  const afterDecode = process.resourceUsage().maxRSS / 1024;
  analyseEdits(px.data, px.width, px.height, m);
  const afterAnalysis = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ peakAfterDecodeMiB: Math.round(afterDecode), peakAfterAnalysisMiB: Math.round(afterAnalysis), extraPeakMiB: Math.round(afterAnalysis - afterDecode) })}\n`);
}

async function speed(m: EditsModel): Promise<Record<string, unknown>> {
  const jpg = await twelveMegapixelJpeg();
  const sink: unknown[] = [];
  const img = await loadImage(jpg);
  const px = await img.storedPixels();
  const decode: number[] = [], analysis: number[] = [];
  // Interleaved so both see the same machine load.
  for (let i = 0; i < 7; i++) {
    let t = performance.now();
    sink.push(await sharpDecode(jpg));
    if (i > 0) decode.push(performance.now() - t);
    t = performance.now();
    sink.push(analyseEdits(px.data, px.width, px.height, m));
    if (i > 0) analysis.push(performance.now() - t);
  }
  const one = await timeIt(() => analyseEdits(px.data, px.width, px.height, m), 1, 0, sink);
  const d50 = quantile(decode, 0.5), a50 = quantile(analysis, 0.5);
  return {
    image: '12 MP synthetic JPEG (bench/lib.ts twelveMegapixelJpeg, 4000×3000 q92)',
    sharpDecodeMs: { p50: r3(d50), p95: r3(quantile(decode, 0.95)), min: r3(Math.min(...decode)) },
    editsAnalysisMs: { p50: r3(a50), p95: r3(quantile(analysis, 0.95)), min: r3(Math.min(...analysis)), single: one.p50 },
    ratioToDecode: r3(a50 / d50),
    memory: memoryProbe(),
    checksum: sink.length,
  };
}

async function main(): Promise<void> {
  if (args.includes('--memory-probe')) return probe();
  const t0 = performance.now();
  const m = await model();
  const run = makeRunner(m);
  const speedOnly = args.includes('--speed-only');
  const evalResult = speedOnly ? null : await evalSet(run);
  const localEditsResult = speedOnly ? null : await localEdits(run);
  const corpusResult = speedOnly || args.includes('--no-corpus') ? null : await corpus(run);
  const spd = args.includes('--skip-speed') ? null : await speed(m);
  const digest = { files: scoreLines.length, sha256: createHash('sha256').update([...scoreLines].sort().join('\n')).digest('hex') };
  const path = await writeResult(speedOnly ? 'edits-speed' : 'edits', { weights: m.meta.version, thresholds: m.meta.thresholds, evaluation: evalResult, localEdits: localEditsResult, corpus: corpusResult, speed: spd, scoreDigest: digest, seconds: r3((performance.now() - t0) / 1000) });
  const show = (name: string, x: unknown): void => {
    const o = x as Record<string, unknown> | null | undefined;
    if (o) process.stdout.write(`${name.padEnd(30)} n+ ${String(o.positives).padEnd(4)} AUC ${String(o.rocAuc).padEnd(6)} TPR@1% ${String(o.tprAt1Fpr).padEnd(6)} TPR@5% ${String(o.tprAt5Fpr).padEnd(6)} strong TPR ${String(o.strongTpr).padEnd(6)} FPR ${String(o.strongFpr).padEnd(6)} IoU ${String(o.medianIou ?? '-')} (top ${String(o.medianIouTopRegion ?? '-')})\n`);
  };
  if (evalResult) {
    show('held-out families', evalResult.heldOutFamilies);
    show('held-out local families', evalResult.heldOutLocalFamilies);
    show('held-out chain (webp)', evalResult.heldOutChain);
    show('in-distribution', evalResult.inDistribution);
    for (const [k, v] of Object.entries(evalResult.perFamily as Record<string, Record<string, unknown>>)) show(`  ${k}${v.heldOut ? ' (held out)' : ''}`, v);
    process.stdout.write(`genuine strong FPR ${JSON.stringify(evalResult.genuineStrongFpr)}, camera crops ${JSON.stringify(evalResult.genuineCameraCropsStrongFpr)}\n`);
  }
  if (localEditsResult) {
    show('local-edits set (corpus photos)', localEditsResult.all);
    for (const [k, v] of Object.entries(localEditsResult.perKind as Record<string, unknown>)) show(`  ${k}`, v);
  }
  if (corpusResult) {
    process.stdout.write(`corpus camera strong FP ${JSON.stringify(corpusResult.cameraStrongFpr)}, conversions/exports ${JSON.stringify((corpusResult.cameraConversionsStrongFpr as { n: number; strong: number }).strong)}/${String((corpusResult.cameraConversionsStrongFpr as { n: number }).n)}, products ${JSON.stringify(corpusResult.productsStrongFpr)}\n`);
    const t = corpusResult.tampered as Record<string, unknown>;
    show('tampered NoSo pairs', t.nosoPairs);
    show('tampered all vs orig+camera', t.allVsOriginalsAndCamera);
    process.stdout.write(`ai-edited ${JSON.stringify({ ...(corpusResult.aiEdited as Record<string, unknown>), files: undefined })}\n`);
    process.stdout.write(`samsung ${JSON.stringify(corpusResult.samsungPhotoAssist)}\n`);
  }
  if (spd) process.stdout.write(`speed 12 MP: decode p50 ${JSON.stringify(spd.sharpDecodeMs)}, edits ${JSON.stringify(spd.editsAnalysisMs)} (×${String(spd.ratioToDecode)}), memory ${JSON.stringify(spd.memory)}\n`);
  process.stdout.write(`scores of ${digest.files} files: sha256 ${digest.sha256}\n`);
  process.stdout.write(`wrote ${path}\n`);
}

void main();
