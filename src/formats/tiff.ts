/**
 * A bounded TIFF/EXIF IFD walker (TIFF 6.0 §2, CIPA DC-008 §4.6): the one reader of TIFF-structured EXIF for the
 * containers and tags exifr does not give us (WebP 'EXIF' chunks, AVIF/HEIF Exif items, PNG 'eXIf', the text tags
 * generators write). Every read honours the block's own byte order ('II' little-endian, 'MM' big-endian) and is
 * bounds-checked. Never throws: a malformed block yields what could be read.
 */
import { latin1 } from './bytes';

/** One IFD entry: tag, TIFF type, count and where its value sits (inline in the entry or pointed to). */
export interface TiffEntry {
  tag: number;
  /** TIFF field type (1 BYTE, 2 ASCII, 3 SHORT, 4 LONG, 5 RATIONAL, 7 UNDEFINED, …). */
  type: number;
  count: number;
  /** Offset of the value, relative to the start of the TIFF block. */
  valueOffset: number;
}

/** A walked TIFF block: IFD0 and the EXIF sub-IFD (tag 0x8769), with the byte order of its header. */
export interface TiffBlock {
  /** The block itself (a view from the TIFF header to the end of the container's payload). */
  bytes: Uint8Array;
  littleEndian: boolean;
  ifd0: TiffEntry[];
  exif: TiffEntry[];
}

/** EXIF sub-IFD pointer tag (CIPA DC-008 §4.6.3). */
export const EXIF_IFD_POINTER = 0x8769;
/** Upper bound on entries in one IFD: more is not a real IFD (bounds the walk on crafted or misread blocks). */
export const MAX_IFD_ENTRIES = 512;

/** Size in bytes of one value of each TIFF field type (TIFF 6.0 §2, "Types"); 0 for unknown types. */
function typeSize(type: number): number {
  switch (type) {
    case 1: case 2: case 6: case 7: return 1;
    case 3: case 8: return 2;
    case 4: case 9: case 11: return 4;
    case 5: case 10: case 12: return 8;
    default: return 0;
  }
}

/** Unsigned 16-bit read in the block's byte order, or -1 beyond the block. */
export function tiffU16(t: TiffBlock | { bytes: Uint8Array; littleEndian: boolean }, o: number): number {
  const b = t.bytes;
  if (o < 0 || o + 2 > b.length) return -1;
  return t.littleEndian ? b[o] | (b[o + 1] << 8) : (b[o] << 8) | b[o + 1];
}

/** Unsigned 32-bit read in the block's byte order, or -1 beyond the block. */
export function tiffU32(t: TiffBlock | { bytes: Uint8Array; littleEndian: boolean }, o: number): number {
  const b = t.bytes;
  if (o < 0 || o + 4 > b.length) return -1;
  return (t.littleEndian ? b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24) : (b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;
}

/**
 * Walk a TIFF block starting at `start` of `b` and ending at `end`: byte order, the magic number 42, IFD0 and the
 * EXIF sub-IFD. Null when the header is not TIFF. An IFD declaring more than `MAX_IFD_ENTRIES` entries is skipped.
 */
export function walkTiff(b: Uint8Array, start = 0, end = b.length): TiffBlock | null {
  if (start < 0 || start + 8 > Math.min(end, b.length)) return null;
  const bytes = b.subarray(start, Math.min(end, b.length));
  const littleEndian = bytes[0] === 0x49 && bytes[1] === 0x49;
  if (!littleEndian && !(bytes[0] === 0x4d && bytes[1] === 0x4d)) return null;
  const block: TiffBlock = { bytes, littleEndian, ifd0: [], exif: [] };
  if (tiffU16(block, 2) !== 42) return null;
  const readIfd = (off: number, into: TiffEntry[]): number => {
    const n = tiffU16(block, off);
    if (n < 0 || n > MAX_IFD_ENTRIES) return -1;
    let exifPtr = -1;
    for (let i = 0; i < n; i++) {
      const e = off + 2 + i * 12;
      if (e + 12 > bytes.length) break;
      const tag = tiffU16(block, e);
      const type = tiffU16(block, e + 2);
      const count = tiffU32(block, e + 4);
      if (tag === EXIF_IFD_POINTER) {
        exifPtr = tiffU32(block, e + 8);
        continue;
      }
      const size = typeSize(type) * count;
      into.push({ tag, type, count, valueOffset: size <= 4 ? e + 8 : tiffU32(block, e + 8) });
    }
    return exifPtr;
  };
  const ifd0 = tiffU32(block, 4);
  const exifPtr = readIfd(ifd0, block.ifd0);
  if (exifPtr > 0 && exifPtr !== ifd0) readIfd(exifPtr, block.exif);
  return block;
}

/** The bytes of an entry's value (`size` bytes, clamped to the block), or null when it starts outside the block. */
export function entryBytes(t: TiffBlock, e: TiffEntry, size: number): Uint8Array | null {
  if (e.valueOffset < 0 || e.valueOffset >= t.bytes.length) return null;
  return t.bytes.subarray(e.valueOffset, Math.min(t.bytes.length, e.valueOffset + size));
}

/** Remove trailing NULs and surrounding white space. */
function clean(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\u0000+$/g, '').trim();
}

