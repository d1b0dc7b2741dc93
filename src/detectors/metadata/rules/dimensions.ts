import { ruleWeight, type MetadataSpec } from '../descriptor';
import { num, type MetadataFacts } from '../facts';

/** Aspect ratios within 2 % are the same frame scaled (rounding of odd sizes by resizers stays well below that). */
const SAME_ASPECT = 0.02;

/**
 * Rule 4, dimensions: EXIF PixelXDimension/PixelYDimension (exifr: ExifImageWidth/Height) describe the image the
 * camera wrote. A different stored size means it was resized, cropped or rotated after capture →
 * `metadata.dimension-mismatch` (a hint: platforms resize). An Orientation value outside 1–8 is an anomaly too.
 */
export function dimensionsRule(f: MetadataFacts): MetadataSpec[] {
  const out: MetadataSpec[] = [];
  const ew = num(f.exif, 'ExifImageWidth') ?? num(f.exif, 'PixelXDimension');
  const eh = num(f.exif, 'ExifImageHeight') ?? num(f.exif, 'PixelYDimension');
  const sw = f.storedWidth;
  const sh = f.storedHeight;
  if (ew && eh && ew > 0 && eh > 0 && sw > 0 && sh > 0 && !(ew === sw && eh === sh)) {
    let kind: 'resized' | 'cropped' | 'rotated' | null;
    if (ew === sh && eh === sw) {
      // HEIF applies rotation with its own 'irot' transform (ISO/IEC 23008-12 §6.5.10) and keeps the sensor-oriented
      // EXIF size, so a swapped size is normal there (shared/corpus camera/mei__Apple_iPhone_11_Pro_IMG_2927.heic).
      kind = f.format === 'heic' || f.format === 'avif' ? null : 'rotated';
    } else {
      const a = ew / eh;
      const same = Math.abs(a - sw / sh) / a <= SAME_ASPECT || Math.abs(a - sh / sw) / a <= SAME_ASPECT;
      kind = same ? 'resized' : 'cropped';
    }
    if (kind) {
      out.push({
        code: 'metadata.dimension-mismatch',
        ...ruleWeight(kind),
        params: { exif: `${ew}×${eh}`, actual: `${sw}×${sh}`, kind },
        details: { tag: 'PixelXDimension/PixelYDimension', exifWidth: ew, exifHeight: eh, storedWidth: sw, storedHeight: sh, kind },
      });
    }
  }
  const o = f.ifd0.Orientation;
  if (typeof o === 'number' && (o < 1 || o > 8 || !Number.isInteger(o))) {
    out.push({
      code: 'metadata.orientation-invalid',
      ...ruleWeight('orientationInvalid'),
      params: { value: o },
      details: { tag: 'Orientation', value: o },
    });
  }
  return out;
}
