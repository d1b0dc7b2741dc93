import sharp from 'sharp';
import type { GreyImage, RawImage } from './types';

/**
 * Encoding helpers: the only place besides the loader that calls sharp. Detectors use them for re-encodes (ELA)
 * and for PNG artifacts; the report uses them for previews.
 */

/** Encode RGB or grey pixels as PNG. */
export async function encodePng(img: RawImage | GreyImage): Promise<Uint8Array> {
  const channels = 'channels' in img ? img.channels : 1;
  const out = await sharp(img.data, { raw: { width: img.width, height: img.height, channels } }).png({ compressionLevel: 6 }).toBuffer();
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/** Re-encode RGB pixels as baseline JPEG at a quality (libjpeg-compatible tables, 4:2:0 unless told otherwise) and decode it back. */
export async function jpegRoundTrip(img: RawImage, quality: number, chroma420 = true): Promise<RawImage> {
  const jpg = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } })
    .jpeg({ quality, chromaSubsampling: chroma420 ? '4:2:0' : '4:4:4', mozjpeg: false, optimiseCoding: false })
    .toBuffer();
  const { data, info } = await sharp(jpg).raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height, channels: 3 };
}

/** A JPEG preview of RGB pixels no larger than `maxSide` (for reports). */
export async function previewJpeg(img: RawImage, maxSide = 1200, quality = 82): Promise<Uint8Array> {
  const out = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } })
    .resize({ width: maxSide, height: maxSide, fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality })
    .toBuffer();
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/**
 * Resize RGB pixels to exact dimensions. `lanczos3` (default) for pictures a person looks at; `box` for analysis
 * views: libvips averages whole source blocks when the factor is an integer (vips_shrink), with no ringing;
 * `cubic` (Catmull-Rom) for an intermediate that a JavaScript area pass shrinks further: of libvips' kernels the
 * closest to an exact area average after that pass (docs/performance.md, "catalog").
 */
export async function resizeRgb(img: RawImage, width: number, height: number, filter: 'lanczos3' | 'box' | 'cubic' = 'lanczos3'): Promise<RawImage> {
  const kernel = filter === 'box' ? 'linear' : filter;
  const { data, info } = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } })
    .resize({ width, height, fit: 'fill', kernel })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height, channels: 3 };
}
