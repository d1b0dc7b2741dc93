/**
 * Bench of the noise detector alone (issue 11) → bench/out/noise.json:
 * - the local-edit set (fixtures/out/local-edits, made by fixtures/generate/local-edits.ts): ROC-AUC, TPR at 1 %
 *   and 5 % FPR per generator family against the genuine photos, the held-out family reported apart, median IoU
 *   of the reported region with the true edit box, and the operating point of the default thresholds;
 * - ../shared/corpus/tampered (FLAGGED: evaluation only): NoSo pairs (forgery vs its original) and every tampered
 *   file against the originals plus the genuine camera JPEGs, IoU with the ground-truth mask's box;
 * - the Samsung "Photo assist" AI edit in ../shared/corpus/ai-labelled: what the detector reports, heatmap saved;
 * - ms on a 12 MP JPEG against a bare sharp decode in the same run.
 *
 * Run: npx tsx bench/noise.ts [--skip-speed] [--limit N]
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createInspector } from '../src/inspector';
import { noise } from '../src/detectors/noise';
import { loadImage } from '../src/loader/image';
import { analyseNoise } from '../src/detectors/noise/analyse';
import { NOISE_DEFAULTS } from '../src/detectors/noise';
import { iou, quantile, rocAuc, tprAtFpr, type Box, type Scored } from '../src/bench/metrics';
import { OUT_DIR, sharpDecode, timeIt, twelveMegapixelJpeg, writeResult, maskBox } from './lib';

const ROOT = join(dirname(new URL(import.meta.url).pathname), '..');
const CORPUS = join(ROOT, '..', 'shared', 'corpus');
const SET = join(ROOT, 'fixtures', 'out', 'local-edits', 'manifest.json');
/** The family left out when the default thresholds were chosen (see docs/noise.md). */
const HELD_OUT = 'crack';

const args = process.argv.slice(2);
const li = args.indexOf('--limit');
const LIMIT = li >= 0 ? Number(args[li + 1]) : Infinity;

const inspector = createInspector({ detectors: [noise()] });

/** What the detector said about one file. */
interface Run {
  /** |region score| of the strongest candidate (0 when inconclusive or none): the continuous score for ROC. */
  score: number;
  /** Sum of the signal weights (the detector's contribution to the verdict). */
  weight: number;
  flagged: boolean;
  status: string;
  region: Box | null;
  ms: number;
}

async function run(file: string): Promise<Run> {
  const v = await inspector.inspect(file);
  const rep = v.detectors.find((d) => d.name === 'noise')!;
  const d = rep.details ?? {};
  const sig = v.signals.find((s) => s.code === 'noise.inconsistent-region');
  const region = sig?.region ?? (d.topRegion as Box | null | undefined) ?? null;
  return {
    score: rep.status === 'ok' ? Math.abs(Number(d.topScore ?? 0)) : 0,
    weight: v.signals.reduce((s, x) => s + x.weight, 0),
    flagged: Boolean(sig),
    status: rep.status,
    region,
    ms: rep.ms,
  };
}

const r3 = (x: number): number => (Number.isFinite(x) ? Math.round(x * 1000) / 1000 : NaN);

function metrics(pos: Run[], neg: Run[]): Record<string, unknown> {
  const cases: Scored[] = [...pos.map((r) => ({ score: r.score, positive: true })), ...neg.map((r) => ({ score: r.score, positive: false }))];
  const ok = pos.length > 0 && neg.length > 0;
  return {
    positives: pos.length,
    negatives: neg.length,
    rocAuc: ok ? r3(rocAuc(cases)) : null,
    tprAt1Fpr: ok ? r3(tprAtFpr(cases, 0.01)) : null,
    tprAt5Fpr: ok ? r3(tprAtFpr(cases, 0.05)) : null,
    defaultTpr: pos.length ? r3(pos.filter((r) => r.flagged).length / pos.length) : null,
    defaultFpr: neg.length ? r3(neg.filter((r) => r.flagged).length / neg.length) : null,
    inconclusive: [...pos, ...neg].filter((r) => r.status !== 'ok').length,
  };
}

/** Median IoU with the truth: of the reported region (0 when nothing was reported), or of the strongest candidate whatever its score. */
function medianIou(runs: { run: Run; truth: Box }[], anyCandidate = false): number | null {
  if (!runs.length) return null;
  return r3(quantile(runs.map((x) => ((x.run.flagged || anyCandidate) && x.run.region ? iou(x.run.region, x.truth) : 0)), 0.5));
}

