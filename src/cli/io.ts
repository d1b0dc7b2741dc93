import { isClaimlensError } from '../errors';
import { UsageError } from './args';

/** Exit codes of the CLI. */
export const EXIT = { ok: 0, failure: 1, usage: 2, unusableInput: 3 } as const;

/** Where the CLI writes; injectable so tests can run commands in-process. */
export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  debug: boolean;
}

/** Map an error to a message on stderr and an exit code (no stack trace unless --debug). */
export function reportError(e: unknown, io: CliIO, help?: string): number {
  if (e instanceof UsageError) {
    io.stderr(`claimlens: ${e.message}\n${help ? `\n${help}\n` : ''}`);
    return EXIT.usage;
  }
  if (isClaimlensError(e)) {
    io.stderr(`claimlens: ${e.code}: ${e.message}\n`);
    if (io.debug && e.stack) io.stderr(`${e.stack}\n`);
    return e.code === 'INVALID_OPTIONS' ? EXIT.usage : EXIT.unusableInput;
  }
  io.stderr(`claimlens: unexpected error: ${e instanceof Error ? e.message : String(e)}\n`);
  if (io.debug && e instanceof Error && e.stack) io.stderr(`${e.stack}\n`);
  return EXIT.failure;
}
