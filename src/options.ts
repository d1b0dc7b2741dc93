import { invalidOption } from './errors';
import { is, knownKeys, numberAt } from './validate';
import { DEFAULT_LIMITS } from './loader/image';
import { LOCALES } from './messages';
import { isCatalogFingerprint } from './catalog-fingerprint';
import type {
  CatalogInput, ClaimContext, ContextDate, Detector, HeicDecoder, InspectOptions, InspectorOptions, Limits, Locale,
  NormalizedContext, Thresholds,
} from './types';
import { DEFAULT_PRIOR } from './fusion/weights';

/** Default risk thresholds (DESIGN.md). */
export const DEFAULT_THRESHOLDS: Required<Thresholds> = { medium: 0.3, high: 0.7 };
/** Default per-detector time budget in milliseconds. */
export const DEFAULT_DETECTOR_TIMEOUT_MS = 30_000;

/** `InspectorOptions` after validation, with every default filled in. */
export interface NormalizedInspectorOptions {
  detectors: Detector[] | undefined;
  thresholds: Required<Thresholds>;
  limits: Required<Limits>;
  prior: number;
  detectorTimeoutMs: number;
  defaults: InspectOptions;
  /** `undefined`: the optional `heic-decode` when installed; null: off; a function: that decoder. */
  heicDecoder: HeicDecoder | null | undefined;
}

/** `InspectOptions` after validation. */
export interface NormalizedInspectOptions {
  catalog: CatalogInput[];
  context: NormalizedContext;
  locale: Locale;
  artifacts: boolean;
  signal: AbortSignal | undefined;
}

const isPlainObject = is.plainObject;
const checkKeys = knownKeys;

function positiveInt(path: string, v: unknown, fallback: number): number {
  return numberAt(path, v, fallback, { integer: true, min: 0, minExclusive: true });
}

/**
 * Validate inspector options once (createInspector), with messages that name the field, the expectation and
 * what arrived.
 * @throws ClaimlensError INVALID_OPTIONS
 */
export function normalizeInspectorOptions(options: InspectorOptions | undefined): NormalizedInspectorOptions {
  const o: unknown = options ?? {};
  if (!isPlainObject(o)) throw invalidOption('options', 'an object', o);
  checkKeys('options', o, ['detectors', 'thresholds', 'limits', 'prior', 'detectorTimeoutMs', 'defaults', 'heicDecoder']);
  let detectors: Detector[] | undefined;
  if (o.detectors !== undefined) {
    if (!Array.isArray(o.detectors) || o.detectors.length === 0) throw invalidOption('options.detectors', 'a non-empty array of detectors', o.detectors);
    const names = new Set<string>();
    detectors = o.detectors.map((d: unknown, i) => {
      if (!isPlainObject(d) || typeof d.name !== 'string' || typeof d.run !== 'function') {
        throw invalidOption(`options.detectors[${i}]`, 'a detector { name, run(subject) }', d);
      }
      if (names.has(d.name)) throw invalidOption(`options.detectors[${i}].name`, 'a name not used by another detector', d.name);
      names.add(d.name);
      return d as unknown as Detector;
    });
  }
  const t = o.thresholds ?? {};
  if (!isPlainObject(t)) throw invalidOption('options.thresholds', 'an object { medium, high }', t);
  checkKeys('options.thresholds', t, ['medium', 'high']);
  const medium = t.medium ?? DEFAULT_THRESHOLDS.medium;
  const high = t.high ?? DEFAULT_THRESHOLDS.high;
  if (typeof medium !== 'number' || !(medium > 0 && medium < 1)) throw invalidOption('options.thresholds.medium', 'a number between 0 and 1', medium);
  if (typeof high !== 'number' || !(high > 0 && high < 1)) throw invalidOption('options.thresholds.high', 'a number between 0 and 1', high);
  if (!(medium < high)) throw invalidOption('options.thresholds.high', `a number greater than thresholds.medium (${medium})`, high);
  const l = o.limits ?? {};
  if (!isPlainObject(l)) throw invalidOption('options.limits', 'an object { maxBytes, maxPixels }', l);
  checkKeys('options.limits', l, ['maxBytes', 'maxPixels']);
  const limits = {
    maxBytes: positiveInt('options.limits.maxBytes', l.maxBytes, DEFAULT_LIMITS.maxBytes),
    maxPixels: positiveInt('options.limits.maxPixels', l.maxPixels, DEFAULT_LIMITS.maxPixels),
  };
  const prior = o.prior ?? DEFAULT_PRIOR;
  if (typeof prior !== 'number' || !Number.isFinite(prior)) throw invalidOption('options.prior', 'a finite number (log-odds)', prior);
  const detectorTimeoutMs = positiveInt('options.detectorTimeoutMs', o.detectorTimeoutMs, DEFAULT_DETECTOR_TIMEOUT_MS);
  const defaults = o.defaults ?? {};
  if (!isPlainObject(defaults)) throw invalidOption('options.defaults', 'an object of inspect options', defaults);
  const heicDecoder = o.heicDecoder;
  if (heicDecoder !== undefined && heicDecoder !== null && typeof heicDecoder !== 'function') {
    throw invalidOption('options.heicDecoder', 'a function (bytes, maxPixels) => Promise<{ width, height, channels, data }>, or null', heicDecoder);
  }
  return { detectors, thresholds: { medium, high }, limits, prior, detectorTimeoutMs, defaults, heicDecoder: heicDecoder as HeicDecoder | null | undefined };
}

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Parse an ISO 8601 date, a `Date` or epoch milliseconds. A string without an offset is read as UTC and marked
 * `hasOffset: false` so that comparisons can widen their margin or apply the context's time zone.
 * @throws ClaimlensError INVALID_OPTIONS
 */
