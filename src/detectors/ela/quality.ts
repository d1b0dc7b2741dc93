/**
 * A small JPEG quality reader for the ela detector: how strongly the stored file was quantised, from its luminance
 * DQT table. Only used to tell when ELA means little (very coarse quantisation erases the differences it looks
 * for); the jpeg detector does the full encoder analysis.
 */
import type { JpegStructure } from '../../formats/jpeg';

/**
 * The luminance quantisation table of ITU-T T.81 Annex K (Table K.1), the base of libjpeg's quality scaling.
 * Only the sum matters here, so the order (natural or zigzag) is irrelevant.
 */
const ANNEX_K_LUMA_SUM = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62,
  18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
].reduce((a, b) => a + b, 0);

/**
 * Estimate the IJG quality (1..100) of the luminance table (table id 0) of a JPEG, or null when there is none.
 * IJG scaling: scale = 5000/Q for Q < 50, 200 − 2Q otherwise, table = std × scale / 100. Inverting it on the table
 * sums gives Q to within about ±2 for libjpeg-style tables; for camera tables it is an equivalent quality.
 */
export function lumaQuality(bytes: Uint8Array, s: JpegStructure): number | null {
  for (const seg of s.segments) {
    if (seg.marker !== 0xdb) continue;
    let o = seg.dataOffset;
    const end = Math.min(bytes.length, seg.dataOffset + seg.dataLength);
    // A DQT segment may hold several tables: Pq/Tq byte then 64 entries of 1 or 2 bytes.
    for (let t = 0; t < 4 && o < end; t++) {
      const pq = bytes[o] >> 4;
      const tq = bytes[o] & 15;
      const size = pq ? 128 : 64;
      if (o + 1 + size > end) break;
      if (tq === 0) {
        let sum = 0;
        for (let i = 0; i < 64; i++) sum += pq ? (bytes[o + 1 + 2 * i] << 8) | bytes[o + 2 + 2 * i] : bytes[o + 1 + i];
        const scale = (sum * 100) / ANNEX_K_LUMA_SUM;
        const q = scale <= 100 ? (200 - scale) / 2 : 5000 / scale;
        return Math.max(1, Math.min(100, Math.round(q)));
      }
      o += 1 + size;
    }
  }
  return null;
}
