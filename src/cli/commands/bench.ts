import { EXIT, type CliIO } from '../io';

/** Help text of `claimlens bench`. */
export const BENCH_HELP = `Usage: claimlens bench <manifest.json> [--out results.json] [--concurrency N] [--detectors a,b] [--json]`;

/** `claimlens bench` (lands with the benchmark issue). */
export function benchCommand(argv: string[], io: CliIO): Promise<number> {
  void argv;
  io.stderr('claimlens: bench is not implemented yet\n');
  return Promise.resolve(EXIT.failure);
}
