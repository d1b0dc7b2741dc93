import { appIdentifierIs, type JpegStructure } from './jpeg';
import { latin1, utf8 } from './bytes';
import type { PngStructure, PngText } from './png';
import type { WebpStructure } from './webp';

/** Total XMP text kept per file. Larger packets are cut (and reported): XMP is attacker-controlled. */
export const MAX_XMP_BYTES = 2 * 1024 * 1024;

const XMP_APP1_ID = 'http://ns.adobe.com/xap/1.0/\0';
const XMP_EXT_ID = 'http://ns.adobe.com/xmp/extension/\0';

/** XMP packets found in a file, as text. */
export interface XmpPackets {
  /** Packets in file order (main packet first in JPEG; extended XMP joined into one packet). */
  packets: string[];
  /** True when some XMP was dropped at the size cap. */
  truncated: boolean;
}

function capped(parts: string[]): XmpPackets {
  let total = 0;
  const packets: string[] = [];
  let truncated = false;
  for (const p of parts) {
    if (total + p.length > MAX_XMP_BYTES) {
      truncated = true;
      break;
    }
    total += p.length;
    packets.push(p);
  }
  return { packets, truncated };
}

/** XMP from JPEG APP1 segments (standard packet plus extended XMP chunks, joined in offset order). */
export function jpegXmp(b: Uint8Array, s: JpegStructure): XmpPackets {
  const parts: string[] = [];
  const ext: { offset: number; text: string }[] = [];
  for (const seg of s.segments) {
    if (seg.marker !== 0xe1) continue;
    if (appIdentifierIs(b, seg, XMP_APP1_ID)) {
      parts.push(utf8(b, seg.dataOffset + XMP_APP1_ID.length, seg.dataOffset + seg.dataLength));
    } else if (appIdentifierIs(b, seg, XMP_EXT_ID) && seg.dataLength > XMP_EXT_ID.length + 40) {
      // 32-byte GUID, 4-byte full length, 4-byte offset, then the chunk (XMP Specification Part 3, §1.1.3.1).
      const p = seg.dataOffset + XMP_EXT_ID.length + 32;
      const off = ((b[p + 4] << 24) | (b[p + 5] << 16) | (b[p + 6] << 8) | b[p + 7]) >>> 0;
      ext.push({ offset: off, text: utf8(b, p + 8, seg.dataOffset + seg.dataLength) });
    }
  }
  if (ext.length) parts.push(ext.sort((a, c) => a.offset - c.offset).map((e) => e.text).join(''));
  return capped(parts);
}

/** XMP from PNG text chunks with keyword 'XML:com.adobe.xmp'. */
export function pngXmp(texts: PngText[], png: PngStructure): XmpPackets {
  void png;
  return capped(texts.filter((t) => t.keyword === 'XML:com.adobe.xmp').map((t) => t.text));
}

/** XMP from a WebP 'XMP ' chunk. */
export function webpXmp(b: Uint8Array, w: WebpStructure): XmpPackets {
  return capped(w.chunks.filter((c) => c.type === 'XMP ').map((c) => utf8(b, c.dataOffset, c.dataOffset + c.dataLength)));
}

/**
 * XMP by scanning for `<x:xmpmeta` … `</x:xmpmeta>` (TIFF, HEIC, AVIF, GIF): these containers put the packet
 * in places that differ per writer, and the packet markers are mandatory in serialized XMP.
 */
export function scanXmp(b: Uint8Array): XmpPackets {
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  const parts: string[] = [];
  let from = 0;
  for (let i = 0; i < 16; i++) {
    const start = buf.indexOf('<x:xmpmeta', from, 'latin1');
    if (start < 0) break;
    const endTag = buf.indexOf('</x:xmpmeta>', start, 'latin1');
    if (endTag < 0) break;
    const end = endTag + '</x:xmpmeta>'.length;
    parts.push(utf8(b, start, end));
    from = end;
  }
  if (parts.length === 0 && buf.indexOf('<rdf:RDF', 0, 'latin1') >= 0) {
    const s = buf.indexOf('<rdf:RDF', 0, 'latin1');
    const e = buf.indexOf('</rdf:RDF>', s, 'latin1');
    if (e > s) parts.push(latin1(b, s, e + 10));
  }
  return capped(parts);
}
