/**
 * Catalog detector on the shared corpus products (../shared/corpus/products, GroceryStoreDataset, MIT): every
 * independent buyer photo must NOT be called derived from its product's catalog photo. Files stay in ../shared.
 */
import { readFileSync } from 'node:fs';
import { catalog } from '../../src/detectors/catalog';
import { loadImage } from '../../src/loader/image';
import type { DetectorResult } from '../../src/types';
import { corpusRows, describeCorpus } from '../helpers/corpus';

const rows = corpusRows().filter((r) => r.category === 'products' && r.license !== 'FLAGGED');
const product = (t: Record<string, string>): string => (t.product ?? '').split(/[ (]/)[0];
const catalogs = new Map(rows.filter((r) => /CATALOG/.test(r.truth.role ?? '')).map((r) => [product(r.truth), r.file]));
const buyers = rows.filter((r) => /NOT derived/.test(r.ground_truth) && catalogs.has(product(r.truth)));
const detector = catalog();

async function run(claimFile: string, catalogFile: string): Promise<DetectorResult> {
  const image = await loadImage(readFileSync(claimFile));
  const ref = await loadImage(readFileSync(catalogFile));
  return detector.run({ image, catalog: [{ kind: 'image', index: 0, image: ref }], context: {}, locale: 'en', artifacts: false, signal: new AbortController().signal });
}

describeCorpus('catalog: shared corpus products', () => {
  test('the corpus has catalog and buyer photos', () => {
    expect(catalogs.size).toBeGreaterThanOrEqual(10);
    expect(buyers.length).toBeGreaterThanOrEqual(30);
  });

  test('no buyer photo is called derived from its catalog photo', async () => {
    const wrong: string[] = [];
    for (const b of buyers) {
      const r = await run(b.file, catalogs.get(product(b.truth)) as string);
      const d = (r.details as { decision: string }).decision;
      if (d === 'reuse' || d === 'derived-edit' || r.signals.some((s) => s.weight > 0)) wrong.push(`${b.local_name}: ${d}`);
    }
    expect(wrong).toEqual([]);
  }, 240_000);

  test('the catalog photo itself, re-sent, is reuse', async () => {
    const [name, file] = [...catalogs.entries()][0];
    const r = await run(file, file);
    expect((r.details as { decision: string }).decision).toBe('reuse');
    expect(r.signals[0]).toMatchObject({ code: 'catalog.reuse', strength: 'conclusive' });
    expect(name).toBeTruthy();
  });
});
