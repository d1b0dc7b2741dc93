/**
 * Fits the fusion prior and per-code weight scales (regularised logistic regression) and checks calibration on a
 * held-aside part of the fixture sets.
 *
 *   npm run calibrate -- --collect bench/out/refund-set.json bench/out/local-edits.json …
 *       gathers per-case signals from bench results into fixtures/calibration/data.json (committed: the data the
 *       fit used), then fits;
 *   npm run calibrate [-- --check bench/out/corpus.json]
 *       refits from the committed data alone (reproducible), writes src/fusion/fitted.ts and
 *       bench/out/calibration.json (Brier score, ROC-AUC and a reliability table, before and after, on the
 *       held-aside part and on each --check results file: sets never used for fitting, such as the shared corpus,
 *       whose per-file data is not committed because some of its files are evaluation-only).
 *
 * Model: logit = prior + Σ_code scale_code · (Σ raw weights of that code in the case). The penalty pulls every
 * scale towards 1 (the detectors' own weights) and keeps it in [0.1, 3], so a code seen rarely keeps its starting
 * weight and no code flips sign. Cases are split fit / held-aside by a hash of their source group (see `group`).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { brierScore, reliabilityTable, rocAuc, type Scored } from '../src/bench/metrics';
import { fuseLogit, sigmoid } from '../src/fusion/fuse';
import { FITTED } from '../src/fusion/fitted';
import type { Signal, Strength } from '../src/types';
import { writeResult } from './lib';

/** One case of the calibration data. */
interface DataCase {
  set: string;
  id: string;
  kind?: string;
  positive: boolean;
  signals: { code: string; weight: number; strength: Strength }[];
}

const ROOT = process.cwd();
const DATA = join(ROOT, 'fixtures', 'calibration', 'data.json');
const FITTED_TS = join(ROOT, 'src', 'fusion', 'fitted.ts');
/** Regularisation strength (per case) pulling scales towards 1. */
const LAMBDA = 0.02;
/**
 * Share of fabricated claims the prior assumes among claims that reach claimlens. Fixture sets have whatever class
 * balance their generators chose (local-edits is 5:1 fabricated), so the fit weighs both classes equally and the
 * prior is then moved from 50 % to this rate: the score reads as "probability of fabrication" for a platform where
 * one claim in five sent for checking is fabricated. Platforms with other rates move `prior` by logit(their rate / 0.2).
 */
const ASSUMED_BASE_RATE = 0.2;

function collect(files: string[]): DataCase[] {
  const out: DataCase[] = [];
  for (const f of files) {
    const doc = JSON.parse(readFileSync(f, 'utf8')) as { manifest?: { name?: string }; cases?: { id: string; label: string; kind?: string; error?: unknown; signals: { code: string; weight: number; strength: Strength }[] }[] };
    const set = doc.manifest?.name ?? basename(f, '.json');
    for (const c of doc.cases ?? []) {
      if (c.error) continue;
      out.push({
        set,
        id: c.id,
        ...(c.kind ? { kind: c.kind } : {}),
        positive: c.label === 'fabricated',
        // Undo the scales in force when the bench ran, so the data holds the detectors' own weights.
        signals: c.signals.map((s) => ({ code: s.code, strength: s.strength, weight: Math.round((s.weight / ((FITTED.scales as Partial<Record<string, number>>)[s.code] ?? 1)) * 1000) / 1000 })),
      });
    }
  }
  return out;
}

/**
 * Source group of a case: the first two '-'-separated parts of its id, which in the repo's generators name the
 * source photo or product (refund-set 'Alpro-Shelf-…', local-edits 'cam-<photo>-…', ela-set 'ela-5000-a|b',
 * marks-set 'prod-0-pos|neg'), so variants of one source never sit on both sides of the split.
 */
const group = (c: DataCase): string => `${c.set}/${c.id.split('-').slice(0, 2).join('-')}`;
const isHeldAside = (c: DataCase): boolean => createHash('sha256').update(group(c)).digest()[0] % 10 < 3;

function features(c: DataCase): Map<string, number> {
  const m = new Map<string, number>();
  for (const s of c.signals) m.set(s.code, (m.get(s.code) ?? 0) + s.weight);
  return m;
}

function fit(cases: DataCase[]): { prior: number; scales: Record<string, number> } {
  const codes = [...new Set(cases.flatMap((c) => c.signals.map((s) => s.code)))].sort();
  const X = cases.map(features);
  let prior = FITTED.prior;
  const beta = new Map(codes.map((k) => [k, 1]));
  const n = cases.length;
  const nPos = cases.filter((c) => c.positive).length;
  // Class-balanced weights: each class carries half of the total weight.
  const w = cases.map((c) => (c.positive ? n / (2 * nPos) : n / (2 * (n - nPos))));
  // Plain gradient descent with a decaying step: a few dozen parameters, a few thousand cases.
  for (let it = 0; it < 4000; it++) {
    const lr = 0.5 / (1 + it / 500);
    let gPrior = 0;
    const g = new Map(codes.map((k) => [k, 0]));
    for (let i = 0; i < n; i++) {
      let z = prior;
      for (const [k, v] of X[i]) z += (beta.get(k) ?? 1) * v;
      const err = w[i] * (sigmoid(z) - (cases[i].positive ? 1 : 0));
      gPrior += err;
      for (const [k, v] of X[i]) g.set(k, (g.get(k) ?? 0) + err * v);
    }
    prior -= (lr * gPrior) / n;
    for (const k of codes) {
      const grad = (g.get(k) ?? 0) / n + LAMBDA * ((beta.get(k) ?? 1) - 1);
      beta.set(k, Math.min(3, Math.max(0.1, (beta.get(k) ?? 1) - lr * grad)));
    }
  }
  const scales: Record<string, number> = {};
  for (const k of codes) {
    const b = Math.round((beta.get(k) ?? 1) * 100) / 100;
    if (b !== 1) scales[k] = b;
  }
  const shifted = prior + Math.log(ASSUMED_BASE_RATE / (1 - ASSUMED_BASE_RATE));
  return { prior: Math.round(shifted * 1000) / 1000, scales };
}

