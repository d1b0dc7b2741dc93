import { folderSeeds, generatedSeeds, runFuzz } from '../../bench/fuzz/run';
import { CORPUS_DIR, HAS_CORPUS } from '../helpers/corpus';

// The bounded CI campaign: 500 mutated inputs from generated seeds of every format plus the smaller files of the
// shared corpus (HEIC, C2PA, camera, AI). The full campaign is `npm run fuzz -- --n 10000`.
test('500 mutated files: every input ends in a Verdict or a ClaimlensError, no hang, no unhandled rejection', async () => {
  const seeds = [...(await generatedSeeds()), ...(HAS_CORPUS ? folderSeeds(CORPUS_DIR, 300_000, 40) : [])];
  if (!HAS_CORPUS) process.stderr.write(`[claimlens] shared corpus not found at ${CORPUS_DIR}: fuzzing generated seeds only\n`);
  const report = await runFuzz({ n: 500, seed: 20261126, seeds, budgetMs: 30_000 });
  expect(report.inputs).toBe(500);
  expect(report.crashes).toEqual([]);
  expect(report.hangs).toEqual([]);
  expect(report.unhandledRejections).toBe(0);
  expect(report.verdicts + Object.values(report.typedErrors).reduce((a, b) => a + b, 0)).toBe(500);
  // Both outcomes occur: the campaign is not trivially rejecting everything, nor accepting everything.
  expect(report.verdicts).toBeGreaterThan(50);
  expect(Object.keys(report.typedErrors).length).toBeGreaterThan(0);
}, 900_000);
