/**
 * Bounded parsers for the payloads of JPEG marker segments the jpeg detector reads (ITU-T T.81 Annex B): DQT, SOF,
 * DHT, APPn identifiers and COM. The marker walk itself is `walkJpeg` (src/formats/jpeg.ts); these only read the
 * payload bytes it located. Never throw: a malformed payload yields what could be read plus a problem string.
 */
import { segmentData, type JpegSegment, type JpegStructure } from '../../formats/jpeg';
import { ZIGZAG } from './data/quant-tables';

/** One quantisation table. */
export interface QuantTable {
  /** Destination id 0..3 (Tq). */
  id: number;
  /** 8 or 16 bits per entry. */
  precision: 8 | 16;
  /** 64 entries in natural (row-major) order. */
  values: number[];
}

/** A frame header (SOFn). */
export interface FrameInfo {
  /** The SOF marker, 0xc0..0xcf except 0xc4/0xc8/0xcc. */
  marker: number;
  /** SOF2 / SOF6 / SOF10 / SOF14: progressive. */
  progressive: boolean;
  /** SOF3 / 7 / 11 / 15: lossless. */
  lossless: boolean;
  /** SOF9..: arithmetic coding. */
  arithmetic: boolean;
  precision: number;
  width: number;
  height: number;
  /** Components: id, sampling factors and quantisation table id. */
  components: { id: number; h: number; v: number; tq: number }[];
}

/** What the segment walk says about the encoder, in file order. */
export interface JpegHeaders {
  /** Tables by id, the last definition before the first SOS winning (as a decoder would use them for the frame). */
  tables: QuantTable[];
  frame: FrameInfo | null;
  /** Number of Huffman tables defined (all DHT segments). */
  huffmanTables: number;
  /** Whether every DHT table is one of the four ITU-T T.81 Annex K.3 example tables (unoptimised coding). */
  standardHuffman: boolean;
  /** APPn segments in order: marker number n and its identifier (text up to the first NUL, max 32 chars). */
  apps: { n: number; id: string }[];
  /** COM segment texts (first 200 characters each, at most 8). */
  comments: string[];
  /** Whether a DRI (restart interval) segment is present. */
  restartInterval: number;
  /** Number of SOS segments (1 for baseline sequential, several for progressive). */
  scans: number;
  /** Payload problems met (walk problems are in the structure's own `errors`). */
  problems: string[];
}

/** Caps so crafted files cannot make parsing long: tables per file, APP/COM entries kept. */
const MAX_TABLES = 16;
const MAX_APPS = 64;
const MAX_COMMENTS = 8;

/** ITU-T T.81 Table K.3–K.6 code-length counts (BITS), as a key for recognising the example Huffman tables. */
const STANDARD_HUFFMAN_BITS = new Set([
  '0,1,5,1,1,1,1,1,1,0,0,0,0,0,0,0', // K.3 DC luminance
  '0,3,1,1,1,1,1,1,1,1,1,0,0,0,0,0', // K.4 DC chrominance
  '0,2,1,3,3,2,4,3,5,5,4,4,0,0,1,125', // K.5 AC luminance
  '0,2,1,2,4,4,3,4,7,5,4,4,0,1,2,119', // K.6 AC chrominance
]);

/** Read DQT segment payloads into tables (Annex B.2.4.1). */
export function parseDqt(payload: Uint8Array, out: QuantTable[], problems: string[]): void {
  let o = 0;
  while (o < payload.length && out.length < MAX_TABLES) {
    const pq = payload[o] >> 4;
    const id = payload[o] & 15;
    o++;
    const size = pq === 0 ? 64 : 128;
    if (pq > 1 || id > 3) {
      problems.push(`DQT: invalid precision/id byte 0x${payload[o - 1].toString(16)}`);
      return;
    }
    if (o + size > payload.length) {
      problems.push('DQT: table truncated');
      return;
    }
    const values = new Array<number>(64);
    for (let i = 0; i < 64; i++) values[ZIGZAG[i]] = pq === 0 ? payload[o + i] : (payload[o + 2 * i] << 8) | payload[o + 2 * i + 1];
    o += size;
    const t: QuantTable = { id, precision: pq === 0 ? 8 : 16, values };
    const prev = out.findIndex((x) => x.id === id);
    if (prev >= 0) out[prev] = t;
    else out.push(t);
  }
}

