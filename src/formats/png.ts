import { inflateSync } from 'node:zlib';
import { indexOfZero, latin1, u32be, utf8 } from './bytes';

/** One PNG chunk (PNG specification, 3rd edition, §5.3). */
export interface PngChunk {
  /** Four-letter type, e.g. 'IHDR', 'tEXt', 'caBX'. */
  type: string;
  /** Offset of the chunk's length field. */
  offset: number;
  /** Offset of the chunk data. */
  dataOffset: number;
  /** Data length in bytes. */
  dataLength: number;
}

/** The chunk walk of a PNG file. */
export interface PngStructure {
  format: 'png';
  chunks: PngChunk[];
  /** Bytes after IEND. */
  trailingBytes: number;
  errors: string[];
}

/** A decoded PNG text chunk (tEXt, zTXt or iTXt). */
export interface PngText {
  /** Chunk type it came from. */
  chunk: 'tEXt' | 'zTXt' | 'iTXt';
  keyword: string;
  text: string;
  /** True when the text was cut at the size cap. */
  truncated: boolean;
}

/** Upper bound on chunks walked. */
export const MAX_PNG_CHUNKS = 100000;
/** Upper bound on one inflated text chunk, so a zTXt bomb cannot exhaust memory. */
export const MAX_PNG_TEXT_BYTES = 4 * 1024 * 1024;

/** Walk PNG chunks with bounds checks. Never throws. */
export function walkPng(b: Uint8Array): PngStructure {
  const chunks: PngChunk[] = [];
  const errors: string[] = [];
  let o = 8;
  let trailingBytes = 0;
  try {
    while (o + 8 <= b.length && chunks.length < MAX_PNG_CHUNKS) {
      const len = u32be(b, o);
      const type = latin1(b, o + 4, o + 8);
      if (o + 12 + len > b.length) {
        errors.push(`chunk '${type}' at ${o} declares ${len} bytes, beyond the end of the file`);
        break;
      }
      chunks.push({ type, offset: o, dataOffset: o + 8, dataLength: len });
      o += 12 + len;
      if (type === 'IEND') {
        trailingBytes = b.length - o;
        break;
      }
    }
  } catch (e) {
    errors.push(e instanceof Error ? e.message : String(e));
  }
  if (!chunks.some((c) => c.type === 'IEND') && errors.length === 0) errors.push('no IEND chunk: the file is truncated');
  return { format: 'png', chunks, trailingBytes, errors };
}

function inflateCapped(data: Uint8Array): { text: Uint8Array; truncated: boolean } {
  try {
    return { text: inflateSync(data, { maxOutputLength: MAX_PNG_TEXT_BYTES }), truncated: false };
  } catch {
    return { text: new Uint8Array(0), truncated: true };
  }
}

/** Decode every text chunk (tEXt latin-1, zTXt deflate, iTXt UTF-8 optionally deflated). Malformed ones are skipped. */
export function pngTextChunks(b: Uint8Array, png: PngStructure): PngText[] {
  const out: PngText[] = [];
  for (const c of png.chunks) {
    if (c.type !== 'tEXt' && c.type !== 'zTXt' && c.type !== 'iTXt') continue;
    const end = c.dataOffset + c.dataLength;
    const z = indexOfZero(b, c.dataOffset, end);
    if (z < 0) continue;
    const keyword = latin1(b, c.dataOffset, z);
    if (c.type === 'tEXt') {
      out.push({ chunk: 'tEXt', keyword, text: latin1(b, z + 1, end), truncated: false });
    } else if (c.type === 'zTXt') {
      const { text, truncated } = inflateCapped(b.subarray(z + 2, end));
      out.push({ chunk: 'zTXt', keyword, text: latin1(text, 0, text.length), truncated });
    } else {
      const compressed = b[z + 1] === 1;
      const langEnd = indexOfZero(b, z + 3, end);
      if (langEnd < 0) continue;
      const transEnd = indexOfZero(b, langEnd + 1, end);
      if (transEnd < 0) continue;
      const payload = b.subarray(transEnd + 1, end);
      if (compressed) {
        const { text, truncated } = inflateCapped(payload);
        out.push({ chunk: 'iTXt', keyword, text: utf8(text, 0, text.length), truncated });
      } else {
        out.push({ chunk: 'iTXt', keyword, text: utf8(payload, 0, payload.length), truncated: false });
      }
    }
  }
  return out;
}
