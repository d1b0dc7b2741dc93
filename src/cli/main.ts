#!/usr/bin/env node
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
  claimlens inspect <claim|->... [-c <img|fp.jsonl>]... [-j] [-o out] [-r report.html] [-l zh-CN]
                            [-d a,b] [-t 0.3,0.7] [--fail-on medium|high] [--ordered-at D] [--delivered-at D]
                            [--claimed-at D] [--timezone +08:00]
  claimlens fingerprint <img|->... [-o fingerprints.jsonl]
  claimlens bench <manifest.json> [-o results.json] [-n N] [-d a,b] [-j]
  claimlens demo [-o report.html] [-l zh-CN]
  claimlens --version

'claimlens <command> --help' (or 'claimlens help <command>') shows a command's options.`;

const COMMANDS: Record<string, { run: (argv: string[], io: CliIO) => Promise<number>; help: string }> = {
  inspect: { run: inspectCommand, help: INSPECT_HELP },
  fingerprint: { run: fingerprintCommand, help: FINGERPRINT_HELP },
  bench: { run: benchCommand, help: BENCH_HELP },
  demo: { run: demoCommand, help: DEMO_HELP },
};

/** Run the CLI with arguments (without node and script); returns the exit code. */
export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name) {
    io.stderr(`${MAIN_HELP}\n`);
    return EXIT.usage;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? rest[0] : undefined;
    if (topic !== undefined && !COMMANDS[topic]) {
      io.stderr(`claimlens: unknown command '${topic}'\n\n${MAIN_HELP}\n`);
      return EXIT.usage;
    }
    io.stdout(`${topic ? COMMANDS[topic].help : MAIN_HELP}\n`);
    return EXIT.ok;
  }
  if (name === '--version' || name === '-v' || name === '-V') {
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
    // A usage error shows the command's usage line, not its whole help.
    return reportError(e, io, e instanceof UsageError ? `${cmd.help.split('\n')[0]}\n'claimlens ${name} --help' lists the options.` : undefined);
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
  const io: CliIO = {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    stdin: process.stdin,
    stderrIsTTY: Boolean(process.stderr.isTTY),
    debug: argv.includes('--debug'),
  };
  main(argv, io).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.exitCode = reportError(e, io);
    },
  );
}
