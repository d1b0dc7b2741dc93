/**
 * jpeg detector on the shared third-party corpus (../shared/corpus, never copied): DQT parsing of real camera
 * files, encoder family against the manifest's ground truth, and no false double-compression on camera originals.
 */
import { readFileSync } from 'node:fs';
import { loadImage } from '../../src/loader/image';
import { walkJpeg } from '../../src/formats/jpeg';
import { jpeg } from '../../src/detectors/jpeg';
import { readHeaders } from '../../src/formats/jpeg';
import type { DetectorResult } from '../../src/types';
import { corpusRows, describeCorpus } from '../helpers/corpus';

const cameraJpegs = corpusRows().filter((r) => r.category === 'camera' && /\.jpe?g$/i.test(r.local_name));
/** Camera originals: the manifest says "genuine" (camera original or phone photo). */
const originals = cameraJpegs.filter((r) => /^genuine/i.test(r.ground_truth));
/** Saved again by software: edited (EDITED, "NOT a camera original") or reduced/downscaled copies. */
const resaved = cameraJpegs.filter((r) => /EDITED|NOT a camera original|reduced|downscaled/i.test(r.ground_truth));

async function runFile(file: string, doubleCompression = true): Promise<DetectorResult> {
  const image = await loadImage(file);
  return jpeg({ doubleCompression }).run({ image, catalog: [], context: {}, locale: 'en', artifacts: false, signal: new AbortController().signal });
}

describeCorpus('jpeg detector on ../shared/corpus/camera', () => {
  test('the corpus has camera originals and re-saved files to judge', () => {
    expect(originals.length).toBeGreaterThanOrEqual(8);
    expect(resaved.length).toBeGreaterThanOrEqual(6);
  });

  test.each(cameraJpegs.map((r) => [r.local_name, r.file]))('%s: DQT tables parse (64 entries in 1..255, referenced by the frame)', (_name, file) => {
    const b = readFileSync(file);
    const h = readHeaders(b, walkJpeg(b));
    expect(h.frame).not.toBeNull();
    expect(h.problems).toEqual([]);
    for (const c of h.frame?.components ?? []) expect(h.tables.some((t) => t.id === c.tq)).toBe(true);
    for (const t of h.tables) {
      expect(t.values).toHaveLength(64);
      expect(t.values.every((v) => v >= 1 && v <= 255)).toBe(true);
    }
  });

  test.each(originals.map((r) => [r.local_name, r.file]))('%s (original): not called software-encoded, no structure signal', async (_name, file) => {
    const r = await runFile(file, false);
    expect(r.signals.map((s) => s.code)).not.toContain('jpeg.software-encoder');
    expect(r.signals.map((s) => s.code)).not.toContain('jpeg.thumbnail-encoder-mismatch');
  });

  test.each(resaved.map((r) => [r.local_name, r.file]))('%s (edited or resized copy): software encoder found', async (_name, file) => {
    const r = await runFile(file, false);
    const s = r.signals.find((x) => x.code === 'jpeg.software-encoder');
    expect(s).toBeDefined();
    expect(['libjpeg', 'adobe']).toContain(s?.details?.family);
  });

  test('Photoshop export (mei__Photoshop_2.jpg) is the Adobe family; Lightroom D700 is libjpeg q80', async () => {
    const ps = cameraJpegs.find((r) => r.local_name.endsWith('Photoshop_2.jpg'));
    const lr = cameraJpegs.find((r) => r.local_name.endsWith('Nikon_D700_lightroom.jpg'));
    if (!ps || !lr) throw new Error('expected corpus files are missing from MANIFEST.tsv');
    expect((await runFile(ps.file, false)).details).toMatchObject({ family: 'adobe' });
    expect((await runFile(lr.file, false)).details).toMatchObject({ family: 'libjpeg', quality: 80, exactIjg: true });
  });
});
