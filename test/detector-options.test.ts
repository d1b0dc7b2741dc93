/**
 * Every detector factory validates its options the same way (src/validate.ts, sharp's is.* style): unknown keys,
 * wrong types, null and out-of-range values are `ClaimlensError('INVALID_OPTIONS')` with the dotted path, what was
 * expected and what arrived (with its type) in the message, and `details: { path, expected, received }`.
 */
import { detectors } from '../src/detectors';
import { ClaimlensError, isClaimlensError } from '../src/errors';

type Factory = (options?: never) => unknown;
const factories = detectors as unknown as Record<string, Factory>;

/** [detector, options, exact message]. */
const BAD: [string, unknown, string][] = [
  // The options object itself.
  ...Object.keys(detectors).flatMap((name): [string, unknown, string][] => [
    [name, null, `${name}: expected an options object, received null`],
    [name, 42, `${name}: expected an options object, received 42 (number)`],
    [name, 'x', `${name}: expected an options object, received 'x' (string)`],
    [name, [], `${name}: expected an options object, received an array of 0`],
  ]),
  // Misspelt options are never ignored.
  ['metadata', { thumbnails: true }, 'metadata.thumbnails: expected a known option name (thumbnail), received true (boolean)'],
  ['provenance', { trustAnchors: 'x' }, "provenance.trustAnchors: expected a known option name (trustAnchorsPem, allowedEkus, remoteManifestFetch, ocspFetch), received 'x' (string)"],
  ['catalog', { minDerivedNCC: 0.9 }, 'catalog.minDerivedNCC: expected a known option name (minDerivedNcc, maxChangedFraction), received 0.9 (number)'],
  ['ela', { qualty: 90 }, 'ela.qualty: expected a known option name (quality), received 90 (number)'],
  ['jpeg', { dq: true }, 'jpeg.dq: expected a known option name (doubleCompression), received true (boolean)'],
  ['noise', { treshold: 1 }, 'noise.treshold: expected a known option name (blockSize, threshold, hintScore, strongScore, hintWeight, strongWeight), received 1 (number)'],
  ['edits', { localThreshold: 2 }, 'edits.localThreshold: expected a known option name (localClue, localHint, localStrong, regenHint, regenStrong, clueWeight, hintWeight, strongWeight), received 2 (number)'],
  ['marks', { serviceTreshold: 0.5 }, 'marks.serviceTreshold: expected a known option name (serviceThreshold, phraseThreshold, phrases), received 0.5 (number)'],
  // metadata
  ['metadata', { thumbnail: 'yes' }, "metadata.thumbnail: expected a boolean, received 'yes' (string)"],
  ['metadata', { thumbnail: null }, 'metadata.thumbnail: expected a boolean, received null'],
  ['metadata', { thumbnail: 1 }, 'metadata.thumbnail: expected a boolean, received 1 (number)'],
  // provenance
  ['provenance', { trustAnchorsPem: 'not a pem' }, "provenance.trustAnchorsPem: expected a PEM string with at least one -----BEGIN CERTIFICATE----- block, received 'not a pem' (string)"],
  ['provenance', { trustAnchorsPem: 5 }, 'provenance.trustAnchorsPem: expected a PEM string with at least one -----BEGIN CERTIFICATE----- block, received 5 (number)'],
  ['provenance', { allowedEkus: '1.2.3' }, "provenance.allowedEkus: expected an array of OID strings such as 1.3.6.1.5.5.7.3.36, received '1.2.3' (string)"],
  ['provenance', { allowedEkus: ['1.3.6', 'x'] }, "provenance.allowedEkus[1]: expected an OID string such as 1.3.6.1.5.5.7.3.36, received 'x' (string)"],
  ['provenance', { remoteManifestFetch: 'true' }, "provenance.remoteManifestFetch: expected a boolean, received 'true' (string)"],
  ['provenance', { ocspFetch: null }, 'provenance.ocspFetch: expected a boolean, received null'],
  // catalog
  ['catalog', { minDerivedNcc: 0 }, 'catalog.minDerivedNcc: expected a number in (0, 1], received 0 (number)'],
  ['catalog', { minDerivedNcc: 1.5 }, 'catalog.minDerivedNcc: expected a number in (0, 1], received 1.5 (number)'],
  ['catalog', { minDerivedNcc: '0.9' }, "catalog.minDerivedNcc: expected a number in (0, 1], received '0.9' (string)"],
  ['catalog', { maxChangedFraction: Number.NaN }, 'catalog.maxChangedFraction: expected a number in (0, 1], received NaN (number)'],
  ['catalog', { maxChangedFraction: null }, 'catalog.maxChangedFraction: expected a number in (0, 1], received null'],
  // ela
  ['ela', { quality: 49 }, 'ela.quality: expected an integer from 50 to 100, received 49 (number)'],
  ['ela', { quality: 101 }, 'ela.quality: expected an integer from 50 to 100, received 101 (number)'],
  ['ela', { quality: 90.5 }, 'ela.quality: expected an integer from 50 to 100, received 90.5 (number)'],
  ['ela', { quality: '90' }, "ela.quality: expected an integer from 50 to 100, received '90' (string)"],
  ['ela', { quality: null }, 'ela.quality: expected an integer from 50 to 100, received null'],
  // jpeg
  ['jpeg', { doubleCompression: 1 }, 'jpeg.doubleCompression: expected a boolean, received 1 (number)'],
  ['jpeg', { doubleCompression: 'false' }, "jpeg.doubleCompression: expected a boolean, received 'false' (string)"],
  // noise
  ['noise', { blockSize: 12 }, 'noise.blockSize: expected 0 or a multiple of 8 from 16 to 128, received 12 (number)'],
  ['noise', { blockSize: 136 }, 'noise.blockSize: expected 0 or a multiple of 8 from 16 to 128, received 136 (number)'],
  ['noise', { threshold: 0 }, 'noise.threshold: expected a number in (0, 10], received 0 (number)'],
  ['noise', { threshold: Infinity }, 'noise.threshold: expected a number in (0, 10], received Infinity (number)'],
  ['noise', { hintScore: -1 }, 'noise.hintScore: expected a positive number, received -1 (number)'],
  ['noise', { hintWeight: 11 }, 'noise.hintWeight: expected a number in [0, 10], received 11 (number)'],
  ['noise', { strongWeight: '1' }, "noise.strongWeight: expected a number in [0, 10], received '1' (string)"],
  ['noise', { hintScore: 15, strongScore: 10 }, 'noise.strongScore: expected a number ≥ noise.hintScore (15), received 10 (number)'],
  // edits
  ['edits', { localHint: '2' }, "edits.localHint: expected a number in [-50, 50], received '2' (string)"],
  ['edits', { localStrong: Number.NaN }, 'edits.localStrong: expected a number in [-50, 50], received NaN (number)'],
  ['edits', { regenHint: 51 }, 'edits.regenHint: expected a number in [-50, 50], received 51 (number)'],
  ['edits', { regenStrong: null }, 'edits.regenStrong: expected a number in [-50, 50], received null'],
  ['edits', { hintWeight: -0.1 }, 'edits.hintWeight: expected a number in [0, 10], received -0.1 (number)'],
  ['edits', { strongWeight: 12 }, 'edits.strongWeight: expected a number in [0, 10], received 12 (number)'],
  ['edits', { localClue: '0' }, "edits.localClue: expected a number in [-50, 50], received '0' (string)"],
  ['edits', { localClue: 2, localHint: 1 }, 'edits.localHint: expected a number ≥ edits.localClue (2), received 1 (number)'],
  ['edits', { localHint: 3, localStrong: 2 }, 'edits.localStrong: expected a number ≥ edits.localHint (3), received 2 (number)'],
  ['edits', { regenHint: 3, regenStrong: 2 }, 'edits.regenStrong: expected a number ≥ edits.regenHint (3), received 2 (number)'],
  // marks
  ['marks', { serviceThreshold: 0 }, 'marks.serviceThreshold: expected a number in (0, 1], received 0 (number)'],
  ['marks', { phraseThreshold: 2 }, 'marks.phraseThreshold: expected a number in (0, 1], received 2 (number)'],
  ['marks', { phraseThreshold: null }, 'marks.phraseThreshold: expected a number in (0, 1], received null'],
  ['marks', { phrases: 'no' }, "marks.phrases: expected a boolean, received 'no' (string)"],
];

describe('detector factories reject bad options uniformly', () => {
  test('every built-in detector is covered by the table', () => {
    for (const name of Object.keys(detectors)) expect(BAD.filter(([d]) => d === name).length).toBeGreaterThanOrEqual(6);
  });

  test.each(BAD.map(([d, o, m]) => [d, JSON.stringify(o) ?? String(o), o, m]))('%s(%s)', (name, _shown, options, message) => {
    let caught: unknown;
    try {
      factories[name](options as never);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ClaimlensError);
    expect(isClaimlensError(caught) && caught.code).toBe('INVALID_OPTIONS');
    expect((caught as Error).message).toBe(message);
    const d = (caught as ClaimlensError).details;
    expect(Object.keys(d).sort()).toEqual(['expected', 'path', 'received']);
    expect(message.startsWith(`${String(d.path)}: expected ${String(d.expected)}, received ${String(d.received)}`)).toBe(true);
  });

  test.each(Object.keys(detectors))('%s() and %s({}) accept the defaults', (name) => {
    expect(() => factories[name]()).not.toThrow();
    expect(() => factories[name]({} as never)).not.toThrow();
  });
});
