/**
 * Error-level residual (ELA after N. Krawetz, "A Picture's Worth…", Black Hat 2007): re-save the pixels as JPEG at
 * a known quality and measure how much each pixel moves. Areas that already went through the same compression move
 * little; areas with a different compression history (pasted from another file, painted, re-rendered) move more or
 * less than the rest.
 */
import type { RawImage } from '../../loader/image';
import { jpegRoundTrip } from '../../pixels/encode';

/**
 * Per-pixel error level: |a − b| summed over R, G and B, so 0..765 (divide by 3 for the mean per channel in 0..255).
 * `a` and `b` are interleaved RGB of the same size.
 * @throws RangeError when the lengths differ or are not a multiple of 3.
 */
export function absDiffRgb(a: Uint8Array, b: Uint8Array): Uint16Array {
  if (a.length !== b.length || a.length % 3 !== 0) {
    throw new RangeError(`absDiffRgb: expected two RGB buffers of the same length, received ${a.length} and ${b.length}`);
  }
  const n = a.length / 3;
  const out = new Uint16Array(n);
  for (let i = 0, j = 0; i < n; i++, j += 3) {
    const d0 = a[j] - b[j];
    const d1 = a[j + 1] - b[j + 1];
    const d2 = a[j + 2] - b[j + 2];
    out[i] = (d0 < 0 ? -d0 : d0) + (d1 < 0 ? -d1 : d1) + (d2 < 0 ? -d2 : d2);
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

/** The re-encoded pixels and the per-pixel residual of one ELA pass. */
export interface ElaResidual {
  /** The pixels after one JPEG round trip at `quality`. */
  resaved: RawImage;
  /** Per-pixel |original − resaved| summed over RGB (0..765), row-major, stored orientation. */
  residual: Uint16Array;
  /** JPEG quality of the re-encode (1..100, libjpeg scaling). */
  quality: number;
}

/**
 * Re-encode stored RGB pixels as baseline JPEG at `quality` (4:4:4, so chroma subsampling does not drown the
 * luminance residual) through `jpegRoundTrip`, and take the per-pixel residual.
 */
export async function elaResidual(img: RawImage, quality: number): Promise<ElaResidual> {
  const resaved = await jpegRoundTrip(img, quality, false);
  return { resaved, residual: absDiffRgb(img.data, resaved.data), quality };
}
