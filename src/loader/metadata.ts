import exifr from 'exifr';
import type { ContainerStructure } from '../formats/container';
import { startsWithText } from '../formats/bytes';
import { appIdentifierIs, EXIF_APP1_ID } from '../formats/jpeg';
import { scanForTiff, tiffRecords, walkTiff, type TagNames, type TiffBlock } from '../formats/tiff';
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
  /**
   * Where `ifd0`/`exif` came from: exifr, the fallback TIFF reader (`withExifFallback`: WebP, AVIF, HEIC, TIFF files
   * exifr returned nothing for), or nowhere.
   */
  exifSource: 'exifr' | 'fallback' | 'none';
  /** Parse problems; the other segments are still returned. */
  errors: string[];
}

const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/**
 * exifr's options, built once: exifr keeps every options object it is given in a module-level cache
 * (`Options.useCached`, a Map keyed by the object), so a fresh literal per call retained ≈ 6.8 KiB per inspection
 * for the life of the process (measured over 2,000 parses; bench/throughput.ts soak). Two constant objects keep
 * that cache at two entries.
 */
const EXIFR_BASE = {
  xmp: true,
  tiff: true,
  exif: true,
  gps: true,
  ifd1: true,
  interop: false,
  makerNote: false,
  userComment: true,
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
} as const;
const EXIFR_OPTIONS = EXIFR_BASE as unknown as Parameters<typeof exifr.parse>[1];
const EXIFR_NO_XMP = { ...EXIFR_BASE, xmp: false } as unknown as Parameters<typeof exifr.parse>[1];

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
    const parsed: unknown = await exifr.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), xmp.truncated ? EXIFR_NO_XMP : EXIFR_OPTIONS);
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
    exifSource: 'none',
    errors,
  };
  // PNG files carry IHDR/text in exifr's 'ihdr' group; keep text keys reachable through ifd0 for uniform lookups.
  const ihdr = asRecord(out.ihdr);
  for (const [k, v] of Object.entries(ihdr)) if (!(k in m.ifd0) && typeof v === 'string') m.ifd0[k] = v;
  m.any = [m.ifd0, m.exif, m.gps, m.xmp, m.iptc].some((r) => Object.keys(r).length > 0) || xmp.packets.length > 0;
  m.exifSource = Object.keys(m.ifd0).length || Object.keys(m.exif).length ? 'exifr' : 'none';
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

/** Tags the fallback reader fills in: id → name as exifr names them, so every reader sees one vocabulary. */
export const FALLBACK_TAGS: TagNames = {
  0x010f: 'Make',
  0x0110: 'Model',
  0x0112: 'Orientation',
  0x0131: 'Software',
  0x0132: 'ModifyDate',
  0x000b: 'ProcessingSoftware',
  0x829a: 'ExposureTime',
  0x829d: 'FNumber',
  0x8827: 'ISO',
  0x9003: 'DateTimeOriginal',
  0x9004: 'CreateDate',
  0x9011: 'OffsetTimeOriginal',
  0x920a: 'FocalLength',
  0x927c: 'MakerNote',
  0xa002: 'ExifImageWidth',
  0xa003: 'ExifImageHeight',
  0xa434: 'LensModel',
  0x9286: 'UserComment',
};

/** EXIF chunks read per PNG/WebP file (a file has one; the cap bounds crafted files). */
const MAX_EXIF_CHUNKS = 4;

/**
 * The TIFF-structured EXIF blocks a container walk located: JPEG APP1 'Exif\0\0' segments, PNG 'eXIf' and WebP
 * 'EXIF' chunks (with or without the JPEG-style prefix some writers keep), or the whole file for TIFF.
 */