interface ManifestCase {
  id: string;
  claim: string;
  label: 'fabricated' | 'genuine';
  kind: string;
  region?: Box;
}

async function localEdits(): Promise<Record<string, unknown> | null> {
  if (!existsSync(SET)) {
    process.stdout.write(`local-edit set not found at ${SET}: run npx tsx fixtures/generate/local-edits.ts\n`);
    return null;
  }
  const m = JSON.parse(readFileSync(SET, 'utf8')) as { name: string; cases: ManifestCase[] };
  const cases = m.cases.slice(0, LIMIT);
  const runs = new Map<string, Run>();
  for (const [i, c] of cases.entries()) {
    runs.set(c.id, await run(join(dirname(SET), c.claim)));
    if (i % 50 === 49) process.stdout.write(`  local-edits ${i + 1}/${cases.length}\n`);
  }
  const neg = cases.filter((c) => c.label === 'genuine').map((c) => runs.get(c.id)!);
  const fams = [...new Set(cases.filter((c) => c.label === 'fabricated').map((c) => c.kind))];
  const perFamily: Record<string, unknown> = {};
  for (const f of fams) {
    const fc = cases.filter((c) => c.kind === f);
    perFamily[f] = {
      ...metrics(fc.map((c) => runs.get(c.id)!), neg),
      medianIou: medianIou(fc.filter((c) => c.region).map((c) => ({ run: runs.get(c.id)!, truth: c.region! }))),
      medianIouTopCandidate: medianIou(fc.filter((c) => c.region).map((c) => ({ run: runs.get(c.id)!, truth: c.region! })), true),
      heldOut: f === HELD_OUT,
    };
  }
  const fitted = cases.filter((c) => c.label === 'fabricated' && c.kind !== HELD_OUT);
  return {
    set: m.name,
    manifest: SET,
    heldOutFamily: HELD_OUT,
    fittedFamilies: metrics(fitted.map((c) => runs.get(c.id)!), neg),
    heldOut: perFamily[HELD_OUT] ?? null,
    perFamily,
    ms: { p50: r3(quantile([...runs.values()].map((r) => r.ms), 0.5)), p95: r3(quantile([...runs.values()].map((r) => r.ms), 0.95)) },
  };
}

async function tampered(): Promise<Record<string, unknown> | null> {
  const dir = join(CORPUS, 'tampered');
  if (!existsSync(dir)) return null;
  const files = readdirSync(dir).filter((f) => /\.(png|jpe?g|tif)$/i.test(f) && !/_gt\.png$/.test(f));
  const rows: { file: string; tampered: boolean; run: Run; truth: Box | null; iou: number | null }[] = [];
  for (const f of files) {
    const isTampered = f.startsWith('casia2__') || f.includes('_mod');
    const gt = join(dir, f.replace(/\.(png|jpe?g|tif)$/i, '_gt.png'));
    const truth = isTampered && existsSync(gt) ? await maskBox(gt) : null;
    const r = await run(join(dir, f));
    rows.push({ file: f, tampered: isTampered, run: r, truth, iou: truth && r.flagged && r.region ? r3(iou(r.region, truth)) : truth ? 0 : null });
  }
  const camDir = join(CORPUS, 'camera');
  const camera: Run[] = [];
  for (const f of readdirSync(camDir).filter((x) => /\.jpe?g$/i.test(x))) camera.push(await run(join(camDir, f)));
  const noso = rows.filter((r) => r.file.startsWith('noso__'));
  return {
    note: 'FLAGGED files (CASIA v2, NoSo): evaluation only',
    nosoPairs: metrics(noso.filter((r) => r.tampered).map((r) => r.run), noso.filter((r) => !r.tampered).map((r) => r.run)),
    allTamperedVsOriginalsAndCamera: metrics(rows.filter((r) => r.tampered).map((r) => r.run), [...noso.filter((r) => !r.tampered).map((r) => r.run), ...camera]),
    medianIou: medianIou(rows.filter((r) => r.truth).map((r) => ({ run: r.run, truth: r.truth! }))),
    medianIouTopCandidate: medianIou(rows.filter((r) => r.truth).map((r) => ({ run: r.run, truth: r.truth! })), true),
    genuineCameraFlagged: `${camera.filter((r) => r.flagged).length}/${camera.length}`,
    files: rows.map((r) => ({ file: r.file, tampered: r.tampered, status: r.run.status, score: r3(r.run.score), flagged: r.run.flagged, region: r.run.region, truthBox: r.truth, iou: r.iou })),
  };
}

