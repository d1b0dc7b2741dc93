import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { createInspector, inspect } from '../../src/inspector';
import { renderReport } from '../../src/report/html';
import { loadImage, type LoadedImage } from '../../src/loader/image';
import { edits, editsWith, localWeight, EDITS_DEFAULTS } from '../../src/detectors/edits';
import { analyseEdits } from '../../src/detectors/edits/analyse';
import { loadModel, topkMean, weightsDigest, WeightsChecksumError } from '../../src/detectors/edits/model';
import { EDITS_WEIGHTS } from '../../src/detectors/edits/weights';
import type { Subject } from '../../src/contract';
import type { Locale } from '../../src/primitives';
import { corpusRows, describeCorpus, type CorpusRow } from '../helpers/corpus';
import { iou } from '../../src/bench/metrics';
import { applyEdit } from '../../fixtures/generate/local-edits';
import { renderScene } from '../../fixtures/generate/render';

const SLOW = 180_000;
const GOLDEN = join(process.cwd(), 'fixtures', 'generated', 'edits');

function subject(image: LoadedImage, o: { artifacts?: boolean; locale?: Locale; signal?: AbortSignal } = {}): Subject {
  return { image, catalog: [], context: {}, locale: o.locale ?? 'en', artifacts: o.artifacts ?? false, signal: o.signal ?? new AbortController().signal };
}

describe('edits weights', () => {
  test('the shipped weights match their recorded SHA-256 and their layout', () => {
    const bytes = new Uint8Array(Buffer.from(EDITS_WEIGHTS.base64, 'base64'));
    expect(weightsDigest(EDITS_WEIGHTS.meta, bytes)).toBe(EDITS_WEIGHTS.sha256);
    const m = loadModel(EDITS_WEIGHTS);
    const params = EDITS_WEIGHTS.meta.tensors.reduce((a, [, s]) => a + s.reduce((p, q) => p * q, 1), 0);
    expect(bytes.length).toBe(params * 4);
    expect(m.t['inp.w'].length).toBe(m.meta.hidden * (2 * m.meta.features + m.meta.conditioned));
    // ≤ 5 MB shipped (issue 14): the module's source, base64 included.
    expect(readFileSync(join(process.cwd(), 'src', 'detectors', 'edits', 'weights.ts')).length).toBeLessThan(5 * 1024 * 1024);
  });

  test('damaged weights fail their check: the detector reports error with the reason, never a score', async () => {
    const b64 = EDITS_WEIGHTS.base64;
    const flipped = `${b64.slice(0, 100)}${b64[100] === 'A' ? 'B' : 'A'}${b64.slice(101)}`;
    const damaged = { ...EDITS_WEIGHTS, base64: flipped };
    expect(() => loadModel(damaged)).toThrow(WeightsChecksumError);
    expect(() => loadModel(damaged)).toThrow(expect.objectContaining({ code: 'EDITS_WEIGHTS_CHECKSUM', expected: EDITS_WEIGHTS.sha256 }) as unknown as Error);
    const relabelled = { ...EDITS_WEIGHTS, meta: { ...EDITS_WEIGHTS.meta, thresholds: { ...EDITS_WEIGHTS.meta.thresholds, localStrong: -99 } } };
    expect(() => loadModel(relabelled)).toThrow('the model weights fail their SHA-256 check');
    const v = await createInspector({ detectors: [editsWith(damaged)] }).inspect(join(GOLDEN, 'genuine.jpg'));
    expect(v.detectors[0]).toMatchObject({ name: 'edits', status: 'error' });
    expect(v.detectors[0].reason).toContain('the model weights fail their SHA-256 check');
    expect(v.signals).toEqual([]);
  });

  test('topkMean: the mean of the largest 2 % of the values, at least 2', () => {
    expect(topkMean(Float32Array.from([1, 5, 3, 4]), 0.02)).toBe(4.5);
    expect(topkMean(Float32Array.from({ length: 200 }, (_, i) => i), 0.02)).toBe((199 + 198 + 197 + 196) / 4);
  });
});

