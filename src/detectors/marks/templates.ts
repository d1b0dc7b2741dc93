import { STORED_TEMPLATES } from './data/templates';
import type { StoredTemplate } from './template-types';

export type { StoredTemplate };

/** A template ready for matching: coverage as floats 0..1 (1 = ink). */
export interface MarkTemplate extends Omit<StoredTemplate, 'data'> {
  /** Coverage 0..1, row-major, `width × height`. */
  coverage: Float32Array;
}

/** Unpack 4-bit coverage to 0..1 floats. */
export function unpackCoverage(data: string, width: number, height: number): Float32Array {
  const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
  const n = width * height;
  if (bytes.length !== Math.ceil(n / 2)) throw new Error(`template data holds ${bytes.length * 2} pixels, expected ${n}`);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = (i & 1 ? bytes[i >> 1] & 15 : bytes[i >> 1] >> 4) / 15;
  return out;
}

let decoded: MarkTemplate[] | undefined;

/**
 * The built-in templates, decoded once (a pure function of the stored data, so caching it at module level is safe).
 */
export function builtinTemplates(): readonly MarkTemplate[] {
  decoded ??= STORED_TEMPLATES.map(({ data, ...rest }) => ({ ...rest, coverage: unpackCoverage(data, rest.width, rest.height) }));
  return decoded;
}
