import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { isClaimlensError } from '../../src/errors';
import { loadManifest } from '../../src/bench/manifest';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'claimlens-manifest-'));
  await mkdir(join(dir, 'claims'));
  await writeFile(join(dir, 'claims', 'a.jpg'), 'x');
  await writeFile(join(dir, 'claims', 'b.jpg'), 'x');
  await writeFile(join(dir, 'cat.jpg'), 'x');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

let n = 0;
async function write(doc: unknown): Promise<string> {
  const p = join(dir, `m${n++}.json`);
  await writeFile(p, typeof doc === 'string' ? doc : JSON.stringify(doc));
  return p;
}

async function failure(doc: unknown): Promise<{ code: string; message: string }> {
  const p = await write(doc);
  try {
    await loadManifest(p);
  } catch (e) {
    if (isClaimlensError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected loadManifest to reject');
}

const ok = { id: 'a', claim: 'claims/a.jpg', label: 'fabricated' };

describe('loadManifest', () => {
  test('resolves paths against the manifest folder, keeps extra fields and hashes the bytes', async () => {
    const doc = { name: 'set', cases: [{ ...ok, catalog: ['cat.jpg'], kind: 'edit', context: { deliveredAt: '2026-11-04' }, source: 'seed 1' }, { id: 'b', claim: 'claims/b.jpg', label: 'genuine' }] };
    const p = await write(doc);
    const m = await loadManifest(p);
    expect(m.name).toBe('set');
    expect(m.cases[0]).toEqual({ id: 'a', claim: join(dir, 'claims/a.jpg'), catalog: [join(dir, 'cat.jpg')], label: 'fabricated', kind: 'edit', context: { deliveredAt: '2026-11-04' }, extra: { source: 'seed 1' } });
    expect(m.cases[1].catalog).toEqual([]);
    expect(m.sha256).toBe(createHash('sha256').update(JSON.stringify(doc)).digest('hex'));
    expect(m.missing).toEqual([]);
  });

  test.each([
    ['not an object', '[1,2]', 'expected a JSON object { name, cases }, received an array of 2'],
    ['bad JSON', '{"name": ', 'not valid JSON'],
    ['no name', { cases: [ok] }, "name: expected a non-empty string, received undefined"],
    ['cases not an array', { name: 's', cases: {} }, 'cases: expected an array, received an object'],
    ['no cases', { name: 's', cases: [] }, 'cases: the manifest has no cases'],
    ['case not an object', { name: 's', cases: [ok, 3] }, 'cases[1]: expected an object, received 3 (number)'],
    ['missing id', { name: 's', cases: [{ claim: 'claims/a.jpg', label: 'genuine' }] }, 'cases[0].id: expected a non-empty string, received undefined'],
    ['duplicate id', { name: 's', cases: [ok, { ...ok, claim: 'claims/b.jpg' }] }, "case 'a': duplicate id (cases[0] and cases[1])"],
    ['unknown label', { name: 's', cases: [{ ...ok, label: 'fake' }] }, "case 'a'.label: expected 'fabricated' or 'genuine', received 'fake' (string)"],
    ['missing label', { name: 's', cases: [{ id: 'a', claim: 'claims/a.jpg' }] }, "case 'a'.label: expected 'fabricated' or 'genuine', received undefined"],
    ['missing claim', { name: 's', cases: [{ id: 'a', label: 'genuine' }] }, "case 'a'.claim: expected a path relative to the manifest, received undefined"],
    ['catalog not a list', { name: 's', cases: [{ ...ok, catalog: 'cat.jpg' }] }, "case 'a'.catalog: expected an array of paths, received 'cat.jpg' (string)"],
    ['empty kind', { name: 's', cases: [{ ...ok, kind: '' }] }, "case 'a'.kind: expected a non-empty string, received '' (string)"],
    ['unknown context field', { name: 's', cases: [{ ...ok, context: { deliveredOn: '2026-11-04' } }] }, "case 'a'.context.deliveredOn: unknown field"],
    ['bad context value', { name: 's', cases: [{ ...ok, context: { deliveredAt: true } }] }, "case 'a'.context.deliveredAt: expected an ISO 8601 date string or epoch ms, received true (boolean)"],
    ['bad truthRegion', { name: 's', cases: [{ ...ok, truthRegion: { x: 1, y: 2 } }] }, "case 'a'.truthRegion: expected { x, y, width, height } in pixels"],
  ])('%s → INVALID_MANIFEST naming the field', async (_what, doc, text) => {
    const e = await failure(doc);
    expect(e.code).toBe('INVALID_MANIFEST');
    expect(e.message).toContain(text);
  });

  test('missing claim and catalog files are named by case and field', async () => {
    const e = await failure({ name: 's', cases: [{ ...ok, claim: 'claims/nope.jpg' }, { id: 'b', claim: 'claims/b.jpg', label: 'genuine', catalog: ['cat.jpg', 'gone.jpg'] }] });
    expect(e.code).toBe('INVALID_MANIFEST');
    expect(e.message).toContain(`case 'a'.claim: file not found: ${join(dir, 'claims/nope.jpg')}`);
    expect(e.message).toContain(`case 'b'.catalog[1]: file not found: ${join(dir, 'gone.jpg')}`);
  });

  test("missingFiles: 'record' lists them instead of failing", async () => {
    const p = await write({ name: 's', cases: [{ ...ok, claim: 'claims/nope.jpg' }, { id: 'b', claim: 'claims', label: 'genuine' }] });
    const m = await loadManifest(p, { missingFiles: 'record' });
    expect(m.missing).toEqual([
      { id: 'a', field: 'claim', path: join(dir, 'claims/nope.jpg') },
      // a directory is not a usable claim file either
      { id: 'b', field: 'claim', path: join(dir, 'claims') },
    ]);
  });

  test('an unreadable manifest path is INVALID_MANIFEST', async () => {
    await expect(loadManifest(join(dir, 'none.json'))).rejects.toMatchObject({ code: 'INVALID_MANIFEST', message: expect.stringContaining('cannot read the manifest (ENOENT)') as unknown });
    await expect(loadManifest(dir)).rejects.toMatchObject({ code: 'INVALID_MANIFEST', message: expect.stringContaining('not a file') as unknown });
  });
});
