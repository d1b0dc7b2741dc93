import { list, parseArgs, parseThresholds, parseTimezone, UsageError } from '../../src/cli/args';

describe('CLI argument parsing (node:util parseArgs)', () => {
  const spec = { out: { type: 'string', short: 'o' }, json: { type: 'boolean', short: 'j' }, catalog: { type: 'string', short: 'c', multiple: true } } as const;

  test('short and long flags, repeatable options, - as a positional, -- ends the options', () => {
    const a = parseArgs(['a.jpg', '-o', 'x.json', '-j', '-c', 'p.jpg', '--catalog=fp.jsonl', '-', '--', '--b.jpg'], spec);
    expect(a.positionals).toEqual(['a.jpg', '-', '--b.jpg']);
    expect(a.values).toEqual({ out: 'x.json', json: true, catalog: ['p.jpg', 'fp.jsonl'] });
  });

  test.each([
    [['--colour', 'red'], 'unknown option --colour'],
    [['-x'], 'unknown option -x'],
    [['-o'], '--out needs a value'],
    [['--json=yes'], '--json takes no value'],
    [['--out', '-x'], "--out: a value starting with '-' must be written --out=<value>"],
  ])('%j → %s', (argv, message) => {
    expect(() => parseArgs(argv, spec)).toThrow(new UsageError(message));
  });

  test('list: comma-separated and repeated values, trimmed and distinct', () => {
    expect(list(['metadata, provenance', 'metadata', 'ela'])).toEqual(['metadata', 'provenance', 'ela']);
    expect(list(undefined)).toBeUndefined();
  });

  test.each([
    ['+08:00', 480],
    ['+0800', 480],
    ['-05:30', -330],
    ['UTC+05:45', 345],
    ['Z', 0],
    ['utc', 0],
    ['480', 480],
    ['-300', -300],
  ])('--timezone %s = %d minutes', (text, minutes) => {
    expect(parseTimezone(text)).toBe(minutes);
  });

  test.each(['CST', '+8', '08:00:00', ''])('--timezone %j is refused', (text) => {
    expect(() => parseTimezone(text)).toThrow(/--timezone: expected a UTC offset/);
  });

  test('--thresholds: a pair or named values; anything else is refused', () => {
    expect(parseThresholds('0.3,0.7')).toEqual({ medium: 0.3, high: 0.7 });
    expect(parseThresholds('high=0.8')).toEqual({ high: 0.8 });
    expect(parseThresholds('medium=.25, high=0.9')).toEqual({ medium: 0.25, high: 0.9 });
    expect(() => parseThresholds('0.5')).toThrow(/expected two numbers/);
    expect(() => parseThresholds('low=0.1')).toThrow(/unknown threshold 'low'/);
    expect(() => parseThresholds('0.3,x')).toThrow(/expected numbers/);
  });
});
