/**
 * Fusion defaults. The prior is the log-odds of fabrication before any evidence: -1.5 ≈ 0.18, below the medium
 * threshold, so a claim with no findings lands in the low band. Calibrated values replace these when the
 * fusion issue fits them (see fusion/README in the repo docs).
 */
export const DEFAULT_PRIOR = -1.5;

/**
 * Per-code weight overrides fitted on fixture sets. A code listed here uses this weight instead of the
 * detector's starting weight. Empty until calibration is fitted.
 */
export const FITTED_WEIGHTS: Readonly<Record<string, number>> = {};
