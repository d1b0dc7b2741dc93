import { createPool, PoolError } from '../../src/pool';
import { isClaimlensError } from '../../src/errors';
import { makeImage, randomBytes } from '../helpers/images';

describe('claimlens/pool', () => {
  test('inspects on worker threads, same verdict as in-process, typed errors come back typed', async () => {
    const pool = await createPool({ workers: 2, detectors: ['metadata', 'jpeg'] });
    try {
      expect(pool.size).toBe(2);
      const imgs = await Promise.all([1, 2, 3, 4].map((i) => makeImage('jpeg', 64 + i * 8, 48)));
      const verdicts = await Promise.all(imgs.map((b) => pool.inspect(b)));
      verdicts.forEach((v, i) => expect(v.image.width).toBe(64 + (i + 1) * 8));
      expect(verdicts[0].detectors.map((d) => d.name)).toEqual(['metadata', 'jpeg']);
      const e: unknown = await pool.inspect(randomBytes(500)).catch((x: unknown) => x);
      expect(isClaimlensError(e)).toBe(true);
      expect((e as { code: string }).code).toBe('UNSUPPORTED_FORMAT');
    } finally {
      await pool.close();
    }
  }, 180_000);

  test('back-pressure: inspect waits for room when the queue is full', async () => {
    const pool = await createPool({ workers: 1, detectors: ['metadata'], maxQueue: 1 });
    try {
      const img = await makeImage('png', 32, 32);
      const all = Array.from({ length: 6 }, () => pool.inspect(img));
      await new Promise((r) => setTimeout(r, 20));
      expect(pool.queued).toBeLessThanOrEqual(1);
      const vs = await Promise.all(all);
      expect(vs).toHaveLength(6);
    } finally {
      await pool.close();
    }
  }, 180_000);

  test('recycleAfter: a thread is replaced after N inspections, and the verdicts do not change', async () => {
    const pool = await createPool({ workers: 1, detectors: ['metadata', 'jpeg'], recycleAfter: 2, maxRssMiB: 0 });
    try {
      const img = await makeImage('jpeg', 96, 64);
      const scores: number[] = [];
      for (let i = 0; i < 5; i++) scores.push((await pool.inspect(img)).score);
      expect(new Set(scores).size).toBe(1);
      const st = pool.stats();
      expect(st.completed).toBe(5);
      // after the 2nd and the 4th inspection
      expect(st.recycledByCount).toBe(2);
      expect(st.recycledByRss).toBe(0);
      expect(pool.size).toBeLessThanOrEqual(1);
    } finally {
      await pool.close();
    }
  }, 180_000);

  test('maxRssMiB: above the ceiling, the thread that just finished is replaced', async () => {
    // 1 MiB is below any process's resident set: every inspection ends with a replacement.
    const pool = await createPool({ workers: 1, detectors: ['metadata'], recycleAfter: 0, maxRssMiB: 1 });
    try {
      const img = await makeImage('png', 32, 32);
      for (let i = 0; i < 3; i++) await pool.inspect(img);
      expect(pool.stats()).toMatchObject({ completed: 3, recycledByCount: 0, recycledByRss: 3, timeouts: 0, crashes: 0 });
    } finally {
      await pool.close();
    }
  }, 180_000);

  test('inspectionTimeoutMs: an inspection over budget fails with TASK_TIMEOUT and its thread is replaced', async () => {
    const pool = await createPool({ workers: 1, detectors: ['ela', 'noise'], inspectionTimeoutMs: 1 });
    try {
      const big = await makeImage('jpeg', 1600, 1200);
      const e: unknown = await pool.inspect(big).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(PoolError);
      expect((e as PoolError).code).toBe('TASK_TIMEOUT');
      expect(pool.stats()).toMatchObject({ timeouts: 1, completed: 0 });
      // the replacement thread starts in the background
      for (let i = 0; i < 600 && pool.size === 0; i++) await new Promise((r) => setTimeout(r, 100));
      expect(pool.size).toBe(1);
    } finally {
      await pool.close();
    }
  }, 180_000);

  test('options are validated before any thread starts', async () => {
    await expect(createPool({ recycleAfter: -1 })).rejects.toMatchObject({ code: 'INVALID_OPTIONS', message: 'options.recycleAfter: expected a non-negative integer (0 = never), received -1 (number)' });
    await expect(createPool({ recycleAfter: 2.5 })).rejects.toMatchObject({ code: 'INVALID_OPTIONS' });
    await expect(createPool({ maxRssMiB: Number.NaN })).rejects.toMatchObject({ code: 'INVALID_OPTIONS' });
    // @ts-expect-error a string is not a number of MiB
    await expect(createPool({ maxRssMiB: '2048' })).rejects.toMatchObject({ code: 'INVALID_OPTIONS' });
    await expect(createPool({ workers: 0 })).rejects.toMatchObject({ code: 'INVALID_OPTIONS', message: 'options.workers: expected an integer from 1 to 256, received 0 (number)' });
    // @ts-expect-error a misspelt detector name does not compile; the runtime refuses it too
    await expect(createPool({ detectors: ['nope'] })).rejects.toMatchObject({ code: 'INVALID_OPTIONS' });
  });

  test('close() settles inspections that are still running with POOL_CLOSED', async () => {
    const pool = await createPool({ workers: 1, detectors: ['ela', 'noise'] });
    const running = pool.inspect(await makeImage('jpeg', 1600, 1200)).catch((x: unknown) => x);
    await new Promise((r) => setTimeout(r, 50));
    await pool.close();
    const e = await running;
    // Either it finished before close() (a verdict) or it was cut off: never left pending.
    if (e instanceof PoolError) expect(e.code).toBe('POOL_CLOSED');
    else expect((e as { image: { width: number } }).image.width).toBe(1600);
  }, 180_000);

  test('a closed pool refuses work', async () => {
    const pool = await createPool({ workers: 1, detectors: ['metadata'] });
    await pool.close();
    const e: unknown = await pool.inspect(await makeImage('png')).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(PoolError);
    expect((e as PoolError).code).toBe('POOL_CLOSED');
  }, 180_000);
});
