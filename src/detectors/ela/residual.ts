/**
 * Error-level residual (ELA after N. Krawetz, "A Picture's Worth…", Black Hat 2007): re-save the pixels as JPEG at
 * a known quality and measure how much each pixel moves. Areas that already went through the same compression move
 * little; areas with a different compression history (pasted from another file, painted, re-rendered) move more or
 * less than the rest.
 */
import type { GreyImage } from '../../pixels/types';
import { greyJpegRoundTrip } from '../../pixels/encode';

/** Fixed-point scale of `greyAbsDiff`: residuals are stored in 1/8 of an 8-bit level. */
export const LUMA_SCALE = 8;

/**
 * Per-pixel luminance error level |Y − Y'| of two luminance planes, in 1/`LUMA_SCALE` levels (0..2040). Luminance
 * alone is used because chroma errors depend on colour saturation (a saturated product moves more in RGB whatever
 * its history), which texture cannot predict. Only the heatmap needs the per-pixel map; the statistics take the
 * same differences inside `blockStats`.
 * @throws RangeError when the lengths differ.
 */
export function greyAbsDiff(a: Uint8Array, b: Uint8Array): Uint16Array {
  if (a.length !== b.length) throw new RangeError(`greyAbsDiff: expected two planes of the same length, received ${a.length} and ${b.length}`);
  const out = new Uint16Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const d = a[i] - b[i];
    out[i] = (d < 0 ? -d : d) * LUMA_SCALE;
  }
  return out;
}

/**
 * Mean absolute difference over every sample of two same-size buffers, in 8-bit levels (0..255). This is the
 * "plain ELA" score the bench uses as its baseline.
 * @throws RangeError when the lengths differ.
 */
export function meanAbsDiff(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) throw new RangeError(`meanAbsDiff: expected buffers of the same length, received ${a.length} and ${b.length}`);
  if (a.length === 0) return 0;
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i] - b[i];
    s += d < 0 ? -d : d;
  }
  return s / a.length;
}

/**
 * Re-encode the stored luminance as a greyscale baseline JPEG at `quality` and decode it (`greyJpegRoundTrip`):
 * the luminance a 4:4:4 colour re-save would give, at a third of the cost (bench/speed.ts, docs/performance.md).
 */
export function elaResave(grey: GreyImage, quality: number): Promise<GreyImage> {
  return greyJpegRoundTrip(grey, quality);
}
