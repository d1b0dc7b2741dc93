/**
 * Catalog detector bench: accuracy on the refund fixture set (fixtures/generate/refund-set.ts) and speed.
 *   npx tsx fixtures/generate/refund-set.ts && npx tsx bench/catalog.ts [--manifest path] [--no-fingerprints] [--limit N] [--stride K]
 *     [--fp-every K] [--fingerprints dir] [--name out-name]
 * Every third case (every K-th with --fp-every) is also run with the catalog as stored fingerprints. With
 * --fingerprints, a seller photo's fingerprint is read from `dir/<sha256 of the file>.json` when there is one (made by
 * another version of claimlens: do fingerprints stored earlier still give the same decisions?) and written there when
 * there is none. Writes bench/out/catalog.json (or <out-name>.json) and prints a compact table.
 *
 * Accuracy: catalog detector alone, score = sigmoid(Σ catalog signal weights); fabricated = derived claims (reuse
 * and every edit family), genuine = independent photos of the same product. Also ranked by the continuous
 * `similarity` (NCC outside the changed area) for a threshold-free view. Per edit family and per transform, each
 * against all genuine claims. The held-out family (`tear`) was not looked at when the thresholds were set.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { catalog } from '../src/detectors/catalog';
import { fingerprint } from '../src/detectors/catalog/fingerprint';
import { loadImage } from '../src/loader/image';
import { iou, quantile, rocAuc, tprAtFpr, type Scored } from '../src/bench/metrics';
import { sigmoid } from '../src/fusion/fuse';
import type { CatalogFingerprint, CatalogReference, DetectorResult } from '../src/types';
import { renderScene } from '../fixtures/generate/render';
import sharp from 'sharp';
import { sharpDecode, timeIt, twelveMegapixelJpeg, writeResult } from './lib';

/** The edit family held out while the thresholds were chosen. */
const HELD_OUT = 'tear';

interface Case {
  id: string;
  claim: string;
  catalog: string[];
  label: 'fabricated' | 'genuine';
  kind: string;
  family?: string;
  transform?: string;
  editBox?: { x: number; y: number; width: number; height: number };
  source: string;
}

interface Row {
  id: string;
  positive: boolean;
  kind: string;
  family: string;
  transform: string;
  source: string;
  score: number;
  similarity: number;
  decision: string;
  changedFraction: number;
  iou: number | null;
  ms: number;
  fpScore?: number;
  /** The detector's per-reference details (similarity, changedFraction, components, coverage, transform…). */
  references?: unknown;
  fpDecision?: string;
  /** `similarity` of the run with stored fingerprints. */
  fpSimilarity?: number;
}

