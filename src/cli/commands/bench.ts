import { writeFile } from 'node:fs/promises';
import { progressReporter } from '../../bench/progress';
import { runBench, type RunBenchOptions } from '../../bench/run';
import { formatResults } from '../../bench/table';
import { list, parseArgs, UsageError, type OptionSpec } from '../args';
import { EXIT, progressSink, type CliIO } from '../io';

/** Help text of `claimlens bench`. */
export const BENCH_HELP = `Usage: claimlens bench <manifest.json> [--out results.json] [--concurrency N] [--detectors a,b] [--json]

Run claimlens on every case of a fixture-set manifest and report accuracy (ROC-AUC, TPR at 1 % and 5 % FPR,
average precision) for the fused score and for each detector alone, per kind, and timings.

Options:
  -o, --out <file>          write the results JSON (schema: docs/bench.md)
  -n, --concurrency <N>     cases in flight on worker threads (default: number of CPU cores)
  -d, --detectors <a,b>     run only these built-in detectors (metadata, provenance, catalog, ela, jpeg, edits, noise, marks)
  -j, --json                print the results JSON on stdout instead of the table
      --strict              refuse a manifest that names missing files (default: those cases are reported as failed)
      --debug               print stack traces
  -h, --help                this help
Progress goes to stderr. Exit codes: 0 run completed (failed cases are in the results), 2 usage error,
3 invalid manifest.`;

const OPTIONS = {
  out: { type: 'string', short: 'o' },
  concurrency: { type: 'string', short: 'n' },
  detectors: { type: 'string', short: 'd', multiple: true },
  json: { type: 'boolean', short: 'j' },
  strict: { type: 'boolean' },
} as const satisfies Record<string, OptionSpec>;

/** `claimlens bench`. */
export async function benchCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs(argv, OPTIONS);
  if (values.help) {
    io.stdout(`${BENCH_HELP}\n`);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError(positionals.length ? 'bench takes exactly one manifest' : 'missing <manifest.json>');
  const options: RunBenchOptions = { missingFiles: values.strict ? 'error' : 'record' };
  const conc = values.concurrency;
  if (conc !== undefined) {
    if (!/^\d+$/.test(conc) || Number(conc) < 1) throw new UsageError(`--concurrency: expected a positive integer, received '${conc}'`);
    options.concurrency = Number(conc);
  }
  const det = list(values.detectors);
  if (det !== undefined) options.detectors = det;
  options.onProgress = progressReporter(progressSink(io), 'bench');
  const results = await runBench(positionals[0], options);
  if (results.counts.missingFiles.length) {
    for (const m of results.counts.missingFiles) io.stderr(`warning: case '${m.id}'.${m.field}: file not found: ${m.path}\n`);
  }
  if (results.run.fallbackReason) io.stderr(`note: ran in-process: ${results.run.fallbackReason}\n`);
  const json = `${JSON.stringify(results, null, 2)}\n`;
  const out = values.out;
  if (out) {
    await writeFile(out, json);
    io.stderr(`results written to ${out}\n`);
  }
  io.stdout(values.json ? json : formatResults(results));
  return EXIT.ok;
}
