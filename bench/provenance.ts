/**
 * Bench of the provenance detector → bench/out/provenance.json.
 *
 * 1. Cold initialisation of the C2PA wasm: 3 fresh processes, each timing its first C2PA read (module import +
 *    `initSync` + first read), next to the same process's second read of the same file.
 * 2. Per-file speed over ../shared/corpus (c2pa, ai-generated, ai-labelled, camera): detector ms p50/p95 per file
 *    (a fresh LoadedImage per run, so the metadata parse is paid each time) and the bare sharp decode of the same
 *    bytes measured in the same run (HEIC cannot be decoded by the prebuilt sharp: no ratio there).
 * 3. Accuracy of the detector alone (score = sigmoid(Σ its weights)): on fixtures/generated/provenance (labelled vs
 *    controls) and on the corpus (AI files of ai-generated/, ai-labelled/ and c2pa/ with ai=yes|partial vs camera/
 *    and the c2pa/ files with ai=no or no credentials; signed c2pa/ files whose ground truth says nothing about AI
 *    are not scored): ROC-AUC, TPR at 1 % / 5 % FPR, per family. No regions:
 *    provenance findings are about the whole file, so IoU does not apply.
 * 4. The per-file table (bench/provenance-table.ts) of every c2pa/, ai-labelled/, ai-generated/ and camera/ file:
 *    what the ground truth requires, what the detector reported (also with the c2pa-rs test root as trust anchor for
 *    the c2pa-rs fixtures), the producer named, and whether it matches → bench/out/provenance-table.md.
 *
 * Run: npx tsx bench/provenance.ts [--runs 3]      (everything)
 *      npx tsx bench/provenance.ts --table          (only the table: fast, no timings; for before/after diffs)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadImage } from '../src/loader/image';
import { provenance } from '../src/detectors/provenance';
import { readC2pa, c2paInitMs } from '../src/detectors/provenance/c2pa';
import { quantile, rocAuc, tprAtFpr, type Scored } from '../src/bench/metrics';
import type { DetectorResult, Subject } from '../src/types';
import { CORPUS_DIR, corpusRows, type CorpusRow } from '../test/helpers/corpus';
import { OUT_DIR, sharpDecode, timeIt, writeResult } from './lib';
import { AI_CODES, c2paTruth, check, expectationOf, producerText, signalList, tableMarkdown, type TableRow } from './provenance-table';

const SELF = fileURLToPath(import.meta.url);
const args = process.argv.slice(2);
const RUNS = Number(args[args.indexOf('--runs') + 1]) || 3;

/** Child mode: one cold C2PA read in a fresh process, printed as JSON. */
async function coldChild(): Promise<void> {
  const bytes = readFileSync(join(CORPUS_DIR, 'c2pa', 'c2parst__CA.jpg'));
  const settings = { remoteManifestFetch: false, ocspFetch: false };
  const t0 = performance.now();
  await readC2pa(bytes, 'jpeg', settings);
  const first = performance.now() - t0;
  const t1 = performance.now();
  await readC2pa(bytes, 'jpeg', settings);
  const second = performance.now() - t1;
  process.stdout.write(JSON.stringify({ firstReadMs: first, initMs: c2paInitMs(), secondReadMs: second, rssMiB: process.memoryUsage().rss / 2 ** 20 }));
}

const r2 = (x: number): number => Math.round(x * 100) / 100;
const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

function subjectOf(image: Awaited<ReturnType<typeof loadImage>>): Subject {
  return { image, catalog: [], context: {}, locale: 'en', artifacts: false, signal: new AbortController().signal };
}

function scoreOf(r: DetectorResult): number {
  return sigmoid(r.signals.reduce((s, x) => s + x.weight, 0));
}

function metrics(cases: Scored[]): Record<string, number | string> {
  const pos = cases.filter((c) => c.positive).length;
  if (pos === 0 || pos === cases.length) return { n: cases.length, positives: pos, note: 'one class only' };
  return { n: cases.length, positives: pos, rocAuc: Math.round(rocAuc(cases) * 1000) / 1000, tprAt1Fpr: r2(tprAtFpr(cases, 0.01)), tprAt5Fpr: r2(tprAtFpr(cases, 0.05)) };
}

/** The corpus files of the table and the accuracy figures. */
function tableRows(): CorpusRow[] {
  return corpusRows().filter((r) => ['c2pa', 'ai-generated', 'camera'].includes(r.category) || r.local_name.startsWith('ai-labelled/')).filter((r) => !r.local_name.endsWith('.pem'));
}

const TEST_ROOT = (): string => readFileSync(join(CORPUS_DIR, 'c2pa', 'trust', 'c2parst__test_cert_root_bundle.pem'), 'utf8');

/** One table row: the detector's result (and, for the c2pa-rs fixtures, the result with the test root trusted). */
async function tableRow(row: CorpusRow, last: DetectorResult, trusted: ReturnType<typeof provenance>): Promise<TableRow> {
  const e = expectationOf(row);
  const withRoot = row.local_name.startsWith('c2pa/c2parst__') ? await trusted.run(subjectOf(await loadImage(readFileSync(row.file)))) : undefined;
  const c = check(e, last, withRoot);
  return { file: row.local_name, expected: e.text, signals: signalList(last), withTestRoot: withRoot ? signalList(withRoot) : '', producer: producerText(last).slice(0, 120), ok: c.ok, why: c.why.join('; ') };
}

