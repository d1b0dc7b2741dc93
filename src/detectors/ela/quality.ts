/**
 * How strongly the stored file was quantised, from its luminance DQT table (parsed once by src/formats/jpeg.ts and
 * shared through `LoadedImage.jpegHeaders()`). Only used to tell when ELA means little (very coarse quantisation
 * erases the differences it looks for); the jpeg detector does the full encoder analysis.
 */
import type { QuantTable } from '../../formats/jpeg';
import { ANNEX_K_LUMA, tableSum } from '../../formats/jpeg-tables';

const ANNEX_K_LUMA_SUM = tableSum(ANNEX_K_LUMA);

/**
 * Estimate the IJG quality (1..100) of the luminance table (table id 0), or null when there is none.
 * IJG scaling: scale = 5000/Q for Q < 50, 200 − 2Q otherwise, table = std × scale / 100. Inverting it on the table
 * sums gives Q to within about ±2 for libjpeg-style tables; for camera tables it is an equivalent quality.
 */
export function lumaQuality(tables: readonly QuantTable[]): number | null {
  const t = tables.find((x) => x.id === 0);
  if (!t) return null;
  const scale = (tableSum(t.values) * 100) / ANNEX_K_LUMA_SUM;
  const q = scale <= 100 ? (200 - scale) / 2 : 5000 / scale;
  return Math.max(1, Math.min(100, Math.round(q)));
}
