import { parseArgs as nodeParseArgs } from 'node:util';

/** Thrown for usage errors; the CLI prints the message and the command's help on stderr, and exits 2. */
export class UsageError extends Error {}

/** One option of a command, as `node:util` `parseArgs` declares it. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
}

/** Options every command accepts. */
export const COMMON_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  debug: { type: 'boolean' },
} as const satisfies Record<string, OptionSpec>;

/** The values `parseArgs` gives back for a spec: strings (arrays when `multiple`) and booleans. */
export type OptionValues<S extends Record<string, OptionSpec>> = {
  [K in keyof S]?: S[K]['type'] extends 'boolean' ? boolean : S[K]['multiple'] extends true ? string[] : string;
};

/** A parsed command line. */
export interface ParsedArgs<S extends Record<string, OptionSpec>> {
  values: OptionValues<S & typeof COMMON_OPTIONS>;
  positionals: string[];
}

/**
 * Parse argv with `node:util` `parseArgs` (strict: unknown options and missing values are errors; `--` ends the
 * options; a lone `-` is a positional, i.e. stdin). Its error messages are rewritten in the CLI's own words.
 * @throws UsageError on an unknown option, a missing value or a value given to a flag
 */
export function parseArgs<S extends Record<string, OptionSpec>>(argv: readonly string[], options: S): ParsedArgs<S> {
  try {
    const { values, positionals } = nodeParseArgs({ args: [...argv], options: { ...COMMON_OPTIONS, ...options }, allowPositionals: true, strict: true });
    return { values, positionals };
  } catch (e) {
    throw new UsageError(usageMessage(e));
  }
}

/** `parseArgs`'s messages are long and suggest quoting tricks; say what was wrong and name the option. */
function usageMessage(e: unknown): string {
  const err = e as { code?: string; message?: string };
  const msg = err.message ?? String(e);
  const option = /--[\w-]+/.exec(msg)?.[0] ?? /'(-\w)/.exec(msg)?.[1] ?? '';
  if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${option}`;
  if (err.code !== 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return msg;
  if (/does not take an argument/.test(msg)) return `${option} takes no value`;
  if (/ambiguous/.test(msg)) return `${option}: a value starting with '-' must be written ${option}=<value>`;
  return `${option} needs a value`;
}

/** The last value of a repeatable string option, or undefined (a later `--locale` overrides an earlier one). */
export function last(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[v.length - 1] : v;
}

/** A comma-separated list option (`--detectors a,b` or `--detectors a --detectors b`) as distinct, trimmed names. */
export function list(v: string | string[] | undefined): string[] | undefined {
  if (v === undefined) return undefined;
  const items = (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
  return [...new Set(items)];
}

/**
 * `--timezone`: the buyer's UTC offset as `+08:00`, `+0800`, `-05:30`, `Z`/`UTC`, or whole minutes (`480`, `-300`).
 * @throws UsageError for anything else
 */
export function parseTimezone(v: string): number {
  if (/^(z|utc)$/i.test(v)) return 0;
  // Plain whole minutes have no sign or a minus and at most 3 digits (|offset| ≤ 840); '+0800' is hours and minutes.
  if (/^-?\d{1,3}$/.test(v)) return Number(v);
  const m = /^(?:UTC)?([+-])(\d{2}):?(\d{2})$/i.exec(v);
  if (!m) throw new UsageError(`--timezone: expected a UTC offset such as +08:00, -05:30, Z or minutes (480), received '${v}'`);
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/**
 * `--thresholds`: `0.3,0.7` (medium, high) or `medium=0.3,high=0.7` (either may be left out). The values are
 * checked by the inspector like any `thresholds` option.
 * @throws UsageError when the text cannot be read as thresholds
 */
export function parseThresholds(v: string): { medium?: number; high?: number } {
  const parts = v.split(',').map((s) => s.trim());
  const num = (s: string): number => {
    if (!/^\d*\.?\d+$/.test(s)) throw new UsageError(`--thresholds: expected numbers such as 0.3,0.7 or medium=0.3,high=0.7, received '${v}'`);
    return Number(s);
  };
  if (parts.every((p) => !p.includes('='))) {
    if (parts.length !== 2) throw new UsageError(`--thresholds: expected two numbers (medium,high), received '${v}'`);
    return { medium: num(parts[0]), high: num(parts[1]) };
  }
  const out: { medium?: number; high?: number } = {};
  for (const p of parts) {
    const [key, value = ''] = p.split('=');
    if (key !== 'medium' && key !== 'high') throw new UsageError(`--thresholds: unknown threshold '${key}' (known: medium, high)`);
    out[key] = num(value);
  }
  return out;
}
