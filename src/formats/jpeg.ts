import { latin1, u16be } from './bytes';

/** One marker segment of a JPEG stream (ITU-T T.81 Annex B). */
export interface JpegSegment {
  /** Marker code, e.g. 0xe1 for APP1, 0xdb for DQT, 0xc0 for SOF0. */
  marker: number;
  /** Offset of the 0xFF of the marker in the file. */
  offset: number;
  /** Offset of the payload (after the 2 length bytes); for markers without payload, offset + 2. */
  dataOffset: number;
  /** Payload length in bytes (the length field minus 2); 0 for markers without payload. */
  dataLength: number;
}

/** The marker walk of a JPEG file. */
export interface JpegStructure {
  format: 'jpeg';
  /** Segments in file order, up to and including EOI. Entropy-coded data is skipped. */
  segments: JpegSegment[];
  /** Offset of EOI's 0xFF, or -1 when the stream ends without one (truncated). */
  eoiOffset: number;
  /** Bytes after EOI (appended data, second images, polyglots). */
  trailingBytes: number;
  /** Problems met while walking; the walk stops at the first structural one. */
  errors: string[];
}

/** Upper bound on segments walked, so a crafted file cannot make the walk quadratic or unbounded. */
export const MAX_JPEG_SEGMENTS = 20000;

const STANDALONE = (m: number): boolean => m === 0x01 || (m >= 0xd0 && m <= 0xd7) || m === 0xd8 || m === 0xd9;

/**
 * Walk JPEG markers with every read bounds-checked. Never throws: problems go to `errors`.
 * Entropy-coded data after SOS is skipped by scanning for the next marker that is not a stuffed 0xFF00 or RSTn.
 */
export function walkJpeg(b: Uint8Array): JpegStructure {
  const segments: JpegSegment[] = [];
  const errors: string[] = [];
  let eoiOffset = -1;
  let o = 2;
  segments.push({ marker: 0xd8, offset: 0, dataOffset: 2, dataLength: 0 });
  try {
    while (o < b.length && segments.length < MAX_JPEG_SEGMENTS) {
      if (b[o] !== 0xff) {
        errors.push(`expected a marker at ${o}, found 0x${b[o].toString(16)}`);
        break;
      }
      while (o < b.length && b[o] === 0xff) o++; // fill bytes
      if (o >= b.length) break;
      const marker = b[o];
      const start = o - 1;
      o++;
      if (STANDALONE(marker)) {
        segments.push({ marker, offset: start, dataOffset: o, dataLength: 0 });
        if (marker === 0xd9) {
          eoiOffset = start;
          break;
        }
        continue;
      }
      if (o + 2 > b.length) {
        errors.push(`segment 0x${marker.toString(16)} at ${start} has no length`);
        break;
      }
      const len = u16be(b, o);
      if (len < 2 || o + len > b.length) {
        errors.push(`segment 0x${marker.toString(16)} at ${start} declares ${len} bytes, beyond the end of the file`);
        segments.push({ marker, offset: start, dataOffset: o + 2, dataLength: Math.max(0, b.length - o - 2) });
        break;
      }
      segments.push({ marker, offset: start, dataOffset: o + 2, dataLength: len - 2 });
      o += len;
      if (marker === 0xda) {
        // Skip entropy-coded data.
        while (o < b.length) {
          if (b[o] === 0xff && o + 1 < b.length) {
            const next = b[o + 1];
            if (next === 0x00 || (next >= 0xd0 && next <= 0xd7) || next === 0xff) {
              o += next === 0xff ? 1 : 2;
              continue;
            }
            break;
          }
          o++;
        }
      }
    }
  } catch (e) {
    errors.push(e instanceof Error ? e.message : String(e));
  }
  if (segments.length >= MAX_JPEG_SEGMENTS) errors.push(`more than ${MAX_JPEG_SEGMENTS} segments; walk stopped`);
  if (eoiOffset < 0 && errors.length === 0) errors.push('no EOI marker: the file is truncated');
  const trailingBytes = eoiOffset >= 0 ? b.length - (eoiOffset + 2) : 0;
  return { format: 'jpeg', segments, eoiOffset, trailingBytes, errors };
}

/** Payload bytes of a segment (a view, not a copy). */
export function segmentData(b: Uint8Array, s: JpegSegment): Uint8Array {
  return b.subarray(s.dataOffset, s.dataOffset + s.dataLength);
}

/** True when an APPn payload starts with the given identifier (e.g. 'Exif\0\0', 'http://ns.adobe.com/xap/1.0/\0'). */
export function appIdentifierIs(b: Uint8Array, s: JpegSegment, id: string): boolean {
  return s.dataLength >= id.length && latin1(b, s.dataOffset, s.dataOffset + id.length) === id;
}
