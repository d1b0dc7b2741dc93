/** Small bounds-checked readers shared by the container walks. All return `undefined`-free numbers or throw RangeError. */

/** Big-endian unsigned 16-bit read. */
export function u16be(b: Uint8Array, o: number): number {
  if (o < 0 || o + 2 > b.length) throw new RangeError(`read of 2 bytes at ${o} outside ${b.length}`);
  return (b[o] << 8) | b[o + 1];
}

/** Big-endian unsigned 32-bit read. */
export function u32be(b: Uint8Array, o: number): number {
  if (o < 0 || o + 4 > b.length) throw new RangeError(`read of 4 bytes at ${o} outside ${b.length}`);
  return ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;
}

/** Little-endian unsigned 32-bit read. */
export function u32le(b: Uint8Array, o: number): number {
  if (o < 0 || o + 4 > b.length) throw new RangeError(`read of 4 bytes at ${o} outside ${b.length}`);
  return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
}

/** Latin-1 string of a byte range (clamped to the buffer). */
export function latin1(b: Uint8Array, start: number, end: number): string {
  const s = Math.max(0, start);
  const e = Math.min(b.length, end);
  let out = '';
  for (let i = s; i < e; i += 8192) out += String.fromCharCode(...b.subarray(i, Math.min(e, i + 8192)));
  return out;
}

const utf8Decoder = new TextDecoder('utf-8', { fatal: false });

/** UTF-8 string of a byte range (clamped; invalid sequences become U+FFFD). */
export function utf8(b: Uint8Array, start: number, end: number): string {
  return utf8Decoder.decode(b.subarray(Math.max(0, start), Math.min(b.length, end)));
}

/** True when the bytes at `offset` spell `id` (Latin-1), e.g. an APPn or chunk identifier such as 'Exif\0\0'. */
export function startsWithText(b: Uint8Array, offset: number, id: string): boolean {
  if (offset < 0 || offset + id.length > b.length) return false;
  for (let i = 0; i < id.length; i++) if (b[offset + i] !== id.charCodeAt(i)) return false;
  return true;
}

/** Index of the first 0 byte at or after `from`, before `end`; -1 when none. */
export function indexOfZero(b: Uint8Array, from: number, end: number): number {
  for (let i = from; i < Math.min(end, b.length); i++) if (b[i] === 0) return i;
  return -1;
}