export function exifBlocks(bytes: Uint8Array, s: ContainerStructure): TiffBlock[] {
  const out: (TiffBlock | null)[] = [];
  if (s.format === 'jpeg') {
    for (const seg of s.segments) {
      if (seg.marker === 0xe1 && appIdentifierIs(bytes, seg, EXIF_APP1_ID)) out.push(walkTiff(bytes, seg.dataOffset + EXIF_APP1_ID.length, seg.dataOffset + seg.dataLength));
    }
  } else if (s.format === 'png') {
    for (const c of s.chunks.filter((ch) => ch.type === 'eXIf').slice(0, MAX_EXIF_CHUNKS)) out.push(walkTiff(bytes, c.dataOffset, c.dataOffset + c.dataLength));
  } else if (s.format === 'webp') {
    for (const c of s.chunks.filter((ch) => ch.type === 'EXIF').slice(0, MAX_EXIF_CHUNKS)) {
      const prefixed = c.dataLength >= EXIF_APP1_ID.length && startsWithText(bytes, c.dataOffset, EXIF_APP1_ID);
      out.push(walkTiff(bytes, c.dataOffset + (prefixed ? EXIF_APP1_ID.length : 0), c.dataOffset + c.dataLength));
    }
  } else if (s.format === 'tiff') {
    out.push(walkTiff(bytes, 0));
  }
  return out.filter((t): t is TiffBlock => t !== null);
}

const named = (r: { ifd0: Record<string, unknown> }): boolean => Object.keys(r.ifd0).length > 0;

/**
 * Complete exifr's parse where it cannot read: exifr 7 has no WebP reader, and misses EXIF in some AVIF/HEIF and TIFF
 * files, so IFD0 and the EXIF sub-IFD come from the first EXIF block of the container walk (or, for AVIF/HEIF, a
 * bounded scan for a TIFF header) and `exifSource` says 'fallback'. JPEG UserComment, which exifr returns outside
 * its EXIF group, is filled in from the APP1 block. exifr's "unknown file format" on WebP is not a failure and is
 * dropped from `errors`. Returns a new object; never throws.
 */
export function withExifFallback(m: ImageMetadata, format: ImageFormat, blocks: readonly TiffBlock[], bytes: Uint8Array): ImageMetadata {
  const out: ImageMetadata = { ...m };
  if (m.exifSource === 'none' && (format === 'webp' || format === 'avif' || format === 'heic' || format === 'tiff')) {
    if (format === 'webp') out.errors = m.errors.filter((e) => !/unknown file format/i.test(e));
    const block = format === 'avif' || format === 'heic' ? scanForTiff(bytes, (t) => named(tiffRecords(t, FALLBACK_TAGS))) : (blocks[0] ?? null);
    const fb = block ? tiffRecords(block, FALLBACK_TAGS) : null;
    if (fb && (Object.keys(fb.ifd0).length || Object.keys(fb.exif).length)) {
      out.ifd0 = fb.ifd0;
      out.exif = fb.exif;
      out.exifSource = 'fallback';
      out.any = true;
    }
  }
  if (format === 'jpeg' && out.exif.UserComment === undefined && blocks.length > 0) {
    const uc = tiffRecords(blocks[0], FALLBACK_TAGS).exif.UserComment;
    if (typeof uc === 'string' && uc) out.exif = { ...out.exif, UserComment: uc };
  }
  return out;
}

/** A tag value as trimmed text without trailing NULs, or undefined when absent, empty or not a string. */
export function tagText(r: Record<string, unknown>, key: string): string | undefined {
  const v = r[key];
  if (typeof v !== 'string') return undefined;
  // eslint-disable-next-line no-control-regex
  const t = v.replace(/\u0000+$/g, '').trim();
  return t.length ? t : undefined;
}

/**
 * The camera's name for messages, from IFD0 Make and Model: the model alone when it already starts with the maker's
 * name or its first word ("Canon" + "Canon EOS 7D" → "Canon EOS 7D", "NIKON CORPORATION" + "NIKON D70" → "NIKON D70"),
 * otherwise both ("Apple" + "iPhone 12" → "Apple iPhone 12"). Null when neither tag is present.
 */
export function cameraName(ifd0: Record<string, unknown>): string | null {
  const make = tagText(ifd0, 'Make') ?? '';
  const model = tagText(ifd0, 'Model') ?? '';
  if (!make && !model) return null;
  if (!model) return make;
  const m = model.toLowerCase();
  const first = make.toLowerCase().split(/\s+/)[0];
  return m.startsWith(make.toLowerCase()) || (first.length > 0 && m.startsWith(first)) ? model : `${make} ${model}`;
}
