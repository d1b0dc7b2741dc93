/**
 * The marks detector on the shared third-party corpus (read in place, never copied): the real Doubao and Jimeng
 * outputs carry their visible marks and are found with the right service and region; the other AI outputs and the
 * product photos carry no visible mark and none is reported.
 */
import { readFile } from 'node:fs/promises';
import { marks } from '../../src/detectors/marks';
import { loadImage } from '../../src/loader/image';
import type { DetectorResult, Subject } from '../../src/types';
import { corpusRows, describeCorpus } from '../helpers/corpus';

const detector = marks();

async function run(file: string): Promise<DetectorResult> {
  const image = await loadImage(await readFile(file));
  const subject: Subject = { image, catalog: [], context: {}, locale: 'en', artifacts: false, signal: new AbortController().signal };
  return detector.run(subject);
}

describeCorpus('marks on ../shared/corpus', () => {
  const rows = corpusRows();
  const labelled: [string, string, { x: number; y: number }][] = [
    // Mark boxes measured on the files (light pixels of the bottom-right corner): Doubao 322×69 at (1692, 1938),
    // Jimeng 400×104 at (1582, 1878), both on 2048×2048 renders.
    ['ai-labelled/rmaiwm__doubao_black_1x1_1.png', 'doubao', { x: 1692, y: 1938 }],
    ['ai-labelled/rmaiwm__jimeng_cap_A.png', 'jimeng', { x: 1582, y: 1878 }],
  ];
  for (const [name, service, at] of labelled) {
    test(`${name}: the ${service} mark, at its place`, async () => {
      const row = rows.find((r) => r.local_name === name);
      expect(row).toBeDefined();
      const r = await run(row!.file);
      expect(r.signals).toHaveLength(1);
      const s = r.signals[0];
      expect(s.details).toMatchObject({ service });
      expect(s.details?.score).toBeGreaterThan(0.85);
      expect(s.strength).toBe('conclusive');
      expect(Math.abs(s.region!.x - at.x)).toBeLessThan(15);
      expect(Math.abs(s.region!.y - at.y)).toBeLessThan(15);
      expect(s.message).toContain('bottom-right');
    });
  }

  // camera/ is in marks-corpus-camera.test.ts (large files: kept apart so each file stays short).
  const negatives = rows.filter((r) => r.category === 'products' || (r.category === 'ai-labelled' && !labelled.some(([n]) => n === r.local_name)));
  test.each(negatives.map((r) => [r.local_name, r.file]))('%s: no visible mark reported', async (_name, file) => {
    const r = await run(file);
    expect(r.signals).toEqual([]);
    // HEIC is not decodable here (skipped); 1×1 and tiny files are inconclusive; everything else was searched.
    expect(['ok', 'skipped', 'inconclusive']).toContain(r.status ?? 'ok');
  });
});
