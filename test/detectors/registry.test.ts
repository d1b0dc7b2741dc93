/**
 * The detector registry and descriptors: one entry per built-in detector, every declared code namespaced, with an
 * en and a zh-CN message, every starting weight with a reason, and the one weight → strength mapping.
 */
import { BUILTIN_DETECTORS, BUILTIN_DETECTOR_NAMES, DEFAULT_DETECTOR_NAMES, DESCRIPTORS, SIGNAL_CODES, detectors } from '../../src/detectors/registry';
import { builtinDetectors } from '../../src/detectors';
import { DEFAULT_STRENGTH_CUTS, strengthOf } from '../../src/detectors/descriptor';
import { MESSAGE_TABLES } from '../../src/messages';
import { reportLabels } from '../../src/report/labels';
import { FITTED } from '../../src/fusion/fitted';

describe('registry', () => {
  test('one entry per detector, names unique, factories exposed under their names', () => {
    expect(BUILTIN_DETECTOR_NAMES).toEqual(['metadata', 'provenance', 'catalog', 'ela', 'jpeg', 'edits', 'noise', 'marks']);
    for (const e of BUILTIN_DETECTORS) {
      expect(detectors[e.descriptor.name as keyof typeof detectors]).toBe(e.create);
      expect(e.create().name).toBe(e.descriptor.name);
    }
    expect(new Set(SIGNAL_CODES).size).toBe(SIGNAL_CODES.length);
  });

  test('the default set leaves out the opt-in detectors (noise), which stay importable and say why', () => {
    expect(DEFAULT_DETECTOR_NAMES).toEqual(['metadata', 'provenance', 'catalog', 'ela', 'jpeg', 'edits', 'marks']);
    expect(builtinDetectors().map((d) => d.name)).toEqual(DEFAULT_DETECTOR_NAMES);
    for (const d of DESCRIPTORS.filter((x) => 'optIn' in x)) expect(String((d as { optIn?: string }).optIn).length).toBeGreaterThan(20);
    expect(detectors.noise().name).toBe('noise');
  });

  test.each(DESCRIPTORS.map((d) => [d.name, d]))('%s: codes namespaced, messages in both locales, weights with reasons', (name, d) => {
    expect(d.codes.length).toBeGreaterThan(0);
    for (const code of d.codes) {
      expect(code.startsWith(`${name}.`)).toBe(true);
      expect(d.messages.en[code]).toBeTruthy();
      expect(d.messages['zh-CN'][code]).toBeTruthy();
    }
    for (const [key, w] of Object.entries(d.weights)) {
      expect([key, Number.isFinite(w.weight)]).toEqual([key, true]);
      expect(w.reason.length).toBeGreaterThan(10);
    }
    if (d.strength) expect(d.strength.reason.length).toBeGreaterThan(10);
    for (const [artifact, labels] of Object.entries(d.artifacts)) {
      expect(reportLabels.en.artifact(artifact)).toBe(labels.en);
      expect(reportLabels['zh-CN'].artifact(artifact)).toBe(labels['zh-CN']);
    }
    expect(MESSAGE_TABLES).toContain(d.messages);
  });

  test('the fusion scales are keyed by codes the detectors declare', () => {
    for (const code of Object.keys(FITTED.scales)) expect(SIGNAL_CODES).toContain(code);
  });
});

describe('strengthOf', () => {
  test('the default cuts: hint below 1, strong from 1, conclusive from 5, by magnitude', () => {
    expect(DEFAULT_STRENGTH_CUTS).toEqual({ strong: 1, conclusive: 5 });
    expect([0, 0.99, 1, 4.99, 5, 6].map((w) => strengthOf(w))).toEqual(['hint', 'hint', 'strong', 'strong', 'conclusive', 'conclusive']);
    expect([-0.4, -2].map((w) => strengthOf(w))).toEqual(['hint', 'strong']);
  });

  test('detector cuts and bounds', () => {
    expect(strengthOf(1.1, { strong: 1.2, conclusive: 5 })).toBe('hint');
    expect(strengthOf(4, { strong: 1, conclusive: 4 })).toBe('conclusive');
    expect(strengthOf(4, { strong: 1, conclusive: 4 }, { atMost: 'strong' })).toBe('strong');
    expect(strengthOf(0.8, DEFAULT_STRENGTH_CUTS, { atLeast: 'strong' })).toBe('strong');
    expect(strengthOf(1.5, DEFAULT_STRENGTH_CUTS, { atMost: 'hint' })).toBe('hint');
  });
});
