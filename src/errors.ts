/**
 * The one error class claimlens throws to callers. Detector failures are never thrown: they become
 * `status: 'error'` in the detector's report.
 */

/** Why an input or an option was refused. */
export type ClaimlensErrorCode =
  | 'UNSUPPORTED_FORMAT'
  | 'TOO_LARGE'
  | 'CORRUPT_IMAGE'
  | 'UNREADABLE_INPUT'
  | 'INVALID_OPTIONS'
  | 'INVALID_MANIFEST';

const BRAND = Symbol.for('claimlens.error');

/** Every error code, for validation and exhaustive handling. */
export const CLAIMLENS_ERROR_CODES: readonly ClaimlensErrorCode[] = [
  'UNSUPPORTED_FORMAT',
  'TOO_LARGE',
  'CORRUPT_IMAGE',
  'UNREADABLE_INPUT',
  'INVALID_OPTIONS',
  'INVALID_MANIFEST',
];

/**
 * An input claimlens cannot use, or an invalid option. `details` carries the facts (e.g. `{ limit, actual }`).
 *
 * @example
 * try { await inspect(bytes) } catch (e) { if (isClaimlensError(e) && e.code === 'TOO_LARGE') reject(e.message) }
 */
export class ClaimlensError extends Error {
  /** Machine-readable reason. */
  readonly code: ClaimlensErrorCode;
  /** The facts behind the message, JSON-serialisable. */
  readonly details: Record<string, unknown>;

  constructor(code: ClaimlensErrorCode, message: string, details: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ClaimlensError';
    this.code = code;
    this.details = details;
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/**
 * True for a `ClaimlensError`, also one that crossed a worker boundary (structured clone drops the prototype,
 * so this matches by name and code, not only by `instanceof`).
 */
export function isClaimlensError(value: unknown): value is ClaimlensError {
  if (value instanceof ClaimlensError) return true;
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { name?: unknown; code?: unknown };
  return v.name === 'ClaimlensError' && typeof v.code === 'string' && (CLAIMLENS_ERROR_CODES as readonly string[]).includes(v.code);
}

/** Describe a received value for an error message: `'2026-13-01' (string)`, `42 (number)`, `an object`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return `'${value.length > 60 ? `${value.slice(0, 57)}...` : value}' (string)`;
  if (typeof value === 'number' || typeof value === 'boolean') return `${String(value)} (${typeof value})`;
  if (value instanceof Uint8Array) return `${value.constructor.name} of ${value.length} bytes`;
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value instanceof Date) return `Date(${Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString()})`;
  return `${typeof value === 'object' ? 'an object' : typeof value}`;
}

/** An `INVALID_OPTIONS` error in the uniform form "path: expected X, received Y". */
export function invalidOption(path: string, expected: string, received: unknown): ClaimlensError {
  return new ClaimlensError('INVALID_OPTIONS', `${path}: expected ${expected}, received ${describeValue(received)}`, {
    path,
    expected,
    received: describeValue(received),
  });
}
