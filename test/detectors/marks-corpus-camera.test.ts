/**
 * The marks detector on every camera photo of the shared corpus (read in place): none carries a visible AI mark,
 * and none is reported, whatever the camera, size or format.
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
    expect(r.signals).toEqual([]);
    // HEIC is not decodable here (skipped); the 1×1 PNG is inconclusive; everything else was searched.
    expect(['ok', 'skipped', 'inconclusive']).toContain(r.status ?? 'ok');
  });
});
