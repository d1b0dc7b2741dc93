import { message } from '../messages';
import type { Locale, Risk, Signal, Thresholds } from '../types';
import { FITTED_SCALES } from './weights';
import { roundTo } from '../pixels/stats';

/** Largest total log-odds that `hint` signals may add (or remove) together: hints alone never reach high risk. */
export const HINT_CAP = 1.5;
/** Logit floor when a conclusive fabrication signal is present: sigmoid(2.944) = 0.95. */
export const CONCLUSIVE_FLOOR = 2.944;

/** The logistic function. */
export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** The weight fusion uses for a signal (signals are calibrated before fusion, so this is its own weight). */
export function effectiveWeight(s: Signal): number {
  return s.weight;
}

/**
 * Apply the fitted per-code scales to detector weights. The calibrated weight replaces `weight` (what platforms and
 * the score see); the detector's own starting weight stays in `details.rawWeight` for transparency.
 */
export function calibrateSignals(signals: readonly Signal[], scales: Readonly<Partial<Record<string, number>>> = FITTED_SCALES): Signal[] {
  return signals.map((s) => {
    const k = scales[s.code];
    if (k === undefined || k === 1) return s;
    // Same code, same details type: only rawWeight is added.
    return { ...s, weight: roundTo(s.weight * k), details: { ...(s.details ?? {}), rawWeight: s.weight } } as Signal;
  });
}

/**
 * Total log-odds from signals: prior + Σ weights, with hints capped together at ±HINT_CAP and a conclusive
 * fabrication signal lifting the total to at least CONCLUSIVE_FLOOR.
 */
export function fuseLogit(signals: readonly Signal[], prior: number): number {
  let hints = 0;
  let rest = 0;
  let conclusive = false;
  for (const s of signals) {
    const w = effectiveWeight(s);
    if (s.strength === 'hint') hints += w;
    else rest += w;
    if (s.strength === 'conclusive' && w > 0) conclusive = true;
  }
  const total = prior + rest + Math.max(-HINT_CAP, Math.min(HINT_CAP, hints));
  return conclusive ? Math.max(total, CONCLUSIVE_FLOOR) : total;
}

/** Risk band of a score. */
export function riskOf(score: number, t: Required<Thresholds>): Risk {
  return score >= t.high ? 'high' : score >= t.medium ? 'medium' : 'low';
}

/** Signals ordered strongest |weight| first (stable for equal weights). */
export function orderSignals(signals: readonly Signal[]): Signal[] {
  return signals
    .map((s, i) => ({ s, i }))
    .sort((a, b) => Math.abs(effectiveWeight(b.s)) - Math.abs(effectiveWeight(a.s)) || a.i - b.i)
    .map(({ s }) => s);
}

const stripEnd = (m: string): string => m.replace(/[.。]\s*$/u, '');

/**
 * One sentence naming the decisive evidence: the strongest fabrication signals for medium/high risk, the strongest
 * authenticity signal (or "nothing found") for low risk.
 */
export function summarize(ordered: readonly Signal[], risk: Risk, locale: Locale): string {
  if (risk === 'low') {
    const auth = ordered.find((s) => effectiveWeight(s) < 0);
    return auth ? message(locale, 'summary.low', { evidence: stripEnd(auth.message) }) : message(locale, 'summary.low-none');
  }
  const pos = ordered.filter((s) => effectiveWeight(s) > 0).slice(0, 2);
  if (pos.length === 0) return message(locale, `summary.${risk}`, { evidence: '—' });
  const evidence = pos.length === 1 ? stripEnd(pos[0].message) : message(locale, 'summary.and', { a: stripEnd(pos[0].message), b: stripEnd(pos[1].message) });
  return message(locale, `summary.${risk}`, { evidence });
}

/** Fuse signals into score, risk, ordered signals and the summary sentence. */
export function fuse(signals: readonly Signal[], prior: number, thresholds: Required<Thresholds>, locale: Locale, scales?: Readonly<Record<string, number>>): { score: number; risk: Risk; signals: Signal[]; summary: string } {
  const ordered = orderSignals(calibrateSignals(signals, scales));
  const score = roundTo(sigmoid(fuseLogit(ordered, prior)), 4);
  const risk = riskOf(score, thresholds);
  return { score, risk, signals: ordered, summary: summarize(ordered, risk, locale) };
}
