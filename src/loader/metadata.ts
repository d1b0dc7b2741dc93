import exifr from 'exifr';
import type { XmpPackets } from '../formats/xmp';
import { isobmffMetaReachable } from '../formats/isobmff';
import type { ImageFormat } from '../primitives';

/** Everything exifr reads, per segment (EXIF IFDs, XMP, IPTC, ICC, JFIF, PNG IHDR), plus parse problems. */
export interface ImageMetadata {
  /** IFD0 (Make, Model, Software, DateTime, Orientation…), raw values (dates as EXIF strings). */
  ifd0: Record<string, unknown>;
  /** EXIF sub-IFD (DateTimeOriginal, OffsetTimeOriginal, PixelXDimension, UserComment…). */
  exif: Record<string, unknown>;
  /** GPS IFD. */
  gps: Record<string, unknown>;
  /** IFD1 (thumbnail description). */
  ifd1: Record<string, unknown>;
  /** XMP as parsed by exifr (namespaced keys grouped by prefix). Empty when the XMP was over the size cap. */
  xmp: Record<string, unknown>;
  /** IPTC-IIM. */
  iptc: Record<string, unknown>;
  /** ICC profile header and description. */
  icc: Record<string, unknown>;
  /** JFIF segment. */
  jfif: Record<string, unknown>;
  /** Raw XMP packets (size-capped) for readers that need the text (e.g. GB 45438 labels). */
  xmpPackets: string[];
  /** Whether any metadata was found at all. */
  any: boolean;
  /** Parse problems; the other segments are still returned. */
  errors: string[];
}

const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/**
 * Parse metadata once with exifr. Raw values are kept (`reviveValues: false`): exifr would turn EXIF dates without
 * an offset into `Date`s in the server's time zone, and the dates rule needs to decide the zone explicitly.
 * Never throws.
 */
export async function readMetadata(bytes: Uint8Array, xmp: XmpPackets, format?: ImageFormat): Promise<ImageMetadata> {
  const errors: string[] = [];
  if (xmp.truncated) errors.push('XMP larger than the size cap was ignored');
  let out: Record<string, unknown> = {};
  const exifrSafe = !isIsobmff(format) || isobmffMetaReachable(bytes);
  if (!exifrSafe) errors.push('the HEIF/AVIF box structure is invalid before its meta box: EXIF and ICC were not read');
  try {
    if (!exifrSafe) throw new SkipExifr();
    const parsed: unknown = await exifr.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      tiff: true,
      exif: true,
      gps: true,
      ifd1: true,
      interop: false,
      makerNote: false,
      userComment: true,
      xmp: !xmp.truncated,
      iptc: true,
      icc: true,
      jfif: true,
      ihdr: true,
      mergeOutput: false,
      multiSegment: true,
      silentErrors: true,
      reviveValues: false,
      translateValues: false,
      translateKeys: true,
      sanitize: true,
    } as unknown as Parameters<typeof exifr.parse>[1]);
    out = asRecord(parsed);
    const errs = out.errors;
    if (Array.isArray(errs)) for (const e of errs) errors.push(String(e instanceof Error ? e.message : e));
  } catch (e) {
    if (!(e instanceof SkipExifr)) errors.push(`exifr: ${e instanceof Error ? e.message : String(e)}`);
  }
  const m: ImageMetadata = {
    ifd0: asRecord(out.ifd0),
    exif: asRecord(out.exif),
    gps: asRecord(out.gps),
    ifd1: asRecord(out.ifd1),
    xmp: asRecord(out.xmp),
    iptc: asRecord(out.iptc),
    icc: asRecord(out.icc),
    jfif: asRecord(out.jfif),
    xmpPackets: xmp.packets,
    any: false,
    errors,
  };
  // PNG files carry IHDR/text in exifr's 'ihdr' group; keep text keys reachable through ifd0 for uniform lookups.
  const ihdr = asRecord(out.ihdr);
  for (const [k, v] of Object.entries(ihdr)) if (!(k in m.ifd0) && typeof v === 'string') m.ifd0[k] = v;
  m.any = [m.ifd0, m.exif, m.gps, m.xmp, m.iptc].some((r) => Object.keys(r).length > 0) || xmp.packets.length > 0;
  return m;
}

class SkipExifr extends Error {}

const isIsobmff = (format: ImageFormat | undefined): boolean => format === 'heic' || format === 'avif';

/** The EXIF thumbnail (IFD1 JPEG) bytes, or null. Never throws. */
export async function readThumbnail(bytes: Uint8Array, format?: ImageFormat): Promise<Uint8Array | null> {
  if (isIsobmff(format) && !isobmffMetaReachable(bytes)) return null;
  try {
    const t: unknown = await exifr.thumbnail(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return t instanceof Uint8Array && t.length > 0 ? t : null;
  } catch {
    return null;
  }
}
