/**
 * Error-level residual (ELA after N. Krawetz, "A Picture's Worth…", Black Hat 2007): re-save the pixels as JPEG at
 * a known quality and measure how much each pixel moves. Areas that already went through the same compression move
 * little; areas with a different compression history (pasted from another file, painted, re-rendered) move more or
 * less than the rest.
 */
import type { RawImage } from '../../pixels/types';
import { jpegRoundTrip } from '../../pixels/encode';

/** Fixed-point scale of `lumaAbsDiff`: residuals are stored in 1/8 of an 8-bit level. */
export const LUMA_SCALE = 8;

/**
 * Per-pixel luminance error level: |ΔY| with ΔY = 0.299 ΔR + 0.587 ΔG + 0.114 ΔB (ITU-R BT.601) taken before the
 * absolute value, in 1/`LUMA_SCALE` levels (0..2040), rounded. Luminance alone is used for statistics because
 * chroma errors depend on colour saturation (a saturated product moves more in RGB whatever its history), which
 * texture cannot predict. Only the heatmap needs the per-pixel map: `blockStats` takes the same values in its pass.
 * @throws RangeError when the lengths differ or are not a multiple of 3.
 */
export function lumaAbsDiff(a: Uint8Array, b: Uint8Array): Uint16Array {
  if (a.length !== b.length || a.length % 3 !== 0) {
    throw new RangeError(`lumaAbsDiff: expected two RGB buffers of the same length, received ${a.length} and ${b.length}`);
  }
  const n = a.length / 3;
  const out = new Uint16Array(n);
  // Integer BT.601 weights ×65536 (19595 + 38470 + 7471 = 65536); (|d|·8 + 2^15) >> 16 = (|d| + 4096) >> 13.
  for (let i = 0, j = 0; i < n; i++, j += 3) {
    const d = 19595 * (a[j] - b[j]) + 38470 * (a[j + 1] - b[j + 1]) + 7471 * (a[j + 2] - b[j + 2]);
    out[i] = ((d < 0 ? -d : d) + 4096) >> 13;
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
 * Re-encode stored RGB pixels as baseline JPEG at `quality` (4:4:4, so chroma subsampling does not drown the
 * luminance residual) through `jpegRoundTrip`, and decode them back. A one-channel (luminance) round trip would
 * cost a third, but it changes the statistic: the RGB round trip's rounding of R′G′B′ dithers the luminance
 * residual, and without it most blocks of a re-saved JPEG read exactly 0, the robust spread collapses and the peaks
 * move (ela-set ROC-AUC 0.536 → 0.554, jpeg-set 0.493 → 0.585; docs/performance.md), so the colour round trip stays.
 */
export function elaResave(img: RawImage, quality: number): Promise<RawImage> {
  return jpegRoundTrip(img, quality, false);
}
