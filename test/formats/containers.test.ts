/** PNG and WebP chunk walks and XMP extraction on hand-built containers: bounds, caps, every text-chunk kind. */
import { deflateSync } from 'node:zlib';
import { MAX_XMP_BYTES, jpegXmp, pngXmp, scanXmp, webpXmp } from '../../src/formats/xmp';
import { pngTextChunks, walkPng } from '../../src/formats/png';
import { walkWebp } from '../../src/formats/webp';
import { walkJpeg } from '../../src/formats/jpeg';
import { pngChunk } from '../helpers/images';

const PNG_SIG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const png = (...chunks: Buffer[]): Buffer => Buffer.concat([PNG_SIG, ...chunks, pngChunk('IEND', new Uint8Array(0))]);
const latin = (s: string): Buffer => Buffer.from(s, 'latin1');

/** A RIFF/WEBP file from [fourcc, payload] chunks (odd payloads padded). */
function webp(chunks: [string, Uint8Array][], extra: Uint8Array = Buffer.alloc(0)): Buffer {
  const body = Buffer.concat(chunks.map(([t, d]) => {
    const h = Buffer.alloc(8);
    h.write(t, 0, 'latin1');
    h.writeUInt32LE(d.length, 4);
    return Buffer.concat([h, d, d.length & 1 ? Buffer.alloc(1) : Buffer.alloc(0)]);
  }));
  const head = Buffer.alloc(12);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(4 + body.length, 4);
  head.write('WEBP', 8, 'latin1');
  return Buffer.concat([head, body, extra]);
}

describe('formats/png', () => {
  test('chunks with offsets, IEND, trailing bytes', () => {
    const b = Buffer.concat([png(pngChunk('tEXt', latin('a\0b'))), latin('XYZ')]);
    const s = walkPng(b);
    expect(s.chunks.map((c) => c.type)).toEqual(['tEXt', 'IEND']);
    expect(s.chunks[0]).toEqual({ type: 'tEXt', offset: 8, dataOffset: 16, dataLength: 3 });
    expect(s.trailingBytes).toBe(3);
    expect(s.errors).toEqual([]);
  });

  test('a chunk running past the end and a missing IEND are reported, never thrown', () => {
    const b = Buffer.concat([PNG_SIG, pngChunk('IHDR', new Uint8Array(13)).subarray(0, 15)]);
    expect(walkPng(b).errors[0]).toMatch(/declares 13 bytes, beyond the end/);
    expect(walkPng(Buffer.concat([PNG_SIG, pngChunk('IHDR', new Uint8Array(13))])).errors).toEqual(['no IEND chunk: the file is truncated']);
  });

  test('tEXt (latin-1), zTXt (deflate), iTXt (UTF-8, plain and compressed); malformed ones skipped', () => {
    const b = png(
      pngChunk('tEXt', latin('Software\0caf\xe9')),
      pngChunk('zTXt', Buffer.concat([latin('Comment\0\0'), deflateSync(latin('zipped'))])),
      pngChunk('iTXt', Buffer.concat([latin('parameters\0\0\0en\0\0'), Buffer.from('豆包AI生成', 'utf8')])),
      pngChunk('iTXt', Buffer.concat([latin('XML:com.adobe.xmp\0\x01\0\0\0'), deflateSync(Buffer.from('<x:xmpmeta>ok</x:xmpmeta>', 'utf8'))])),
      pngChunk('tEXt', latin('no separator')),
    );
    const texts = pngTextChunks(b, walkPng(b));
    expect(texts.map((t) => [t.chunk, t.keyword, t.text, t.truncated])).toEqual([
      ['tEXt', 'Software', 'café', false],
      ['zTXt', 'Comment', 'zipped', false],
      ['iTXt', 'parameters', '豆包AI生成', false],
      ['iTXt', 'XML:com.adobe.xmp', '<x:xmpmeta>ok</x:xmpmeta>', false],
    ]);
    expect(pngXmp(texts, walkPng(b))).toEqual({ packets: ['<x:xmpmeta>ok</x:xmpmeta>'], truncated: false });
  });

  test('a zTXt that does not inflate is kept as truncated, empty', () => {
    const b = png(pngChunk('zTXt', Buffer.concat([latin('k\0\0'), latin('not deflate')])));
    expect(pngTextChunks(b, walkPng(b))).toEqual([{ chunk: 'zTXt', keyword: 'k', text: '', truncated: true }]);
  });
});

