import { cameraName } from '../../../loader/metadata';
import { ruleWeight, type MetadataSpec } from '../descriptor';
import { str, type MetadataFacts } from '../facts';
import { classifySoftware } from './editor';

/** Formats cameras and phones write (CIPA DC-008 / DCF use JPEG and TIFF; phones add HEIF). */
const CAMERA_FORMATS = new Set(['jpeg', 'heic', 'tiff']);

/** Exposure tags a capture device fills in. */
const EXPOSURE_TAGS = ['ExposureTime', 'FNumber', 'ISO', 'FocalLength', 'DateTimeOriginal'] as const;

/** Whether the file carries capture-device EXIF (a make or model, or exposure data). */
export function hasCameraExif(f: MetadataFacts): boolean {
  return Boolean(str(f.ifd0, 'Make') || str(f.ifd0, 'Model') || f.exif.ExposureTime !== undefined || f.exif.FNumber !== undefined);
}

/**
 * Rule 7, camera evidence:
 * - Make, Model and exposure data that agree with each other in a camera format → `metadata.camera-consistent`
 *   (weak authenticity, negative weight, never conclusive: EXIF is trivially copied).
 * - A firmware string of one brand under another brand's Make, or a lens maker that contradicts the Make →
 *   `metadata.camera-inconsistent` (metadata transplanted from another file).
 * - Camera EXIF inside a format cameras do not write (PNG, WebP, AVIF, GIF) → `metadata.converted`.
 * - No camera metadata at all → `metadata.no-camera-metadata` (a hint: platforms and chat apps strip it).
 */
export function cameraRule(f: MetadataFacts, editorFound: boolean): MetadataSpec[] {
  const make = str(f.ifd0, 'Make');
  const model = str(f.ifd0, 'Model');
  const out: MetadataSpec[] = [];
  if (!make && !model && !f.exif.DateTimeOriginal) {
    return [{ code: 'metadata.no-camera-metadata', ...ruleWeight('noCameraMetadata'), details: { exifSource: f.exifSource } }];
  }
  const conflicts: string[] = [];
  const makeLc = (make ?? '').toLowerCase();
  const software = str(f.ifd0, 'Software');
  if (software && make) {
    const c = classifySoftware(software);
    if (c.kind === 'not-editor' && c.row.vendor && !makeLc.includes(c.row.vendor) && !(c.row.vendor === 'sony ericsson' && makeLc.includes('sony'))) {
      conflicts.push(`Software "${software}" is ${c.row.vendor} firmware, Make is "${make}"`);
    }
  }
  const lensMake = str(f.exif, 'LensMake');
  if (lensMake && make && /^apple$/i.test(lensMake) !== /^apple$/i.test(make)) conflicts.push(`LensMake "${lensMake}" ≠ Make "${make}"`);
  if (conflicts.length) {
    out.push({
      code: 'metadata.camera-inconsistent',
      ...ruleWeight('cameraInconsistent'),
      // A contradiction, not a weak clue: strong although its weight is under the cut.
      atLeast: 'strong',
      params: { evidence: conflicts[0] },
      details: { conflicts, make, model },
    });
  }
  const camera = cameraName(f.ifd0) ?? '';
  if ((make || model) && !CAMERA_FORMATS.has(f.format)) {
    out.push({
      code: 'metadata.converted',
      ...ruleWeight('converted'),
      params: { camera, format: f.format.toUpperCase() },
      details: { make, model, format: f.format, exifSource: f.exifSource },
    });
  }
  const exposure = EXPOSURE_TAGS.filter((t) => f.exif[t] !== undefined);
  if (make && model && exposure.length >= 3 && conflicts.length === 0 && CAMERA_FORMATS.has(f.format) && !editorFound) {
    const lens = str(f.exif, 'LensModel');
    out.push({
      code: 'metadata.camera-consistent',
      ...ruleWeight('cameraConsistent'),
      params: { camera },
      details: { make, model, exposureTags: exposure, ...(lens ? { lens } : {}), ...(software ? { software } : {}), gps: Object.keys(f.gps).length > 0 },
    });
  }
  return out;
}
