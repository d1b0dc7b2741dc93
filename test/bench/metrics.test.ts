import { averagePrecision, brierScore, confusionAt, iou, MetricError, quantile, rocAuc, rocCurve, tprAtFpr, type Scored } from '../../src/bench/metrics';

const set = (pos: number[], neg: number[]): Scored[] => [...pos.map((score) => ({ score, positive: true })), ...neg.map((score) => ({ score, positive: false }))];

describe('rocAuc', () => {
  test('perfect, inverted and all-tied rankings', () => {
    expect(rocAuc(set([0.9, 0.8], [0.2, 0.1]))).toBe(1);
    expect(rocAuc(set([0.2, 0.1], [0.9, 0.8]))).toBe(0);
    expect(rocAuc(set([0.5, 0.5], [0.5, 0.5, 0.5]))).toBe(0.5);
  });

  test('a tie between a positive and a negative counts one half (Mann–Whitney)', () => {
    // pairs: 0.9>0.5 1, 0.9>0.1 1, 0.5=0.5 ½, 0.5>0.1 1 → 3.5 / 4
    expect(rocAuc(set([0.9, 0.5], [0.5, 0.1]))).toBeCloseTo(0.875, 12);
  });

  test('order of the input does not matter', () => {
    const a = set([0.9, 0.5, 0.3], [0.5, 0.4, 0.1]);
    expect(rocAuc([...a].reverse())).toBeCloseTo(rocAuc(a), 12);
    // 0.9 beats 3; 0.5 beats 0.4, 0.1 and ties 0.5 → 2.5; 0.3 beats 0.1 → 1; total 6.5 / 9
    expect(rocAuc(a)).toBeCloseTo(6.5 / 9, 12);
  });

  test('a tie group is one diagonal ROC step', () => {
    expect(rocCurve(set([0.9, 0.5], [0.5, 0.1]))).toEqual([
      { threshold: Infinity, fpr: 0, tpr: 0 },
      { threshold: 0.9, fpr: 0, tpr: 0.5 },
      { threshold: 0.5, fpr: 0.5, tpr: 1 },
      { threshold: 0.1, fpr: 1, tpr: 1 },
    ]);
  });
});

describe('tprAtFpr', () => {
  test('interpolates linearly inside a tie group that crosses the budget', () => {
    // ROC (0,0) (0,.5) (.5,1) (1,1): at FPR .25, halfway along the diagonal step → .75
    const s = set([0.9, 0.5], [0.5, 0.1]);
    expect(tprAtFpr(s, 0.25)).toBeCloseTo(0.75, 12);
    expect(tprAtFpr(s, 0)).toBe(0.5);
    expect(tprAtFpr(s, 0.5)).toBe(1);
    expect(tprAtFpr(s, 1)).toBe(1);
  });

  test('at FPR 0 counts every positive ranked above the first negative (several ROC points at the budget)', () => {
    // ROC (0,0) (0,.5) (0,1) (.5,1) (1,1): the highest TPR without a false positive is 1
    expect(tprAtFpr(set([0.9, 0.8], [0.7, 0.1]), 0)).toBe(1);
  });

  test('1 % and 5 % FPR on 100 negatives, hand-computed', () => {
    // negatives 0.00..0.99; positives: two above every negative, two tied with the top negative 0.99, one at 0.5
    const neg = Array.from({ length: 100 }, (_, i) => i / 100);
    const s = set([1.5, 1.2, 0.99, 0.99, 0.5], neg);
    // ROC: (0,.4) then the 0.99 group adds 2 TP and 1 FP → (.01,.8); so TPR@1% = .8
    expect(tprAtFpr(s, 0.01)).toBeCloseTo(0.8, 12);
    // halfway through that group (FPR .005) → .6
    expect(tprAtFpr(s, 0.005)).toBeCloseTo(0.6, 12);
    // 0.5 is beaten by 0.51..0.98 (48 negatives besides 0.99): reached at FPR .50 → TPR@5% stays .8
    expect(tprAtFpr(s, 0.05)).toBeCloseTo(0.8, 12);
  });

  test('rejects an FPR outside [0, 1]', () => {
    expect(() => tprAtFpr(set([1], [0]), 1.5)).toThrow('fpr must be in [0, 1], got 1.5');
  });
});

