/**
 * Product palettes: "does the claim show the same product as the catalog photo?" when it is not derived from it.
 * The product region of a small RGB view is quantised to a few colours in CIELAB (Wu's variance-minimising
 * colour quantiser from image-q, run on Lab coordinates so that it minimises perceptual error), each colour with
 * its share of the region; two palettes are compared with the CIEDE2000 colour difference (Sharma, Wu and Dalal
 * 2005, "The CIEDE2000 color-difference formula: implementation notes, supplementary test data, and mathematical
 * observations", Color Res. Appl. 30(1); image-q's implementation follows their reference code).
 */
import { distance, palette as iqPalette, utils as iqUtils } from 'image-q';
import type { Plane } from '../../pixels/resample';

/** A palette colour: CIELAB (D65) and its share of the region (shares sum to 1). */
export interface PaletteColour {
  L: number;
  a: number;
  b: number;
  share: number;
}

/** sRGB (IEC 61966-2-1) 8-bit → linear light (0..1), as a table. */
export const LINEAR = new Float64Array(256);
for (let i = 0; i < 256; i++) {
  const c = i / 255;
  LINEAR[i] = c > 0.04045 ? ((c + 0.055) / 1.055) ** 2.4 : c / 12.92;
}

/** CIE 1976 L*a*b* companding (CIE 15:2004 §8.2.1). */
function f(t: number): number {
  return t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116;
}

/**
 * CIELAB (D65 white, 2° observer) of every pixel of an RGB plane (values 0–255), interleaved L, a, b.
 * Same matrix and white point as image-q's `conversion.rgb2lab`.
 */
export function labOf(rgb: Plane): Float32Array {
  const n = rgb.width * rgb.height;
  const out = new Float32Array(n * 3);
  const d = rgb.data;
  for (let i = 0; i < n; i++) {
    const r = LINEAR[Math.max(0, Math.min(255, Math.round(d[i * 3])))];
    const g = LINEAR[Math.max(0, Math.min(255, Math.round(d[i * 3 + 1])))];
    const b = LINEAR[Math.max(0, Math.min(255, Math.round(d[i * 3 + 2])))];
    const fx = f((r * 0.4124 + g * 0.3576 + b * 0.1805) / 0.95047);
    const fy = f(r * 0.2126 + g * 0.7152 + b * 0.0722);
    const fz = f((r * 0.0193 + g * 0.1192 + b * 0.9505) / 1.08883);
    out[i * 3] = 116 * fy - 16;
    out[i * 3 + 1] = 500 * (fx - fy);
    out[i * 3 + 2] = 200 * (fy - fz);
  }
  return out;
}

const DE2000 = new distance.CIEDE2000();

/** CIEDE2000 colour difference ΔE00 of two Lab colours (kL = kC = kH = 1). */
export function deltaE2000(x: { L: number; a: number; b: number }, y: { L: number; a: number; b: number }): number {
  return Math.sqrt(Math.max(0, DE2000.calculateRawInLab(x, y)));
}

/** How the region of interest is weighted: by border contrast alone (catalog photos) or also by a centre weight (claims). */
export type RegionMode = 'border' | 'centre-border';

/**
 * Weight (0..1) of every pixel as part of the product. `border`: how far the pixel's colour is from the colours
 * along the image border (the backdrop, shelf or table around the item), ramping from ΔE00 8 to 20;
 * `centre-border`: that times a Gaussian around the middle (σ = 0.3 of each side), because a buyer frames the item.
 * The choice is measured in docs/catalog.md (How it works, step 5).
 */
