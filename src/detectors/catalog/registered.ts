/**
 * The catalog product laid onto the claim: once the local features give a map from the catalog photo to the claim
 * (features.ts), every pixel of the catalog's 64-px product region is looked up in the claim, so the colours of
 * exactly that region can be compared with the catalog product's, instead of the claim's centre-weighted guess at
 * where the product is. An exposure and white-balance change is removed first (a diagonal "von Kries" gain per
 * channel in linear light, the illuminant model of colour constancy: Finlayson, Drew and Funt 1994, "Color
 * constancy: generalized diagonal transforms suffice", JOSA A 11(11)), with the chromatic part of the gain limited
 * so that another colour of the same design is not balanced away.
 */
import { fitInside, resizePlane, sampleBilinear, type Plane } from '../../pixels/resample';
import { labOf, LINEAR, productDistance, quantise, type PaletteColour } from './palette';

/** The catalog side of the comparison (from a fingerprint's thumbnails). */
export interface CatalogThumb {
  /** RGB at the luma thumbnail's size (long side ≈ 64). */
  rgb: Plane;
  /** Product weight (0..1) of every thumbnail pixel (`regionWeights`, border mode). */
  weight: Float32Array;
  /** Product palette of the catalog photo. */
  palette: readonly PaletteColour[];
  /** Full size of the catalog photo, pixels. */
  width: number;
  height: number;
}

/** How the laid-on catalog product compares with the claim. */
export interface RegisteredComparison {
  /** Share of the catalog product weight that lands inside the claim. */
  inside: number;
  /** Product colour distance (ΔE00) between the catalog palette and the claim under the catalog product, after the gains. */
  balancedDistance: number;
  /** Per-channel linear-light gains claim ≈ gain × catalog that were removed (R, G, B). */
  gains: [number, number, number];
}

/** Colours of the registered claim palette (as the product palettes). */
const COLOURS = 8;
/**
 * Largest chromatic gain (R/G or B/G relative to the green gain) removed as a change of light: daylight to
 * tungsten-ish indoor light moves R/G and B/G by up to about 1.25 after a camera's own white balance (the
 * exploration runs tried 1.15, 1.25 and 1.5 on the rendered tuning families; 1.25 kept hue variants apart best).
 */
const MAX_WHITE_BALANCE = 1.25;
/** Smallest share of the catalog product that must land in the claim to compare. */
const MIN_INSIDE = 0.25;

/** sRGB encoding of a linear value (IEC 61966-2-1), 0–255. */
function encode(c: number): number {
  const v = 255 * (c > 0.0031308 ? 1.055 * c ** (1 / 2.4) - 0.055 : 12.92 * c);
  return v < 0 ? 0 : v > 255 ? 255 : v;
}

/** Linear value of an 8-bit-scaled sample (rounded, clamped). */
function linear(v: number): number {
  return LINEAR[v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v)];
}

/**
 * Compare the catalog product with the claim under `map` (catalog full pixels → claim full pixels:
 * x' = m0·x + m1·y + m2, y' = m3·x + m4·y + m5). `claimRgb` is an RGB view of the whole claim (any size);
 * `claimWidth`/`claimHeight` its full size. Null when under a quarter of the product lands in the claim.
 */
export function compareRegistered(cat: CatalogThumb, map: Float64Array, claimRgb: Plane, claimWidth: number, claimHeight: number): RegisteredComparison | null {
  const tw = cat.rgb.width;
  const th = cat.rgb.height;
  const sx = cat.width / tw;
  const sy = cat.height / th;
  // One thumbnail pixel spans about this many claim-view pixels: sample a view shrunk to match (area filter).
  const scale = Math.sqrt(Math.abs(map[0] * map[4] - map[1] * map[3]));
  const footprint = sx * scale * (claimRgb.width / claimWidth);
  let view = claimRgb;
  if (footprint > 1.5) {
    const s = fitInside(claimRgb.width, claimRgb.height, Math.max(8, Math.round(Math.max(claimRgb.width, claimRgb.height) / footprint)));
    view = resizePlane(claimRgb, s.width, s.height);
  }
  const vx = view.width / claimWidth;
  const vy = view.height / claimHeight;
  const n = tw * th;
  const rgb = new Float32Array(n * 3);
  const w = new Float32Array(n);
  const px = new Float32Array(3);
  let total = 0;
  let inside = 0;
  for (let v = 0; v < th; v++) {
    for (let u = 0; u < tw; u++) {
      const i = v * tw + u;
      const wi = cat.weight[i];
      total += wi;
      if (wi <= 0) continue;
      const x = (u + 0.5) * sx;
      const y = (v + 0.5) * sy;
      const X = map[0] * x + map[1] * y + map[2];
      const Y = map[3] * x + map[4] * y + map[5];
      if (X < 0 || Y < 0 || X >= claimWidth || Y >= claimHeight) continue;
      sampleBilinear(view, X * vx - 0.5, Y * vy - 0.5, px, 0);
      rgb[i * 3] = px[0];
      rgb[i * 3 + 1] = px[1];
      rgb[i * 3 + 2] = px[2];
      w[i] = wi;
      inside += wi;
    }
  }
  if (total <= 0 || inside < MIN_INSIDE * total) return null;
  // Gains claim ≈ g · catalog per channel in linear light (weighted sums); the chromatic part limited.
  let n0 = 0, n1 = 0, n2 = 0, d0 = 0, d1 = 0, d2 = 0;
  const c = cat.rgb.data;
  for (let i = 0; i < n; i++) {
    const wi = w[i];
    if (wi <= 0) continue;
    n0 += wi * linear(rgb[i * 3]);
    n1 += wi * linear(rgb[i * 3 + 1]);
    n2 += wi * linear(rgb[i * 3 + 2]);
    d0 += wi * linear(c[i * 3]);
    d1 += wi * linear(c[i * 3 + 1]);
    d2 += wi * linear(c[i * 3 + 2]);
  }
  const g1 = n1 / Math.max(1e-6, d1) || 1;
  const clampWb = (r: number): number => Math.max(1 / MAX_WHITE_BALANCE, Math.min(MAX_WHITE_BALANCE, r));
  const gains: [number, number, number] = [clampWb(n0 / Math.max(1e-6, d0) / g1) * g1, g1, clampWb(n2 / Math.max(1e-6, d2) / g1) * g1];
  for (let i = 0; i < n; i++) {
    if (w[i] <= 0) continue;
    rgb[i * 3] = encode(linear(rgb[i * 3]) / gains[0]);
    rgb[i * 3 + 1] = encode(linear(rgb[i * 3 + 1]) / gains[1]);
    rgb[i * 3 + 2] = encode(linear(rgb[i * 3 + 2]) / gains[2]);
  }
  const balanced = quantise(labOf({ data: rgb, width: tw, height: th, channels: 3 }), w, COLOURS);
  return { inside: inside / total, balancedDistance: productDistance(balanced, cat.palette), gains };
}
