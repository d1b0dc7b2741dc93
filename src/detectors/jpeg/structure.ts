/**
 * Structure facts that tell a camera's own file from a re-save: APP segment layout, Huffman tables and progressive
 * coding. Pure functions over the parsed headers (src/formats/jpeg.ts).
 */
import type { JpegHeaders } from '../../formats/jpeg';
import type { QualityEstimate } from './quality';

/** How the file is laid out. */
export interface Layout {
  /** The first APP segment is APP1 Exif, as the Exif standard requires of camera files (CIPA DC-008, §4.5.4). */
  exifFirst: boolean;
  /** An APP0 JFIF segment comes before the Exif segment (or there is no Exif): libjpeg's default writer layout. */
  jfifBeforeExif: boolean;
  /** An APP14 "Adobe" segment is present (written by Adobe programs; by libjpeg only for CMYK/YCCK). */
  adobeApp14: boolean;
  /** An APP13 "Photoshop 3.0" (image resource) segment is present. */
  photoshopApp13: boolean;
  /** Huffman tables are the ITU-T T.81 Annex K examples (firmware encoders) rather than optimised per image. */
  standardHuffman: boolean;
  progressive: boolean;
}

/** Read the layout facts from parsed headers. */
export function layoutOf(h: JpegHeaders): Layout {
  const exifAt = h.apps.findIndex((a) => a.n === 1 && a.id === 'Exif');
  const jfifAt = h.apps.findIndex((a) => a.n === 0 && a.id === 'JFIF');
  return {
    exifFirst: exifAt === 0,
    jfifBeforeExif: jfifAt >= 0 && (exifAt < 0 || jfifAt < exifAt),
    adobeApp14: h.apps.some((a) => a.n === 14 && a.id.startsWith('Adobe')),
    photoshopApp13: h.apps.some((a) => a.n === 13 && a.id.startsWith('Photoshop')),
    standardHuffman: h.standardHuffman,
    progressive: h.frame?.progressive ?? false,
  };
}

/** The encoder the file points to, and whether that is software rather than a camera. */
export interface EncoderVerdict {
  family: 'libjpeg' | 'adobe' | 'custom';
  name: string;
  /** True when the tables and layout point to an editing program or library. */
  software: boolean;
  /** Which facts decided (for details). */
  why: string[];
}

/**
 * Decide the encoder. Exact IJG tables alone do not mean software: several cameras and phones use them
 * (../shared/corpus/camera: Minolta DiMAGE X and Nikon E775 at q97, Samsung GT-I9505 at q96, Motorola XT1068 at
 * q95, Sony Ericsson U10i at q90), always with Exif first and the Annex K Huffman tables. So IJG tables count as
 * software only together with a software layout (JFIF before Exif, optimised Huffman tables or progressive coding).
 * Non-IJG tables with an APP14 Adobe segment are Adobe's own (Photoshop, Lightroom).
 * @param layout null for an EXIF thumbnail (judged by its tables only)
 */
export function encoderOf(est: QualityEstimate, layout: Layout | null): EncoderVerdict {
  if (est.family === 'adobe') return { family: 'adobe', name: est.encoder, software: true, why: ['known Adobe tables'] };
  if (est.family === 'custom' && layout?.adobeApp14) return { family: 'adobe', name: 'Adobe Photoshop / Lightroom', software: true, why: ['non-IJG tables', 'APP14 Adobe'] };
  if (est.family === 'libjpeg') {
    if (!layout) return { family: 'libjpeg', name: 'libjpeg (IJG tables)', software: false, why: ['exact IJG tables'] };
    const why: string[] = [];
    if (layout.jfifBeforeExif) why.push('JFIF before Exif');
    if (!layout.exifFirst && !layout.jfifBeforeExif) why.push('no Exif segment first');
    if (!layout.standardHuffman) why.push('optimised Huffman tables');
    if (layout.progressive) why.push('progressive');
    return { family: 'libjpeg', name: 'libjpeg (IJG tables)', software: why.length > 0, why: ['exact IJG tables', ...why] };
  }
  return { family: 'custom', name: 'custom tables', software: false, why: ['non-IJG tables'] };
}
