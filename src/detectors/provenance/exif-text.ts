/**
 * The few EXIF text tags where generators leave their parameters (`UserComment`, `ImageDescription`, `Software`,
 * `Artist`, `XPComment`), read from a TIFF block with every offset bounds-checked. The shared exifr parse misses
 * some of these on the tiny metadata-carrier JPEGs that Stable Diffusion front ends write (seen on
 * ai-generated/sdparsers__automatic1111_cropped.jpg: UserComment in an Exif IFD with no IFD0 entries besides the
 * pointer), so this reader is the fallback; it never throws.
 */
import type { JpegStructure } from '../../formats/jpeg';

/** Tag ids (TIFF 6.0 and EXIF 2.32, CIPA DC-008 §4.6). */
const TAGS: Readonly<Record<number, string>> = {
  0x010e: 'ImageDescription',
  0x0131: 'Software',
  0x013b: 'Artist',
  0x8298: 'Copyright',
  0x9286: 'UserComment',
  0x9c9c: 'XPComment',
  0x9c9d: 'XPAuthor',
  0x9c9f: 'XPSubject',
};
const EXIF_IFD = 0x8769;
const MAX_ENTRIES = 512;
const MAX_TEXT = 256 * 1024;

/** One text tag value. */
export interface ExifText {
  tag: string;
  value: string;
}

function decodeUserComment(b: Uint8Array, little: boolean): string {
  const head = String.fromCharCode(...b.subarray(0, 8)).replace(/\0+$/, '');
  const body = b.subarray(8);
  if (head === 'UNICODE') {
    // CIPA DC-008 says UCS-2 without a byte order; writers use the TIFF byte order or big-endian (piexif). Pick the
    // order whose first code unit is ASCII.
    const be = body.length >= 2 && body[0] === 0 && body[1] !== 0;
    return new TextDecoder(be || !little ? 'utf-16be' : 'utf-16le').decode(body).replace(/\0+$/, '');
  }
  return new TextDecoder('utf-8').decode(head === 'ASCII' || head === '' ? body : b).replace(/\0+$/, '');
}

/** Text tags of a TIFF block (`II*\0` / `MM\0*`), IFD0 and the Exif IFD. */
export function exifTextFromTiff(t: Uint8Array): ExifText[] {
  if (t.length < 8) return [];
  const little = t[0] === 0x49 && t[1] === 0x49;
  if (!little && !(t[0] === 0x4d && t[1] === 0x4d)) return [];
  const u16 = (o: number): number => (o + 2 <= t.length ? (little ? t[o] | (t[o + 1] << 8) : (t[o] << 8) | t[o + 1]) : -1);
  const u32 = (o: number): number =>
    o + 4 <= t.length ? (little ? (t[o] | (t[o + 1] << 8) | (t[o + 2] << 16) | (t[o + 3] << 24)) >>> 0 : ((t[o] << 24) | (t[o + 1] << 16) | (t[o + 2] << 8) | t[o + 3]) >>> 0) : -1;
  const out: ExifText[] = [];
  const seen = new Set<number>();
  const walk = (ifd: number, depth: number): void => {
    if (ifd <= 0 || ifd >= t.length || seen.has(ifd) || depth > 2) return;
    seen.add(ifd);
    const n = Math.min(u16(ifd), MAX_ENTRIES);
    for (let i = 0; i < n; i++) {
      const e = ifd + 2 + i * 12;
      if (e + 12 > t.length) break;
      const tag = u16(e);
      const type = u16(e + 2);
      const count = u32(e + 4);
      if (tag === EXIF_IFD) {
        walk(u32(e + 8), depth + 1);
        continue;
      }
      const name = TAGS[tag];
      if (!name || count <= 0) continue;
      const size = type === 3 ? count * 2 : count; // XP* tags are BYTE arrays; text tags ASCII/UNDEFINED.
      const off = size <= 4 ? e + 8 : u32(e + 8);
      if (off < 0 || off + size > t.length || size > MAX_TEXT) continue;
      const raw = t.subarray(off, off + size);
      let value: string;
      if (tag === 0x9286) value = decodeUserComment(raw, little);
      else if (tag >= 0x9c9b && tag <= 0x9c9f) value = new TextDecoder('utf-16le').decode(raw).replace(/\0+$/, '');
      else value = new TextDecoder('utf-8').decode(raw).replace(/\0+$/, '');
      if (value.trim()) out.push({ tag: name, value: value.trim() });
    }
  };
  walk(u32(4), 0);
  return out;
}

/** Text tags from every `Exif\0\0` APP1 segment of a JPEG. */
export function jpegExifText(b: Uint8Array, s: JpegStructure): ExifText[] {
  const out: ExifText[] = [];
  for (const seg of s.segments) {
    if (seg.marker !== 0xe1 || seg.dataLength < 14) continue;
    const d = seg.dataOffset;
    if (b[d] !== 0x45 || b[d + 1] !== 0x78 || b[d + 2] !== 0x69 || b[d + 3] !== 0x66 || b[d + 4] !== 0 || b[d + 5] !== 0) continue;
    out.push(...exifTextFromTiff(b.subarray(d + 6, d + seg.dataLength)));
  }
  return out;
}

/** Text of every JPEG COM segment (ITU-T T.81 §B.2.4.5), which some generators use for their parameters. */
export function jpegComments(b: Uint8Array, s: JpegStructure): string[] {
  return s.segments
    .filter((seg) => seg.marker === 0xfe && seg.dataLength > 0)
    .slice(0, 16)
    .map((seg) => new TextDecoder('utf-8').decode(b.subarray(seg.dataOffset, seg.dataOffset + Math.min(seg.dataLength, MAX_TEXT))).replace(/\0+$/, '').trim())
    .filter(Boolean);
}