async function writeTable(table: TableRow[], fixtures: Record<string, FixtureResult>): Promise<string> {
  await mkdir(OUT_DIR, { recursive: true });
  const path = join(OUT_DIR, 'provenance-table.md');
  await writeFile(path, `${tableMarkdown(table)}\n${fixtureMarkdown(fixtures)}`);
  return path;
}

/** The fixture sets scored (fixtures/out ones only when their generator has run: they are not committed). */
const FIXTURE_SETS = ['generated/provenance', 'generated/provenance-variants', 'out/provenance-c2pa'];

interface FixtureResult {
  overall: Record<string, number | string>;
  /** Per kind: fabricated files with an AI signal, genuine files with an AI signal, and the counts. */
  perKind: Record<string, { fabricated: number; flagged: number; genuine: number; genuineFlagged: number; altered: number; genuineAltered: number; rocAuc?: number | string }>;
}

/** Score every generated set: ROC-AUC of the detector alone, and per kind how many files carry an AI signal. */
async function fixtureSets(det: ReturnType<typeof provenance>): Promise<Record<string, FixtureResult>> {
  const out: Record<string, FixtureResult> = {};
  for (const set of FIXTURE_SETS) {
    const dir = join(process.cwd(), 'fixtures', set);
    if (!existsSync(join(dir, 'manifest.json'))) continue;
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { cases: { claim: string; label: string; kind: string }[] };
    const scored: (Scored & { kind: string; ai: boolean; altered: boolean })[] = [];
    for (const c of manifest.cases) {
      const r = await det.run(subjectOf(await loadImage(join(dir, c.claim))));
      scored.push({ score: scoreOf(r), positive: c.label === 'fabricated', kind: c.kind, ai: r.signals.some((x) => (AI_CODES as readonly string[]).includes(x.code)), altered: r.signals.some((x) => x.code === 'provenance.c2pa-altered') });
    }
    const perKind: FixtureResult['perKind'] = {};
    for (const kind of [...new Set(scored.map((c) => c.kind))]) {
      const mine = scored.filter((c) => c.kind === kind);
      const pos = mine.filter((c) => c.positive);
      const neg = mine.filter((c) => !c.positive);
      perKind[kind] = {
        fabricated: pos.length,
        flagged: pos.filter((c) => c.ai).length,
        genuine: neg.length,
        genuineFlagged: neg.filter((c) => c.ai).length,
        altered: pos.filter((c) => c.altered).length,
        genuineAltered: neg.filter((c) => c.altered).length,
        rocAuc: metrics(mine).rocAuc,
      };
    }
    out[set] = { overall: metrics(scored), perKind };
  }
  return out;
}

/** Markdown of the fixture-set results. */
function fixtureMarkdown(fixtures: Record<string, FixtureResult>): string {
  const lines = ['| set | kind | fabricated: AI signal | genuine: AI signal | fabricated: c2pa-altered | genuine: c2pa-altered | ROC-AUC |', '|---|---|---|---|---|---|---|'];
  const frac = (a: number, n: number): string => (n ? `${a}/${n}` : '—');
  for (const [set, r] of Object.entries(fixtures)) {
    for (const [kind, k] of Object.entries(r.perKind)) {
      lines.push(`| ${set} | ${kind} | ${frac(k.flagged, k.fabricated)} | ${frac(k.genuineFlagged, k.genuine)} | ${frac(k.altered, k.fabricated)} | ${frac(k.genuineAltered, k.genuine)} | ${k.rocAuc ?? '—'} |`);
    }
    lines.push(`| ${set} | **all** | | | | | ${r.overall.rocAuc ?? '—'} |`);
  }
  return `${lines.join('\n')}\n`;
}

/** `--table`: only the per-file table, one detector run per file. */
async function tableOnly(): Promise<void> {
  const det = provenance();
  const trusted = provenance({ trustAnchorsPem: TEST_ROOT() });
  const table: TableRow[] = [];
  for (const row of tableRows()) table.push(await tableRow(row, await det.run(subjectOf(await loadImage(readFileSync(row.file)))), trusted));
  const fixtures = await fixtureSets(det);
  const path = await writeTable(table, fixtures);
  process.stdout.write(`${tableMarkdown(table)}\n${fixtureMarkdown(fixtures)}\nwrote ${path}\n`);
}

/** Whether a corpus file is AI-made (positive) by its ground truth; undefined = not used for accuracy. */
function aiTruth(row: CorpusRow): boolean | undefined {
  if (row.category === 'camera') return false;
  if (row.category === 'ai-generated' || row.local_name.startsWith('ai-labelled/')) return true;
  if (row.category === 'c2pa') {
    if (/\bai=(yes|partial)/.test(row.ground_truth)) return true;
    if (/\bai=no/.test(row.ground_truth)) return false;
    // Credentials present but the ground truth says nothing about AI (c2pa-rs test files, some of which declare
    // algorithmicMedia): not scored. Files without credentials are photos (c2pa-rs/c2pa-ts unsigned samples).
    return /^(none|removed)/.test(c2paTruth(row)) ? false : undefined;
  }
  return undefined;
}

