/**
 * Type tests of the public API, checked by `npm run typecheck` (tsc --noEmit includes test/): every line marked
 * `@ts-expect-error` must fail to compile, so a misspelt code, detector name or pool option is caught at build time.
 * Not a jest file (no `.test.ts` suffix): it only has to type-check.
 */
import { SIGNAL_CODES, createInspector, detectors, type Detector, type DetectorName, type Signal, type SignalCode, type Verdict } from '../../src';
import type { InspectorPool, PoolOptions } from '../../src/pool';

// Built-in codes and names are unions derived from the descriptors.
const code: SignalCode = 'catalog.derived-edit';
const name: DetectorName = 'catalog';
// @ts-expect-error misspelt signal code
const badCode: SignalCode = 'catalog.derived-edti';
// @ts-expect-error misspelt detector name
const badName: DetectorName = 'catlog';
// @ts-expect-error misspelt detector name in the pool's detectors option
const badPool: PoolOptions = { detectors: ['metadta'] };
const goodPool: PoolOptions = { detectors: ['metadata', 'catalog'] };
const codes: readonly SignalCode[] = SIGNAL_CODES;

declare const verdict: Verdict;
for (const s of verdict.signals) {
  // @ts-expect-error comparing with a misspelt code is an error (no overlap)
  if (s.code === 'catalog.derived-edti') break;
  // Details are typed per code once the code is narrowed.
  if (s.code === 'provenance.aigc-label') {
    const producer: string | undefined = s.details?.producer;
    void producer;
  }
  if (s.code === 'catalog.derived-edit') {
    const similarity: number | undefined = s.details?.similarity;
    void similarity;
  }
  if (s.code === 'marks.visible-ai-label') {
    const service: string | undefined = s.details?.service;
    void service;
  }
  // Other codes keep open details.
  const anything: unknown = s.details?.whatever;
  void anything;
}

// Built-in factories are Detectors; custom detectors stay possible with the x- prefix for name and codes.
const builtins: Detector[] = [detectors.metadata(), detectors.catalog({ minDerivedNcc: 0.9 }), detectors.ela({ quality: 90 })];
const custom: Detector = {
  name: 'x-acme',
  run: () => Promise.resolve({ signals: [{ detector: 'x-acme', code: 'x-acme.duplicate', weight: 1, strength: 'strong', message: 'Duplicate upload.' }] }),
};
const customBad: Detector = {
  name: 'acme',
  // @ts-expect-error a custom detector cannot emit an unprefixed (possibly misspelt built-in) code
  run: () => Promise.resolve({ signals: [{ detector: 'x-acme', code: 'catalog.derived-edti', weight: 1, strength: 'strong', message: '' }] }),
};
createInspector({ detectors: [...builtins, custom] });
const customSignal: Signal = { detector: 'x-acme', code: 'x-acme.duplicate', weight: 1, strength: 'hint', message: '' };

declare const pool: InspectorPool;
void [code, name, badCode, badName, badPool, goodPool, codes, customBad, customSignal, pool];
