import sharp from 'sharp';
import type { GreyImage, RawImage } from './types';
import { orientRgb } from './orient';

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

/** libvips rotation and mirror per EXIF orientation (CIPA DC-008, tag 0x0112) that give `orientRgb`'s pixels. */
const VIPS_ORIENT: Readonly<Record<number, { angle: number; flip: boolean; flop: boolean }>> = {
  2: { angle: 0, flip: false, flop: true },
  3: { angle: 180, flip: false, flop: false },
  4: { angle: 0, flip: true, flop: false },
  5: { angle: 90, flip: true, flop: false },
  6: { angle: 90, flip: false, flop: false },
  7: { angle: 90, flip: false, flop: true },
  8: { angle: 270, flip: false, flop: false },
};

/**
 * `orientRgb` done by libvips: the same pixels, byte for byte (test/pixels/orient-native.test.ts checks every
 * orientation on camera photos), at about half the CPU time for a large photo turned by 90° (10 MP, orientation 6:
 * 52 vs 105–128 ms, docs/performance.md): libvips turns it tile by tile, the JavaScript copy reads a column per
 * output row. Orientation 1 (or an invalid one) returns the input unchanged.
 */
export async function orientRgbNative(img: RawImage, orientation: number): Promise<RawImage> {
  const op = VIPS_ORIENT[orientation];
  if (!op) return orientRgb(img, orientation);
  // Already decoded under the caller's pixel limit: sharp's own input limit must not refuse it a second time.
  let s = sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 }, limitInputPixels: false }).rotate(op.angle);
  if (op.flip) s = s.flip();
  if (op.flop) s = s.flop();
  const { data, info } = await s.raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height, channels: 3 };
}