export function regionWeights(lab: Float32Array, width: number, height: number, mode: RegionMode): Float32Array {
  const n = width * height;
  const w = new Float32Array(n).fill(1);
  if (mode === 'centre-border') {
    for (let y = 0; y < height; y++) {
      const dy = (y + 0.5) / height - 0.5;
      for (let x = 0; x < width; x++) {
        const dx = (x + 0.5) / width - 0.5;
        w[y * width + x] = Math.exp(-(dx * dx + dy * dy) / (2 * 0.3 * 0.3));
      }
    }
  }
  const border = borderPalette(lab, width, height);
  let kept = 0;
  const bw = new Float32Array(n);
  const px = { L: 0, a: 0, b: 0 };
  for (let i = 0; i < n; i++) {
    let best = Infinity;
    px.L = lab[i * 3];
    px.a = lab[i * 3 + 1];
    px.b = lab[i * 3 + 2];
    for (const c of border) {
      // A Euclidean (ΔE76) gap over 30 is far beyond the ramp's end: only near colours need the full formula.
      const e = (px.L - c.L) ** 2 + (px.a - c.a) ** 2 + (px.b - c.b) ** 2;
      if (e > 900) continue;
      best = Math.min(best, deltaE2000(px, c));
    }
    const t = best === Infinity ? 1 : Math.max(0, Math.min(1, (best - 8) / 12));
    bw[i] = t;
    kept += t;
  }
  // A photo with hardly any pixel unlike its border (a close-up filling the frame) is described whole.
  if (kept >= 0.1 * n) for (let i = 0; i < n; i++) w[i] *= bw[i];
  return w;
}

/** The dominant colours along the one-pixel border (Wu, up to 6 colours with ≥ 5 % of the border each). */
function borderPalette(lab: Float32Array, width: number, height: number): PaletteColour[] {
  const idx: number[] = [];
  for (let x = 0; x < width; x++) idx.push(x, (height - 1) * width + x);
  for (let y = 1; y < height - 1; y++) idx.push(y * width, y * width + width - 1);
  const sub = new Float32Array(idx.length * 3);
  idx.forEach((p, k) => sub.set(lab.subarray(p * 3, p * 3 + 3), k * 3));
  return quantise(sub, new Float32Array(idx.length).fill(1), 6).filter((c) => c.share >= 0.05);
}

/** Lab → the 8-bit code image-q's quantiser works on (L 0–100 → 0–255; a and b, about ±100 for sRGB, × 1.25 + 128). */
function encode(L: number, a: number, b: number): [number, number, number] {
  const q = (v: number): number => Math.max(0, Math.min(255, Math.round(v)));
  return [q(L * 2.55), q(a * 1.25 + 128), q(b * 1.25 + 128)];
}

/** Lloyd iterations after Wu's cut (Wu's boxes on a 3-bit histogram are coarse; two refinements settle the centres). */
const LLOYD_ROUNDS = 2;

/**
 * Quantise weighted Lab pixels to at most `k` colours: Wu's quantiser (image-q, 3 significant bits per channel:
 * at 5 bits its 33⁴-cell moment tables take seconds per call) on the pixels with weight ≥ 0.5 gives the initial
 * colours; then Lloyd rounds assign every weighted pixel to its nearest colour (Euclidean Lab) and move each colour
 * to the weighted mean. Colours with no weight are dropped; shares sum to 1 (empty when all weight is 0).
 */
export function quantise(lab: Float32Array, weight: Float32Array, k: number): PaletteColour[] {
  const n = weight.length;
  const codes = new Uint32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    if (weight[i] < 0.5) continue;
    const [r, g, b] = encode(lab[i * 3], lab[i * 3 + 1], lab[i * 3 + 2]);
    codes[m++] = (255 << 24) | (b << 16) | (g << 8) | r;
  }
  if (m === 0) return [];
  const container = iqUtils.PointContainer.fromUint32Array(codes.subarray(0, m), m, 1);
  // The distance only orders image-q's output palette; Wu's cut itself minimises squared error in the code space.
  const wu = new iqPalette.WuQuant(new distance.Euclidean(), k, 3);
  wu.sample(container);
  let centres = wu.quantizeSync().getPointContainer().getPointArray().map((p) => ({ L: p.r / 2.55, a: (p.g - 128) / 1.25, b: (p.b - 128) / 1.25 }));
  const sums = new Float64Array(centres.length * 4);
  for (let round = 0; round < LLOYD_ROUNDS; round++) {
    assign(lab, weight, centres, sums);
    centres = centres.map((c, j) => (sums[j * 4 + 3] > 0 ? { L: sums[j * 4] / sums[j * 4 + 3], a: sums[j * 4 + 1] / sums[j * 4 + 3], b: sums[j * 4 + 2] / sums[j * 4 + 3] } : c));
  }
  assign(lab, weight, centres, sums);
  let total = 0;
  for (let c = 0; c < centres.length; c++) total += sums[c * 4 + 3];
  const out: PaletteColour[] = [];
  for (let c = 0; c < centres.length; c++) {
    const s = sums[c * 4 + 3];
    if (s <= 0) continue;
    out.push({ L: sums[c * 4] / s, a: sums[c * 4 + 1] / s, b: sums[c * 4 + 2] / s, share: s / total });
  }
  return out.sort((x, y) => y.share - x.share);
}

