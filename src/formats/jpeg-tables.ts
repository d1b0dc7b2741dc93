/**
 * JPEG reference tables (data kept apart from the parser): the zig-zag order of ITU-T T.81, the Annex K example
 * quantisation tables and the IJG (libjpeg) quality scaling rule. Tables are in natural (row-major) order, not the
 * zig-zag order of the DQT segment.
 */

/** Zig-zag scan order (ITU-T T.81 Figure A.6): `ZIGZAG[i]` is the natural index of the i-th coefficient in a DQT. */
export const ZIGZAG: readonly number[] = [
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
  35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55,
  62, 63,
];

/** ITU-T T.81 Annex K, Table K.1: luminance quantisation table (natural order). */
export const ANNEX_K_LUMA: readonly number[] = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62,
  18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
];

/** ITU-T T.81 Annex K, Table K.2: chrominance quantisation table (natural order). */
export const ANNEX_K_CHROMA: readonly number[] = [
  17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26, 56, 99, 99, 99, 99, 99, 47, 66, 99, 99, 99, 99, 99, 99,
  ...new Array<number>(32).fill(99),
];

/**
 * IJG quality scaling (libjpeg `jpeg_quality_scaling` + `jpeg_add_quant_table`, jcparam.c; also libjpeg-turbo and
 * mozjpeg with its default table 0): scale = 5000/q below 50, 200 − 2q from 50; entry = ⌊(base·scale + 50)/100⌋
 * clamped to 1..255 (baseline).
 */
export function ijgTable(base: readonly number[], quality: number): number[] {
  const q = Math.min(100, Math.max(1, Math.round(quality)));
  const scale = q < 50 ? Math.floor(5000 / q) : 200 - q * 2;
  return base.map((b) => Math.min(255, Math.max(1, Math.floor((b * scale + 50) / 100))));
}

/** Sum of the 64 entries of a table (the ELA quality inversion works on sums). */
export function tableSum(t: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < 64; i++) s += t[i];
  return s;
}
