/**
 * The marks detector on every camera photo of the shared corpus (read in place): none carries a visible AI mark,
 * and none is reported, whatever the camera, size or format. Each test first proves the image was searched
 * (`details.scanned`: bands resampled and positions scored), so it cannot pass on images the detector skipped.
 */
import { readFile } from 'node:fs/promises';
import { marks } from '../../src/detectors/marks';
import { loadImage } from '../../src/loader/image';
import type { Subject } from '../../src/types';
import { corpusRows, describeCorpus } from '../helpers/corpus';

const detector = marks();

describeCorpus('marks on ../shared/corpus/camera', () => {
  const rows = corpusRows().filter((r) => r.category === 'camera');
  test.each(rows.map((r) => [r.local_name, r.file]))('%s: no visible mark reported', async (_name, file) => {
    const image = await loadImage(await readFile(file));
    const subject: Subject = { image, catalog: [], context: {}, locale: 'en', artifacts: false, signal: new AbortController().signal };
    const r = await detector.run(subject);
    // HEIC is not decodable here and the 1×1 PNG is too small: those are the only images allowed not to be searched,
    // and they must say so; every other image must have been searched before its (empty) result counts.
    if (!image.decodable) {
      expect(r.status).toBe('skipped');
    } else if (Math.min(image.width, image.height) < 64) {
      expect(r.status).toBe('inconclusive');
    } else {
      expect(r.status ?? 'ok').toBe('ok');
      expect(r.details?.searched).toBeGreaterThan(0);
      const scanned = r.details?.scanned as { bands: number; positions: number };
      expect(scanned.bands).toBeGreaterThan(0);
      expect(scanned.positions).toBeGreaterThan(100);
    }
    expect(r.signals).toEqual([]);
  });

  test('the corpus holds camera photos that were searched (the table is not empty)', () => {
    expect(rows.filter((r) => !/\.hei[cf]$/i.test(r.local_name)).length).toBeGreaterThan(10);
  });
});
