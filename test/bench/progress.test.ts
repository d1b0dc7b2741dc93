import { progressReporter } from '../../src/bench/progress';

const step = (done: number, total: number, failed = 0, elapsedMs = done * 1000) => ({ done, total, failed, elapsedMs, id: `c${done}` });

describe('progressReporter', () => {
  test('not a terminal: one line per 10 % and the last one, with the rate and failures', () => {
    const out: string[] = [];
    const report = progressReporter({ write: (s: string) => out.push(s) }, 'set');
    for (let i = 1; i <= 40; i++) report(step(i, 40, i > 30 ? 1 : 0));
    // the first case, then 10 %, 20 % … 90 %, then 100 %
    expect(out).toHaveLength(11);
    expect(out[0]).toBe('set: 1/40 (3 %) 1.0 img/s\n');
    expect(out[10]).toBe('set: 40/40 (100 %) 1.0 img/s, 1 failed\n');
  });

  test('not a terminal: a line at least every 10 s on a slow run', () => {
    const out: string[] = [];
    const report = progressReporter({ write: (s: string) => out.push(s) }, 'set');
    report(step(1, 1000, 0, 1000));
    report(step(2, 1000, 0, 5000));
    report(step(3, 1000, 0, 12000));
    expect(out).toHaveLength(2);
  });

  test('a terminal: one redrawn bar, ended with a newline at 100 %', () => {
    const out: string[] = [];
    const report = progressReporter({ write: (s: string) => out.push(s), isTTY: true }, 'set');
    report(step(1, 2));
    report(step(2, 2));
    expect(out[0]).toBe(`\rset [${'#'.repeat(14)}${'.'.repeat(14)}] 1/2 1.0 img/s\x1b[K`);
    expect(out[1]).toBe(`\rset [${'#'.repeat(28)}] 2/2 1.0 img/s\x1b[K`);
    expect(out[2]).toBe('\n');
  });
});
