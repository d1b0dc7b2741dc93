import type { Subject } from '../../contract';
import { loadImage } from '../../loader/image';
import { resizeRgb } from '../../pixels/encode';
import { fitInside, toPlane } from '../../pixels/resample';
import { readHeaders, walkJpeg } from '../../formats/jpeg';
import { boolAt, optionsAt } from '../../validate';
import type { BuiltinDetector, DetectorFor } from '../descriptor';
import { makeSignal, say } from '../signal';
import { metadataDescriptor as D, type MetadataSpec } from './descriptor';
import { gatherFacts, type MetadataFacts } from './facts';
import { cameraRule } from './rules/camera';
import { datesRule } from './rules/dates';
import { dimensionsRule } from './rules/dimensions';
import { editorRule } from './rules/editor';
import { historyRule } from './rules/history';
import { countEditOnce } from './rules/overlap';
import { screenshotRule } from './rules/screenshot';
import { THUMBNAIL_DECISION, thumbnailRule } from './rules/thumbnail';
import { compareThumbnail, previewSide } from './thumbnail-compare';
import { roundTo } from '../../pixels/stats';

/** Options of the metadata detector. */
export interface MetadataOptions {
  /**
   * Compare the EXIF thumbnail with the image. Needs the decoded pixels (shared with the pixel detectors, so usually
   * free); turn off for a metadata-only pass that never decodes the main image.
   * @default true
   */
  thumbnail?: boolean;
}

/** Limits for decoding an embedded thumbnail: EXIF thumbnails fit in one 64 KiB APP1 segment (CIPA DC-008 §4.5.4). */
const THUMB_LIMITS = { maxBytes: 1024 * 1024, maxPixels: 1_000_000 };

/** Parameters that name a localised word rather than a value: param → message-code prefix. */
const LOCALISED_PARAMS: Readonly<Record<string, string>> = { event: 'metadata.event.', kind: 'metadata.kind.' };

function validate(options: unknown): Required<MetadataOptions> {
  const o = optionsAt('metadata', options, ['thumbnail']);
  return { thumbnail: boolAt('metadata.thumbnail', o.thumbnail, true) };
}

/** A thumbnail whose long side exceeds this is not an EXIF thumbnail (they fit one 64 KiB APP1 segment) but a misread. */
const MAX_THUMB_SIDE = 640;

/** The luma quantisation table of a JPEG thumbnail (the table of its first frame component), natural order. */
function lumaTable(bytes: Uint8Array): number[] | undefined {
  const h = readHeaders(bytes, walkJpeg(bytes));
  const id = h.frame?.components[0]?.tq ?? 0;
  return h.tables.find((t) => t.id === id)?.values;
}

/**
 * Decode the EXIF thumbnail and compare it with the image at the thumbnail's scale (thumbnail-compare.ts). The
 * image preview is derived from the one shared decode and memoised on the image. Returns the rule's findings; a
 * note in `notes.thumbnail` says what was compared or why not.
 */
async function thumbnailCheck(subject: Subject, f: MetadataFacts, notes: Record<string, unknown>): Promise<MetadataSpec[]> {
  const image = subject.image;
  const bytes = await image.exifThumbnail();
  if (!bytes) return [];
  if (!image.decodable) {
    notes.thumbnail = 'main image not decodable';
    return [];
  }
  let thumb;
  try {
    const t = await loadImage(bytes, THUMB_LIMITS, 'EXIF thumbnail');
    thumb = await t.storedPixels();
  } catch {
    notes.thumbnail = 'thumbnail not decodable';
    return [];
  }
  if (thumb.width < 16 || thumb.height < 12) {
    notes.thumbnail = 'thumbnail too small';
    return [];
  }
  if (Math.max(thumb.width, thumb.height) > MAX_THUMB_SIDE) {
    notes.thumbnail = 'not a thumbnail (larger than an EXIF thumbnail can be)';
    return [];
  }
  let main;
  try {
    main = await image.pixels();
  } catch {
    // A file whose pixels cannot be decoded still has readable metadata: keep the other findings.
    notes.thumbnail = 'main image not decodable';
    return [];
  }
  const side = previewSide(thumb.width, thumb.height, main.width, main.height);
  const { width: pw, height: ph } = fitInside(main.width, main.height, side);
  const preview = await image.derive(`metadata:thumbnail-preview:${pw}x${ph}`, async () => {
    const p = pw === main.width && ph === main.height ? main : await resizeRgb(main, pw, ph);
    return toPlane(p.data, p.width, p.height, 3);
  });
  subject.signal.throwIfAborted();
  const cmp = compareThumbnail(toPlane(thumb.data, thumb.width, thumb.height, 3), preview, f.orientation, lumaTable(bytes), { image: main, minShare: THUMBNAIL_DECISION.minArea });
  notes.thumbnail = cmp
    ? { width: thumb.width, height: thumb.height, orientation: cmp.pose.orientation, letterboxTrimmed: cmp.pose.trimmed, ncc: roundTo(cmp.pose.ncc), largestShare: roundTo(cmp.diff.largestShare), noiseLevel: cmp.diff.noiseLevel }
    : 'thumbnail flat';
  return thumbnailRule(cmp, main.width, main.height, subject.locale);
}

