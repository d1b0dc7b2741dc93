import { VERSION } from '../version';
import { UsageError } from './args';
import { benchCommand, BENCH_HELP } from './commands/bench';
import { demoCommand, DEMO_HELP } from './commands/demo';
import { fingerprintCommand, FINGERPRINT_HELP } from './commands/fingerprint';
import { inspectCommand, INSPECT_HELP } from './commands/inspect';
import { EXIT, reportError, type CliIO } from './io';

/** Top-level help. */
export const MAIN_HELP = `claimlens ${VERSION}: is a refund-claim photo real evidence, or fabricated?

Usage:
  claimlens inspect <claim> [--catalog <img>]... [--json] [--report out.html] [--locale zh-CN]
                            [--ordered-at D] [--delivered-at D] [--claimed-at D]
  claimlens fingerprint <img>...
  claimlens bench <manifest.json> [--out results.json] [--concurrency N]
  claimlens demo [--out report.html]

'claimlens <command> --help' shows a command's options.`;

const COMMANDS: Record<string, { run: (argv: string[], io: CliIO) => Promise<number>; help: string }> = {
  inspect: { run: inspectCommand, help: INSPECT_HELP },
  fingerprint: { run: fingerprintCommand, help: FINGERPRINT_HELP },
  bench: { run: benchCommand, help: BENCH_HELP },
  demo: { run: demoCommand, help: DEMO_HELP },
};

/** Run the CLI with arguments (without node and script); returns the exit code. */
export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(`${MAIN_HELP}\n`);
    return name ? EXIT.ok : EXIT.usage;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${VERSION}\n`);
    return EXIT.ok;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    io.stderr(`claimlens: unknown command '${name}'\n\n${MAIN_HELP}\n`);
    return EXIT.usage;
  }
  try {
    return await cmd.run(rest, io);
  } catch (e) {
    return reportError(e, io, e instanceof UsageError ? cmd.help : undefined);
  }
}

const isEntry = (() => {
  try {
    const self = new URL(import.meta.url).pathname;
    const argv1 = process.argv[1] ?? '';
    return /(?:^|[\\/])(cli\.js|main\.ts|claimlens)$/.test(argv1) || self === argv1;
  } catch {
    return false;
  }
})();

if (isEntry) {
  const argv = process.argv.slice(2);
  const io: CliIO = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s), debug: argv.includes('--debug') };
  main(argv, io).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.exitCode = reportError(e, io);
    },
  );
}