/** Weighted sums (L, a, b, weight) of the pixels nearest to each centre, into `sums`. */
function assign(lab: Float32Array, weight: Float32Array, centres: readonly { L: number; a: number; b: number }[], sums: Float64Array): void {
  sums.fill(0);
  const n = weight.length;
  for (let i = 0; i < n; i++) {
    const wi = weight[i];
    if (wi <= 0) continue;
    const L = lab[i * 3];
    const a = lab[i * 3 + 1];
    const b = lab[i * 3 + 2];
    let best = 0;
    let bestD = Infinity;
    for (let c = 0; c < centres.length; c++) {
      const d = (L - centres[c].L) ** 2 + (a - centres[c].a) ** 2 + (b - centres[c].b) ** 2;
      if (d < bestD) {
        bestD = d;
        best = c;
      }
    }
    sums[best * 4] += wi * L;
    sums[best * 4 + 1] += wi * a;
    sums[best * 4 + 2] += wi * b;
    sums[best * 4 + 3] += wi;
  }
}

/**
 * Directed palette distance: the share-weighted mean ΔE00 from each colour of `from` to its nearest colour in
 * `to`. Small when every colour of `from` appears in `to` (whatever else `to` shows).
 */
export function coverDistance(from: readonly PaletteColour[], to: readonly PaletteColour[]): number {
  if (from.length === 0 || to.length === 0) return Infinity;
  let sum = 0;
  for (const c of from) {
    let best = Infinity;
    for (const d of to) best = Math.min(best, deltaE2000(c, d));
    sum += c.share * best;
  }
  return sum;
}

/** Colours in a product palette. */
const PALETTE_COLOURS = 8;

/** The palette of a catalog photo (RGB plane, long side ≈ 64 px): the product apart from its backdrop. */
export function catalogPalette(rgb: Plane): PaletteColour[] {
  const lab = labOf(rgb);
  return quantise(lab, regionWeights(lab, rgb.width, rgb.height, 'border'), PALETTE_COLOURS);
}

/** The product region of a claim photo: its Lab pixels and their `centre-border` weights. */
export interface ClaimRegion {
  lab: Float32Array;
  weight: Float32Array;
}

/** What the buyer framed in a claim photo (RGB plane, long side ≈ 64 px), apart from its surroundings. */
export function claimRegion(rgb: Plane): ClaimRegion {
  const lab = labOf(rgb);
  return { lab, weight: regionWeights(lab, rgb.width, rgb.height, 'centre-border') };
}

/** The palette of a claim photo's product region (`claimRegion`). */
export function claimPalette(region: ClaimRegion): PaletteColour[] {
  return quantise(region.lab, region.weight, PALETTE_COLOURS);
}

/**
 * How far apart the products in a claim and a catalog photo are in colour: the mean of the two directed cover
 * distances (every catalog product colour found in the claim's region, and every claim region colour found in the
 * catalog product), ΔE00.
 */
export function productDistance(claim: readonly PaletteColour[], catalog: readonly PaletteColour[]): number {
  return 0.5 * (coverDistance(catalog, claim) + coverDistance(claim, catalog));
}
