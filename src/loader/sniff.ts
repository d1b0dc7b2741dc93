import type { ImageFormat } from '../primitives';

/** Result of sniffing: a known image format, or `null` with a short description of what the bytes look like. */
export type SniffResult = { format: ImageFormat; brand?: string } | { format: null; looksLike: string };

const ascii = (bytes: Uint8Array, start: number, end: number): string =>
  String.fromCharCode(...bytes.subarray(start, Math.min(end, bytes.length)));

// ISO-BMFF brands (ISO/IEC 23008-12 for HEIF, AV1-ISOBMFF for AVIF). 'mif1'/'msf1' are generic HEIF brands,
// so an image with them is AVIF only when 'avif'/'avis' is among its compatible brands.
const AVIF_BRANDS = new Set(['avif', 'avis']);
const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs', 'mif1', 'msf1', 'mif2']);

/**
 * Tell the container format from magic bytes. The file name is never consulted: buyers rename files and
 * upload paths drop extensions.
 */
export function sniffFormat(bytes: Uint8Array): SniffResult {
  const n = bytes.length;
  if (n >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return { format: 'jpeg' };
  if (n >= 8 && bytes[0] === 0x89 && ascii(bytes, 1, 4) === 'PNG' && bytes[4] === 0x0d && bytes[5] === 0x0a && bytes[6] === 0x1a && bytes[7] === 0x0a) {
    return { format: 'png' };
  }
  if (n >= 6 && (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a')) return { format: 'gif' };
  if (n >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return { format: 'webp' };
  if (n >= 4 && ((bytes[0] === 0x49 && bytes[1] === 0x49 && (bytes[2] === 0x2a || bytes[2] === 0x2b) && bytes[3] === 0) ||
      (bytes[0] === 0x4d && bytes[1] === 0x4d && bytes[2] === 0 && (bytes[3] === 0x2a || bytes[3] === 0x2b)))) {
    return { format: 'tiff' };
  }
  if (n >= 12 && ascii(bytes, 4, 8) === 'ftyp') {
    const boxSize = ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0;
    const end = Math.min(n, boxSize >= 16 && boxSize <= 4096 ? boxSize : 16);
    const major = ascii(bytes, 8, 12);
    const brands = [major];
    for (let o = 16; o + 4 <= end; o += 4) brands.push(ascii(bytes, o, o + 4));
    if (brands.some((b) => AVIF_BRANDS.has(b))) return { format: 'avif', brand: major };
    if (brands.some((b) => HEIF_BRANDS.has(b))) return { format: 'heic', brand: major };
    return { format: null, looksLike: `an ISO media file (brand '${major}'), not a still image` };
  }
  if (n >= 2 && bytes[0] === 0x42 && bytes[1] === 0x4d) return { format: null, looksLike: 'a BMP bitmap' };
  if (n >= 4 && ascii(bytes, 0, 4) === '%PDF') return { format: null, looksLike: 'a PDF document' };
  if (n >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4) return { format: null, looksLike: 'a ZIP archive' };
  if (n === 0) return { format: null, looksLike: 'an empty file' };
  if (looksLikeText(bytes)) return { format: null, looksLike: 'text' };
  return { format: null, looksLike: 'unrecognised binary data' };
}

function looksLikeText(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, 512);
  for (let i = 0; i < end; i++) {
    const b = bytes[i];
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) return false;
  }
  return true;
}
