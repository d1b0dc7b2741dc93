/**
 * The CLI as users run it: a real process (`node --import tsx src/cli/main.ts`) on real fixture files, stdin
 * through a pipe, exit codes and the two output streams checked separately.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from '../helpers/images';

const dir = mkdtempSync(join(tmpdir(), 'claimlens-cli-process-'));
const DEMO = 'fixtures/demo';
const PROV = 'fixtures/generated/provenance';
const LABELLED = `${PROV}/gb45438-label-png-1-pos.png`; // carries the GB 45438 implicit label: high with provenance alone
const PLAIN = `${PROV}/gb45438-label-png-1-neg.png`; // the same picture without it: medium when only provenance ran (pixels not examined)
const RANDOM = join(dir, 'random.bin');
writeFileSync(RANDOM, randomBytes(3000, 11));

interface Run {
  code: number | null;
  out: string;
  err: string;
}

/** Run the CLI as a child process; `input` is piped to its stdin (closed empty otherwise). */
function cli(args: string[], input?: Uint8Array): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: process.cwd(), stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
    child.stdin.on('error', () => undefined); // the CLI may stop reading early (TOO_LARGE)
    child.stdin.end(input);
  });
}

const jsonLines = (s: string): Record<string, unknown>[] =>
  s
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('claimlens CLI as a process', () => {
  test('inspect many files --json: one line per file in order, an unusable file as a JSON error in its place, exit 3', async () => {
    const r = await cli(['inspect', LABELLED, RANDOM, PLAIN, '--json', '-d', 'metadata,provenance']);
    expect(r.code).toBe(3);
    const lines = jsonLines(r.out);
    expect(lines.map((l) => l.file)).toEqual([LABELLED, RANDOM, PLAIN]);
    expect(lines[0]).toMatchObject({ risk: 'high', image: { format: 'png' } });
    expect((lines[0].signals as { code: string }[]).map((s) => s.code)).toContain('provenance.aigc-label');
    expect(lines[1]).toEqual({ file: RANDOM, error: { code: 'UNSUPPORTED_FORMAT', message: expect.stringMatching(/not a supported image/) as unknown } });
    // Nothing found, but no detector examined the pixels: never low (verdict.coverage, docs/fusion.md).
    expect(lines[2]).toMatchObject({ risk: 'medium', score: 0.3, coverage: { pixels: false, metadata: true, provenance: true } });
    expect((lines[2].detectors as { name: string }[]).map((d) => d.name)).toEqual(['metadata', 'provenance']);
    expect(r.err).toBe(''); // three claims: no progress line; the error is on stdout, in the stream
  }, 120_000);

  test('a table for several files, -o writes it to a file, progress on stderr from 4 files on', async () => {
    const out = join(dir, 'table.txt');
    const r = await cli(['inspect', PLAIN, LABELLED, RANDOM, `${DEMO}/claim.jpg`, '-o', out, '-d', 'provenance']);
    expect(r.code).toBe(3);
    expect(r.out).toBe('');
    const table = readFileSync(out, 'utf8').trim().split('\n');
    expect(table[0]).toMatch(/^FILE\s+RISK\s+SCORE\s+SIGNALS/);
    expect(table).toHaveLength(5);
    expect(table[1]).toMatch(/gb45438-label-png-1-neg\.png\s+medium\s+0\.300/);
    expect(table[2]).toMatch(/gb45438-label-png-1-pos\.png\s+high\s+0\.\d{3}\s+provenance\.aigc-label/);
    expect(table[3]).toMatch(/random\.bin\s+error\s+—\s+UNSUPPORTED_FORMAT/);
    expect(r.err).toMatch(/^inspect: 4\/4 \(100 %\)/m);
    expect(r.err).toMatch(/random\.bin: UNSUPPORTED_FORMAT: /);
  }, 120_000);

  test("'-' reads the claim from a pipe", async () => {
    const bytes = readFileSync(LABELLED);
    const r = await cli(['inspect', '-', '--json', '-d', 'provenance'], bytes);
    expect(r.code).toBe(0);
    const [v] = jsonLines(r.out);
    expect(v).toMatchObject({ file: '-', risk: 'high', image: { bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') } });
  }, 60_000);

  test('stdin: nothing piped is UNREADABLE_INPUT, an endless pipe stops at the byte limit as TOO_LARGE', async () => {
    const empty = await cli(['inspect', '-', '--json']);
    expect(empty.code).toBe(3);
    expect(jsonLines(empty.out)[0]).toMatchObject({ file: '-', error: { code: 'UNREADABLE_INPUT' } });
    const big = await cli(['inspect', '-'], new Uint8Array(50 * 1024 * 1024 + 1));
    expect(big.code).toBe(3);
    expect(big.err).toMatch(/^claimlens: TOO_LARGE: stdin: more than 52428800 bytes/);
  }, 60_000);

  test('--fail-on: exit 4 when a verdict reaches the risk, 0 when none does', async () => {
    const reached = await cli(['inspect', PLAIN, LABELLED, '--fail-on', 'high', '-d', 'provenance', '-j']);
    expect(reached.code).toBe(4);
    expect(jsonLines(reached.out).map((v) => v.risk)).toEqual(['medium', 'high']);
    const notReached = await cli(['inspect', PLAIN, '--fail-on', 'high', '-d', 'provenance']);
    expect(notReached.code).toBe(0);
    expect(notReached.out).toMatch(/^MEDIUM {2}score/);
    const bad = await cli(['inspect', PLAIN, '--fail-on', 'low']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--fail-on: expected medium or high, received 'low'/);
  }, 120_000);

  test('--catalog reads every line of a fingerprint file; a malformed line is refused with its number', async () => {
    const fps = join(dir, 'fingerprints.jsonl');
    const made = await cli(['fingerprint', `${PROV}/gb45438-label-png-2-neg.png`, `${DEMO}/catalog.jpg`, '-o', fps]);
    expect(made.code).toBe(0);
    expect(readFileSync(fps, 'utf8').trim().split('\n')).toHaveLength(2);
    // The matching fingerprint is on line 2: it must be used.
    const r = await cli(['inspect', `${DEMO}/claim.jpg`, '--catalog', fps, '-d', 'catalog', '-j']);
    expect(r.code).toBe(0);
    const [v] = jsonLines(r.out);
    const catalogSignals = (v.signals as { code: string; details?: { index?: number } }[]).filter((s) => s.code.startsWith('catalog.'));
    expect(catalogSignals.length).toBeGreaterThan(0);
    expect(catalogSignals[0].details?.index).toBe(1);
    expect(v.risk).toBe('high');
    // Repeated --catalog: the photos of both files count (the match is now reference #3).
    const twice = await cli(['inspect', `${DEMO}/claim.jpg`, '-c', `${PROV}/gb45438-label-png-2-neg.png`, '-c', fps, '-d', 'catalog', '-j']);
    expect((jsonLines(twice.out)[0].signals as { details?: { index?: number } }[])[0].details?.index).toBe(2);
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, `${readFileSync(fps, 'utf8').split('\n')[0]}\n\n{"kind": "claimlens/catalog-fingerprint"\n`);
    const refused = await cli(['inspect', `${DEMO}/claim.jpg`, '--catalog', bad]);
    expect(refused.code).toBe(2);
    expect(refused.out).toBe('');
    expect(refused.err).toMatch(/^claimlens: --catalog .*bad\.jsonl: line 3: not valid JSON/);
    writeFileSync(bad, '{"kind":"something-else","version":1}\n');
    expect((await cli(['inspect', `${DEMO}/claim.jpg`, '--catalog', bad])).err).toMatch(/line 1: not a claimlens fingerprint/);
  }, 240_000);

  test('--detectors, --thresholds and --timezone reach the inspector; bad values are usage errors', async () => {
    const medium = await cli(['inspect', LABELLED, '-d', 'provenance', '-t', '0.5,0.99', '--timezone', '+08:00', '-j']);
    expect(medium.code).toBe(0);
    expect(jsonLines(medium.out)[0]).toMatchObject({ risk: 'medium' }); // 0.95 is under the raised high threshold
    for (const [args, message] of [
      [['-d', 'metadta'], /--detectors: unknown detector 'metadta' \(known: metadata, provenance/],
      [['-t', '0.9,0.2'], /INVALID_OPTIONS: .*thresholds/],
      [['-t', 'high'], /--thresholds: expected/],
      [['--timezone', 'CST'], /--timezone: expected a UTC offset/],
      [['--timezone', '+15:00'], /INVALID_OPTIONS: options.context.timezoneOffsetMinutes: expected whole minutes between -840 and 840, received 900/],
      [['--delivered-at', '2026-13-45'], /INVALID_OPTIONS: .*deliveredAt/],
      [['--locale', 'fr'], /INVALID_OPTIONS: options.locale: expected one of 'en', 'zh-CN'/],
    ] as const) {
      const r = await cli(['inspect', PLAIN, ...args]);
      expect({ args, code: r.code, out: r.out }).toEqual({ args, code: 2, out: '' });
      expect(r.err).toMatch(message);
    }
  }, 120_000);

  test('-r writes one report per claim into a folder when several are given', async () => {
    const reports = join(dir, 'reports');
    const r = await cli(['inspect', PLAIN, LABELLED, '-d', 'provenance', '-r', reports, '-j']);
    expect(r.code).toBe(0);
    for (const name of ['gb45438-label-png-1-neg.html', 'gb45438-label-png-1-pos.html']) {
      expect(existsSync(join(reports, name))).toBe(true);
      expect(readFileSync(join(reports, name), 'utf8')).toMatch(/^<!doctype html>/);
    }
  }, 120_000);

  test('fingerprint: many images, an unusable one reported on stderr while the JSON Lines stay valid', async () => {
    const r = await cli(['fingerprint', `${DEMO}/catalog.jpg`, RANDOM, PLAIN]);
    expect(r.code).toBe(3);
    const lines = jsonLines(r.out);
    expect(lines).toHaveLength(2);
    for (const l of lines) expect(l).toMatchObject({ kind: 'claimlens/catalog-fingerprint' });
    expect(r.err).toMatch(/random\.bin: UNSUPPORTED_FORMAT/);
  }, 120_000);

  test('usage: bare claimlens and usage errors go to stderr with exit 2; --help everywhere goes to stdout', async () => {
    const bare = await cli([]);
    expect(bare).toMatchObject({ code: 2, out: '' });
    expect(bare.err).toMatch(/^claimlens 0\.\d+\.\d+: .*\n\nUsage:/);
    const two = await cli(['inspect', '-', '-']);
    expect(two).toMatchObject({ code: 2, out: '' });
    expect(two.err).toMatch(/'-' \(stdin\) can be given only once[\s\S]*Usage: claimlens inspect/);
    // (every command's --help is also checked in-process by main.test.ts)
    for (const args of [['inspect', '--help'], ['bench', '-h'], ['help', 'fingerprint']]) {
      const r = await cli(args);
      expect({ args, code: r.code, err: r.err }).toEqual({ args, code: 0, err: '' });
      expect(r.out).toMatch(new RegExp(`^Usage: claimlens ${args[0] === 'help' ? args[1] : args[0]}`));
    }
  }, 240_000);
});