/** Score cases with the real fusion (hint cap, conclusive floor) under given parameters. */
function scoreWith(cases: DataCase[], prior: number, scales: Record<string, number>): Scored[] {
  return cases.map((c) => {
    const signals = c.signals.map((s) => ({ detector: s.code.split('.')[0], code: s.code, strength: s.strength, weight: s.weight * (scales[s.code] ?? 1), message: '' })) as Signal[];
    return { score: sigmoid(fuseLogit(signals, prior)), positive: c.positive };
  });
}

function summary(scored: Scored[]): Record<string, unknown> {
  const r = (x: number): number => Math.round(x * 10000) / 10000;
  let auc: number | null;
  try {
    auc = r(rocAuc(scored));
  } catch {
    auc = null; // one class only in this slice
  }
  // Class-balanced Brier: the mean of the two classes' Brier scores, so a set's own class ratio does not decide it.
  const pos = scored.filter((x) => x.positive);
  const neg = scored.filter((x) => !x.positive);
  const balancedBrier = pos.length && neg.length ? r((brierScore(pos) + brierScore(neg)) / 2) : null;
  return { n: scored.length, brier: r(brierScore(scored)), balancedBrier, rocAuc: auc, reliability: reliabilityTable(scored) };
}

async function main(): Promise<void> {
  const i = process.argv.indexOf('--collect');
  const c = process.argv.indexOf('--check');
  const checkFiles = c >= 0 ? process.argv.slice(c + 1).filter((f) => f.endsWith('.json') && existsSync(f)) : [];
  let data: DataCase[];
  if (i >= 0) {
    const files = process.argv.slice(i + 1, c > i ? c : undefined).filter((f) => existsSync(f));
    data = collect(files);
    await mkdir(join(ROOT, 'fixtures', 'calibration'), { recursive: true });
    await writeFile(DATA, `${JSON.stringify({ note: 'Per-case signals (detectors\' own weights) from bench runs on the fixture sets; input of bench/calibrate.ts', files: files.map((f) => basename(f)), cases: data })}\n`);
  } else {
    if (!existsSync(DATA)) throw new Error(`no calibration data at ${DATA}: run with --collect <bench results…> first`);
    data = (JSON.parse(readFileSync(DATA, 'utf8')) as { cases: DataCase[] }).cases;
  }
  const fitCases = data.filter((c) => !isHeldAside(c));
  const held = data.filter(isHeldAside);
  const { prior, scales } = fit(fitCases);
  const sets = [...new Set(data.map((c) => c.set))].sort();
  const perSet = sets.map((set) => ({ set, fit: fitCases.filter((c) => c.set === set).length, heldAside: held.filter((c) => c.set === set).length }));
  const before = summary(scoreWith(held, -1.5, {}));
  const after = summary(scoreWith(held, prior, scales));
  const checks = checkFiles.map((f) => {
    const cases = collect([f]);
    return { set: cases[0]?.set ?? basename(f), before: summary(scoreWith(cases, -1.5, {})), after: summary(scoreWith(cases, prior, scales)) };
  });
  const fittedAt = new Date().toISOString();
  await writeFile(
    FITTED_TS,
    `/**
 * Fitted fusion parameters. Written by \`npm run calibrate\` (bench/calibrate.ts) from fixtures/calibration/data.json;
 * do not edit by hand. Held-aside check (Brier, ROC-AUC, reliability) in bench/out/calibration.json and docs/fusion.md.
 */
import type { SignalCode } from '../detectors/registry';

export const FITTED = {
  prior: ${prior},
  scales: ${JSON.stringify(scales, null, 4).replace(/\n}/, '\n  }')} as Partial<Record<SignalCode, number>>,
  fittedAt: ${JSON.stringify(fittedAt)} as string | null,
  data: ${JSON.stringify(perSet)} as { set: string; fit: number; heldAside: number }[],
};
`,
  );
  const path = await writeResult('calibration', { prior, scales, sets: perSet, heldAside: { before, after }, checks });
  const brief = (x: Record<string, unknown>): unknown => ({ n: x.n, brier: x.brier, balancedBrier: x.balancedBrier, rocAuc: x.rocAuc });
  process.stdout.write(`${JSON.stringify({ prior, scales, sets: perSet, heldAside: { before: brief(before), after: brief(after) }, checks: checks.map((k) => ({ set: k.set, before: brief(k.before), after: brief(k.after) })) }, null, 2)}\n${path}\n`);
}

void main();
