import { latin1, u32be } from './bytes';

/**
 * True when the top-level ISO-BMFF boxes (HEIC, AVIF; ISO/IEC 14496-12 §4.2) can be walked to a 'meta' box with
 * every size valid: at least 8 bytes (or 1 with a 64-bit size of at least 16), inside the file. exifr's HEIF parser
 * walks to 'meta' in a loop that never ends on a 0-size box placed before it (found by the fuzzer; the loop awaits
 * only resolved promises, so no timer can stop it), so the loader asks this first. Bounded: at most 1000 boxes.
 */
export function isobmffMetaReachable(b: Uint8Array): boolean {
  let o = 0;
  for (let n = 0; n < 1000 && o + 8 <= b.length; n++) {
    let size = u32be(b, o);
    const type = latin1(b, o + 4, o + 8);
    if (size === 1) {
      if (o + 16 > b.length) return false;
      const hi = u32be(b, o + 8);
      const lo = u32be(b, o + 12);
      if (hi !== 0) return false; // > 4 GiB: beyond any accepted input
      size = lo;
      if (size < 16) return false;
    } else if (size < 8) {
      return false;
    }
    if (o + size > b.length) return false;
    if (type === 'meta') return true;
    o += size;
  }
  return false;
}