const arg = (n: string): string | undefined => {
  const i = process.argv.indexOf(n);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

const isDerived = (d: string): boolean => d === 'reuse' || d === 'derived-edit';

function summary(rows: Row[], pick: (r: Row) => number = (r) => r.score): Record<string, number> {
  const s: Scored[] = rows.map((r) => ({ score: pick(r), positive: r.positive }));
  const r3 = (x: number): number => Math.round(x * 1000) / 1000;
  return { n: rows.length, auc: r3(rocAuc(s)), tprAt1: r3(tprAtFpr(s, 0.01)), tprAt5: r3(tprAtFpr(s, 0.05)) };
}

async function main(): Promise<void> {
  const manifestPath = resolve(arg('--manifest') ?? 'fixtures/out/refund-set/manifest.json');
  const raw = await readFile(manifestPath);
  const manifest = JSON.parse(raw.toString('utf8')) as { name: string; cases: Case[] };
  const base = dirname(manifestPath);
  const limit = Number(arg('--limit') ?? Infinity);
  // --stride k: every k-th case (all kinds kept), for a quicker run on a loaded machine.
  const stride = Math.max(1, Number(arg('--stride') ?? 1));
  const withFp = !process.argv.includes('--no-fingerprints');
  const fpEvery = Math.max(1, Number(arg('--fp-every') ?? 3));
  const fpDir = arg('--fingerprints');
  const storedFingerprint = async (path: string): Promise<CatalogFingerprint> => {
    const bytes = await readFile(path);
    const file = fpDir ? join(fpDir, `${createHash('sha256').update(bytes).digest('hex')}.json`) : null;
    if (file && existsSync(file)) return JSON.parse(await readFile(file, 'utf8')) as CatalogFingerprint;
    const json = JSON.stringify(await fingerprint(bytes));
    if (file) await mkdir(dirname(file), { recursive: true }).then(() => writeFile(file, json));
    return JSON.parse(json) as CatalogFingerprint;
  };
  // The detector alone, on real loads (not through the inspector, so that other detectors' code is not involved).
  const det = catalog();
  const run = async (claim: Uint8Array, entries: (Uint8Array | CatalogFingerprint)[]): Promise<DetectorResult> => {
    const image = await loadImage(claim);
    const refs: CatalogReference[] = [];
    for (const [index, e] of entries.entries()) {
      refs.push(e instanceof Uint8Array ? { kind: 'image', index, image: await loadImage(e, undefined, `catalog[${index}]`) } : { kind: 'fingerprint', index, fingerprint: e });
    }
    return det.run({ image, catalog: refs, context: {}, locale: 'en', artifacts: false, signal: new AbortController().signal });
  };
  const fpCache = new Map<string, CatalogFingerprint>();
  const rows: Row[] = [];
  const chosen = manifest.cases.filter((_c, i) => i % stride === 0).slice(0, limit);
  for (const c of chosen) {
    const claim = await readFile(join(base, c.claim));
    const cats = await Promise.all(c.catalog.map((p) => readFile(join(base, p))));
    const t = performance.now();
    const v = await run(claim, cats);
    const ms = performance.now() - t;
    const info = (v.details ?? {}) as { decision?: string; references?: { similarity: number }[] };
    const sig = v.signals.find((s) => s.code === 'catalog.derived-edit');
    const row: Row = {
      id: c.id,
      positive: c.label === 'fabricated',
      kind: c.kind,
      family: c.family ?? 'genuine',
      transform: c.transform ?? 'genuine',
      source: c.source,
      score: sigmoid(v.signals.reduce((a, s) => a + s.weight, 0)),
      similarity: Math.max(-1, ...(info.references ?? []).map((r) => r.similarity)),
      decision: (v.status ?? 'ok') === 'ok' ? (info.decision ?? 'none') : String(v.status),
      changedFraction: Number((sig?.details as { changedFraction?: number } | undefined)?.changedFraction ?? 0),
      iou: c.editBox ? (sig?.region ? iou(sig.region, c.editBox) : 0) : null,
      ms,
      references: info.references,
    };
    if (withFp && rows.length % fpEvery === 0) {
      const fps: CatalogFingerprint[] = [];
      for (const p of c.catalog) {
        if (!fpCache.has(p)) fpCache.set(p, await storedFingerprint(join(base, p)));
        fps.push(fpCache.get(p) as CatalogFingerprint);
      }
      const vf = await run(claim, fps);
      row.fpScore = sigmoid(vf.signals.reduce((a, s) => a + s.weight, 0));
      row.fpDecision = String((vf.details as { decision?: string } | undefined)?.decision ?? vf.status);
      row.fpSimilarity = Math.max(-1, ...((vf.details as { references?: { similarity: number }[] } | undefined)?.references ?? []).map((r) => r.similarity));
    }
    rows.push(row);
    process.stderr.write(`\r${rows.length}/${chosen.length} ${c.id.padEnd(50)} ${row.decision}`);
  }
  process.stderr.write('\n');
  const genuine = rows.filter((r) => !r.positive);
  const group = (key: 'family' | 'transform'): Record<string, Record<string, number>> => {
    const out: Record<string, Record<string, number>> = {};
    for (const k of [...new Set(rows.filter((r) => r.positive).map((r) => r[key]))].sort()) {
      const g = rows.filter((r) => r.positive && r[key] === k);
      out[k] = { ...summary([...g, ...genuine]), called: g.filter((r) => r.decision === 'reuse' || r.decision === 'derived-edit').length / g.length };
    }
    return out;
  };
  const trainRows = rows.filter((r) => r.family !== HELD_OUT);
  const heldRows = rows.filter((r) => r.family === HELD_OUT || !r.positive);
  const ious = rows.filter((r) => r.iou !== null).map((r) => r.iou as number);
  const ious2 = rows.filter((r) => r.iou !== null && r.family !== HELD_OUT).map((r) => r.iou as number);
  const confusion: Record<string, Record<string, number>> = {};
  for (const r of rows) {
    const k = r.positive ? (r.family === 'none' ? 'reuse' : 'edited') : 'genuine';
    confusion[k] ??= {};
    confusion[k][r.decision] = (confusion[k][r.decision] ?? 0) + 1;
  }
  const fabSim = rows.filter((r) => r.positive && r.family !== HELD_OUT).map((r) => r.similarity);
  const genSim = genuine.map((r) => r.similarity);
  const accuracy = {
    overall: summary(rows),
    overallBySimilarity: summary(rows, (r) => r.similarity),
    training: summary(trainRows),
    heldOut: { family: HELD_OUT, ...summary(heldRows) },
    perFamily: group('family'),
    perTransform: group('transform'),
    confusion,
    genuineCalledDerived: genuine.filter((r) => r.decision === 'reuse' || r.decision === 'derived-edit').map((r) => r.id),
    similarity: {
      fabricatedP05: quantile(fabSim, 0.05),
      fabricatedP10: quantile(fabSim, 0.1),
      genuineP99: quantile(genSim, 0.99),
      genuineMax: Math.max(...genSim),
    },
    iou: { n: ious.length, median: quantile(ious, 0.5), p25: quantile(ious, 0.25), medianWithoutHeldOut: quantile(ious2, 0.5), atLeastHalf: ious.filter((x) => x >= 0.5).length / Math.max(1, ious.length) },
    ...(withFp
      ? {
          fingerprint: {
            note: `every ${fpEvery === 1 ? '' : fpEvery === 3 ? 'third ' : `${fpEvery}th `}case, catalog given as stored fingerprints instead of images${fpDir ? ` (read from ${fpDir} where present)` : ''}`,
            ...summary(rows.filter((r) => r.fpScore !== undefined), (r) => r.fpScore ?? 0),
            decisionAgreement: rows.filter((r) => r.fpDecision === r.decision).length / Math.max(1, rows.filter((r) => r.fpDecision !== undefined).length),
            derivedAgreement:
              rows.filter((r) => r.fpDecision !== undefined && isDerived(r.fpDecision) === isDerived(r.decision)).length / Math.max(1, rows.filter((r) => r.fpDecision !== undefined).length),
            genuineCalledDerived: genuine.filter((r) => r.fpDecision !== undefined && isDerived(r.fpDecision)).length,
          },
        }
      : {}),
  };
  // Speed.
  const sink: unknown[] = [];
  const oneMp = await sharp((await renderScene({ width: 1200, height: 840, seed: 3, product: 'mug', noise: 3 })).data, { raw: { width: 1200, height: 840, channels: 3 } }).jpeg({ quality: 90 }).toBuffer();
  const twelve = await twelveMegapixelJpeg();
  const fp1 = await timeIt(() => fingerprint(oneMp), 5, 1, sink);
  const fp12 = await timeIt(() => fingerprint(twelve), 3, 1, sink);
  const dec1 = await timeIt(() => sharpDecode(oneMp), 5, 1, sink);
  const dec12 = await timeIt(() => sharpDecode(twelve), 3, 1, sink);
  const fpJson = JSON.stringify(await fingerprint(oneMp));
  const claimCase = manifest.cases.find((c) => c.label === 'fabricated' && c.transform === 'plain') ?? manifest.cases[0];
  const claimBytes = await readFile(join(base, claimCase.claim));
  const catBytes = await readFile(join(base, claimCase.catalog[0]));
  const storedFp = JSON.parse(JSON.stringify(await fingerprint(catBytes))) as CatalogFingerprint;
  const runWith = async (ref: 'image' | 'fingerprint'): Promise<unknown> => {
    // A fresh claim each run (no memoised views), as in one real inspection.
    const image = await loadImage(claimBytes);
    const entry = ref === 'image' ? { kind: 'image' as const, index: 0, image: await loadImage(catBytes) } : { kind: 'fingerprint' as const, index: 0, fingerprint: storedFp };
    return det.run({ image, catalog: [entry], context: {}, locale: 'en', artifacts: false, signal: new AbortController().signal });
  };
  const perImage = await timeIt(() => runWith('image'), 5, 1, sink);
  const perFp = await timeIt(() => runWith('fingerprint'), 5, 1, sink);
  const claimDecode = await timeIt(() => sharpDecode(claimBytes), 5, 1, sink);
  const speed = {
    fingerprint1mp: fp1,
    fingerprint12mp: fp12,
    sharpDecode1mp: dec1,
    sharpDecode12mp: dec12,
    fingerprintRatioToDecode: { '1mp': Math.round((fp1.p50 / dec1.p50) * 10) / 10, '12mp': Math.round((fp12.p50 / dec12.p50) * 10) / 10 },
    fingerprintJsonBytes: Buffer.byteLength(fpJson),
    detectorPerCatalogImage: perImage,
    detectorPerFingerprint: perFp,
    claimSharpDecode: claimDecode,
    detectorClaim: { id: claimCase.id },
    perCaseMs: { p50: quantile(rows.map((r) => r.ms), 0.5), p95: quantile(rows.map((r) => r.ms), 0.95) },
    checksum: sink.length,
  };
  const path = await writeResult(arg('--name') ?? 'catalog', {
    manifest: { path: manifestPath, name: manifest.name, stride, sha256: createHash('sha256').update(raw).digest('hex'), cases: rows.length },
    heldOutFamily: HELD_OUT,
    accuracy,
    speed,
    cases: rows,
  });
  const line = (k: string, s: Record<string, number>): string => `${k.padEnd(14)} n=${String(s.n).padStart(4)} AUC ${s.auc.toFixed(3)}  TPR@1% ${s.tprAt1.toFixed(3)}  TPR@5% ${s.tprAt5.toFixed(3)}${s.called === undefined ? '' : `  called ${(s.called * 100).toFixed(0)}%`}`;
  console.log(line('overall', accuracy.overall));
  console.log(line('by similarity', accuracy.overallBySimilarity));
  console.log(line(`held-out ${HELD_OUT}`, summary(heldRows)));
  for (const [k, s] of Object.entries(accuracy.perFamily)) console.log(line(`  ${k}`, s));
  for (const [k, s] of Object.entries(accuracy.perTransform)) console.log(line(`  ${k}`, s));
  console.log(`IoU median ${accuracy.iou.median.toFixed(3)} (n=${accuracy.iou.n}); confusion ${JSON.stringify(confusion)}`);
  console.log(`speed: fingerprint 1MP ${fp1.p50} ms, 12MP ${fp12.p50} ms; per catalog image ${perImage.p50} ms vs fingerprint ${perFp.p50} ms; JSON ${speed.fingerprintJsonBytes} B`);
  console.log(`wrote ${path}`);
}

void main();
