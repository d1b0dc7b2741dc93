import type { LoadedImage } from '../../loader/image';
import type { ImageFormat } from '../../primitives';
import { appIdentifierIs } from '../../formats/jpeg';
import { fallbackExif, jpegExif, readTiff } from './tiff';
import { readXmpFacts, type XmpFacts } from './xmp-facts';

/**
 * Everything the metadata rules read, gathered once per image from the loader's shared views (one exifr parse,
 * one container walk, the capped XMP packets). Rules are pure functions of these facts.
 */
export interface MetadataFacts {
  format: ImageFormat;
  /** Size after EXIF orientation (what a person sees). */
  width: number;
  height: number;
  /** Size as stored in the file. */
  storedWidth: number;
  storedHeight: number;
  /** EXIF orientation used by the decoder (1 when absent). */
  orientation: number;
  ifd0: Record<string, unknown>;
  exif: Record<string, unknown>;
  gps: Record<string, unknown>;
  ifd1: Record<string, unknown>;
  iptc: Record<string, unknown>;
  xmp: XmpFacts;
  /** PNG text chunks (keyword, text), capped. */
  pngText: { keyword: string; text: string }[];
  /** Photoshop image-resource ids found in a JPEG APP13 'Photoshop 3.0' block (capped). */
  photoshopResources: number[];
  /** Where EXIF came from: exifr, this detector's fallback TIFF reader (WebP/AVIF/HEIC/TIFF), or nowhere. */
  exifSource: 'exifr' | 'fallback' | 'none';
  /** Parse problems reported by the loader. */
  errors: string[];
}

/** A string tag value, trimmed, or undefined when absent or not a string. */
export function str(r: Record<string, unknown>, key: string): string | undefined {
  const v = r[key];
  if (typeof v !== 'string') return undefined;
  // eslint-disable-next-line no-control-regex
  const t = v.replace(/\u0000+$/g, '').trim();
  return t.length ? t : undefined;
}

/** A finite numeric tag value, or undefined. */
export function num(r: Record<string, unknown>, key: string): number | undefined {
  const v = r[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** 8BIM resources read per APP13 block: bounded against crafted files. */
const MAX_8BIM = 256;

/** Photoshop image-resource ids in JPEG APP13 (Adobe Photoshop File Formats Specification, "Image Resource Blocks"). */
function photoshopResources(image: LoadedImage): number[] {
  const s = image.structure();
  if (s.format !== 'jpeg') return [];
  const b = image.bytes;
  const ids: number[] = [];
  const ID = 'Photoshop 3.0\0';
  for (const seg of s.segments) {
    if (seg.marker !== 0xed || !appIdentifierIs(b, seg, ID)) continue;
    let p = seg.dataOffset + ID.length;
    const end = seg.dataOffset + seg.dataLength;
    while (p + 12 <= end && ids.length < MAX_8BIM) {
      if (b[p] !== 0x38 || b[p + 1] !== 0x42 || b[p + 2] !== 0x49 || b[p + 3] !== 0x4d) break; // '8BIM'
      ids.push((b[p + 4] << 8) | b[p + 5]);
      const nameLen = b[p + 6];
      let q = p + 6 + 1 + nameLen;
      if ((1 + nameLen) % 2 === 1) q++; // Pascal string padded to even length
      if (q + 4 > end) break;
      const size = ((b[q] << 24) | (b[q + 1] << 16) | (b[q + 2] << 8) | b[q + 3]) >>> 0;
      p = q + 4 + size + (size % 2);
    }
  }
  return ids;
}

/** Gather the facts. Never throws: every source is already bounded and error-tolerant. */
export async function gatherFacts(image: LoadedImage): Promise<MetadataFacts> {
  const m = await image.metadata();
  let ifd0 = m.ifd0;
  let exif = m.exif;
  let exifSource: MetadataFacts['exifSource'] = Object.keys(ifd0).length || Object.keys(exif).length ? 'exifr' : 'none';
  let errors = m.errors;
  if (exifSource === 'none' && (image.format === 'webp' || image.format === 'avif' || image.format === 'heic' || image.format === 'tiff')) {
    const s = image.structure();
    const chunk = s.format === 'webp' ? s.chunks.find((c) => c.type === 'EXIF') : undefined;
    // exifr 7 has no WebP reader at all: the container walk above is the reader, so its complaint is not a failure.
    if (s.format === 'webp') errors = errors.filter((e) => !/unknown file format/i.test(e));
    if (s.format !== 'webp' || chunk) {
      // A TIFF file is itself the EXIF structure (header at offset 0).
      const fb = image.format === 'tiff' ? readTiff(image.bytes, 0) : fallbackExif(image.bytes, chunk);
      if (Object.keys(fb.ifd0).length || Object.keys(fb.exif).length) {
        ifd0 = fb.ifd0;
        exif = fb.exif;
        exifSource = 'fallback';
      }
    }
  }
  // exifr returns UserComment outside the EXIF block and the loader keeps only the IFD groups: read it here (JPEG).
  if (exif.UserComment === undefined) {
    const s = image.structure();
    const app1 = s.format === 'jpeg' ? s.segments.find((g) => g.marker === 0xe1 && appIdentifierIs(image.bytes, g, 'Exif\0\0')) : undefined;
    const uc = app1 ? jpegExif(image.bytes, app1).exif.UserComment : undefined;
    if (typeof uc === 'string' && uc) exif = { ...exif, UserComment: uc };
  }
  return {
    format: image.format,
    width: image.width,
    height: image.height,
    storedWidth: image.header.width,
    storedHeight: image.header.height,
    orientation: image.header.orientation,
    ifd0,
    exif,
    gps: m.gps,
    ifd1: m.ifd1,
    iptc: m.iptc,
    xmp: readXmpFacts(m.xmpPackets),
    pngText: image.pngText().slice(0, 64).map((t) => ({ keyword: t.keyword, text: t.text.slice(0, 4096) })),
    photoshopResources: photoshopResources(image),
    exifSource,
    errors,
  };
}
