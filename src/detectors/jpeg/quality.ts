/**
 * Quality estimate and encoder family from quantisation tables, by fitting the IJG (libjpeg) scaling rule to the
 * ITU-T T.81 Annex K tables (the method of ImageMagick's `identify -verbose` quality and Sherloq's jpeg/quality
 * tool, made exact: an exact IJG match means the file was written by libjpeg or a program built on it).
 */
import type { FrameInfo, QuantTable } from '../../formats/jpeg';
import { ANNEX_K_CHROMA, ANNEX_K_LUMA, ijgTable } from '../../formats/jpeg-tables';
import { KNOWN_TABLES, type KnownTableSet } from './data/quant-tables';
import { roundTo } from '../../pixels/stats';

/** Encoder families told apart by their tables. */
export type EncoderFamily = 'libjpeg' | 'adobe' | 'custom';

/** The fit of one table against IJG scaling of its Annex K base. */
export interface IjgFit {
  /** Best-fitting IJG quality 1..100. */
  quality: number;
  /** Whether the table equals the IJG table at that quality, entry for entry. */
  exact: boolean;
  /** Mean absolute difference per entry from the IJG table at `quality` (0 when exact). */
  meanAbsError: number;
}

/** What the tables say about the encoder. */
export interface QualityEstimate {
  /** `libjpeg`: exact IJG scaling (a library or program saved it); `adobe`: a known Adobe (Photoshop, Lightroom) table; `custom`: anything else (cameras, phones, other encoders). */
  family: EncoderFamily;
  /** Quality 0..100: the IJG quality for `libjpeg`, the nominal quality of a known table, the best IJG fit otherwise. */
  quality: number;
  /** Fit of the luminance table. */
  luma: IjgFit;
  /** Fit of the chrominance table (null for greyscale). */
  chroma: IjgFit | null;
  /** The known table set matched (for `adobe`), with its source. */
  known: KnownTableSet | null;
  /** Human name of the encoder, e.g. "libjpeg (IJG tables)". */
  encoder: string;
}

/** Fit IJG scaling of `base` to `values` (natural order): the quality minimising the mean absolute difference. */
export function fitIjg(values: readonly number[], base: readonly number[]): IjgFit {
  let best: IjgFit = { quality: 50, exact: false, meanAbsError: Infinity };
  for (let q = 1; q <= 100; q++) {
    const t = ijgTable(base, q);
    let e = 0;
    for (let i = 0; i < 64; i++) e += Math.abs(t[i] - values[i]);
    e /= 64;
    // Ties go to the higher quality: near q 100 several qualities give all-ones tables.
    if (e <= best.meanAbsError) best = { quality: q, exact: e === 0, meanAbsError: roundTo(e) };
  }
  return best;
}

function sameTable(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < 64; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The luminance and chrominance tables a frame uses (component 0, then the first other table id). */
export function frameTables(tables: readonly QuantTable[], frame: FrameInfo | null): { luma: QuantTable | null; chroma: QuantTable | null } {
  const byId = (id: number): QuantTable | null => tables.find((t) => t.id === id) ?? null;
  if (!frame || frame.components.length === 0) return { luma: byId(0) ?? tables[0] ?? null, chroma: byId(1) };
  const luma = byId(frame.components[0].tq);
  const other = frame.components.slice(1).find((c) => c.tq !== frame.components[0].tq);
  const chroma = frame.components.length > 1 ? byId(other ? other.tq : frame.components[1].tq) : null;
  return { luma, chroma };
}

/**
 * Estimate quality and encoder family from the frame's tables. Returns null when the file has no usable
 * luminance table (truncated or table-less stream).
 */
export function estimateQuality(tables: readonly QuantTable[], frame: FrameInfo | null): QualityEstimate | null {
  const { luma, chroma } = frameTables(tables, frame);
  if (!luma) return null;
  const lf = fitIjg(luma.values, ANNEX_K_LUMA);
  const cf = chroma ? fitIjg(chroma.values, ANNEX_K_CHROMA) : null;
  const known = KNOWN_TABLES.find((k) => sameTable(k.luma, luma.values) && (!k.chroma || !chroma || sameTable(k.chroma, chroma.values))) ?? null;
  if (lf.exact && (!cf || cf.exact)) {
    return { family: 'libjpeg', quality: lf.quality, luma: lf, chroma: cf, known: null, encoder: 'libjpeg (IJG tables)' };
  }
  if (known) return { family: known.family === 'adobe' ? 'adobe' : 'custom', quality: known.quality, luma: lf, chroma: cf, known, encoder: known.encoder };
  return { family: 'custom', quality: lf.quality, luma: lf, chroma: cf, known: null, encoder: 'custom tables' };
}
