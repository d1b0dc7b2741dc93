import { isClaimlensError } from '../errors';
import { UsageError } from './args';

/**
 * Exit codes of the CLI. `unusableInput` wins over `riskReached` when a run has both (the claims that could not be
 * read were not judged at all); `failure` is an unexpected internal error.
 */
export const EXIT = { ok: 0, failure: 1, usage: 2, unusableInput: 3, riskReached: 4 } as const;

/** Where the CLI reads and writes; injectable so tests can run commands in-process. */
export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Standard input, for the `-` argument. @default none: `-` finds no bytes */
  stdin?: AsyncIterable<Uint8Array>;
  /** Whether stderr is a terminal (progress is redrawn in place on a terminal, printed as lines otherwise). */
  stderrIsTTY?: boolean;
  debug: boolean;
}

/** Progress goes to stderr, redrawn in place on a terminal. */
export function progressSink(io: CliIO): { write: (s: string) => void; isTTY: boolean } {
  return { write: io.stderr, isTTY: io.stderrIsTTY ?? false };
}

/** An error as the CLI reports it: a stable code and a message (ClaimlensError codes; `INTERNAL` otherwise). */
export function errorInfo(e: unknown): { code: string; message: string } {
  if (isClaimlensError(e)) return { code: e.code, message: e.message };
  return { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) };
}

/** The exit code an error stands for. */
export function exitCodeOf(e: unknown): number {
  if (e instanceof UsageError) return EXIT.usage;
  if (isClaimlensError(e)) return e.code === 'INVALID_OPTIONS' ? EXIT.usage : EXIT.unusableInput;
  return EXIT.failure;
}

/** Map an error to a message on stderr and an exit code (no stack trace unless --debug); `usage` follows a usage error. */
export function reportError(e: unknown, io: CliIO, usage?: string): number {
  if (e instanceof UsageError) {
    io.stderr(`claimlens: ${e.message}\n${usage ? `\n${usage}\n` : ''}`);
    return EXIT.usage;
  }
  const { code, message } = errorInfo(e);
  io.stderr(code === 'INTERNAL' ? `claimlens: unexpected error: ${message}\n` : `claimlens: ${code}: ${message}\n`);
  if (io.debug && e instanceof Error && e.stack) io.stderr(`${e.stack}\n`);
  return exitCodeOf(e);
}
