import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadManifest } from '../../src/bench/manifest';
import { decide, writeCorpusManifest } from '../../fixtures/generate/corpus-manifest';
import { CORPUS_DIR, corpusRows, describeCorpus } from '../helpers/corpus';

const row = (category: string, local_name: string, ground_truth: string, truth: Record<string, string> = {}): Parameters<typeof decide>[0] => ({ category, local_name, license: 'MIT', ground_truth, truth });

describe('corpus mapping rules', () => {
  test.each([
    [row('ai-generated', 'ai-generated/x.png', 'ai=yes generator=ComfyUI', { ai: 'yes generator=ComfyUI' }), { label: 'fabricated', kind: 'ai-generated' }],
    [row('ai-generated', 'ai-generated/e.png', 'ai=yes AI IMAGE EDIT (instruct-pix2pix)'), { label: 'fabricated', kind: 'ai-edit' }],
    [row('c2pa', 'c2pa/c2parst__XCA.jpg', 'c2pa=present; image bytes changed after signing', { c2pa: 'present' }), { label: 'fabricated', kind: 'c2pa-altered' }],
    [row('c2pa', 'c2pa/c2parst__C.jpg', 'c2pa=present; ai=no', { c2pa: 'present', ai: 'no' }), { label: 'genuine', kind: 'c2pa-valid' }],
    [row('c2pa', 'c2pa/cattest__composite-dst.jpg', 'c2pa=present; ai=partial', { c2pa: 'present', ai: 'partial: camera photo' }), { label: 'fabricated', kind: 'c2pa-ai-edit' }],
    [row('c2pa', 'c2pa/c2parst__sample1.png', 'c2pa=none', { c2pa: 'none (unsigned PNG)' }), { label: 'genuine', kind: 'no-c2pa' }],
    [row('camera', 'camera/a.jpg', 'camera photo EDITED: Software=Lightroom'), { label: 'genuine', kind: 'camera-edited' }],
    [row('camera', 'camera/a.webp', 'WebP conversion of the HTC Desire photo'), { label: 'genuine', kind: 'camera-converted' }],
    [row('tampered', 'tampered/t.jpg', 'tampered=yes; copy-move (region from the same image)', { tampered: 'yes' }), { label: 'fabricated', kind: 'tampered-copy-move' }],
    [row('tampered', 'tampered/o.png', 'tampered=no: ORIGINAL', { tampered: 'no: ORIGINAL' }), { label: 'genuine', kind: 'tampered-original' }],
  ])('mapping rule %#', (r, expected) => {
    expect(decide(r)).toMatchObject(expected);
  });

  test.each([
    [row('tampered', 'tampered/m_gt.png', 'GROUND TRUTH MASK for m.jpg'), 'ground-truth mask'],
    [row('c2pa', 'c2pa/c2parst__cloud.jpg', 'c2pa=remote only', { c2pa: 'remote only' }), 'remote manifest only'],
    [row('products', 'products/p__catalog_iconic.jpg', 'product=P; role=CATALOG photo'), 'catalog photo'],
    [row('camera', 'camera/mei__Photoshop_2.jpg', 'NOT a camera original: Photoshop export'), 'no ground truth on the content'],
    [row('tampered', 'tampered/LICENSE.txt', 'LICENCE TEXT'), 'not an image'],
  ])('exclusion rule %#', (r, reason) => {
    expect(decide(r)).toEqual({ exclude: expect.stringContaining(reason) as unknown });
  });
});

describeCorpus('the shared-corpus manifest', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'claimlens-corpus-manifest-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  test('validates, names only existing corpus files by relative path, and accounts for every row', async () => {
    const w = await writeCorpusManifest(CORPUS_DIR, dir);
    const m = await loadManifest(w.path);
    expect(m.missing).toEqual([]);
    expect(m.cases.length).toBe(w.fabricated + w.genuine);
    expect(w.fabricated).toBeGreaterThan(0);
    expect(w.genuine).toBeGreaterThan(0);
    const doc = JSON.parse(await readFile(w.path, 'utf8')) as { cases: { claim: string; licence?: string; catalog?: string[]; kind: string; truthRegion?: unknown }[]; excluded: unknown[] };
    // paths stay relative (no copies, no absolute paths baked in)
    for (const c of doc.cases) expect(c.claim.startsWith('/')).toBe(false);
    expect(doc.cases.length + doc.excluded.length).toBe(corpusRows().length);
    // every FLAGGED corpus file that is used is marked as evaluation-only
    const flagged = new Set(corpusRows().filter((r) => r.license.includes('FLAGGED')).map((r) => join(CORPUS_DIR, r.local_name)));
    for (const c of m.cases) expect(flagged.has(c.claim)).toBe(c.extra.licence === 'FLAGGED');
    // buyer photos carry their product's catalog photo; forgeries carry the mask box
    for (const c of doc.cases.filter((x) => x.kind === 'buyer-photo')) expect(c.catalog?.[0]).toMatch(/__catalog_iconic\.jpg$/);
    for (const c of doc.cases.filter((x) => x.kind.startsWith('tampered-') && x.kind !== 'tampered-original')) expect(c.truthRegion).toBeDefined();
  });
});
