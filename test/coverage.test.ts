/**
 * verdict.coverage and the rule "never low when the pixels could not be analysed" (issue 15 §4): pure rule tests,
 * then whole inspections with real sharp on repo-made images (a metadata-only inspector, a JPEG whose pixels do not
 * decode).
 */
import { applyCoverage, coverageOf } from '../src/fusion/coverage';
import { createInspector } from '../src/inspector';
import { detectors } from '../src/detectors';
import { message } from '../src/messages';
import type { DetectorReport } from '../src/types';
import { makeImage } from './helpers/images';

const T = { medium: 0.3, high: 0.7 };
const report = (name: string, status: DetectorReport['status']): DetectorReport => ({ name, status, ms: 1 });

describe('coverageOf', () => {
  test('an evidence kind counts only when a detector declaring it finished ok', () => {
    const reports = [report('metadata', 'ok'), report('provenance', 'error'), report('ela', 'skipped'), report('noise', 'ok'), report('catalog', 'inconclusive')];
    const c = coverageOf(reports, [['metadata'], ['provenance'], ['pixels'], ['pixels'], ['catalog']]);
    expect(c).toEqual({ pixels: true, metadata: true, provenance: false, catalog: false });
  });

  test('detectors that declare nothing (custom ones) examine nothing', () => {
    expect(coverageOf([report('custom', 'ok')], [undefined])).toEqual({ pixels: false, metadata: false, provenance: false, catalog: false });
  });
});

describe('applyCoverage', () => {
  const low = { score: 0.05, risk: 'low' as const, summary: 'No sign of fabrication found.' };
  const none = { pixels: false, metadata: true, provenance: true, catalog: false };
  test('without examined pixels a low verdict becomes medium, at the medium threshold, and says why', () => {
    const v = applyCoverage(low, none, T, 'en', 'heic', false);
    expect(v.risk).toBe('medium');
    expect(v.score).toBe(0.3);
    expect(v.summary).toContain(message('en', 'coverage.reason.heic'));
    expect(v.summary).toMatch(/^Needs a human review: the photo itself could not be examined/);
    const zh = applyCoverage(low, none, T, 'zh-CN', 'heic', false);
    expect(zh.summary).toContain('heic-decode');
    expect(zh.summary).toMatch(/^需要人工复核/);
  });

  test('a decodable image whose pixels were not examined gets the generic reason', () => {
    const v = applyCoverage(low, none, { medium: 0.4, high: 0.8 }, 'en', 'jpeg', true);
    expect(v).toMatchObject({ risk: 'medium', score: 0.4 });
    expect(v.summary).toContain(message('en', 'coverage.reason.no-pixels'));
  });

  test('examined pixels, or a verdict already medium or high, pass unchanged', () => {
    expect(applyCoverage(low, { ...none, pixels: true }, T, 'en', 'heic', true)).toBe(low);
    const high = { score: 0.9, risk: 'high' as const, summary: 'x' };
    expect(applyCoverage(high, none, T, 'en', 'heic', false)).toBe(high);
    const medium = { score: 0.45, risk: 'medium' as const, summary: 'y' };
    expect(applyCoverage(medium, none, T, 'en', 'heic', false)).toBe(medium);
  });
});

describe('inspections', () => {
  test('every built-in detector on a plain JPEG: pixels, metadata and provenance examined; no catalog given', async () => {
    const v = await createInspector().inspect(await makeImage('jpeg', 160, 120));
    expect(v.coverage).toEqual({ pixels: true, metadata: true, provenance: true, catalog: false });
  });

  test('a metadata-only inspector never answers low: the pixels were not examined', async () => {
    const insp = createInspector({ detectors: [detectors.metadata(), detectors.provenance()] });
    const v = await insp.inspect(await makeImage('jpeg', 160, 120));
    expect(v.coverage).toEqual({ pixels: false, metadata: true, provenance: true, catalog: false });
    expect(v.risk).toBe('medium');
    expect(v.score).toBeGreaterThanOrEqual(0.3);
    expect(v.summary).toContain(message('en', 'coverage.reason.no-pixels'));
  });

  test('a JPEG whose pixels do not decode: pixel detectors fail, the verdict is medium, not low', async () => {
    const good = await makeImage('jpeg', 320, 240);
    // Header and tables intact, the entropy-coded data cut short: the header loads, the decode fails
    // (sharp: "premature end of JPEG image").
    const sos = good.indexOf(Buffer.from([0xff, 0xda]));
    const broken = good.subarray(0, sos + 30);
    const v = await createInspector({ detectors: [detectors.metadata(), detectors.ela(), detectors.noise()] }).inspect(broken);
    expect(v.detectors.filter((d) => d.name !== 'metadata').every((d) => d.status !== 'ok')).toBe(true);
    expect(v.coverage.pixels).toBe(false);
    expect(v.risk).not.toBe('low');
  });
});
