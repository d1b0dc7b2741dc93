/**
 * The region the edits detector reports: where in the photo the model's per-window logit map points. Pure function of
 * the map; it never changes a score (docs/edits.md "Localisation (eighth session)").
 */
import { labelComponents, type Component } from '../../pixels/components';
import { quantile } from '../../pixels/stats';
import type { WindowFeatures } from './features';

/** A rectangle in decoded (stored) pixels. */
export interface PixelBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The most suspicious connected region. */
export interface EditsRegion extends PixelBox {
  /** Share of the photo's windows in the region. */
  areaShare: number;
  /** Windows in the region. */
  windows: number;
  /** The region in window units (inclusive), for the heatmap. */
  grid: { x0: number; y0: number; x1: number; y1: number };
}

/**
 * Windows at or above this quantile of the photo's own valid logits are candidates for the region. Relative to the
 * photo, not to a fixed logit: the model's maps are shifted photo by photo (a genuine photo's strongest window may
 * exceed 0, an edit's may not), and the earlier rule — within 1.5 log-odds of the strongest window and never below
 * 0 — collapsed to the single peak window whenever the peak was below 0 or isolated (median region 1.8 % of the
 * photo, median IoU 0.053 with the edit's box on the validation split). Chosen on the validation split only (534
 * local edits, train/region-tune.ts, with the component and box rules below): median IoU 0.269 at the 0.90
 * quantile, 0.262 at 0.88, 0.239 at 0.85, 0.238 at 0.92, 0.199 at 0.95 (this implementation: 0.268; on the test
 * split's held-out families 0.103 → 0.260, docs/edits.md "Localisation (eighth session)"). The cut keeps about a tenth of the photo's
 * windows (median region 9.4 % of the photo; the validation edits' median box covers 8.5 %).
 */
export const REGION_QUANTILE = 0.9;

/**
 * The region from a logit map: the candidate windows (≥ `REGION_QUANTILE` of the photo's valid logits), split into
 * 8-connected components, of which the one with the most excess log-odds over the cut (sum of logit − cut) wins —
 * a broad, consistently raised area beats one outlying window (validation, 0.90 quantile: highest mass 0.269, the
 * component holding the strongest window 0.199, the largest component 0.221; 4-connected 0.259). The box covers the
 * stride cell around each window's centre, not the whole 32-px window: windows overlap by half, so the window extent
 * overstates the region by half a stride on each side (validation: 0.269 against 0.263).
 * Returns null when no window is valid.
 */
export function regionOf(logits: Float32Array, f: WindowFeatures): EditsRegion | null {
  const { cols, rows, stride, origin, size, valid } = f;
  const n = cols * rows;
  const values = new Float64Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) if (valid[i]) values[m++] = logits[i];
  if (m === 0) return null;
  const cut = quantile(values.subarray(0, m), REGION_QUANTILE);
  const candidate = new Uint8Array(n);
  for (let i = 0; i < n; i++) candidate[i] = valid[i] && logits[i] >= cut ? 1 : 0;
  // The largest valid logit is ≥ the cut, so there is at least one component; the first of equal mass wins.
  let best: Component | null = null;
  let bestMass = -Infinity;
  for (const c of labelComponents(candidate, cols, rows, 8)) {
    let mass = 0;
    for (const i of c.members) mass += logits[i] - cut;
    if (mass > bestMass) {
      best = c;
      bestMass = mass;
    }
  }
  best = best!;
  const count = best.members.length;
  const centre = origin + size / 2;
  const left = Math.max(0, Math.round(centre + (best.x0 - 0.5) * stride)), top = Math.max(0, Math.round(centre + (best.y0 - 0.5) * stride));
  const right = Math.round(centre + (best.x1 + 0.5) * stride), bottom = Math.round(centre + (best.y1 + 0.5) * stride);
  return { x: left, y: top, width: right - left, height: bottom - top, areaShare: count / n, windows: count, grid: { x0: best.x0, y0: best.y0, x1: best.x1, y1: best.y1 } };
}