const utf8Decoder = new TextDecoder('utf-8', { fatal: false });

/**
 * Decode an EXIF UserComment (EXIF 2.32 §4.6.5, Table 9): an 8-byte character code ('ASCII\0\0\0', 'UNICODE\0',
 * 'JIS\0\0\0\0\0' or zeros) then the text. UNICODE is UCS-2 in the byte order of the TIFF block it sits in (CIPA
 * DC-008 §4.6.5 ties multi-byte values to the header's order), unless the text starts with a byte-order mark.
 * ASCII, JIS and the undefined (zeros) code are read as UTF-8 after the code (ASCII is a subset; JIS is rare and
 * not decoded); a value without a recognised code (writers that put bare text there) is read whole as UTF-8.
 */
export function decodeUserComment(v: Uint8Array, littleEndian: boolean): string {
  const code = latin1(v, 0, 8).replace(/\0+$/, '');
  const body = v.subarray(8);
  if (code === 'UNICODE') {
    let le = littleEndian;
    let from = 0;
    if (body.length >= 2 && ((body[0] === 0xfe && body[1] === 0xff) || (body[0] === 0xff && body[1] === 0xfe))) {
      le = body[0] === 0xff;
      from = 2;
    }
    let text = '';
    for (let i = from; i + 1 < body.length; i += 2) text += String.fromCharCode(le ? body[i] | (body[i + 1] << 8) : (body[i] << 8) | body[i + 1]);
    return clean(text);
  }
  return clean(utf8Decoder.decode(code === 'ASCII' || code === 'JIS' || code === '' ? body : v));
}

/** Tags whose values are UTF-16LE text in BYTE arrays (Windows XP* tags: XPTitle 0x9c9b … XPSubject 0x9c9f). */
const isXpTag = (tag: number): boolean => tag >= 0x9c9b && tag <= 0x9c9f;

/** UserComment (EXIF 2.32, CIPA DC-008 §4.6.5). */
export const USER_COMMENT = 0x9286;

/**
 * An entry's value as text: ASCII/UNDEFINED/BYTE read as UTF-8 (at most `max` bytes), UserComment through
 * `decodeUserComment`, XP* tags as UTF-16LE; trailing NULs removed, trimmed. Undefined for non-text types.
 */
export function entryText(t: TiffBlock, e: TiffEntry, max = 256 * 1024): string | undefined {
  if (e.type !== 1 && e.type !== 2 && e.type !== 7) return undefined;
  if (e.count > max) return undefined;
  const raw = entryBytes(t, e, e.count);
  if (!raw || raw.length < e.count) return undefined;
  if (e.tag === USER_COMMENT) return decodeUserComment(raw, t.littleEndian);
  if (isXpTag(e.tag)) return clean(new TextDecoder('utf-16le').decode(raw));
  return clean(utf8Decoder.decode(raw));
}

