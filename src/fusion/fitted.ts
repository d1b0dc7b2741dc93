/**
 * Fitted fusion parameters. Written by `npm run calibrate` (bench/calibrate.ts) from fixtures/calibration/data.json;
 * do not edit by hand. Held-aside check (Brier, ROC-AUC, reliability) in bench/out/calibration.json and docs/fusion.md.
 */
import type { SignalCode } from '../detectors/registry';

export const FITTED = {
  prior: -2.83,
  scales: {
    "catalog.derived-edit": 1.21,
    "catalog.new-photo": 1.2,
    "catalog.reuse": 1.06,
    "edits.local-region": 1.92,
    "edits.regenerated": 0.1,
    "jpeg.double-compression": 1.41
  } as Partial<Record<SignalCode, number>>,
  fittedAt: "2026-12-07T12:58:08.123Z" as string | null,
  data: [{"set":"ela-set-v1","fit":64,"heldAside":26},{"set":"jpeg-set-v1","fit":93,"heldAside":27},{"set":"local-edits-v1","fit":282,"heldAside":138},{"set":"refund-set-v1","fit":106,"heldAside":75}] as { set: string; fit: number; heldAside: number }[],
};
