import { normalizeInspectOptions, normalizeInspectorOptions, parseContextDate } from '../src/options';
import { ClaimlensError } from '../src/errors';

function message(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ClaimlensError);
    expect((e as ClaimlensError).code).toBe('INVALID_OPTIONS');
    return (e as Error).message;
  }
  throw new Error('expected INVALID_OPTIONS');
}

describe('context dates', () => {
  test('ISO with offset, Z, Date and epoch ms are exact instants', () => {
    expect(parseContextDate('d', '2026-11-04T10:00:00+08:00').ms).toBe(Date.UTC(2026, 10, 4, 2));
    expect(parseContextDate('d', '2026-11-04T02:00:00Z').ms).toBe(Date.UTC(2026, 10, 4, 2));
    expect(parseContextDate('d', new Date(Date.UTC(2026, 0, 1))).hasOffset).toBe(true);
    expect(parseContextDate('d', 0).ms).toBe(0);
  });

  test('a date without offset is UTC unless the context says the buyer time zone', () => {
    const plain = parseContextDate('d', '2026-11-04');
    expect(plain).toEqual({ ms: Date.UTC(2026, 10, 4), input: '2026-11-04', hasOffset: false });
    expect(parseContextDate('d', '2026-11-04T08:00', 480).ms).toBe(Date.UTC(2026, 10, 4, 0));
  });

  test.each([
    ['2026-13-01', "options.context.deliveredAt: expected an ISO 8601 date, received '2026-13-01' (string)"],
    ['2026-02-30', "options.context.deliveredAt: expected an ISO 8601 date, received '2026-02-30' (string)"],
    ['yesterday', "options.context.deliveredAt: expected an ISO 8601 date, received 'yesterday' (string)"],
    [true, 'options.context.deliveredAt: expected an ISO 8601 date, a Date or epoch milliseconds, received true (boolean)'],
  ])('rejects %p with a precise message', (value, text) => {
    expect(message(() => normalizeInspectOptions({ context: { deliveredAt: value as string } }))).toBe(text);
  });

  test('delivery before the order is refused', () => {
    expect(message(() => normalizeInspectOptions({ context: { orderedAt: '2026-11-05', deliveredAt: '2026-11-01' } }))).toMatch(/deliveredAt: expected a date not before orderedAt/);
  });
});

describe('inspect options', () => {
  test('defaults', () => {
    const o = normalizeInspectOptions(undefined);
    expect(o).toMatchObject({ catalog: [], context: {}, locale: 'en', artifacts: false });
  });

  test.each([
    [{ locale: 'fr' }, "options.locale: expected one of 'en', 'zh-CN', received 'fr' (string)"],
    [{ catalog: 'a.jpg' }, "options.catalog: expected an array of images (bytes or paths) or fingerprints, received 'a.jpg' (string)"],
    [{ catalog: [42] }, 'options.catalog[0]: expected image bytes (Uint8Array), a file path or a CatalogFingerprint, received 42 (number)'],
    [{ catalog: [{ kind: 'other' }] }, 'options.catalog[0]: expected image bytes (Uint8Array), a file path or a CatalogFingerprint, received an object'],
    [{ artifacts: 'yes' }, "options.artifacts: expected a boolean, received 'yes' (string)"],
    [{ colour: 1 }, 'options.colour: expected a known option name (catalog, context, locale, artifacts, signal), received 1 (number)'],
  ])('rejects %p', (opts, text) => {
    expect(message(() => normalizeInspectOptions(opts as never))).toBe(text);
  });
});

describe('inspector options', () => {
  test.each([
    [{ thresholds: { medium: 0.8, high: 0.7 } }, 'options.thresholds.high: expected a number greater than thresholds.medium (0.8), received 0.7 (number)'],
    [{ thresholds: { high: 1.5 } }, 'options.thresholds.high: expected a number between 0 and 1, received 1.5 (number)'],
    [{ limits: { maxBytes: -1 } }, 'options.limits.maxBytes: expected a positive integer, received -1 (number)'],
    [{ detectors: [] }, 'options.detectors: expected a non-empty array of detectors, received an array of 0'],
    [{ detectors: [{ name: 'x' }] }, 'options.detectors[0]: expected a detector { name, run(subject) }, received an object'],
    [{ prior: Number.NaN }, 'options.prior: expected a finite number (log-odds), received NaN (number)'],
  ])('rejects %p', (opts, text) => {
    expect(message(() => normalizeInspectorOptions(opts as never))).toBe(text);
  });

  test('two detectors with one name are refused', () => {
    const d = { name: 'a', run: () => Promise.resolve({ signals: [] }) };
    expect(message(() => normalizeInspectorOptions({ detectors: [d, d] }))).toMatch(/detectors\[1\]\.name: expected a name not used by another detector/);
  });
});
