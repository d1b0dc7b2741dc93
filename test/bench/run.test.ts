import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runBench } from '../../src/bench/run';
import { benchCommand } from '../../src/cli/commands/bench';
import { DEFAULT_DETECTOR_NAMES } from '../../src/detectors';

const TINY = resolve('fixtures/generated/tiny-set/manifest.json');
/** Fast detectors keep this file well under a minute on a loaded machine; the machinery is what is tested. */
const FAST = ['metadata', 'jpeg'];

describe('runBench on the tiny rendered set', () => {
  test('runs every case on real worker threads and measures each detector', async () => {
    const progress: number[] = [];
    const r = await runBench(TINY, { concurrency: 2, detectors: FAST, onProgress: (p) => progress.push(p.done) });
    expect(r.run.mode).toBe('worker_threads');
    expect(r.run.fallbackReason).toBeUndefined();
    expect(r.run.concurrency).toBe(2);
    expect(r.manifest.name).toBe('tiny-set-v1');
    expect(r.manifest.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(r.counts).toMatchObject({ cases: 8, scored: 8, failed: 0 });
    expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(r.cases.map((c) => c.id).sort()).toEqual(
      ['box', 'bottle', 'mug', 'tin'].flatMap((p) => [`${p}-crack-on-catalog`, `${p}-new-photo`]).sort(),
    );
    for (const c of r.cases) {
      expect(c.detectors.map((d) => d.name)).toEqual(FAST);
      expect(c.score).toBeGreaterThanOrEqual(0);
      expect(c.image).toEqual({ format: 'jpeg', width: 640, height: 480, bytes: expect.any(Number) as unknown });
    }
    expect(r.metrics.fused).toMatchObject({ n: 8, positives: 4, negatives: 4 });
    expect(Object.keys(r.metrics.detectors)).toEqual(FAST);
    expect(Object.keys(r.metrics.byKind)).toEqual(['buyer-photo', 'edit-of-catalog']);
    expect(r.timings.msPerImage.n).toBe(8);
    expect(r.timings.peakRssMiB.workers).toBeGreaterThan(0);
  });
});

describe('a manifest with a missing file and a corrupt image', () => {
  let dir: string;
  let manifest: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'claimlens-bench-'));
    const src = resolve('fixtures/generated/tiny-set/claims');
    await copyFile(join(src, 'mug-crack-on-catalog.jpg'), join(dir, 'fake.jpg'));
    await copyFile(join(src, 'mug-new-photo.jpg'), join(dir, 'real.jpg'));
    // A JPEG cut after 40 bytes: the magic bytes say JPEG, but there is no frame header to read.
    const whole = await readFile(join(src, 'box-new-photo.jpg'));
    await writeFile(join(dir, 'corrupt.jpg'), whole.subarray(0, 40));
    manifest = join(dir, 'manifest.json');
    await writeFile(
      manifest,
      JSON.stringify({
        name: 'broken-set',
        cases: [
          { id: 'fake', claim: 'fake.jpg', label: 'fabricated', kind: 'edit' },
          { id: 'real', claim: 'real.jpg', label: 'genuine', kind: 'photo' },
          { id: 'gone', claim: 'gone.jpg', label: 'genuine', kind: 'photo' },
          { id: 'broken', claim: 'corrupt.jpg', label: 'fabricated', kind: 'edit' },
        ],
      }),
    );
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  let threads: Awaited<ReturnType<typeof runBench>> | undefined;

  test('completes, records both failures with their error codes and measures the rest', async () => {
    const r = await runBench(manifest, { concurrency: 2, detectors: ['metadata'] });
    threads = r;
    expect(r.counts.cases).toBe(4);
    expect(r.counts.scored).toBe(2);
    expect(r.counts.failed).toBe(2);
    expect(r.counts.missingFiles).toEqual([{ id: 'gone', field: 'claim', path: join(dir, 'gone.jpg') }]);
    const gone = r.cases.find((c) => c.id === 'gone');
    const broken = r.cases.find((c) => c.id === 'broken');
    expect(gone?.error?.code).toBe('UNREADABLE_INPUT');
    expect(broken?.error?.code).toBe('CORRUPT_IMAGE');
    expect(gone?.score).toBeUndefined();
    expect(r.counts.errors).toEqual({ UNREADABLE_INPUT: 1, CORRUPT_IMAGE: 1 });
    expect(r.metrics.fused.n).toBe(2);
  });

  test('the in-process fallback records the same scores and signals as the worker threads', async () => {
    if (!threads) throw new Error('the worker-thread run above did not complete');
    const inProcess = await runBench(manifest, { concurrency: 2, detectors: ['metadata'], inProcess: true });
    expect(inProcess.run.mode).toBe('in-process');
    expect(inProcess.run.fallbackReason).toBe('in-process run requested');
    expect(inProcess.timings.peakRssMiB.workers).toBeNull();
    const strip = (r: NonNullable<typeof threads>): unknown => r.cases.map((c) => ({ id: c.id, score: c.score, signals: c.signals, error: c.error?.code }));
    expect(strip(inProcess)).toEqual(strip(threads));
  });

  test('without --detectors it runs the default set (opt-in noise left out), as inspect does', async () => {
    const r = await runBench(manifest, { concurrency: 1, inProcess: true });
    expect(r.run.detectors).toEqual([...DEFAULT_DETECTOR_NAMES]);
    expect(r.run.detectors).not.toContain('noise');
    expect(r.counts.scored).toBe(2);
  }, 120_000);

  test('--strict refuses it before running, naming the case and field', async () => {
    const err: string[] = [];
    const code = await benchCommand([manifest, '--strict'], { stdout: () => undefined, stderr: (s) => err.push(s), debug: false }).catch((e: unknown) => e);
    expect(code).toMatchObject({ code: 'INVALID_MANIFEST', message: expect.stringContaining(`case 'gone'.claim: file not found: ${join(dir, 'gone.jpg')}`) as unknown });
  });

  test('the CLI prints the table, writes --out and prints the same JSON with --json', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s), debug: false };
    const outFile = join(dir, 'results.json');
    expect(await benchCommand([manifest, '--concurrency', '1', '--detectors', 'metadata', '--out', outFile], io)).toBe(0);
    const table = out.join('');
    expect(table).toContain('broken-set: 4 cases (2 fabricated, 2 genuine), 2 failed');
    expect(table).toMatch(/^fused\s/m);
    expect(table).toMatch(/^metadata\s/m);
    expect(table).toContain('failed cases: UNREADABLE_INPUT 1, CORRUPT_IMAGE 1');
    expect(err.join('')).toContain(`warning: case 'gone'.claim: file not found`);
    expect(err.join('')).toMatch(/bench: 4\/4 \(100 %\)/);
    const written = JSON.parse(await readFile(outFile, 'utf8')) as Record<string, unknown>;
    for (const k of ['schemaVersion', 'claimlens', 'date', 'machine', 'manifest', 'run', 'counts', 'metrics', 'timings', 'cases']) expect(written).toHaveProperty(k);

    const jsonOut: string[] = [];
    expect(await benchCommand([manifest, '--json', '--concurrency', '1', '--detectors', 'metadata'], { ...io, stdout: (s) => jsonOut.push(s) })).toBe(0);
    const parsed = JSON.parse(jsonOut.join('')) as { counts: { failed: number }; run: { detectors: string[] } };
    expect(parsed.counts.failed).toBe(2);
    expect(parsed.run.detectors).toEqual(['metadata']);
  });

  test('usage errors: unknown detector, bad concurrency, no manifest', async () => {
    const io = { stdout: () => undefined, stderr: () => undefined, debug: false };
    await expect(benchCommand([manifest, '--detectors', 'metadata,xray'], io)).rejects.toMatchObject({ code: 'INVALID_OPTIONS', message: expect.stringContaining("detectors: expected names among metadata, provenance, catalog, ela, jpeg, edits, noise, marks, received 'xray' (string)") as unknown });
    await expect(benchCommand([manifest, '--concurrency', '0'], io)).rejects.toThrow("--concurrency: expected a positive integer, received '0'");
    await expect(benchCommand([], io)).rejects.toThrow('missing <manifest.json>');
  });
});