async function main(): Promise<void> {
  // 1. Cold initialisation, in fresh processes.
  const cold: unknown[] = [];
  for (let i = 0; i < 3; i++) {
    const p = spawnSync(process.execPath, [...process.execArgv, SELF, '--cold-child'], { encoding: 'utf8', timeout: 120000 });
    if (p.status !== 0) throw new Error(`cold child failed: ${p.stderr}`);
    cold.push(JSON.parse(p.stdout) as unknown);
  }
  const firsts = cold.map((c) => (c as { firstReadMs: number }).firstReadMs);
  const inits = cold.map((c) => (c as { initMs: number }).initMs);

  // 2 + 4. Per-file speed and the table.
  const det = provenance();
  const trusted = provenance({ trustAnchorsPem: TEST_ROOT() });
  const rows = tableRows();
  const perFile: Record<string, unknown>[] = [];
  const table: TableRow[] = [];
  const corpusScores: (Scored & { family: string })[] = [];
  const detMs: number[] = [];
  const ratios: number[] = [];
  for (const row of rows) {
    const bytes = readFileSync(row.file);
    const images = await Promise.all(Array.from({ length: RUNS + 1 }, () => loadImage(bytes)));
    let i = 0;
    let last: DetectorResult | undefined;
    const t = await timeIt(async () => (last = await det.run(subjectOf(images[i++]))), RUNS, 1);
    let decode: { p50: number } | undefined;
    try {
      decode = await timeIt(() => sharpDecode(bytes), RUNS, 1);
    } catch {
      decode = undefined;
    }
    if (!last) throw new Error('no result');
    detMs.push(t.p50);
    if (decode) ratios.push(t.p50 / Math.max(0.01, decode.p50));
    perFile.push({ file: row.local_name, bytes: row.bytes, detector: t, sharpDecodeP50: decode?.p50 ?? null, ratio: decode ? r2(t.p50 / Math.max(0.01, decode.p50)) : null });
    const truthAi = aiTruth(row);
    if (truthAi !== undefined) {
      const family = row.local_name.startsWith('ai-labelled/') ? 'ai-labelled' : row.category;
      corpusScores.push({ score: scoreOf(last), positive: truthAi, family });
    }
    table.push(await tableRow(row, last, trusted));
  }

  // 3. Accuracy on the generated sets.
  const fixtures = await fixtureSets(det);
  const perFamily = (cases: (Scored & { family: string })[], negatives: (Scored & { family: string })[]): Record<string, unknown> =>
    Object.fromEntries([...new Set(cases.filter((c) => c.positive).map((c) => c.family))].map((f) => [f, metrics([...cases.filter((c) => c.positive && c.family === f), ...negatives])]));

  const body = {
    runs: RUNS,
    coldInit: { processes: cold, firstReadMsP50: r2(quantile(firsts, 0.5)), initMsP50: r2(quantile(inits, 0.5)), note: 'first read = dynamic import + initSync of the 9 MB wasm + one read of c2parst__CA.jpg' },
    speed: {
      files: perFile.length,
      detectorMsP50: r2(quantile(detMs, 0.5)),
      detectorMsP95: r2(quantile(detMs, 0.95)),
      ratioToSharpDecodeP50: r2(quantile(ratios, 0.5)),
      ratioToSharpDecodeP95: r2(quantile(ratios, 0.95)),
      perFile,
    },
    accuracy: {
      fixtures,
      corpus: { overall: metrics(corpusScores), perFamily: perFamily(corpusScores, corpusScores.filter((c) => !c.positive)) },
      iou: 'not applicable (file-level findings, no region)',
    },
    table,
  };
  const path = await writeResult('provenance', body);
  process.stdout.write(`cold init: first read p50 ${body.coldInit.firstReadMsP50} ms (initSync ${body.coldInit.initMsP50} ms)\n`);
  process.stdout.write(`per file: p50 ${body.speed.detectorMsP50} ms, p95 ${body.speed.detectorMsP95} ms; ratio to sharp decode p50 ${body.speed.ratioToSharpDecodeP50}, p95 ${body.speed.ratioToSharpDecodeP95}\n`);
  process.stdout.write(`accuracy fixtures ${JSON.stringify(Object.fromEntries(Object.entries(fixtures).map(([k, v]) => [k, v.overall])))}\ncorpus ${JSON.stringify(body.accuracy.corpus.overall)}\n${JSON.stringify(body.accuracy.corpus.perFamily)}\n`);
  const tablePath = await writeTable(table, fixtures);
  process.stdout.write(`\n${tableMarkdown(table)}\n${fixtureMarkdown(fixtures)}\nwrote ${path} and ${tablePath}\n`);
}

if (args.includes('--cold-child')) await coldChild();
else if (args.includes('--table')) await tableOnly();
else await main();
