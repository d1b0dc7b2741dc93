/**
 * A minimal, bounded TIFF/EXIF reader for the few containers exifr 7 does not parse (WebP 'EXIF' chunks, AVIF Exif
 * items): IFD0 and the EXIF sub-IFD, ASCII/SHORT/LONG/RATIONAL values only. Layout per TIFF 6.0 §2 and CIPA DC-008.
 * Never throws; returns empty records on anything malformed.
 */

/** Tags read: id → name as exifr names them, so the rules see one vocabulary. */
const TAGS: Readonly<Record<number, string>> = {
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

const MAX_ENTRIES = 512;

/**
 * Decode EXIF UserComment: an 8-byte character code ('ASCII\0\0\0', 'UNICODE\0', 'JIS\0…' or zeros) then the text
 * (EXIF 2.32 §4.6.5, Table 9). UNICODE follows the TIFF byte order.
 */
function userComment(v: Uint8Array, le: boolean): string {
  const code = String.fromCharCode(...v.subarray(0, 8)).replace(/\0+$/, '');
  const body = v.subarray(8);
  let text = '';
  if (code === 'UNICODE') {
    for (let i = 0; i + 1 < body.length; i += 2) text += String.fromCharCode(le ? body[i] | (body[i + 1] << 8) : (body[i] << 8) | body[i + 1]);
  } else {
    text = new TextDecoder('utf-8', { fatal: false }).decode(body);
  }
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u0000+$/g, '').trim();
}

/** IFD0 and EXIF records read from a TIFF header at `start`. */
export interface TiffRecords {
  ifd0: Record<string, unknown>;
  exif: Record<string, unknown>;
}

/** Parse TIFF-structured EXIF at `start` in `b` (the byte after any 'Exif\0\0' prefix). */
export function readTiff(b: Uint8Array, start: number, end = b.length): TiffRecords {
  const out: TiffRecords = { ifd0: {}, exif: {} };
  if (start < 0 || start + 8 > end) return out;
  const le = b[start] === 0x49 && b[start + 1] === 0x49;
  const be = b[start] === 0x4d && b[start + 1] === 0x4d;
  if (!le && !be) return out;
  const u16 = (o: number): number => (o + 2 > end - start ? -1 : le ? b[start + o] | (b[start + o + 1] << 8) : (b[start + o] << 8) | b[start + o + 1]);
  const u32 = (o: number): number => {
    if (o + 4 > end - start) return -1;
    const p = start + o;
    return (le ? (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24)) : ((b[p] << 24) | (b[p + 1] << 16) | (b[p + 2] << 8) | b[p + 3])) >>> 0;
  };
  if (u16(2) !== 42) return out;
  const readIfd = (off: number, into: Record<string, unknown>): number => {
    const n = u16(off);
    if (n < 0 || n > MAX_ENTRIES) return -1;
    let exifPtr = -1;
    for (let i = 0; i < n; i++) {
      const e = off + 2 + i * 12;
      const tag = u16(e);
      const type = u16(e + 2);
      const count = u32(e + 4);
      if (tag < 0 || count < 0) break;
      if (tag === 0x8769) {
        exifPtr = u32(e + 8);
        continue;
      }
      const name = TAGS[tag];
      if (!name || count === 0) continue;
      const size = type === 2 || type === 7 ? 1 : type === 3 ? 2 : type === 4 ? 4 : type === 5 ? 8 : 0;
      if (size === 0) continue;
      const valOff = size * count <= 4 ? e + 8 : u32(e + 8);
      if (valOff < 0 || valOff + size * Math.min(count, 1) > end - start) continue;
      if (type === 2) {
        let s = '';
        for (let k = 0; k < Math.min(count, 256) && start + valOff + k < end; k++) {
          const c = b[start + valOff + k];
          if (c === 0) break;
          s += String.fromCharCode(c);
        }
        into[name] = s.trim();
      } else if (type === 7) {
        into[name] = name === 'UserComment' ? userComment(b.subarray(start + valOff, Math.min(end, start + valOff + Math.min(count, 1024))), le) : count;
      } else if (type === 3) {
        into[name] = u16(valOff);
      } else if (type === 4) {
        into[name] = u32(valOff);
      } else {
        const num = u32(valOff);
        const den = u32(valOff + 4);
        if (den > 0) into[name] = num / den;
      }
    }
    return exifPtr;
  };
  const exifPtr = readIfd(u32(4), out.ifd0);
  if (exifPtr > 0) readIfd(exifPtr, out.exif);
  return out;
}

/** The TIFF records of a JPEG's APP1 'Exif' segment, located through the shared marker walk. */
export function jpegExif(b: Uint8Array, app1: { dataOffset: number; dataLength: number }): TiffRecords {
  return readTiff(b, app1.dataOffset + 6, Math.min(b.length, app1.dataOffset + app1.dataLength));
}

/**
 * Find and parse EXIF in a container exifr could not read: the WebP 'EXIF' chunk, or a bounded scan of the first
 * 256 KiB for a TIFF header that parses (AVIF/HEIF Exif items sit in the 'meta' box near the start).
 */
export function fallbackExif(b: Uint8Array, webpExif?: { dataOffset: number; dataLength: number }): TiffRecords {
  if (webpExif) {
    let s = webpExif.dataOffset;
    // Some writers keep the JPEG-style 'Exif\0\0' prefix inside the chunk.
    if (b[s] === 0x45 && b[s + 1] === 0x78 && b[s + 2] === 0x69 && b[s + 3] === 0x66) s += 6;
    return readTiff(b, s, Math.min(b.length, webpExif.dataOffset + webpExif.dataLength));
  }
  const limit = Math.min(b.length - 8, 256 * 1024);
  for (let i = 0; i < limit; i++) {
    const ii = b[i] === 0x49 && b[i + 1] === 0x49 && b[i + 2] === 0x2a && b[i + 3] === 0;
    const mm = b[i] === 0x4d && b[i + 1] === 0x4d && b[i + 2] === 0 && b[i + 3] === 0x2a;
    if (!ii && !mm) continue;
    const r = readTiff(b, i);
    if (Object.keys(r.ifd0).length > 0) return r;
  }
  return { ifd0: {}, exif: {} };
}