describe('formats/webp', () => {
  test('chunks, odd-length padding, trailing bytes', () => {
    const b = webp([['VP8X', Buffer.alloc(10)], ['XMP ', latin('<x:xmpmeta/>')], ['EXIF', latin('abc')]], latin('tail'));
    const s = walkWebp(b);
    expect(s.chunks.map((c) => [c.type, c.dataLength])).toEqual([['VP8X', 10], ['XMP ', 12], ['EXIF', 3]]);
    expect(s.trailingBytes).toBe(4);
    expect(s.errors).toEqual([]);
    expect(webpXmp(b, s)).toEqual({ packets: ['<x:xmpmeta/>'], truncated: false });
  });

  test('a RIFF size beyond the file and a chunk running past it are reported', () => {
    const b = webp([['VP8 ', Buffer.alloc(20)]]);
    b.writeUInt32LE(1000, 4);
    expect(walkWebp(b).errors[0]).toMatch(/RIFF size 1000 exceeds the file/);
    const c = webp([['VP8 ', Buffer.alloc(20)]]);
    c.writeUInt32LE(500, 16);
    expect(walkWebp(c).errors[0]).toMatch(/chunk 'VP8 ' at 12 declares 500 bytes/);
  });
});

describe('formats/xmp', () => {
  test('JPEG: the main APP1 packet, then extended XMP joined in offset order', () => {
    const app1 = (payload: Buffer): Buffer => {
      const h = Buffer.from([0xff, 0xe1, 0, 0]);
      h.writeUInt16BE(payload.length + 2, 2);
      return Buffer.concat([h, payload]);
    };
    const ext = (offset: number, text: string): Buffer => {
      const meta = Buffer.alloc(40);
      meta.write('0'.repeat(32), 0, 'latin1');
      meta.writeUInt32BE(8, 32);
      meta.writeUInt32BE(offset, 36);
      return app1(Buffer.concat([latin('http://ns.adobe.com/xmp/extension/\0'), meta, latin(text)]));
    };
    const b = Buffer.concat([Buffer.from([0xff, 0xd8]), app1(latin('http://ns.adobe.com/xap/1.0/\0<main/>')), ext(4, 'EFGH'), ext(0, 'ABCD'), Buffer.from([0xff, 0xd9])]);
    expect(jpegXmp(b, walkJpeg(b))).toEqual({ packets: ['<main/>', 'ABCDEFGH'], truncated: false });
  });

  test('scan: every <x:xmpmeta> packet, or a bare rdf:RDF; packets beyond the cap are dropped and reported', () => {
    expect(scanXmp(latin('..<x:xmpmeta a="1">x</x:xmpmeta>..<x:xmpmeta>y</x:xmpmeta>')).packets).toEqual(['<x:xmpmeta a="1">x</x:xmpmeta>', '<x:xmpmeta>y</x:xmpmeta>']);
    expect(scanXmp(latin('zz<rdf:RDF>r</rdf:RDF>zz')).packets).toEqual(['<rdf:RDF>r</rdf:RDF>']);
    expect(scanXmp(latin('<x:xmpmeta> never closed')).packets).toEqual([]);
    const big = `<x:xmpmeta>${'a'.repeat(MAX_XMP_BYTES)}</x:xmpmeta>`;
    expect(scanXmp(latin(big))).toEqual({ packets: [], truncated: true });
  });
});

describe('JPEG walk: entropy-coded data', () => {
  // SOI, SOS with a 2-byte payload, then scan bytes, then the next marker.
  const scan = (data: number[], after: number[]): Uint8Array => Uint8Array.from([0xff, 0xd8, 0xff, 0xda, 0x00, 0x04, 0x01, 0x02, ...data, ...after]);
  const markers = (b: Uint8Array): number[] => walkJpeg(b).segments.map((s) => s.marker);

  test('byte stuffing (FF 00), restart markers (FF D0–D7) and fill bytes (FF FF) stay inside the scan; EOI ends it', () => {
    const b = scan([0x12, 0xff, 0x00, 0x34, 0xff, 0xd3, 0x56, 0xff, 0xff, 0xd7, 0x78], [0xff, 0xd9]);
    const w = walkJpeg(b);
    expect(markers(b)).toEqual([0xd8, 0xda, 0xd9]);
    expect(w.eoiOffset).toBe(b.length - 2);
    expect(w.errors).toEqual([]);
  });

  test('a marker after the scan is found at its offset (a second scan, then EOI with trailing bytes)', () => {
    const b = scan([0x01, 0x02, 0x03], [0xff, 0xda, 0x00, 0x02, 0x09, 0xff, 0x00, 0xff, 0xd9, 0xaa, 0xbb]);
    const w = walkJpeg(b);
    expect(w.segments.map((s) => [s.marker, s.offset])).toEqual([[0xd8, 0], [0xda, 2], [0xda, 11], [0xd9, 18]]);
    expect(w.trailingBytes).toBe(2);
  });

  test('a scan that runs to the end of the file, or ends on a lone FF, is truncated: no EOI', () => {
    for (const b of [scan([0x11, 0x22, 0x33], []), scan([0x11, 0x22, 0xff], [])]) {
      const w = walkJpeg(b);
      expect(markers(b)).toEqual([0xd8, 0xda]);
      expect(w.eoiOffset).toBe(-1);
      expect(w.errors).toEqual(['no EOI marker: the file is truncated']);
    }
  });
});
