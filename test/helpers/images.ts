/** Small images made in the test process with real sharp, for loader and pipeline tests. */
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';

/** A w×h RGB gradient with a little structure, encoded in the given format. */
export async function makeImage(format: 'jpeg' | 'png' | 'webp' | 'gif' | 'tiff' | 'avif', w = 64, h = 48, opts: { orientation?: number; quality?: number } = {}): Promise<Buffer> {
  const data = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    const i = (y * w + x) * 3;
    data[i] = (x * 255) / w; data[i + 1] = (y * 255) / h; data[i + 2] = (x ^ y) & 0xff;
  }
  let s = sharp(data, { raw: { width: w, height: h, channels: 3 } });
  if (opts.orientation) s = s.withMetadata({ orientation: opts.orientation });
  switch (format) {
    case 'jpeg': return s.jpeg({ quality: opts.quality ?? 90 }).toBuffer();
    case 'png': return s.png().toBuffer();
    case 'webp': return s.webp({ quality: 90 }).toBuffer();
    case 'gif': return s.gif().toBuffer();
    case 'tiff': return s.tiff().toBuffer();
    case 'avif': return s.avif({ quality: 60 }).toBuffer();
  }
}

function crc32(buf: Uint8Array): number {
  let crc = 0xffffffff;
  for (let n = 0; n < buf.length; n++) {
    let c = (crc ^ buf[n]) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** A PNG chunk with a correct CRC. */
export function pngChunk(type: string, data: Uint8Array): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** A tiny valid-looking PNG whose IHDR declares w×h (a decompression bomb when large). */
export function pngDeclaring(w: number, h: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.alloc(Math.min(1 + w * 3, 4096)))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Deterministic pseudo-random bytes. */
export function randomBytes(n: number, seed = 1): Buffer {
  const b = Buffer.alloc(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    b[i] = x & 0xff;
  }
  return b;
}
