/**
 * Decompression bombs: files that are small on disk and enormous when decoded. Each must be refused (or decoded
 * within bounds: first frame only) before any large allocation. Used by the robustness tests and bench/bombs.ts.
 */
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { pngChunk } from '../../test/helpers/images';

/** PNG declaring 50000×50000 RGB with a few kilobytes of real deflate data (rows of zeros). */
export function pngBomb(): Buffer {
  const w = 50000;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(w, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  // 20 real rows: inflating them is cheap; the header is what must be refused.
  const rows = deflateSync(Buffer.alloc((1 + w * 3) * 20), { level: 9 });
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', ihdr), pngChunk('IDAT', rows), pngChunk('IEND', new Uint8Array(0))]);
}

/** A real small JPEG whose SOF is rewritten to declare 65500×65500. */
export async function jpegBomb(): Promise<Buffer> {
  const b = Buffer.from(await sharp({ create: { width: 64, height: 64, channels: 3, background: '#888' } }).jpeg().toBuffer());
  for (let i = 0; i + 9 < b.length; i++) {
    if (b[i] === 0xff && (b[i + 1] === 0xc0 || b[i + 1] === 0xc2)) {
      b.writeUInt16BE(65500, i + 5);
      b.writeUInt16BE(65500, i + 7);
      break;
    }
  }
  return b;
}

/** GIF89a with `frames` 1×1 frames on a `screen`×`screen` logical screen. */
export function gifBomb(frames: number, screen: number): Buffer {
  const head = Buffer.from('GIF89a', 'latin1');
  const lsd = Buffer.alloc(7);
  lsd.writeUInt16LE(screen, 0);
  lsd.writeUInt16LE(screen, 2);
  lsd[4] = 0x80; // global colour table, 2 entries
  const gct = Buffer.from([0, 0, 0, 255, 255, 255]);
  // One 1×1 frame: graphic control extension, image descriptor, LZW min code size 2, data 0x44 0x01 (clear, 0, end).
  const frame = Buffer.from([0x21, 0xf9, 0x04, 0x00, 0x01, 0x00, 0x00, 0x00, 0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00]);
  const parts = [head, lsd, gct];
  for (let i = 0; i < frames; i++) parts.push(frame);
  parts.push(Buffer.from([0x3b]));
  return Buffer.concat(parts);
}

/** Animated WebP with `frames` 1×1 lossless frames on a `canvas`×`canvas` canvas. */
export async function webpBomb(frames: number, canvas: number): Promise<Buffer> {
  const one = Buffer.from(await sharp({ create: { width: 1, height: 1, channels: 3, background: '#f00' } }).webp({ lossless: true }).toBuffer());
  // The VP8L chunk of the 1×1 image (header + payload + pad).
  const vp8lAt = one.indexOf('VP8L', 12, 'latin1');
  const vp8lLen = one.readUInt32LE(vp8lAt + 4);
  const vp8l = one.subarray(vp8lAt, vp8lAt + 8 + vp8lLen + (vp8lLen & 1));
  const u24 = (v: number): number[] => [v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff];
  const chunk = (type: string, data: Buffer): Buffer => {
    const h = Buffer.alloc(8);
    h.write(type, 0, 'latin1');
    h.writeUInt32LE(data.length, 4);
    return Buffer.concat([h, data, data.length & 1 ? Buffer.alloc(1) : Buffer.alloc(0)]);
  };
  const vp8x = chunk('VP8X', Buffer.from([0x02, 0, 0, 0, ...u24(canvas - 1), ...u24(canvas - 1)]));
  const anim = chunk('ANIM', Buffer.from([0, 0, 0, 0, 0, 0]));
  const anmf = chunk('ANMF', Buffer.concat([Buffer.from([...u24(0), ...u24(0), ...u24(0), ...u24(0), ...u24(50), 0]), vp8l]));
  const body = Buffer.concat([Buffer.from('WEBP', 'latin1'), vp8x, anim, ...new Array<Buffer>(frames).fill(anmf)]);
  const riff = Buffer.alloc(8);
  riff.write('RIFF', 0, 'latin1');
  riff.writeUInt32LE(body.length, 4);
  return Buffer.concat([riff, body]);
}

/** Baseline TIFF declaring w×h RGB in one strip whose byte count is far larger than the file. */
export function tiffBomb(w: number, h: number): Buffer {
  const entries: [number, number, number, number][] = [
    [256, 4, 1, w], [257, 4, 1, h], [258, 3, 1, 8], [259, 3, 1, 1], [262, 3, 1, 2],
    [273, 4, 1, 8 + 2 + 10 * 12 + 4], [277, 3, 1, 3], [278, 4, 1, h], [279, 4, 1, 0xfffffff0], [284, 3, 1, 1],
  ];
  const b = Buffer.alloc(8 + 2 + entries.length * 12 + 4 + 64);
  b.write('II', 0, 'latin1');
  b.writeUInt16LE(42, 2);
  b.writeUInt32LE(8, 4);
  b.writeUInt16LE(entries.length, 8);
  entries.forEach(([tag, type, count, value], i) => {
    const o = 10 + i * 12;
    b.writeUInt16LE(tag, o);
    b.writeUInt16LE(type, o + 2);
    b.writeUInt32LE(count, o + 4);
    if (type === 3) b.writeUInt16LE(value, o + 8);
    else b.writeUInt32LE(value, o + 8);
  });
  return b;
}

/** Every bomb with a name, for tables. */
export async function allBombs(): Promise<{ name: string; bytes: Buffer }[]> {
  return [
    { name: 'PNG 50000×50000 (tiny IDAT)', bytes: pngBomb() },
    { name: 'JPEG SOF 65500×65500', bytes: await jpegBomb() },
    { name: 'GIF 5000 frames on 20000×20000', bytes: gifBomb(5000, 20000) },
    { name: 'GIF 5000 frames on 1000×1000', bytes: gifBomb(5000, 1000) },
    { name: 'WebP 5000 frames on 16000×16000', bytes: await webpBomb(5000, 16000) },
    { name: 'WebP 5000 frames on 1000×1000', bytes: await webpBomb(5000, 1000) },
    { name: 'TIFF 60000×60000 one huge strip', bytes: tiffBomb(60000, 60000) },
    { name: 'TIFF 5000×5000 strip beyond the file', bytes: tiffBomb(5000, 5000) },
  ];
}