/**
 * Scores pinned on the committed images of fixtures/generate/edits-golden.ts (repo renders only). A change of the
 * features, the network or the weights moves them: regenerate the weights (npm run train:edits), then update
 * these numbers in the same commit.
 */
const PINNED: Record<string, { local: number; regen: number }> = {
  'genuine.jpg': { local: -0.79, regen: 0.355 },
  'local-edit.jpg': { local: 3.732, regen: -0.673 },
  'regenerated.jpg': { local: 0.154, regen: 0.821 },
};

describe('edits detector on committed generated images (fixtures/generated/edits)', () => {
  test.each(Object.keys(PINNED))('%s: scores as pinned (± 0.01)', async (file) => {
    const image = await loadImage(join(GOLDEN, file));
    const r = await edits().run(subject(image));
    const d = r.details as { localScore: number; regenScore: number };
    expect(d.localScore).toBeCloseTo(PINNED[file].local, 2);
    expect(d.regenScore).toBeCloseTo(PINNED[file].regen, 2);
    expect(image.decodeCount).toBe(1);
  });

  test('the edited image outscores its genuine twin on the local head, the re-rendered one on the whole-frame head', () => {
    expect(PINNED['local-edit.jpg'].local).toBeGreaterThan(PINNED['genuine.jpg'].local);
    expect(PINNED['regenerated.jpg'].regen).toBeGreaterThan(PINNED['genuine.jpg'].regen);
  });

  test('a signal carries its region, details and message in both locales; artifacts do not change the signals', async () => {
    const image = await loadImage(join(GOLDEN, 'local-edit.jpg'));
    // Thresholds low enough that both heads report: the shape of the signals is what is tested here.
    const det = edits({ localClue: -50, localHint: -50, localStrong: -50, regenHint: -50, regenStrong: 50 });
    const a = await det.run(subject(image));
    const b = await det.run(subject(image, { artifacts: true, locale: 'zh-CN' }));
    expect(a.signals.map((s) => [s.code, s.strength, s.weight])).toEqual([
      ['edits.local-region', 'strong', EDITS_DEFAULTS.strongWeight],
      ['edits.regenerated', 'hint', EDITS_DEFAULTS.hintWeight],
    ]);
    expect(b.signals.map((s) => [s.code, s.weight, s.region])).toEqual(a.signals.map((s) => [s.code, s.weight, s.region]));
    const local = a.signals[0];
    expect(local.region!.width).toBeGreaterThan(0);
    expect(local.details).toEqual(expect.objectContaining({ score: expect.any(Number), probability: expect.any(Number), areaShare: expect.any(Number), mapMax: expect.any(Number) }));
    expect(local.message).toMatch(/^The .+ area lacks the camera traces/);
    expect(b.signals[0].message).toMatch(/区域缺少照片其余部分所具有的相机痕迹/);
    expect(a.artifacts).toBeUndefined();
    const png = b.artifacts!.edits;
    expect(Array.from(png.subarray(0, 8))).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  });

  test('the default inspection shows the heatmap in the HTML report, labelled in both locales', async () => {
    const claim = join(GOLDEN, 'local-edit.jpg');
    for (const [locale, label] of [['en', 'Camera-trace model: probability of an edit'], ['zh-CN', '相机痕迹模型：编辑概率图']] as const) {
      const v = await inspect(claim, { locale, artifacts: true });
      expect(v.detectors.find((d) => d.name === 'edits')?.status).toBe('ok');
      expect(v.signals.map((s) => s.code)).toContain('edits.local-region');
      const png = v.artifacts!.edits;
      expect(Array.from(png.subarray(0, 4))).toEqual([137, 80, 78, 71]);
      const html = await renderReport(v, { claim, locale });
      expect(html).toContain(`<figcaption>${label}</figcaption>`);
      expect(html).toContain(`data:image/png;base64,${Buffer.from(png).toString('base64').slice(0, 64)}`);
    }
  }, SLOW);

  test('below localHint the local evidence is a graded hint: weight from 0 at localClue to clueWeight, with the weak message', async () => {
    const image = await loadImage(join(GOLDEN, 'local-edit.jpg'));
    const local = PINNED['local-edit.jpg'].local;
    // The pinned score sits halfway between clue and hint: half the clue weight.
    const det = edits({ localClue: local - 1, localHint: local + 1, localStrong: 50, regenHint: 50, regenStrong: 50 });
    const [en, zh] = [await det.run(subject(image)), await det.run(subject(image, { locale: 'zh-CN' }))];
    expect(en.signals).toHaveLength(1);
    expect(en.signals[0]).toMatchObject({ code: 'edits.local-region', strength: 'hint' });
    expect(en.signals[0].weight).toBeCloseTo(EDITS_DEFAULTS.clueWeight / 2, 2);
    expect(en.signals[0].message).toMatch(/^The camera traces of the .+ area differ slightly from the rest of the photo \(model probability 0\.\d\d\): weak evidence/);
    expect(zh.signals[0].message).toMatch(/区域的相机痕迹与照片其余部分略有不同/);
    expect(en.signals[0].region).toEqual(zh.signals[0].region);
    // At or below the clue: nothing.
    expect((await edits({ localClue: local + 0.5, localHint: local + 1, localStrong: 50, regenHint: 50, regenStrong: 50 }).run(subject(image))).signals).toEqual([]);
  });

  test('localWeight: 0 up to localClue, linear to clueWeight at localHint, then hint and strong weights', () => {
    const o = { localClue: 0, localHint: 2, localStrong: 4, clueWeight: 0.4, hintWeight: 0.8, strongWeight: 1.6 };
    expect([-3, 0, 0.5, 1, 1.999, 2, 3.9, 4, 9].map((x) => localWeight(x, o))).toEqual([0, 0, 0.1, 0.2, 0.4, 0.8, 0.8, 1.6, 1.6]);
    // The shipped thresholds and weights: the clue sits below the hint and weighs less, so the ramp exists.
    expect(EDITS_DEFAULTS.localClue).toBeLessThan(EDITS_DEFAULTS.localHint);
    expect(EDITS_DEFAULTS.clueWeight).toBeLessThan(EDITS_DEFAULTS.hintWeight);
  });

  test('the reported region overlaps the known edit of the committed local-edit image (IoU with its mask box)', async () => {
    // The mask of fixtures/generated/edits/local-edit.jpg, made again as edits-golden.ts made it (same render, same seed).
    const scene = await renderScene({ width: 512, height: 384, seed: 1414, product: 'box', hue: 25, noise: 2.5 });
    const edit = await applyEdit({ data: new Uint8Array(scene.data), width: scene.width, height: scene.height }, 'inpaint-smooth', 1415);
    const r = await edits().run(subject(await loadImage(join(GOLDEN, 'local-edit.jpg'))));
    const local = r.signals.find((s) => s.code === 'edits.local-region')!;
    expect(local.strength).toBe('strong');
    // Measured 0.86 (region.ts; the rule before it reported a 64 × 64 box in the centre of the blob, IoU 0.14).
    expect(iou(local.region!, edit.box)).toBeGreaterThan(0.6);
    expect(local.message).toMatch(/^The top area lacks/);
  });

  test('EXIF orientation: the region is reported as the photo is displayed', async () => {
    const file = join(GOLDEN, 'local-edit.jpg');
    const rotated = await sharp(file).withMetadata({ orientation: 6 }).jpeg({ quality: 100 }).toBuffer();
    const plain = await edits({ localClue: -50, localHint: -50 }).run(subject(await loadImage(file)));
    const turned = await edits({ localClue: -50, localHint: -50 }).run(subject(await loadImage(rotated)));
    const r = plain.signals[0].region!, t = turned.signals[0].region!;
    // Orientation 6 shows the stored image turned 90° clockwise: (x, y) → (H − 1 − y, x).
    expect([t.width, t.height]).toEqual([r.height, r.width]);
  });

  test('a tiny image is inconclusive with its size in the reason; an aborted inspection stops', async () => {
    const tiny = await sharp({ create: { width: 60, height: 60, channels: 3, background: '#808080' } }).png().toBuffer();
    const r = await edits().run(subject(await loadImage(tiny), { locale: 'zh-CN' }));
    expect(r).toMatchObject({ signals: [], status: 'inconclusive', reason: '图像太小（60×60），无法比较各部分的相机痕迹' });
    const ctl = new AbortController();
    ctl.abort();
    await expect(edits().run(subject(await loadImage(join(GOLDEN, 'genuine.jpg')), { signal: ctl.signal }))).rejects.toBeDefined();
  });

  test('the analysis of a large photo samples native-resolution windows on a sparse grid', async () => {
    const big = await sharp(join(GOLDEN, 'genuine.jpg')).resize(2400, 1800).raw().toBuffer();
    const a = analyseEdits(new Uint8Array(big), 2400, 1800, loadModel(EDITS_WEIGHTS));
    if ('declined' in a) throw new Error('declined');
    expect(a.features.stride).toBeGreaterThan(16);
    expect(a.features.cols * a.features.rows).toBeLessThanOrEqual(1500);
  });
});

