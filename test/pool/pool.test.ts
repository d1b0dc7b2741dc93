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

  test('options are validated before any thread starts', async () => {
    await expect(createPool({ workers: 0 })).rejects.toMatchObject({ code: 'INVALID_OPTIONS', message: 'options.workers: expected an integer from 1 to 256, received 0 (number)' });
    // @ts-expect-error a misspelt detector name does not compile; the runtime refuses it too
    await expect(createPool({ detectors: ['nope'] })).rejects.toMatchObject({ code: 'INVALID_OPTIONS' });
  });

  test('a closed pool refuses work', async () => {
    const pool = await createPool({ workers: 1, detectors: ['metadata'] });
    await pool.close();
    const e: unknown = await pool.inspect(await makeImage('png')).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(PoolError);
    expect((e as PoolError).code).toBe('POOL_CLOSED');
  }, 180_000);
});
