import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import type { CliIO } from '../../src/cli/io';
import { makeImage, pngDeclaring, randomBytes } from '../helpers/images';

const dir = mkdtempSync(join(tmpdir(), 'claimlens-cli-'));

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { stdout: (s) => (out += s), stderr: (s) => (err += s), debug: argv.includes('--debug') };
  const code = await main(argv, io);
  return { code, out, err };
}

describe('claimlens CLI', () => {
  test('inspect --json prints exactly one Verdict (with its file)', async () => {
    // (every detector runs: slow on a loaded machine, hence the longer limit)
    const file = join(dir, 'photo.jpg');
    writeFileSync(file, await makeImage('jpeg', 120, 90));
    const r = await run('inspect', file, '--json', '--delivered-at', '2026-11-04T10:00:00+08:00');
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines).toHaveLength(1);
    const v = JSON.parse(lines[0]) as Record<string, unknown>;
    for (const k of ['score', 'risk', 'summary', 'signals', 'detectors', 'image', 'version']) expect(v).toHaveProperty(k);
    expect(v.file).toBe(file);
    expect(v.image).toMatchObject({ format: 'jpeg', width: 120, height: 90, bytes: readFileSync(file).length });
    expect(v).not.toHaveProperty('artifacts');
  }, 240_000);

  test('random bytes: exit 3, the error code on stderr (on stdout as JSON with --json), no stack trace', async () => {
    const file = join(dir, 'random.bin');
    writeFileSync(file, randomBytes(2048));
    const r = await run('inspect', file);
    expect(r.code).toBe(3);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^claimlens: UNSUPPORTED_FORMAT: /);
    expect(r.err).not.toMatch(/\n\s+at /);
    const j = await run('inspect', file, '--json');
    expect(j.code).toBe(3);
    expect(j.err).toBe('');
    expect(JSON.parse(j.out)).toEqual({ file, error: { code: 'UNSUPPORTED_FORMAT', message: expect.stringMatching(/^claim: not a supported image/) as unknown } });
  });

  test('--debug adds the stack trace', async () => {
    const file = join(dir, 'random2.bin');
    writeFileSync(file, randomBytes(64, 7));
    const r = await run('inspect', file, '--debug');
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/\n\s+at /);
  });

  test('a 60000×60000 PNG header is TOO_LARGE', async () => {
    const file = join(dir, 'bomb.png');
    writeFileSync(file, pngDeclaring(60000, 60000));
    const r = await run('inspect', file);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/TOO_LARGE/);
  });

  test('usage errors exit 2 with the command help', async () => {
    const a = await run('inspect');
    expect(a.code).toBe(2);
    expect(a.err).toMatch(/missing <claim> image \(a path, or - for stdin\)[\s\S]*Usage: claimlens inspect/);
    const b = await run('inspect', 'x.jpg', '--colour', 'red');
    expect(b.code).toBe(2);
    expect(b.err).toMatch(/unknown option --colour/);
    const c = await run('frobnicate');
    expect(c.code).toBe(2);
    expect(c.err).toMatch(/unknown command 'frobnicate'/);
    const d = await run('inspect', join(dir, 'photo.jpg'), '--locale', 'fr');
    expect(d.code).toBe(2);
    expect(d.err).toMatch(/options.locale: expected one of 'en', 'zh-CN'/);
  });

  test('--help for every command', async () => {
    for (const cmd of ['inspect', 'fingerprint', 'bench', 'demo']) {
      const r = await run(cmd, '--help');
      expect(r.code).toBe(0);
      expect(r.out).toMatch(new RegExp(`Usage: claimlens ${cmd}`));
    }
    expect((await run('--help')).out).toMatch(/claimlens inspect <claim\|->\.\.\./);
    expect((await run('help', 'inspect')).out).toMatch(/^Usage: claimlens inspect/);
    const bare = await run();
    expect(bare).toMatchObject({ code: 2, out: '' });
    expect(bare.err).toMatch(/Usage:\n {2}claimlens inspect/);
  });

  test('demo writes a self-contained HTML report and prints its path', async () => {
    const out = join(dir, 'demo.html');
    const r = await run('demo', '--out', out);
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe(out);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('data:image/jpeg;base64,');
    expect(html).not.toMatch(/<script|src="https?:|href="https?:/);
  }, 240_000);
});
