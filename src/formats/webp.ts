import { latin1, u32le } from './bytes';

/** One RIFF chunk of a WebP file (Google's WebP container specification). */
export interface WebpChunk {
  /** FourCC, e.g. 'VP8 ', 'VP8L', 'VP8X', 'EXIF', 'XMP ', 'ANMF'. */
  type: string;
  offset: number;
  dataOffset: number;
  dataLength: number;
}

/** The chunk walk of a WebP file. */
export interface WebpStructure {
  format: 'webp';
  chunks: WebpChunk[];
  /** Bytes after the RIFF payload. */
  trailingBytes: number;
  errors: string[];
}

/** Upper bound on chunks walked (animated files have one ANMF per frame). */
export const MAX_WEBP_CHUNKS = 100000;

/** Walk the top-level RIFF chunks with bounds checks. Never throws. */
export function walkWebp(b: Uint8Array): WebpStructure {
  const chunks: WebpChunk[] = [];
  const errors: string[] = [];
  let trailingBytes = 0;
  try {
    const riffEnd = Math.min(b.length, 8 + u32le(b, 4));
    if (8 + u32le(b, 4) > b.length) errors.push(`RIFF size ${u32le(b, 4)} exceeds the file (${b.length - 8} bytes)`);
    trailingBytes = Math.max(0, b.length - (8 + u32le(b, 4)));
    let o = 12;
    while (o + 8 <= riffEnd && chunks.length < MAX_WEBP_CHUNKS) {
      const type = latin1(b, o, o + 4);
      const len = u32le(b, o + 4);
      if (o + 8 + len > riffEnd) {
        errors.push(`chunk '${type}' at ${o} declares ${len} bytes, beyond the end of the file`);
        break;
      }
      chunks.push({ type, offset: o, dataOffset: o + 8, dataLength: len });
      o += 8 + len + (len & 1);
    }
  } catch (e) {
    errors.push(e instanceof Error ? e.message : String(e));
  }
  return { format: 'webp', chunks, trailingBytes, errors };
}
