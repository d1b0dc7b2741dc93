import type { Subject } from '../../contract';
import { loadImage } from '../../loader/image';
import { orientRgb } from '../../pixels/orient';
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
import { screenshotRule } from './rules/screenshot';
import { compareThumbnail, thumbnailRule } from './rules/thumbnail';
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

/** Decode the EXIF thumbnail and compare it with the image. Undefined (with a note) when that is not possible. */
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
  // EXIF thumbnails are stored unrotated, like the main image: the main image's orientation applies to both.
  const oriented = orientRgb(thumb, f.orientation);
  let main;
  try {
    main = await image.pixels();
  } catch {
    // A file whose pixels cannot be decoded still has readable metadata: keep the other findings.
    notes.thumbnail = 'main image not decodable';
    return [];
  }
  const cmp = compareThumbnail(oriented, main);
  notes.thumbnail = { width: oriented.width, height: oriented.height, differingFraction: roundTo(cmp.fraction) };
  return thumbnailRule(cmp);
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
      const editor = editorRule(f);
      const history = historyRule(f);
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
