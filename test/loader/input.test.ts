import { execFileSync } from 'node:child_process';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readInput } from '../../src/loader/input';
import { rejection } from '../helpers/errors';

const dir = mkdtempSync(join(tmpdir(), 'claimlens-input-'));


describe('readInput: a string is a path to a regular file', () => {
  test('a missing path is UNREADABLE_INPUT naming the path', async () => {
    const e = await rejection(readInput(join(dir, 'nope.jpg'), 1000));
    expect(e.code).toBe('UNREADABLE_INPUT');
    expect(e.message).toBe(`claim: cannot read '${join(dir, 'nope.jpg')}' (no such file)`);
  });

  test('a directory is refused', async () => {
    const e = await rejection(readInput(dir, 1000));
    expect(e.code).toBe('UNREADABLE_INPUT');
    expect(e.message).toMatch(/is a directory/);
  });

  test('a FIFO is refused without opening it (no hang)', async () => {
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const e = await rejection(readInput(fifo, 1000));
    expect(e.message).toMatch(/is a FIFO/);
  });

  test('a device is refused', async () => {
    const e = await rejection(readInput('/dev/zero', 1000));
    expect(e.message).toMatch(/is a device/);
  });

  test('a symlink to a directory is refused like the directory; to a file it reads the file', async () => {
    const link = join(dir, 'link-to-dir');
    symlinkSync(dir, link);
    expect((await rejection(readInput(link, 1000))).message).toMatch(/is a directory/);
    const file = join(dir, 'f.bin');
    writeFileSync(file, Buffer.from([1, 2, 3]));
    const flink = join(dir, 'link-to-file');
    symlinkSync(file, flink);
    expect(Array.from((await readInput(flink, 1000)).bytes)).toEqual([1, 2, 3]);
  });

  test('an oversized file is refused from its size, before reading', async () => {
    const file = join(dir, 'big.bin');
    writeFileSync(file, Buffer.alloc(2001));
    const e = await rejection(readInput(file, 2000));
    expect(e.code).toBe('TOO_LARGE');
    expect(e.details).toMatchObject({ limit: 2000, actual: 2001 });
    expect((await readInput(file, 2001)).bytes.length).toBe(2001);
  });
});
