import { detectorScore, type CaseResult } from '../../src/bench/case';
import { buildResults, RESULTS_SCHEMA_VERSION } from '../../src/bench/results';

/** A scored case record, hand-made: fused score, and per detector its status and signal weights. */
function rec(id: string, label: 'fabricated' | 'genuine', kind: string, score: number, dets: Record<string, ['ok' | 'skipped' | 'error' | 'inconclusive', number[]]>, ms = 100): CaseResult {
  const signals = Object.entries(dets).flatMap(([d, [, ws]]) => ws.map((w, i) => ({ detector: d, code: `${d}.s${i}`, weight: w, strength: 'strong' as const })));
  return {
    id,
    label,
    kind,
    score,
    risk: score >= 0.7 ? 'high' : score >= 0.3 ? 'medium' : 'low',
    signals,
    detectors: Object.entries(dets).map(([name, [status]]) => ({ name, status, ms: 10, score: detectorScore(signals, name) })),
    ms,
  };
}

const facts = { manifest: { name: 'hand', path: '/x/manifest.json', sha256: 'ab'.repeat(32) }, concurrency: 2, mode: 'worker_threads' as const, detectors: ['a', 'b'], wallMs: 2000, startupMs: 5, missingFiles: [], mainMaxRSS: 2048, workerMaxRSS: 4096 };

describe('detectorScore', () => {
  test('sigmoid of the sum of that detector’s weights only; 0.5 without signals', () => {
    const s = [{ detector: 'a', code: 'a.x', weight: 1, strength: 'hint' as const }, { detector: 'a', code: 'a.y', weight: 1, strength: 'hint' as const }, { detector: 'b', code: 'b.x', weight: -3, strength: 'strong' as const }];
    expect(detectorScore(s, 'a')).toBeCloseTo(1 / (1 + Math.exp(-2)), 4);
    expect(detectorScore(s, 'c')).toBe(0.5);
  });
});

describe('buildResults', () => {
  const cases: CaseResult[] = [
    rec('f1', 'fabricated', 'edit', 0.9, { a: ['ok', [2]], b: ['ok', [1]] }),
    rec('f2', 'fabricated', 'ai', 0.6, { a: ['ok', [0.5]], b: ['skipped', []] }),
    rec('g1', 'genuine', 'photo', 0.2, { a: ['ok', [-1]], b: ['ok', [2]] }),
    rec('g2', 'genuine', 'photo', 0.6, { a: ['error', []], b: ['ok', []] }),
    { id: 'bad', label: 'genuine', kind: 'photo', signals: [], detectors: [], ms: 3, error: { code: 'CORRUPT_IMAGE', message: 'truncated' } },
  ];
  const r = buildResults(cases, facts);

  test('fused metrics over scored cases; failed cases counted apart', () => {
    expect(r.schemaVersion).toBe(RESULTS_SCHEMA_VERSION);
    expect(r.counts).toEqual({ cases: 5, scored: 4, failed: 1, errors: { CORRUPT_IMAGE: 1 }, missingFiles: [] });
    // positives 0.9, 0.6 vs negatives 0.2, 0.6: pairs 1 + 1 + 1 + ½ → 3.5 / 4
    expect(r.metrics.fused.auc).toBe(0.875);
    expect(r.metrics.fused.n).toBe(4);
    expect(r.metrics.fused.confusion.medium).toEqual({ threshold: 0.3, tp: 2, fp: 1, tn: 1, fn: 0 });
    expect(r.metrics.fused.confusion.high).toEqual({ threshold: 0.7, tp: 1, fp: 0, tn: 2, fn: 1 });
    expect(r.metrics.fused.risk).toEqual({ fabricated: { low: 0, medium: 1, high: 1 }, genuine: { low: 1, medium: 1, high: 0 } });
  });

  test('each detector alone, with the cases it did not run on reported as such and left out', () => {
    const a = r.metrics.detectors.a;
    expect(a.status).toEqual({ ok: 3, inconclusive: 0, skipped: 0, error: 1, absent: 0 });
    expect(a.n).toBe(3);
    // a: f1 σ(2), f2 σ(.5) vs g1 σ(-1) → perfect
    expect(a.auc).toBe(1);
    const b = r.metrics.detectors.b;
    expect(b.status).toEqual({ ok: 3, inconclusive: 0, skipped: 1, error: 0, absent: 0 });
    // b: f1 σ(1) vs g1 σ(2), g2 σ(0)=.5 → f1 beats one of two → .5
    expect(b.auc).toBe(0.5);
  });

  test('per kind: a single-label kind is measured against every case of the other label', () => {
    expect(Object.keys(r.metrics.byKind)).toEqual(['ai', 'edit', 'photo']);
    expect(r.metrics.byKind.ai.comparedWith).toBe('all-genuine');
    // ai: f2 0.6 vs g1 0.2, g2 0.6 → 1 + ½ over 2
    expect(r.metrics.byKind.ai.fused.auc).toBe(0.75);
    expect(r.metrics.byKind.photo.comparedWith).toBe('all-fabricated');
    expect(r.metrics.byKind.photo.fused.n).toBe(4);
    // b never ran on the only ai case: undefined, and said why
    expect(r.metrics.byKind.ai.detectors.b.auc).toBeNull();
    expect(r.metrics.byKind.ai.detectors.b.undefinedReason).toBe('no positive (fabricated) cases: the metric is undefined');
  });

  test('timings and memory', () => {
    expect(r.timings.msPerImage).toEqual({ n: 4, p50: 100, p95: 100 });
    expect(r.timings.detectors.a).toEqual({ n: 3, p50: 10, p95: 10 });
    expect(r.timings.imagesPerSecond).toBe(2.5);
    expect(r.timings.peakRssMiB).toEqual({ main: 2, workers: 4 });
  });

  test('IoU of the best fabrication region against the truth region', () => {
    const withRegion: CaseResult = {
      ...rec('f3', 'fabricated', 'edit', 0.95, { a: ['ok', []] }),
      signals: [
        { detector: 'a', code: 'a.r', weight: 1, strength: 'strong', region: { x: 0, y: 0, width: 10, height: 10 } },
        { detector: 'b', code: 'b.r', weight: -1, strength: 'strong', region: { x: 0, y: 0, width: 20, height: 10 } },
      ],
      truthRegion: { x: 0, y: 0, width: 20, height: 10 },
    };
    const rr = buildResults([withRegion, rec('g', 'genuine', 'photo', 0.1, { a: ['ok', []] })], { ...facts, detectors: ['a'] });
    // the authenticity (negative) region does not count: a's box covers half the truth
    expect(rr.metrics.fused.iou).toEqual({ n: 1, mean: 0.5, median: 0.5, atLeast50: 1 });
    expect(rr.metrics.detectors.a.iou).toEqual({ n: 1, mean: 0.5, median: 0.5, atLeast50: 1 });
  });
});