describe('averagePrecision', () => {
  test('ties: precision is taken after the whole tie group', () => {
    // group 0.9: recall .5 at precision 1; group 0.5 (1 pos, 1 neg): recall +.5 at precision 2/3 → .5 + 1/3
    expect(averagePrecision(set([0.9, 0.5], [0.5, 0.1]))).toBeCloseTo(0.5 + 1 / 3, 12);
  });

  test('perfect ranking gives 1; worst ranking gives the mean of k/(N+k)', () => {
    expect(averagePrecision(set([0.9, 0.8], [0.2]))).toBe(1);
    // negatives first: positives at ranks 3 and 4 with 2 negatives above → (1/3 + 2/4) / 2
    expect(averagePrecision(set([0.2, 0.1], [0.9, 0.8]))).toBeCloseTo((1 / 3 + 2 / 4) / 2, 12);
  });
});

describe('undefined metrics raise a clear MetricError', () => {
  test.each([
    ['rocAuc', rocAuc],
    ['averagePrecision', averagePrecision],
    ['tprAtFpr', (s: Scored[]) => tprAtFpr(s, 0.05)],
  ] as const)('%s: empty, no negatives, no positives, NaN', (_name, f) => {
    expect(() => f([])).toThrow(new MetricError('no cases: the metric is undefined'));
    expect(() => f(set([0.4, 0.6], []))).toThrow('no negative (genuine) cases: the metric is undefined');
    expect(() => f(set([], [0.4, 0.6]))).toThrow('no positive (fabricated) cases: the metric is undefined');
    expect(() => f(set([NaN], [0.1]))).toThrow('case 0: score must be a finite number, got NaN');
  });

  test('the error is a MetricError named as such', () => {
    let caught: unknown;
    try {
      rocAuc([]);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(MetricError);
    expect((caught as Error).name).toBe('MetricError');
  });

  test('brierScore needs cases but not both classes', () => {
    expect(() => brierScore([])).toThrow('no cases');
    expect(brierScore(set([0.9], []))).toBeCloseTo(0.01, 12);
  });
});

describe('threshold metrics and helpers', () => {
  test('confusionAt: a score equal to the threshold is called fabricated', () => {
    expect(confusionAt(set([0.7, 0.69], [0.7, 0.1]), 0.7)).toEqual({ threshold: 0.7, tp: 1, fp: 1, tn: 1, fn: 1 });
  });

  test('brierScore', () => {
    // (0.9-1)² + (0.2-0)² = 0.01 + 0.04 → mean 0.025
    expect(brierScore(set([0.9], [0.2]))).toBeCloseTo(0.025, 12);
  });

  test('quantile interpolates between ranks; NaN for no values', () => {
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4], 0.95)).toBeCloseTo(3.85, 12);
    expect(quantile([7], 0.95)).toBe(7);
    expect(quantile([], 0.5)).toBeNaN();
  });

  test('iou of overlapping, disjoint, identical and empty boxes', () => {
    expect(iou({ x: 0, y: 0, width: 10, height: 10 }, { x: 5, y: 0, width: 10, height: 10 })).toBeCloseTo(50 / 150, 12);
    expect(iou({ x: 0, y: 0, width: 10, height: 10 }, { x: 20, y: 20, width: 5, height: 5 })).toBe(0);
    expect(iou({ x: 3, y: 4, width: 5, height: 6 }, { x: 3, y: 4, width: 5, height: 6 })).toBe(1);
    expect(iou({ x: 0, y: 0, width: 0, height: 0 }, { x: 0, y: 0, width: 0, height: 0 })).toBe(0);
  });
});

describe('reliabilityTable', () => {
  test('bins by score, reports mean score and fabricated share, skips empty bins, includes 1.0 in the last bin', async () => {
    const { reliabilityTable } = await import('../../src/bench/metrics');
    const rows = reliabilityTable([
      { score: 0.05, positive: false },
      { score: 0.15, positive: false },
      { score: 0.95, positive: true },
      { score: 1, positive: false },
    ]);
    expect(rows).toEqual([
      { bin: '0.0–0.1', n: 1, meanScore: 0.05, fabricatedRate: 0 },
      { bin: '0.1–0.2', n: 1, meanScore: 0.15, fabricatedRate: 0 },
      { bin: '0.9–1.0', n: 2, meanScore: 0.975, fabricatedRate: 0.5 },
    ]);
  });
});
