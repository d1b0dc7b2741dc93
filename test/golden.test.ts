/**
 * Golden verdicts (fixtures/expected/*.json): score, risk and signal codes with rounded weights of the demo and of
 * repo-generated claims covering every detector family. A difference is a behaviour change: if it is intended,
 * regenerate with `UPDATE=1 npm run golden` and review the diff.
 */
import { readFile } from 'node:fs/promises';
import { expectedPath, GOLDEN_CASES, goldenOf } from '../fixtures/golden/cases';

describe('golden verdicts', () => {
  test('there are golden cases for the demo and at least five generated claims', () => {
    expect(GOLDEN_CASES.map((c) => c.id)).toContain('demo');
    expect(GOLDEN_CASES.length).toBeGreaterThanOrEqual(6);
  });

  test.each(GOLDEN_CASES.map((c) => [c.id, c]))('%s matches fixtures/expected', async (id, c) => {
    const expected: unknown = JSON.parse(await readFile(expectedPath(id), 'utf8'));
    const actual = await goldenOf(c);
    expect(actual.signals.length + actual.detectors.length).toBeGreaterThan(0);
    expect(actual).toEqual(expected);
  });
});
