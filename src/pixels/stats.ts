/**
 * Robust statistics over typed arrays: median, median absolute deviation, order statistics, and the one rounding
 * helper for reported figures. Inputs are never mutated (selection works on a copy).
 */

/** MAD → standard deviation for normal data: 1 / Φ⁻¹(3/4) (Rousseeuw & Croux 1993). */
export const MAD_TO_SD = 1.4826;

/**
 * Rearrange the first `n` entries of `a` in place so that entry `k` holds the k-th smallest of them, everything
 * before it is ≤ and everything after it ≥ (Hoare's selection with a median-of-three pivot, O(n) on average; the
 * same values a full sort would put there). NaN sorts last, as in `Float64Array#sort`: a prefix holding NaN is sorted.
 */
function selectInPlace(a: Float64Array, n: number, k: number): Float64Array {
  let hasNaN = false;
  for (let i = 0; i < n; i++) if (a[i] !== a[i]) hasNaN = true;
  if (hasNaN) {
    a.subarray(0, n).sort();
    return a;
  }
  let lo = 0;
  let hi = n - 1;
  while (hi > lo) {
    const mid = (lo + hi) >> 1;
    // Median of three as the pivot: sorted or constant runs (flat image areas) stay O(n).
    if (a[mid] < a[lo]) swap(a, mid, lo);
    if (a[hi] < a[lo]) swap(a, hi, lo);
    if (a[hi] < a[mid]) swap(a, hi, mid);
    const pivot = a[mid];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) swap(a, i++, j--);
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a;
}

/** `selectInPlace` on a Float64Array copy of `values` (the input is left as it was). */
function selectedCopy(values: ArrayLike<number>, k: number): Float64Array {
  const a = Float64Array.from(values);
  return selectInPlace(a, a.length, k);
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/** Median (mean of the two middle values for an even count); 0 for an empty input. */
export function median(values: ArrayLike<number>): number {
  return values.length === 0 ? 0 : middleOf(selectedCopy(values, values.length >> 1), values.length);
}

/**
 * Median of the first `n` entries of a scratch array, which it rearranges (`median` without the copy, for callers
 * that take many medians of temporary values); 0 for n = 0. The same value as `median` of those entries.
 */
export function medianInPlace(scratch: Float64Array, n: number): number {
  return n === 0 ? 0 : middleOf(selectInPlace(scratch, n, n >> 1), n);
}

/** The median of the first `n` entries of `s`, selected at k = n >> 1. */
function middleOf(s: Float64Array, n: number): number {
  const k = n >> 1;
  if (n % 2) return s[k];
  // The other middle value is the largest of the k values left of position k.
  let below = s[0];
  for (let i = 1; i < k; i++) if (s[i] > below) below = s[i];
  return (below + s[k]) / 2;
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
  return medianInPlace(dev, dev.length);
}

/** The `k`-th smallest value (0-based, clamped to the range); NaN for an empty input. */
export function orderStatistic(values: ArrayLike<number>, k: number): number {
  if (values.length === 0) return NaN;
  const at = Math.max(0, Math.min(values.length - 1, k));
  return selectedCopy(values, at)[at];
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
