/**
 * Claims that cannot be checked must not look safe (issue 15 §4). `low` risk means "examined and nothing found";
 * when the pixels could not be examined (a HEIC without a decoder, a failed decode, no pixel detector), the absence
 * of findings says little: most fabrications (catalog edits, AI inpainting, pasted damage) live in the pixels. Such a
 * verdict is raised to `medium` and its summary says why.
 */
import { message } from '../messages';
import type { Coverage, DetectorReport, Evidence, ImageFormat, Locale, Risk, Thresholds } from '../types';

/** Which evidence was examined: a kind counts when a detector declaring it finished with status `ok`. */
export function coverageOf(reports: readonly DetectorReport[], examines: readonly (readonly Evidence[] | undefined)[]): Coverage {
  const c: Coverage = { pixels: false, metadata: false, provenance: false, catalog: false };
  reports.forEach((r, i) => {
    if (r.status !== 'ok') return;
    for (const e of examines[i] ?? []) c[e] = true;
  });
  return c;
}

/** A fused verdict's score, risk and summary. */
export interface Banded {
  score: number;
  risk: Risk;
  summary: string;
}

/**
 * Apply the coverage rule: without examined pixels a `low` verdict becomes `medium`, its score is raised to the
 * medium threshold (so platforms that route on `score` are protected too) and its summary names the reason.
 * Verdicts that are already medium or high, or whose pixels were examined, pass unchanged.
 */
export function applyCoverage(v: Banded, coverage: Coverage, thresholds: Required<Thresholds>, locale: Locale, format: ImageFormat, decodable: boolean): Banded {
  if (coverage.pixels || v.risk !== 'low') return v;
  const reason = message(locale, format === 'heic' && !decodable ? 'coverage.reason.heic' : 'coverage.reason.no-pixels');
  return { score: Math.max(v.score, thresholds.medium), risk: 'medium', summary: message(locale, 'summary.pixels-unexamined', { reason }) };
}
