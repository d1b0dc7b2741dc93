import type { SignalCode } from '../detectors/registry';
import { FITTED } from './fitted';

/**
 * Fusion defaults. The prior is the log-odds of fabrication before any evidence; the scales multiply each signal
 * code's starting weight. Both come from `bench/calibrate.ts` (regularised logistic regression on the fixture
 * sets, see docs/fusion.md) and are stored in fitted.ts with the data they were fitted on.
 */
export const DEFAULT_PRIOR: number = FITTED.prior;

/** Per-code multipliers of the detectors' starting weights; a code not listed keeps its weight (scale 1). */
export const FITTED_SCALES: Readonly<Partial<Record<SignalCode, number>>> = FITTED.scales;