/**
 * The metadata detector: EXIF/XMP/IPTC evidence of editing software, edit history, capture dates against the
 * order, resized/cropped files, thumbnails that show other content, screenshots and camera consistency.
 * Reads only the subject's shared metadata parse, container walk and (for the thumbnail rule) decoded pixels.
 *
 * @throws ClaimlensError INVALID_OPTIONS at creation for invalid options.
 * @example createInspector({ detectors: [detectors.metadata({ thumbnail: true })] })
 */
export function metadata(options: MetadataOptions = {}): DetectorFor<typeof D> {
  const opts = validate(options);
  return {
    name: 'metadata',
    examines: ['metadata'],
    async run(subject) {
      const f = await gatherFacts(subject.image);
      const notes: Record<string, unknown> = {};
      const specs: MetadataSpec[] = [];
      const { editor, history } = countEditOnce(editorRule(f), historyRule(f));
      specs.push(...editor, ...history, ...datesRule(f, subject.context), ...dimensionsRule(f), ...screenshotRule(f));
      specs.push(...cameraRule(f, editor.length > 0 || history.length > 0));
      subject.signal.throwIfAborted();
      if (opts.thumbnail) specs.push(...(await thumbnailCheck(subject, f, notes)));
      // "Consistent" means nothing else in the metadata contradicts the camera story (an explicit property of each rule).
      const contradicted = specs.some((s) => s.contradictsCamera);
      const kept = contradicted ? specs.filter((s) => s.code !== 'metadata.camera-consistent') : specs;
      const signals = kept.map((s) => makeSignal(D, subject.locale, localiseParams(s, subject)));
      const details: Record<string, unknown> = { exifSource: f.exifSource, errors: f.errors, ...notes };
      const x = f.xmp;
      const anyXmp = x.history.length > 0 || x.creatorTool !== undefined || x.documentId !== undefined || x.editorNamespaces.length > 0 || x.createDate !== undefined;
      const nothing = f.exifSource === 'none' && !anyXmp && f.pngText.length === 0 && f.photoshopResources.length === 0;
      if (nothing && f.errors.length > 0) {
        // The file has metadata we could not read: say so rather than report "no camera metadata" as a finding.
        return { signals: signals.filter((s) => s.code !== 'metadata.no-camera-metadata' && s.code !== 'metadata.screenshot'), status: 'inconclusive', reason: say(D, subject.locale, 'metadata.reason.unreadable', { error: f.errors[0] }), details };
      }
      return { signals, details };
    },
  };
}

function localiseParams(s: MetadataSpec, subject: Subject): MetadataSpec {
  if (!s.params) return s;
  const params: Record<string, unknown> = { ...s.params };
  for (const [k, prefix] of Object.entries(LOCALISED_PARAMS)) {
    if (typeof params[k] === 'string') params[k] = say(D, subject.locale, `${prefix}${params[k]}`);
  }
  return { ...s, params };
}

/** The registry entry of the metadata detector. */
export const metadataDetector: BuiltinDetector<typeof D, typeof metadata> = { descriptor: D, create: metadata };
