import { progressReporter } from '../../bench/progress';
import { fingerprint } from '../../detectors/catalog/fingerprint';
import { DEFAULT_LIMITS } from '../../loader/image';
import { parseArgs, UsageError, type OptionSpec } from '../args';
import { errorInfo, EXIT, exitCodeOf, progressSink, type CliIO } from '../io';
import { openOutput } from '../output';
import { readStdin } from '../stdin';

/** Help text of `claimlens fingerprint`. */
export const FINGERPRINT_HELP = `Usage: claimlens fingerprint <img|->... [-o fingerprints.jsonl]

Fingerprint seller catalog photos once, at listing time. Writes one CatalogFingerprint JSON per line (JSON Lines),
in the order given; store it and pass it back with 'claimlens inspect --catalog fingerprints.jsonl'.
'-' reads one image from stdin.

Options:
  -o, --out <file>   write the fingerprints there instead of stdout
      --debug        print stack traces
  -h, --help         this help
An unusable image is reported on stderr (the file stays valid JSON Lines) and the others are still written.
Exit codes: 0 every image fingerprinted, 2 usage error, 3 at least one image was unusable, 1 unexpected error.`;

const OPTIONS = { out: { type: 'string', short: 'o' } } as const satisfies Record<string, OptionSpec>;

/** `claimlens fingerprint`. */
export async function fingerprintCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals: files } = parseArgs(argv, OPTIONS);
  if (values.help) {
    io.stdout(`${FINGERPRINT_HELP}\n`);
    return EXIT.ok;
  }
  if (files.length === 0) throw new UsageError('missing <img>');
  if (files.filter((f) => f === '-').length > 1) throw new UsageError("'-' (stdin) can be given only once");
  const progress = files.length >= 4 ? progressReporter(progressSink(io), 'fingerprint') : undefined;
  const out = openOutput(values.out, io);
  const started = performance.now();
  let failed = 0;
  let worst: number = EXIT.ok;
  try {
    for (const [i, file] of files.entries()) {
      try {
        const image = file === '-' ? await readStdin(io.stdin, DEFAULT_LIMITS.maxBytes) : file;
        out.write(`${JSON.stringify(await fingerprint(image))}\n`);
      } catch (e) {
        failed++;
        const { code, message } = errorInfo(e);
        io.stderr(`claimlens: ${file}: ${code === 'INTERNAL' ? 'unexpected error' : code}: ${message}\n`);
        if (io.debug && e instanceof Error && e.stack) io.stderr(`${e.stack}\n`);
        const exit = exitCodeOf(e);
        if (exit === EXIT.failure || worst === EXIT.ok) worst = exit;
      }
      progress?.({ done: i + 1, total: files.length, failed, elapsedMs: performance.now() - started, id: file });
    }
  } finally {
    out.close();
  }
  return worst;
}
