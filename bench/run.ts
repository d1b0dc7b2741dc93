/**
 * `npm run bench`: runs `runBench` on every fixture set under fixtures/out/<set>/manifest.json (the generators of
 * each detector write them there) plus the shared-corpus manifest (regenerated from ../shared/corpus/MANIFEST.tsv
 * when missing), writes bench/out/<set>.json and prints each set's table.
 *
 * Usage: npx tsx bench/run.ts [--only set1,set2] [--concurrency N] [--detectors a,b]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { progressReporter } from '../src/bench/progress';
import { runBench, type RunBenchOptions } from '../src/bench/run';
import { formatResults } from '../src/bench/table';
import { OUT_DIR } from './lib';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
const SETS = join(REPO, 'fixtures', 'out');
const CORPUS = join(REPO, '..', 'shared', 'corpus', 'MANIFEST.tsv');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const corpusManifest = join(SETS, 'corpus', 'manifest.json');
  if (!existsSync(corpusManifest) && existsSync(CORPUS)) {
    execFileSync(process.execPath, ['--import', 'tsx', join(REPO, 'fixtures', 'generate', 'corpus-manifest.ts')], { stdio: 'inherit', cwd: REPO });
  }
  const only = arg('only')?.split(',');
  const sets = existsSync(SETS)
    ? readdirSync(SETS)
        // existsSync follows symbolic links: a set may be a link to a folder elsewhere.
        .filter((name) => existsSync(join(SETS, name, 'manifest.json')))
        .filter((n) => !only || only.includes(n))
        .sort()
    : [];
  if (sets.length === 0) {
    process.stderr.write(`no fixture sets under ${SETS}${only ? ` matching ${only.join(',')}` : ''}: run the fixture generators first\n`);
    process.exitCode = 1;
    return;
  }
  const options: RunBenchOptions = {};
  const conc = arg('concurrency');
  if (conc) options.concurrency = Number(conc);
  const det = arg('detectors');
  if (det) options.detectors = det.split(',');
  await mkdir(OUT_DIR, { recursive: true });
  for (const set of sets) {
    const results = await runBench(join(SETS, set, 'manifest.json'), { ...options, onProgress: progressReporter(process.stderr, set) });
    const path = join(OUT_DIR, `${set}.json`);
    await writeFile(path, `${JSON.stringify(results, null, 2)}\n`);
    process.stdout.write(`\n${formatResults(results)}→ ${path}\n`);
  }
}

void main();