/**
 * Files of corpus camera/ that the MANIFEST marks as not camera output: format conversions (AVIF, WebP re-encodes
 * carrying the camera's EXIF), software exports and synthetic carriers. Their noise is the converter's, not a
 * camera's; bench/edits.ts reports them apart.
 */
const NOT_CAMERA_OUTPUT = /convert|not a camera (original|photo)|synthetic carrier/i;

/** Runs the detector over the genuine corpus photos of one category; returns how many were judged and which had a strong signal. */
async function strongOn(category: string, keep: (r: CorpusRow) => boolean = () => true): Promise<{ files: number; judged: number; strong: string[] }> {
  const rows = corpusRows().filter((r) => r.category === category && keep(r) && /\.(jpe?g|png|webp|avif|heic|tiff?)$/i.test(r.local_name));
  let judged = 0;
  const strong: string[] = [];
  for (const row of rows) {
    const r = await edits().run(subject(await loadImage(row.file)));
    if ((r.status ?? 'ok') !== 'ok') continue;
    // Proof that the photo was examined: windows were scored and some of them carry measurable camera noise.
    const d = r.details as { windows: number; validFraction: number };
    expect(d.windows).toBeGreaterThan(0);
    expect(d.validFraction).toBeGreaterThan(0);
    judged++;
    const s = r.signals.filter((x) => x.strength === 'strong');
    if (s.length) strong.push(`${row.local_name}: ${s.map((x) => `${x.code} ${String(x.details?.score)}`).join(', ')}`);
  }
  process.stderr.write(`[edits] corpus ${category}/: ${strong.length}/${judged} judged photos with a strong signal\n${strong.join('\n')}\n`);
  return { files: rows.length, judged, strong };
}

describeCorpus('edits detector on genuine shared photos (never trained or tuned on; thresholds come from the validation split)', () => {
  test('camera photos (camera/, conversions and exports left out): every photo examined, none with a strong signal', async () => {
    const { files, judged, strong } = await strongOn('camera', (r) => !NOT_CAMERA_OUTPUT.test(r.ground_truth));
    expect(files).toBeGreaterThanOrEqual(28);
    expect(judged).toBeGreaterThanOrEqual(files - 2);
    expect(strong).toEqual([]);
  }, SLOW);

  test('shop photos (products/): strong signals on at most 2 % (issue 14)', async () => {
    const { files, judged, strong } = await strongOn('products');
    expect(files).toBeGreaterThanOrEqual(50);
    expect(judged).toBeGreaterThanOrEqual(files - 3);
    expect(strong.length).toBeLessThanOrEqual(Math.floor(0.02 * judged));
  }, SLOW);
});
