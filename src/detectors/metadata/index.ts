import type { Detector, DetectorResult, Signal, Subject } from '../../types';
import { loadImage } from '../../loader/image';
import { orientRgb } from '../../pixels/orient';
import { message } from '../../messages';
import { invalidOption } from '../../errors';
import { makeSignal, type SignalSpec } from '../signal';
import { gatherFacts, type MetadataFacts } from './facts';
import { cameraRule } from './rules/camera';
import { datesRule } from './rules/dates';
import { dimensionsRule } from './rules/dimensions';
import { editorRule } from './rules/editor';
import { historyRule } from './rules/history';
import { screenshotRule } from './rules/screenshot';
import { compareThumbnail, thumbnailRule } from './rules/thumbnail';

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

const OPTION_KEYS = ['thumbnail'] as const;

function validate(options: unknown): Required<MetadataOptions> {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw invalidOption('metadata', 'an options object', options);
  const o = options as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (!(OPTION_KEYS as readonly string[]).includes(k)) throw invalidOption(`metadata.${k}`, `no such option (known: ${OPTION_KEYS.join(', ')})`, o[k]);
  }
  if (o.thumbnail !== undefined && typeof o.thumbnail !== 'boolean') throw invalidOption('metadata.thumbnail', 'a boolean', o.thumbnail);
  return { thumbnail: o.thumbnail ?? true };
}

/** Decode the EXIF thumbnail and compare it with the image. Undefined (with a note) when that is not possible. */
async function thumbnailCheck(subject: Subject, f: MetadataFacts, notes: Record<string, unknown>): Promise<SignalSpec[]> {
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
  notes.thumbnail = { width: oriented.width, height: oriented.height, differingFraction: Math.round(cmp.fraction * 1000) / 1000 };
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
export function metadata(options: MetadataOptions = {}): Detector {
  const opts = validate(options);
  return {
    name: 'metadata',
    examines: ['metadata'],
    async run(subject: Subject): Promise<DetectorResult> {
      const f = await gatherFacts(subject.image);
      const notes: Record<string, unknown> = {};
      const specs: SignalSpec[] = [];
      const editor = editorRule(f);
      const history = historyRule(f);
      specs.push(...editor, ...history, ...datesRule(f, subject.context), ...dimensionsRule(f), ...screenshotRule(f));
      specs.push(...cameraRule(f, editor.length > 0 || history.length > 0));
      if (opts.thumbnail && !subject.signal.aborted) specs.push(...(await thumbnailCheck(subject, f, notes)));
      // "Consistent" means nothing else in the metadata contradicts the camera story.
      const contradicted = specs.some((s) => s.weight >= 0.5);
      const kept = contradicted ? specs.filter((s) => s.code !== 'metadata.camera-consistent') : specs;
      const signals: Signal[] = kept.map((s) => makeSignal('metadata', subject.locale, localiseParams(s, subject)));
      const details: Record<string, unknown> = { exifSource: f.exifSource, errors: f.errors, ...notes };
      const x = f.xmp;
      const anyXmp = x.history.length > 0 || x.creatorTool !== undefined || x.documentId !== undefined || x.editorNamespaces.length > 0 || x.createDate !== undefined;
      const nothing = f.exifSource === 'none' && !anyXmp && f.pngText.length === 0 && f.photoshopResources.length === 0;
      if (nothing && f.errors.length > 0) {
        // The file has metadata we could not read: say so rather than report "no camera metadata" as a finding.
        return { signals: signals.filter((s) => s.code !== 'metadata.no-camera-metadata' && s.code !== 'metadata.screenshot'), status: 'inconclusive', reason: message(subject.locale, 'metadata.reason.unreadable', { error: f.errors[0] }), details };
      }
      return { signals, details };
    },
  };
}

function localiseParams(s: SignalSpec, subject: Subject): SignalSpec {
  if (!s.params) return s;
  const params: Record<string, unknown> = { ...s.params };
  for (const [k, prefix] of Object.entries(LOCALISED_PARAMS)) {
    if (typeof params[k] === 'string') params[k] = message(subject.locale, `${prefix}${params[k]}`);
  }
  return { ...s, params };
}
