import { closeSync, openSync, writeSync } from 'node:fs';
import { UsageError } from './args';
import type { CliIO } from './io';

/** Where a command writes its results: stdout, or the `-o/--out` file (written as results arrive, not buffered). */
export interface Output {
  write(s: string): void;
  close(): void;
}

/**
 * Open the results output: stdout when `path` is undefined or `-`.
 * @throws UsageError when the file cannot be created
 */
export function openOutput(path: string | undefined, io: CliIO): Output {
  if (path === undefined || path === '-') return { write: io.stdout, close: () => undefined };
  let fd: number;
  try {
    fd = openSync(path, 'w');
  } catch (e) {
    throw new UsageError(`--out ${path}: cannot write (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  return {
    write: (s) => void writeSync(fd, s),
    close: () => closeSync(fd),
  };
}
