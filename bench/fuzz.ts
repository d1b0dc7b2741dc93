/**
 * `npm run fuzz -- --n 10000 [--seed 1]`: the full fuzz campaign over generated seeds and the shared corpus.
 * Writes bench/out/fuzz.json; inputs that crashed or hung are saved under bench/out/fuzz-failures/ to become
 * regression fixtures.
 */
import { join } from 'node:path';
import { folderSeeds, generatedSeeds, runFuzz } from './fuzz/run';
import { OUT_DIR, writeResult } from './lib';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};

const n = arg('n', 2000);
const seed = arg('seed', 1);
const corpus = join(process.cwd(), '..', 'shared', 'corpus');
const seeds = [...(await generatedSeeds()), ...folderSeeds(corpus)];
const t0 = Date.now();
const report = await runFuzz({
  n, seed, seeds, failuresDir: join(OUT_DIR, 'fuzz-failures'),
  onProgress: (done) => {
    if (done % 250 === 0 || done === n) process.stderr.write(`fuzz: ${done}/${n} inputs, ${Math.round((Date.now() - t0) / 1000)} s\n`);
  },
});
const path = await writeResult('fuzz', { seconds: Math.round((Date.now() - t0) / 1000), report });
const { crashes, hangs, rss, ...summary } = report;
process.stdout.write(`${JSON.stringify({ ...summary, seeds: report.seeds.length, crashes: crashes.length, hangs: hangs.length, rssFirstLast: [rss[0], rss[rss.length - 1]] }, null, 2)}\n${path}\n`);
process.exitCode = crashes.length || hangs.length || report.unhandledRejections ? 1 : 0;
