/**
 * HEIC pixels through the optional decoder (heic-decode, a devDependency here) on the corpus's real iPhone HEICs,
 * and without it (the decoder turned off through the `heicDecoder: null` option: the same path as when the package
 * is not installed). Skips politely without ../shared.
 */
import { join } from 'node:path';
import { createInspector } from '../src/inspector';
import { loadImage } from '../src/loader/image';
import { HEIC_DECODER_PACKAGE, heicDecodeAdapter, optionalHeicDecoder, type HeicDecoder } from '../src/loader/heic';
import { isClaimlensError } from '../src/errors';
import { message } from '../src/messages';
import { CORPUS_DIR, describeCorpus } from './helpers/corpus';

const IPHONE_7 = join(CORPUS_DIR, 'camera', 'exifr__Apple_iPhone_7.heic');
const IPHONE_11 = join(CORPUS_DIR, 'camera', 'mei__Apple_iPhone_11_Pro_IMG_2927.heic');
const C2PA_HEIC = join(CORPUS_DIR, 'c2pa', 'trustnxt__icon-signed-v2-bmff.heic');

describe('optional decoder', () => {
  test('heic-decode (installed as a devDependency) loads as a decoder', async () => {
    expect(typeof (await optionalHeicDecoder())).toBe('function');
  });
});

describeCorpus('HEIC with the optional decoder', () => {
  test('the iPhone HEICs decode once to upright RGB with real content, at the size the camera recorded', async () => {
    for (const [file, w, h] of [[IPHONE_7, 4032, 3024], [IPHONE_11, 3024, 4032]] as const) {
      const img = await loadImage(file);
      expect(img.decodable).toBe(true);
      const px = await img.pixels();
      expect([px.width, px.height]).toEqual([w, h]);
      expect(px.data.length).toBe(w * h * 3);
      expect(img.decodeCount).toBe(1);
      await img.grey();
      expect(img.decodeCount).toBe(1);
      // A photo, not a blank buffer: the luma spreads over many levels.
      const g = (await img.grey()).data;
      let lo = 255;
      let hi = 0;
      for (let i = 0; i < g.length; i += 97) {
        lo = Math.min(lo, g[i]);
        hi = Math.max(hi, g[i]);
      }
      expect(hi - lo).toBeGreaterThan(100);
      expect([img.width, img.height]).toEqual([w, h]);
    }
  });

  test('the pixel limit holds before decoding (header check at load, and the decoder checks its own size)', async () => {
    let err: unknown;
    try {
      await loadImage(IPHONE_7, { maxBytes: 50 * 1024 * 1024, maxPixels: 4032 * 3024 - 1 });
    } catch (e) {
      err = e;
    }
    expect(isClaimlensError(err) && err.code).toBe('TOO_LARGE');
    const decoder = (await optionalHeicDecoder()) as HeicDecoder;
    const { readFileSync } = await import('node:fs');
    err = undefined;
    try {
      await decoder(readFileSync(IPHONE_7), 1000);
    } catch (e) {
      err = e;
    }
    expect(isClaimlensError(err) && err.code).toBe('TOO_LARGE');
  });

  test('a HEIC claim is inspected with its pixels: coverage.pixels, pixel detectors ok', async () => {
    const v = await createInspector().inspect(IPHONE_11);
    expect(v.coverage).toEqual({ pixels: true, metadata: true, provenance: true, catalog: false });
    for (const name of ['ela', 'edits', 'marks']) expect(v.detectors.find((d) => d.name === name)?.status).toBe('ok');
    expect(v.image).toMatchObject({ format: 'heic', width: 3024, height: 4032 });
  });

  test('a pluggable decoder replaces the optional one (the hook platforms use for a native libheif)', async () => {
    const mod = (await import(HEIC_DECODER_PACKAGE)) as { default: Parameters<typeof heicDecodeAdapter>[0] };
    let calls = 0;
    const inner = heicDecodeAdapter(mod.default);
    const counting: HeicDecoder = (bytes, max) => {
      calls++;
      return inner(bytes, max);
    };
    const img = await loadImage(C2PA_HEIC, undefined, 'claim', { heicDecoder: counting });
    const px = await img.pixels();
    expect([px.width, px.height]).toEqual([1056, 1056]);
    expect(calls).toBe(1);
  });
});

describeCorpus('HEIC without a decoder', () => {
  const noDecoder = createInspector({ heicDecoder: null });

  test('pixels are not decodable; decoding rejects with the conversion hint', async () => {
    const img = await loadImage(IPHONE_7, undefined, 'claim', { heicDecoder: null });
    expect(img.decodable).toBe(false);
    let err: unknown;
    try {
      await img.pixels();
    } catch (e) {
      err = e;
    }
    expect(isClaimlensError(err) && err.code).toBe('UNSUPPORTED_FORMAT');
    expect((err as Error).message).toContain('heic-decode');
  });

  test.each([IPHONE_7, IPHONE_11, C2PA_HEIC])('%s: never low; coverage says the pixels were not examined; skipped reasons say how to enable them', async (file) => {
    for (const catalog of [[], [join(CORPUS_DIR, 'products', 'grocery__Orange__catalog_iconic.jpg')]]) {
      const v = await noDecoder.inspect(file, { catalog });
      expect(v.coverage).toEqual({ pixels: false, metadata: true, provenance: true, catalog: false });
      expect(v.risk).not.toBe('low');
      expect(v.score).toBeGreaterThanOrEqual(0.3);
      const hint = message('en', 'loader.heic-undecodable');
      for (const name of ['ela', 'edits', 'marks']) expect(v.detectors.find((d) => d.name === name)?.reason).toContain(hint);
      const cat = v.detectors.find((d) => d.name === 'catalog');
      if (catalog.length) expect(cat?.reason).toContain(hint);
      else expect(cat?.reason).not.toContain(hint);
    }
  });

  test('zh-CN: the summary and the skipped reasons are localised', async () => {
    const v = await noDecoder.inspect(IPHONE_7, { locale: 'zh-CN' });
    expect(v.risk).toBe('medium');
    expect(v.summary).toMatch(/^需要人工复核：无法检查照片本身/);
    expect(v.detectors.find((d) => d.name === 'ela')?.reason).toContain(message('zh-CN', 'loader.heic-undecodable'));
  });
});
