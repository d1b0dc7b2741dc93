/**
 * Option validation in the style of sharp's `lib/is.mjs`: tiny type predicates (`is.*`) and one error factory
 * (`invalidOption` in errors.ts). Every message names the dotted path of the option, what was expected and what
 * arrived with its type ("noise.threshold: expected a number in (0, 10], received '1' (string)"), and every error
 * is a `ClaimlensError('INVALID_OPTIONS')` with `details: { path, expected, received }`. Used by the inspector's
 * options and by every detector factory, at creation, before any work starts.
 */
import { invalidOption } from './errors';

/** Type predicates. */
export const is = {
  /** A plain options object: not null, an array, bytes or a Date. */
  plainObject: (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array) && !(v instanceof Date),
  /** A boolean. */
  bool: (v: unknown): v is boolean => typeof v === 'boolean',
  /** A finite number. */
  number: (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v),
  /** An integer. */
  integer: (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v),
  /** A string. */
  string: (v: unknown): v is string => typeof v === 'string',
};

/**
 * The options object at `path` with only `known` keys: `undefined` gives `{}`; anything but a plain object, and any
 * unknown key (a misspelt option must not be ignored silently), is rejected.
 * @throws ClaimlensError INVALID_OPTIONS
 */
export function optionsAt(path: string, value: unknown, known: readonly string[]): Record<string, unknown> {
  if (value === undefined) return {};
  if (!is.plainObject(value)) throw invalidOption(path, 'an options object', value);
  knownKeys(path, value, known);
  return value;
}

/**
 * Reject any key of `obj` not in `known`, naming it by its dotted path.
 * @throws ClaimlensError INVALID_OPTIONS
 */
export function knownKeys(path: string, obj: Record<string, unknown>, known: readonly string[]): void {
  for (const k of Object.keys(obj)) {
    if (!known.includes(k)) throw invalidOption(`${path}.${k}`, known.length ? `a known option name (${known.join(', ')})` : 'no options', obj[k]);
  }
}

/**
 * A boolean option, `fallback` when undefined.
 * @throws ClaimlensError INVALID_OPTIONS
 */
export function boolAt(path: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (!is.bool(value)) throw invalidOption(path, 'a boolean', value);
  return value;
}

/** Bounds of a numeric option. */
export interface NumberRule {
  /** Smallest allowed value (inclusive unless `minExclusive`). */
  min?: number;
  minExclusive?: boolean;
  /** Largest allowed value (inclusive unless `maxExclusive`). */
  max?: number;
  maxExclusive?: boolean;
  /** Only integers. */
  integer?: boolean;
  /** Extra condition (e.g. a multiple of 8), described by `expected`. */
  test?: (n: number) => boolean;
  /** The expectation as stated in messages; derived from the bounds when absent. */
  expected?: string;
}

/** The rule of a share or score in (0, 1]. */
export const UNIT_INTERVAL: NumberRule = { min: 0, minExclusive: true, max: 1 };

/** "a number in (0, 1]", "an integer from 50 to 100", "a positive number"… from a rule. */
export function describeRule(r: NumberRule): string {
  const kind = r.integer ? 'an integer' : 'a number';
  if (r.min !== undefined && r.max !== undefined) {
    if (r.integer && !r.minExclusive && !r.maxExclusive) return `${kind} from ${r.min} to ${r.max}`;
    return `${kind} in ${r.minExclusive ? '(' : '['}${r.min}, ${r.max}${r.maxExclusive ? ')' : ']'}`;
  }
  if (r.min === 0 && r.minExclusive) return r.integer ? 'a positive integer' : 'a positive number';
  if (r.min !== undefined) return `${kind} ${r.minExclusive ? '>' : '≥'} ${r.min}`;
  if (r.max !== undefined) return `${kind} ${r.maxExclusive ? '<' : '≤'} ${r.max}`;
  return r.integer ? 'an integer' : 'a finite number';
}

/**
 * A numeric option within `rule`, `fallback` when undefined.
 * @throws ClaimlensError INVALID_OPTIONS
 */
export function numberAt(path: string, value: unknown, fallback: number, rule: NumberRule = {}): number {
  if (value === undefined) return fallback;
  const ok =
    is.number(value) &&
    (!rule.integer || Number.isInteger(value)) &&
    (rule.min === undefined || (rule.minExclusive ? value > rule.min : value >= rule.min)) &&
    (rule.max === undefined || (rule.maxExclusive ? value < rule.max : value <= rule.max)) &&
    (!rule.test || rule.test(value));
  if (!ok) throw invalidOption(path, rule.expected ?? describeRule(rule), value);
  return value;
}