/** An entry's first numeric value (SHORT, LONG, RATIONAL), or undefined for other types or out-of-block values. */
export function entryNumber(t: TiffBlock, e: TiffEntry): number | undefined {
  const o = e.valueOffset;
  if (e.type === 3) return o >= 0 && o + 2 <= t.bytes.length ? tiffU16(t, o) : undefined;
  if (e.type === 4) return o >= 0 && o + 4 <= t.bytes.length ? tiffU32(t, o) : undefined;
  if (e.type === 5) {
    const num = tiffU32(t, o);
    const den = tiffU32(t, o + 4);
    return num >= 0 && den > 0 ? num / den : undefined;
  }
  return undefined;
}

/**
 * Find a TIFF header in the first `limit` bytes of a container exifr could not read (AVIF/HEIF Exif items sit in
 * the 'meta' box near the start): a bounded scan for 'II*\0' / 'MM\0*', keeping the first block `accept` takes.
 */
export function scanForTiff(b: Uint8Array, accept: (t: TiffBlock) => boolean, limit = 256 * 1024): TiffBlock | null {
  const n = Math.min(b.length - 8, limit);
  for (let i = 0; i < n; i++) {
    const ii = b[i] === 0x49 && b[i + 1] === 0x49 && b[i + 2] === 0x2a && b[i + 3] === 0;
    const mm = b[i] === 0x4d && b[i + 1] === 0x4d && b[i + 2] === 0 && b[i + 3] === 0x2a;
    if (!ii && !mm) continue;
    const t = walkTiff(b, i);
    if (t && accept(t)) return t;
  }
  return null;
}

/** Tag id → name, in exifr's vocabulary, of the tags `tiffRecords` reads. */
export type TagNames = Readonly<Record<number, string>>;

/** Longest ASCII value and UserComment read by `tiffRecords`, in bytes. */
const MAX_RECORD_TEXT = 256;
const MAX_RECORD_COMMENT = 1024;

/**
 * The named tags of IFD0 and the EXIF sub-IFD as records (exifr's shape: name → value): ASCII as Latin-1 text up to
 * the first NUL (at most 256 bytes), SHORT/LONG/RATIONAL as the first number, UserComment decoded, other UNDEFINED
 * values as their byte count. Other types are left out.
 */
export function tiffRecords(t: TiffBlock, names: TagNames): { ifd0: Record<string, unknown>; exif: Record<string, unknown> } {
  const read = (entries: readonly TiffEntry[]): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const e of entries) {
      const name = names[e.tag];
      if (!name || e.count === 0) continue;
      const size = e.type === 2 || e.type === 7 ? 1 : e.type === 3 ? 2 : e.type === 4 ? 4 : e.type === 5 ? 8 : 0;
      if (size === 0 || e.valueOffset < 0 || e.valueOffset + size > t.bytes.length) continue;
      if (e.type === 2) {
        let s = '';
        for (let k = 0; k < Math.min(e.count, MAX_RECORD_TEXT) && e.valueOffset + k < t.bytes.length; k++) {
          const c = t.bytes[e.valueOffset + k];
          if (c === 0) break;
          s += String.fromCharCode(c);
        }
        out[name] = s.trim();
      } else if (e.type === 7) {
        out[name] = e.tag === USER_COMMENT ? decodeUserComment(t.bytes.subarray(e.valueOffset, Math.min(t.bytes.length, e.valueOffset + Math.min(e.count, MAX_RECORD_COMMENT))), t.littleEndian) : e.count;
      } else {
        const v = entryNumber(t, e);
        if (v !== undefined) out[name] = v;
      }
    }
    return out;
  };
  return { ifd0: read(t.ifd0), exif: read(t.exif) };
}