export function parseContextDate(path: string, v: unknown, tzOffsetMinutes?: number): ContextDate {
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) throw invalidOption(path, 'a valid Date', v);
    return { ms: v.getTime(), input: v.toISOString(), hasOffset: true };
  }
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw invalidOption(path, 'epoch milliseconds (a finite number)', v);
    return { ms: v, input: new Date(v).toISOString(), hasOffset: true };
  }
  if (typeof v !== 'string') throw invalidOption(path, 'an ISO 8601 date, a Date or epoch milliseconds', v);
  const m = ISO_RE.exec(v.trim());
  if (!m) throw invalidOption(path, 'an ISO 8601 date', v);
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0', off] = m;
  const Y = Number(y), M = Number(mo), D = Number(d), H = Number(h), MI = Number(mi), S = Number(s);
  const utc = Date.UTC(Y, M - 1, D, H, MI, S, Math.round(Number(`0.${frac}`) * 1000));
  const check = new Date(utc);
  if (M < 1 || M > 12 || check.getUTCDate() !== D || check.getUTCMonth() !== M - 1 || H > 23 || MI > 59 || S > 60) {
    throw invalidOption(path, 'an ISO 8601 date', v);
  }
  let offsetMin = 0;
  let hasOffset = false;
  if (off && off !== 'Z') {
    const sign = off[0] === '-' ? -1 : 1;
    const digits = off.slice(1).replace(':', '');
    offsetMin = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
    hasOffset = true;
  } else if (off === 'Z') {
    hasOffset = true;
  } else if (tzOffsetMinutes !== undefined) {
    offsetMin = tzOffsetMinutes;
    hasOffset = true;
  }
  return { ms: utc - offsetMin * 60_000, input: v, hasOffset };
}

function normalizeContext(c: unknown): NormalizedContext {
  if (c === undefined) return {};
  if (!isPlainObject(c)) throw invalidOption('options.context', 'an object { orderedAt, deliveredAt, claimedAt }', c);
  checkKeys('options.context', c, ['orderedAt', 'deliveredAt', 'claimedAt', 'timezoneOffsetMinutes']);
  const ctx = c as ClaimContext;
  const out: NormalizedContext = {};
  if (ctx.timezoneOffsetMinutes !== undefined) {
    const tz = ctx.timezoneOffsetMinutes as unknown;
    if (typeof tz !== 'number' || !Number.isInteger(tz) || Math.abs(tz) > 14 * 60) {
      throw invalidOption('options.context.timezoneOffsetMinutes', 'whole minutes between -840 and 840', tz);
    }
    out.timezoneOffsetMinutes = tz;
  }
  for (const k of ['orderedAt', 'deliveredAt', 'claimedAt'] as const) {
    if (ctx[k] !== undefined) out[k] = parseContextDate(`options.context.${k}`, ctx[k], out.timezoneOffsetMinutes);
  }
  if (out.orderedAt && out.deliveredAt && out.deliveredAt.ms < out.orderedAt.ms) {
    throw invalidOption('options.context.deliveredAt', `a date not before orderedAt (${out.orderedAt.input})`, out.deliveredAt.input);
  }
  return out;
}

/**
 * Validate and merge per-call options over the inspector's defaults.
 * @throws ClaimlensError INVALID_OPTIONS
 */
export function normalizeInspectOptions(options: InspectOptions | undefined, defaults: InspectOptions = {}): NormalizedInspectOptions {
  const given: unknown = options ?? {};
  if (!isPlainObject(given)) throw invalidOption('options', 'an object', given);
  checkKeys('options', given, ['catalog', 'context', 'locale', 'artifacts', 'signal']);
  const o = { ...defaults, ...(given as InspectOptions) };
  const catalog = o.catalog ?? [];
  if (!Array.isArray(catalog)) throw invalidOption('options.catalog', 'an array of images (bytes or paths) or fingerprints', catalog);
  catalog.forEach((entry: unknown, i) => {
    if (entry instanceof Uint8Array || (typeof entry === 'string' && entry.length > 0) || isCatalogFingerprint(entry)) return;
    throw invalidOption(`options.catalog[${i}]`, 'image bytes (Uint8Array), a file path or a CatalogFingerprint', entry);
  });
  const locale = o.locale ?? 'en';
  if (!(LOCALES as readonly unknown[]).includes(locale)) throw invalidOption('options.locale', `one of ${LOCALES.map((l) => `'${l}'`).join(', ')}`, locale);
  const artifacts = o.artifacts ?? false;
  if (typeof artifacts !== 'boolean') throw invalidOption('options.artifacts', 'a boolean', artifacts);
  if (o.signal !== undefined && !(o.signal instanceof AbortSignal)) throw invalidOption('options.signal', 'an AbortSignal', o.signal);
  return { catalog, context: normalizeContext(o.context), locale, artifacts, signal: o.signal };
}
