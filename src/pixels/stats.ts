/**
 * Robust statistics over typed arrays: median, median absolute deviation, order statistics, and the one rounding
 * helper for reported figures. Inputs are never mutated (a sorted copy is made).
 */

/** MAD → standard deviation for normal data: 1 / Φ⁻¹(3/4) (Rousseeuw & Croux 1993). */
export const MAD_TO_SD = 1.4826;

function sortedCopy(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

/** Median (mean of the two middle values for an even count); 0 for an empty input. */
export function median(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return 0;
  const s = sortedCopy(values);
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/** Median of the values where `mask` is non-zero; NaN when none is selected. */
export function maskedMedian(values: ArrayLike<number>, mask: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (mask[i]) n++;
  if (n === 0) return NaN;
  const sel = new Float64Array(n);
  for (let i = 0, k = 0; i < values.length; i++) if (mask[i]) sel[k++] = values[i];
  return median(sel);
}

/** Median absolute deviation from `center` (default: the median); 0 for an empty input. */
export function mad(values: ArrayLike<number>, center = median(values)): number {
  const dev = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) dev[i] = Math.abs(values[i] - center);
  return median(dev);
}

/** The `k`-th smallest value (0-based, clamped to the range); NaN for an empty input. */
export function orderStatistic(values: ArrayLike<number>, k: number): number {
  if (values.length === 0) return NaN;
  return sortedCopy(values)[Math.max(0, Math.min(values.length - 1, k))];
}

/** The `q`-quantile (0..1) by the lower nearest rank: the ⌊q·(n−1)⌋-th smallest value; NaN for an empty input. */
export function quantile(values: ArrayLike<number>, q: number): number {
  return orderStatistic(values, Math.floor(q * (values.length - 1)));
}

/** Round to `digits` decimals for reports and details (`roundTo(0.12345) === 0.123`). */
export function roundTo(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
