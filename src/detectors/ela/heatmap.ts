/**
 * The `ela` artifact: the per-pixel residual as a false-colour heatmap PNG, oriented the way the photo is displayed,
 * for a reviewer to see where the compression error differs.
 */
import type { RawImage } from '../../pixels/types';
import { encodePng, resizeRgb } from '../../pixels/encode';
import { orientRgb } from '../../pixels/orient';

/** Longest side of the heatmap in pixels: enough to see a region, cheap to encode for a 12 MP photo. */
export const HEATMAP_MAX_SIDE = 1600;

/** Largest residual value (`lumaAbsDiff` units: 255 levels × 8). */
const MAX_RESIDUAL = 2040;

/**
 * Value of the `q`-quantile (0..1) of a residual map with values 0..2040, from a histogram (no sort).
 */
export function residualQuantile(residual: Uint16Array, q: number): number {
  const hist = new Uint32Array(MAX_RESIDUAL + 1);
  for (let i = 0; i < residual.length; i++) hist[residual[i]]++;
  const target = q * residual.length;
  let acc = 0;
  for (let v = 0; v < hist.length; v++) {
    acc += hist[v];
    if (acc >= target) return v;
  }
  return MAX_RESIDUAL;
}

/**
 * Map a luminance residual (0..2040 per pixel, `lumaAbsDiff` units) to "hot" colours: black → red → yellow → white, with the 99th percentile of the
 * image at white so the picture adapts to the image's own error level (as the detector does).
 */
export function heatmapRgb(residual: Uint16Array, width: number, height: number): RawImage {
  const top = Math.max(8, residualQuantile(residual, 0.99));
  const lut = new Uint8Array((MAX_RESIDUAL + 1) * 3);
  for (let v = 0; v <= MAX_RESIDUAL; v++) {
    const t = Math.min(765, Math.round((v / top) * 765)); // 0..765 spans the three colour ramps
    lut[v * 3] = Math.min(255, t);
    lut[v * 3 + 1] = Math.max(0, Math.min(255, t - 255));
    lut[v * 3 + 2] = Math.max(0, Math.min(255, t - 510));
  }
  const out = new Uint8Array(width * height * 3);
  for (let i = 0, j = 0; i < residual.length; i++, j += 3) {
    const k = residual[i] * 3;
    out[j] = lut[k];
    out[j + 1] = lut[k + 1];
    out[j + 2] = lut[k + 2];
  }
  return { data: out, width, height, channels: 3 };
}

/** The heatmap PNG: coloured, EXIF orientation applied, downscaled to at most `HEATMAP_MAX_SIDE`. */
export async function heatmapPng(residual: Uint16Array, width: number, height: number, orientation: number): Promise<Uint8Array> {
  let img = orientRgb(heatmapRgb(residual, width, height), orientation);
  const side = Math.max(img.width, img.height);
  if (side > HEATMAP_MAX_SIDE) {
    const f = HEATMAP_MAX_SIDE / side;
    img = await resizeRgb(img, Math.max(1, Math.round(img.width * f)), Math.max(1, Math.round(img.height * f)));
  }
  return encodePng(img);
}
