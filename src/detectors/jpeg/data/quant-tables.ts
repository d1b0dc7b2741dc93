/**
 * Quantisation tables of known non-IJG encoders, in natural (row-major) order. The standard Annex K tables and the
 * IJG scaling rule live with the JPEG parser (src/formats/jpeg-tables.ts). Every row cites where its numbers come from.
 */

/** A quantisation table set of a known encoder. */
export interface KnownTableSet {
  /** Unique id. */
  id: string;
  /** Encoder family this set identifies. */
  family: 'adobe' | 'camera';
  /** Human name, e.g. "Adobe Photoshop Save for Web, quality 60". */
  encoder: string;
  /** Quality on a 0–100 scale, as closely as known (for messages). */
  quality: number;
  /** Luminance table, natural order. */
  luma: readonly number[];
  /** Chrominance table, natural order (null when only the luminance table is known). */
  chroma: readonly number[] | null;
  /** Where the numbers come from. */
  source: string;
}

const PILLOW_PRESETS = 'python-pillow/Pillow src/PIL/JpegPresets.py @128261fd ("JPEG quality settings equivalent to the Photoshop settings")';

/**
 * Known non-IJG table sets. Matching is exact on the luminance table (and chrominance when given).
 * Cameras mostly use tables of their own that match nothing here; they are recognised as "not software" by being
 * neither IJG-scaled nor a known editor table, not by this list.
 */
export const KNOWN_TABLES: readonly KnownTableSet[] = [
  {
    id: 'photoshop-sfw-low',
    family: 'adobe',
    encoder: 'Adobe Photoshop (Save for Web, Low)',
    quality: 10,
    luma: [20, 16, 25, 39, 50, 46, 62, 68, 16, 18, 23, 38, 38, 53, 65, 68, 25, 23, 31, 38, 53, 65, 68, 68, 39, 38, 38, 53, 65, 68, 68, 68, 50, 38, 53, 65, 68, 68, 68, 68, 46, 53, 65, 68, 68, 68, 68, 68, 62, 65, 68, 68, 68, 68, 68, 68, 68, 68, 68, 68, 68, 68, 68, 68],
    chroma: [21, 25, 32, 38, 54, 68, 68, 68, 25, 28, 24, 38, 54, 68, 68, 68, 32, 24, 32, 43, 66, 68, 68, 68, 38, 38, 43, 53, 68, 68, 68, 68, 54, 54, 66, 68, 68, 68, 68, 68, 68, 68, 68, 68, 68, 68, 68, 68, 68, 68, 68, 68, 68, 68, 68, 68, 68, 68, 68, 68, 68, 68, 68, 68],
    source: `${PILLOW_PRESETS} preset web_low`,
  },
  {
    id: 'photoshop-sfw-medium',
    family: 'adobe',
    encoder: 'Adobe Photoshop (Save for Web, Medium)',
    quality: 30,
    luma: [16, 11, 11, 16, 23, 27, 31, 30, 11, 12, 12, 15, 20, 23, 23, 30, 11, 12, 13, 16, 23, 26, 35, 47, 16, 15, 16, 23, 26, 37, 47, 64, 23, 20, 23, 26, 39, 51, 64, 64, 27, 23, 26, 37, 51, 64, 64, 64, 31, 23, 35, 47, 64, 64, 64, 64, 30, 30, 47, 64, 64, 64, 64, 64],
    chroma: [17, 15, 17, 21, 20, 26, 38, 48, 15, 19, 18, 17, 20, 26, 35, 43, 17, 18, 20, 22, 26, 30, 46, 53, 21, 17, 22, 28, 30, 39, 53, 64, 20, 20, 26, 30, 39, 48, 64, 64, 26, 26, 30, 39, 48, 63, 64, 64, 38, 35, 46, 53, 64, 64, 64, 64, 48, 43, 53, 64, 64, 64, 64, 64],
    source: `${PILLOW_PRESETS} preset web_medium`,
  },
  {
    id: 'photoshop-sfw-high',
    family: 'adobe',
    encoder: 'Adobe Photoshop (Save for Web, High)',
    quality: 60,
    luma: [6, 4, 4, 6, 9, 11, 12, 16, 4, 5, 5, 6, 8, 10, 12, 12, 4, 5, 5, 6, 10, 12, 14, 19, 6, 6, 6, 11, 12, 15, 19, 28, 9, 8, 10, 12, 16, 20, 27, 31, 11, 10, 12, 15, 20, 27, 31, 31, 12, 12, 14, 19, 27, 31, 31, 31, 16, 12, 19, 28, 31, 31, 31, 31],
    chroma: [7, 7, 13, 24, 26, 31, 31, 31, 7, 12, 16, 21, 31, 31, 31, 31, 13, 16, 17, 31, 31, 31, 31, 31, 24, 21, 31, 31, 31, 31, 31, 31, 26, 31, 31, 31, 31, 31, 31, 31, ...new Array<number>(24).fill(31)],
    source: `${PILLOW_PRESETS} preset web_high`,
  },
  {
    id: 'photoshop-sfw-very-high',
    family: 'adobe',
    encoder: 'Adobe Photoshop (Save for Web, Very High)',
    quality: 80,
    luma: [2, 2, 2, 2, 3, 4, 5, 6, 2, 2, 2, 2, 3, 4, 5, 6, 2, 2, 2, 2, 4, 5, 7, 9, 2, 2, 2, 4, 5, 7, 9, 12, 3, 3, 4, 5, 8, 10, 12, 12, 4, 4, 5, 7, 10, 12, 12, 12, 5, 5, 7, 9, 12, 12, 12, 12, 6, 6, 9, 12, 12, 12, 12, 12],
    chroma: [3, 3, 5, 9, 13, 15, 15, 15, 3, 4, 6, 11, 14, 12, 12, 12, 5, 6, 9, 14, 12, 12, 12, 12, 9, 11, 14, 12, 12, 12, 12, 12, 13, 14, 12, 12, 12, 12, 12, 12, 15, 12, 12, 12, 12, 12, 12, 12, 15, 12, 12, 12, 12, 12, 12, 12, 15, 12, 12, 12, 12, 12, 12, 12],
    source: `${PILLOW_PRESETS} preset web_very_high`,
  },
  {
    id: 'photoshop-sfw-maximum',
    family: 'adobe',
    encoder: 'Adobe Photoshop (Save for Web, Maximum)',
    quality: 100,
    luma: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 1, 1, 1, 2, 2, 1, 1, 1, 1, 1, 2, 2, 3, 1, 1, 1, 1, 2, 2, 3, 3, 1, 1, 1, 2, 2, 3, 3, 3, 1, 1, 2, 2, 3, 3, 3, 3],
    chroma: [1, 1, 1, 2, 2, 3, 3, 3, 1, 1, 1, 2, 3, 3, 3, 3, 1, 1, 1, 3, 3, 3, 3, 3, 2, 2, 3, 3, 3, 3, 3, 3, 2, 3, 3, 3, 3, 3, 3, 3, ...new Array<number>(24).fill(3)],
    source: `${PILLOW_PRESETS} preset web_maximum`,
  },
];
