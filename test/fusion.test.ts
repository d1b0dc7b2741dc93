import { CONCLUSIVE_FLOOR, HINT_CAP, fuse, fuseLogit, orderSignals, riskOf, sigmoid } from '../src/fusion/fuse';
import type { Signal, Strength } from '../src/types';

const sig = (code: string, weight: number, strength: Strength = 'strong'): Signal => ({ detector: code.split('.')[0], code, weight, strength, message: `${code}.` }) as Signal;

describe('fusion', () => {
  test('score is sigmoid(prior + Σ weight)', () => {
    expect(fuseLogit([sig('a.x', 1), sig('b.y', -0.5)], -1)).toBeCloseTo(-0.5);
    expect(sigmoid(0)).toBe(0.5);
  });

  test('hints together never add more than HINT_CAP', () => {
    const hints = Array.from({ length: 20 }, (_, i) => sig(`a.h${i}`, 0.5, 'hint'));
    expect(fuseLogit(hints, -1.5)).toBeCloseTo(-1.5 + HINT_CAP);
    const f = fuse(hints, -1.5, { medium: 0.3, high: 0.7 }, 'en');
    expect(f.risk).not.toBe('high');
  });

  test('a conclusive fabrication signal dominates authenticity evidence', () => {
    const logit = fuseLogit([sig('provenance.aigc-label', 4, 'conclusive'), sig('metadata.camera-consistent', -3, 'strong')], -1.5);
    expect(logit).toBe(CONCLUSIVE_FLOOR);
    expect(riskOf(sigmoid(logit), { medium: 0.3, high: 0.7 })).toBe('high');
  });

  test('signals are ordered by |weight|, ties keep detector order', () => {
    const o = orderSignals([sig('a.1', 0.5), sig('b.2', -2), sig('c.3', 0.5), sig('d.4', 1)]);
    expect(o.map((s) => s.code)).toEqual(['b.2', 'd.4', 'a.1', 'c.3']);
  });

  test('risk bands at the thresholds', () => {
    const t = { medium: 0.3, high: 0.7 };
    expect([riskOf(0.29, t), riskOf(0.3, t), riskOf(0.69, t), riskOf(0.7, t)]).toEqual(['low', 'medium', 'medium', 'high']);
  });

  test('the summary names the decisive evidence in the locale', () => {
    const f = fuse([sig('catalog.derived-edit', 3)], -1.5, { medium: 0.3, high: 0.7 }, 'en');
    expect(f.summary).toBe('High risk of fabricated evidence: catalog.derived-edit.');
    const none = fuse([], -1.5, { medium: 0.3, high: 0.7 }, 'zh-CN');
    expect(none.risk).toBe('low');
    expect(none.summary).toBe('未在文件中发现伪造迹象；可运行的各项检查均未发现可疑之处。');
  });
});

describe('calibration', () => {
  test('fitted scales multiply a code\'s weight and keep the raw weight in details', async () => {
    const { calibrateSignals } = await import('../src/fusion/fuse');
    const [a, b] = calibrateSignals([sig('ela.inconsistent-region', 2), sig('metadata.camera-consistent', -0.5)], { 'ela.inconsistent-region': 0.5 });
    expect(a.weight).toBe(1);
    expect(a.details).toEqual({ rawWeight: 2 });
    expect(b.weight).toBe(-0.5);
    expect(b.details).toBeUndefined();
  });
});
