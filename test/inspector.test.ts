import { createInspector, inspect } from '../src/inspector';
import { detectors } from '../src/detectors';
import { makeSignal } from '../src/detectors/signal';
import { metadataDescriptor } from '../src/detectors/metadata/descriptor';
import { isClaimlensError } from '../src/errors';
import type { Detector, Subject } from '../src/types';
import { makeImage, randomBytes } from './helpers/images';
import { VERSION } from '../src/version';

// Declares pixels as examined, so that these tests see the fused score itself (coverage.test.ts covers the rule
// for inspectors that examine no pixels).
const okDetector = (weight: number): Detector => ({
  name: 'metadata',
  examines: ['pixels'],
  run: (s: Subject) => Promise.resolve({ signals: [makeSignal(metadataDescriptor, s.locale, { code: 'metadata.editor-software', weight, params: { software: 'GIMP 2.10', tag: 'Software' } })] }),
});

describe('inspect', () => {
  test('default inspect runs every built-in detector and returns a complete Verdict', async () => {
    const v = await inspect(await makeImage('jpeg', 96, 64));
    // noise is opt-in (its descriptor's `optIn`): edits replaces it in the default set.
    expect(v.detectors.map((d) => d.name)).toEqual(['metadata', 'provenance', 'catalog', 'ela', 'jpeg', 'edits', 'marks']);
    expect(v.score).toBeGreaterThanOrEqual(0);
    expect(v.score).toBeLessThanOrEqual(1);
    expect(['low', 'medium', 'high']).toContain(v.risk);
    expect(v.summary.length).toBeGreaterThan(10);
    expect(v.image).toMatchObject({ format: 'jpeg', width: 96, height: 64 });
    expect(v.version).toBe(VERSION);
    expect(v.artifacts).toBeUndefined();
    expect(v.detectors.find((d) => d.name === 'catalog')?.status).toBe('skipped');
  });

  test('a detector that throws reports error and the others still count', async () => {
    const boom: Detector = { name: 'boom', run: () => Promise.reject(new Error('kaboom\nsecond line')) };
    const v = await createInspector({ detectors: [boom, okDetector(1.2)] }).inspect(await makeImage('png'));
    expect(v.detectors[0]).toMatchObject({ name: 'boom', status: 'error', reason: 'failed: kaboom' });
    expect(v.signals.map((s) => s.code)).toEqual(['metadata.editor-software']);
    expect(v.score).toBeGreaterThan(createInspector().options.prior > 0 ? 0 : 0.1);
  });

  test('a detector over its time budget reports error without holding the verdict', async () => {
    // A detector that never settles: the verdict can only arrive if the inspector gives up on it (no wall clock).
    let abortedWith: unknown;
    const slow: Detector = { name: 'slow', run: (s) => new Promise(() => s.signal.addEventListener('abort', () => (abortedWith = s.signal.reason), { once: true })) };
    const v = await createInspector({ detectors: [slow, okDetector(1)], detectorTimeoutMs: 50 }).inspect(await makeImage('png'));
    expect(abortedWith).toBeInstanceOf(Error);
    expect(v.detectors[0]).toMatchObject({ status: 'error', reason: 'did not finish within 50 ms' });
    expect(v.detectors[1].status).toBe('ok');
  });

  test('an aborted inspection reports aborted detectors', async () => {
    const ctl = new AbortController();
    ctl.abort();
    const v = await createInspector({ detectors: [okDetector(1)] }).inspect(await makeImage('png'), { signal: ctl.signal });
    expect(v.detectors[0]).toMatchObject({ status: 'error', reason: 'the inspection was aborted' });
  });

  test('messages follow the locale', async () => {
    const v = await createInspector({ detectors: [okDetector(2)] }).inspect(await makeImage('png'), { locale: 'zh-CN' });
    expect(v.signals[0].message).toBe('文件中记录了编辑软件：GIMP 2.10（位于 Software）。');
    expect(v.summary).toMatch(/[\u4e00-\u9fff]/);
  });

  test('unusable input rejects with a ClaimlensError', async () => {
    await expect(inspect(randomBytes(1000))).rejects.toMatchObject({ code: 'UNSUPPORTED_FORMAT' });
    await expect(inspect('/definitely/not/here.jpg')).rejects.toMatchObject({ code: 'UNREADABLE_INPUT' });
    const e: unknown = await inspect(new Uint8Array(0)).catch((x: unknown) => x);
    expect(isClaimlensError(e)).toBe(true);
  });

  test('an unreadable catalog photo fails the catalog detector only', async () => {
    const readsCatalog: Detector = { name: 'catalog', readsCatalog: true, run: (s) => Promise.resolve({ signals: [], details: { n: s.catalog.length } }) };
    const v = await createInspector({ detectors: [readsCatalog, okDetector(1)] }).inspect(await makeImage('png'), { catalog: ['/no/such/catalog.jpg'] });
    expect(v.detectors[0].status).toBe('error');
    expect(v.detectors[0].reason).toMatch(/catalog\[0\]: cannot read/);
    expect(v.detectors[1].status).toBe('ok');
  });

  test('one decode is shared by every detector', async () => {
    let seen = 0;
    const reader = (name: string): Detector => ({ name, run: async (s) => { await s.image.pixels(); await s.image.grey(); seen = s.image.decodeCount; return { signals: [] }; } });
    await createInspector({ detectors: [reader('a'), reader('b'), reader('c')] }).inspect(await makeImage('jpeg', 128, 96));
    expect(seen).toBe(1);
  });

  test('a HEIC claim without a decoder still gets a verdict; pixel detectors are skipped with a conversion hint', async () => {
    const heicLike = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic\0\0\0\0mif1heic', 'latin1')]);
    const pixels: Detector = { name: 'ela', examines: ['pixels'], run: async (s) => { await s.image.pixels(); return { signals: [] }; } };
    // heicDecoder: null is the path of an install without the optional heic-decode package.
    const v = await createInspector({ detectors: [pixels, detectors.metadata()], heicDecoder: null }).inspect(heicLike);
    expect(v.image.format).toBe('heic');
    expect(v.detectors[0].status).toBe('skipped');
    expect(v.detectors[0].reason).toMatch(/convert the photo to JPEG/);
  });

  test('thresholds are per inspector', async () => {
    const img = await makeImage('png');
    // Thresholds placed around the score the fitted prior gives, so that a refit of the fusion keeps the test valid.
    const { score } = await createInspector({ detectors: [okDetector(1.2)] }).inspect(img);
    const strict = await createInspector({ detectors: [okDetector(1.2)], thresholds: { medium: score / 2, high: (1 + score) / 2 } }).inspect(img);
    const lax = await createInspector({ detectors: [okDetector(1.2)], thresholds: { medium: (1 + score) / 2, high: (3 + score) / 4 } }).inspect(img);
    expect(strict.score).toBe(score);
    expect(lax.score).toBe(score);
    expect(strict.risk).toBe('medium');
    expect(lax.risk).toBe('low');
  });
});