function parseSof(marker: number, p: Uint8Array): FrameInfo | null {
  if (p.length < 6) return null;
  const n = p[5];
  const components: FrameInfo['components'] = [];
  for (let i = 0; i < n && 6 + i * 3 + 2 < p.length && i < 4; i++) {
    const o = 6 + i * 3;
    components.push({ id: p[o], h: p[o + 1] >> 4, v: p[o + 1] & 15, tq: p[o + 2] });
  }
  const kind = marker & 3;
  return {
    marker,
    progressive: kind === 2,
    lossless: kind === 3,
    arithmetic: marker >= 0xc9,
    precision: p[0],
    height: (p[1] << 8) | p[2],
    width: (p[3] << 8) | p[4],
    components,
  };
}

/** Count DHT tables in one payload and whether each is an Annex K example table. */
function parseDht(p: Uint8Array): { count: number; standard: boolean; bad: boolean } {
  let o = 0;
  let count = 0;
  let standard = true;
  while (o + 17 <= p.length && count < MAX_TABLES) {
    const bits = Array.from(p.subarray(o + 1, o + 17));
    const total = bits.reduce((a, b) => a + b, 0);
    if (o + 17 + total > p.length) return { count, standard, bad: true };
    if (!STANDARD_HUFFMAN_BITS.has(bits.join(','))) standard = false;
    o += 17 + total;
    count++;
  }
  return { count, standard, bad: o !== p.length };
}

function identifier(p: Uint8Array, max = 32): string {
  let s = '';
  for (let i = 0; i < p.length && i < max && p[i] !== 0; i++) s += p[i] >= 32 && p[i] < 127 ? String.fromCharCode(p[i]) : '?';
  return s;
}

/**
 * Read the header segments of a walked JPEG: quantisation tables (those before the first scan), frame header,
 * Huffman tables, APPn identifiers, comments. Bounded by the walk's own segment cap and the caps above.
 */
export function readHeaders(bytes: Uint8Array, s: JpegStructure): JpegHeaders {
  const h: JpegHeaders = { tables: [], frame: null, huffmanTables: 0, standardHuffman: true, apps: [], comments: [], restartInterval: 0, scans: 0, problems: [] };
  for (const seg of s.segments as readonly JpegSegment[]) {
    const m = seg.marker;
    const p = segmentData(bytes, seg);
    if (m === 0xdb) {
      if (h.scans === 0) parseDqt(p, h.tables, h.problems);
    } else if (m === 0xc4) {
      const d = parseDht(p);
      h.huffmanTables += d.count;
      if (!d.standard) h.standardHuffman = false;
      if (d.bad) h.problems.push('DHT: malformed table');
    } else if (m >= 0xc0 && m <= 0xcf && m !== 0xc8 && m !== 0xcc) {
      if (!h.frame) h.frame = parseSof(m, p);
    } else if (m >= 0xe0 && m <= 0xef) {
      if (h.apps.length < MAX_APPS) h.apps.push({ n: m - 0xe0, id: identifier(p) });
    } else if (m === 0xfe) {
      if (h.comments.length < MAX_COMMENTS) h.comments.push(identifier(p, 200));
    } else if (m === 0xdd) {
      if (p.length >= 2) h.restartInterval = (p[0] << 8) | p[1];
    } else if (m === 0xda) {
      h.scans++;
    }
  }
  if (h.huffmanTables === 0) h.standardHuffman = false;
  return h;
}
