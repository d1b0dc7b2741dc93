/** A parsed command line: positionals and `--flag value` / `--flag` options (repeatable ones collect arrays). */
export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string[]>;
}

/** Thrown for usage errors; the CLI prints the message and the command's help, and exits 2. */
export class UsageError extends Error {}

/**
 * Parse argv against the flags a command knows. `valueFlags` take a value, `boolFlags` do not.
 * @throws UsageError on an unknown flag or a missing value
 */
export function parseArgs(argv: readonly string[], valueFlags: readonly string[], boolFlags: readonly string[]): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = a.slice(2, eq < 0 ? undefined : eq);
      if (valueFlags.includes(name)) {
        const v = eq >= 0 ? a.slice(eq + 1) : argv[++i];
        if (v === undefined || (eq < 0 && v.startsWith('--'))) throw new UsageError(`--${name} needs a value`);
        flags.set(name, [...(flags.get(name) ?? []), v]);
      } else if (boolFlags.includes(name)) {
        flags.set(name, ['true']);
      } else {
        throw new UsageError(`unknown option --${name}`);
      }
    } else {
      positionals.push(a);
    }
  }
  return { positionals, flags };
}

/** The last value of a flag, or undefined. */
export function flag(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  return v?.[v.length - 1];
}