async function samsung(): Promise<Record<string, unknown> | null> {
  const file = join(CORPUS, 'ai-labelled', 'rmaiwm__samsung_black_1.png');
  if (!existsSync(file)) return null;
  const v = await createInspector({ detectors: [noise()] }).inspect(file, { artifacts: true });
  const rep = v.detectors[0];
  const heat = join(OUT_DIR, 'noise-samsung-heatmap.png');
  if (v.artifacts?.noise) await writeFile(heat, v.artifacts.noise);
  return { file, status: rep.status, reason: rep.reason ?? null, details: rep.details ?? null, signals: v.signals.map((s) => ({ code: s.code, weight: s.weight, strength: s.strength, region: s.region, details: s.details })), heatmap: v.artifacts?.noise ? heat : null };
}

async function speed(): Promise<Record<string, unknown>> {
  const jpg = await twelveMegapixelJpeg();
  const sink: unknown[] = [];
  const decode = await timeIt(() => sharpDecode(jpg), 3, 1, sink);
  const img = await loadImage(jpg);
  const px = await img.pixels();
  const settings = { blockSize: NOISE_DEFAULTS.blockSize, threshold: NOISE_DEFAULTS.threshold, minFraction: 0.002, maxFraction: 0.4 };
  const analysis = await timeIt(() => analyseNoise(px, settings).candidates.length, 3, 1, sink);
  const endToEnd = await timeIt(() => inspector.inspect(jpg), 3, 1, sink);
  return {
    image: '12 MP synthetic JPEG (bench/lib.ts twelveMegapixelJpeg, 4000×3000 q92)',
    sharpDecodeMs: decode,
    noiseAnalysisMs: analysis,
    inspectNoiseOnlyMs: endToEnd,
    ratioAnalysisToDecode: r3(analysis.p50 / decode.p50),
    ratioInspectToDecode: r3(endToEnd.p50 / decode.p50),
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    checksum: sink.length,
  };
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const local = await localEdits();
  const tamp = await tampered();
  const sam = await samsung();
  const spd = args.includes('--skip-speed') ? null : await speed();
  const path = await writeResult('noise', { defaults: NOISE_DEFAULTS, localEdits: local, tampered: tamp, samsungPhotoAssist: sam, speed: spd, seconds: r3((performance.now() - t0) / 1000) });
  const show = (name: string, x: unknown): void => {
    const o = x as Record<string, unknown> | null | undefined;
    if (o) process.stdout.write(`${name.padEnd(34)} AUC ${String(o.rocAuc).padEnd(6)} TPR@1% ${String(o.tprAt1Fpr).padEnd(6)} TPR@5% ${String(o.tprAt5Fpr).padEnd(6)} default TPR ${String(o.defaultTpr).padEnd(6)} FPR ${String(o.defaultFpr).padEnd(6)} IoU ${String(o.medianIou ?? '-')} (top candidate ${String(o.medianIouTopCandidate ?? '-')})\n`);
  };
  if (local) {
    show('local-edits fitted families', local.fittedFamilies);
    for (const [k, v] of Object.entries(local.perFamily as Record<string, unknown>)) show(`  ${k}${k === HELD_OUT ? ' (held out)' : ''}`, v);
  }
  if (tamp) {
    show('tampered NoSo pairs', tamp.nosoPairs);
    show('tampered all vs originals+camera', tamp.allTamperedVsOriginalsAndCamera);
    process.stdout.write(`tampered median IoU ${String(tamp.medianIou)} (top candidate ${String(tamp.medianIouTopCandidate)}); genuine camera flagged ${String(tamp.genuineCameraFlagged)}\n`);
  }
  if (sam) process.stdout.write(`samsung: ${String(sam.status)} ${JSON.stringify(sam.signals)}\n`);
  if (spd) process.stdout.write(`speed 12MP: decode p50 ${(spd.sharpDecodeMs as { p50: number }).p50} ms, analysis p50 ${(spd.noiseAnalysisMs as { p50: number }).p50} ms (×${String(spd.ratioAnalysisToDecode)}), inspect p50 ${(spd.inspectNoiseOnlyMs as { p50: number }).p50} ms (×${String(spd.ratioInspectToDecode)})\n`);
  process.stdout.write(`wrote ${path}\n`);
}

void main();
