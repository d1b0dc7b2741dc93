/**
 * Fitted fusion parameters. Written by `npm run calibrate` (bench/calibrate.ts) from fixtures/calibration/data.json;
 * do not edit by hand. Held-aside check (Brier, ROC-AUC, reliability) in bench/out/calibration.json and docs/fusion.md.
 */
import type { SignalCode } from '../detectors/registry';

export const FITTED = {
  prior: -2.844,
  scales: {
    "catalog.derived-edit": 1.2,
    "catalog.new-photo": 1.19,
    "catalog.reuse": 1.05,
    "edits.local-region": 1.93,
    "edits.regenerated": 0.1,
    "ela.inconsistent-region": 0.87,
    "jpeg.double-compression": 1.41
  } as Partial<Record<SignalCode, number>>,
  fittedAt: "2026-12-07T10:18:15.353Z" as string | null,
  data: [{"set":"ela-set-v1","fit":64,"heldAside":26},{"set":"jpeg-set-v1","fit":93,"heldAside":27},{"set":"local-edits-v1","fit":282,"heldAside":138},{"set":"refund-set-v1","fit":106,"heldAside":75}] as { set: string; fit: number; heldAside: number }[],
};
