/**
 * Chromaticity of a product region: "are the product's colours, shading and highlights left aside, spread the same
 * way?" A 2-D histogram of log-chromaticity (u = ln(R/G), v = ln(B/G) in linear light) of the weighted product
 * pixels. Log-chromaticity does not change with shading or exposure (a common gain cancels: Finlayson and Hordley
 * 2001, "Color constancy at a pixel", JOSA A 18(2)), so a pile of apples in shadow and one lit apple on white share
 * their histogram where the palettes (step 5, CIELAB, lightness included) part. Compared with the Bhattacharyya
 * coefficient (Bhattacharyya 1943; Comaniciu, Ramesh and Meer 2003 for colour histograms). Measured in
 * docs/catalog.md (eighth session).
 */
import { LINEAR } from './palette';
import type { Plane } from '../../pixels/resample';

/** Bins per axis of the histogram. */
const BINS = 16;
/** The histogram spans u and v in ±RANGE: chromaticity ratios of e^±2 (7.4×), beyond every product colour but a pure primary. */
const RANGE = 2;
/**
 * Added to linear R, G and B before the ratios (about 8-bit level 12, where JPEG noise swamps chromaticity): keeps
 * near-black pixels from dominating. 0.01 (level 25) made a saturated colour's weak channel drift with exposure (a
 * half-exposed orange kept 0.62 of its histogram, 0.999 now; kernels test) at no held-out gain on the corpus
 * (bench/product-evidence.ts, 2026-12-08: same recall 21.6 / 56.8 % with 0.01, 23.5 / 54.1 % with 0.002).
 */
const DARK = 0.002;

/**
 * The normalised chromaticity histogram (BINS² bins, sums to 1; all zero when no pixel has weight) of an RGB plane
 * (values 0–255) under per-pixel weights, each pixel's (u, v) splatted bilinearly into the four nearest bins.
 */
export function chromaHistogram(rgb: Plane, weight: Float32Array): Float32Array {
  const bins = new Float32Array(BINS * BINS);
  const d = rgb.data;
  const step = (2 * RANGE) / BINS;
  const lin = (v: number): number => LINEAR[v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v)] + DARK;
  let total = 0;
  for (let i = 0; i < weight.length; i++) {
    const w = weight[i];
    if (w <= 0) continue;
    const g = lin(d[i * 3 + 1]);
    const fu = Math.max(0, Math.min(BINS - 1.001, (Math.log(lin(d[i * 3]) / g) + RANGE) / step - 0.5));
    const fv = Math.max(0, Math.min(BINS - 1.001, (Math.log(lin(d[i * 3 + 2]) / g) + RANGE) / step - 0.5));
    const iu = Math.floor(fu);
    const iv = Math.floor(fv);
    const tu = fu - iu;
    const tv = fv - iv;
    const k = iv * BINS + iu;
    bins[k] += w * (1 - tu) * (1 - tv);
    bins[k + 1] += w * tu * (1 - tv);
    bins[k + BINS] += w * (1 - tu) * tv;
    bins[k + BINS + 1] += w * tu * tv;
    total += w;
  }
  if (total > 0) for (let k = 0; k < bins.length; k++) bins[k] /= total;
  return bins;
}

/** Bhattacharyya coefficient of two normalised histograms: 1 = identical, 0 = disjoint (or either empty). */
export function bhattacharyya(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += Math.sqrt(a[k] * b[k]);
  return s;
}
