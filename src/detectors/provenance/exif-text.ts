/**
 * The few EXIF text tags where generators leave their parameters (`UserComment`, `ImageDescription`, `Software`,
 * `Artist`, `XPComment`), read from the TIFF blocks the loader located (`LoadedImage.exifBlocks()`, walked by
 * src/formats/tiff.ts). The shared exifr parse misses some of these on the tiny metadata-carrier JPEGs that Stable
 * Diffusion front ends write (seen on ai-generated/sdparsers__automatic1111_cropped.jpg: UserComment in an Exif IFD
 * with no IFD0 entries besides the pointer), so this reader is the fallback; it never throws.
 */
import { entryText, walkTiff, type TiffBlock } from '../../formats/tiff';

/** Tag ids (TIFF 6.0 and EXIF 2.32, CIPA DC-008 §4.6). */
const TAGS: Readonly<Record<number, string>> = {
  0x010e: 'ImageDescription',
  0x0131: 'Software',
  0x013b: 'Artist',
  0x8298: 'Copyright',
  0x9286: 'UserComment',
  0x9c9c: 'XPComment',
  0x9c9d: 'XPAuthor',
  0x9c9f: 'XPSubject',
};
/** Longest text value read, in bytes. */
const MAX_TEXT = 256 * 1024;

/** One text tag value. */
export interface ExifText {
  tag: string;
  value: string;
}

/** Text tags of a walked TIFF block, IFD0 then the Exif IFD. */
export function exifText(block: TiffBlock): ExifText[] {
  const out: ExifText[] = [];
  for (const e of [...block.ifd0, ...block.exif]) {
    const tag = TAGS[e.tag];
    if (!tag || e.count <= 0) continue;
    const value = entryText(block, e, MAX_TEXT);
    if (value) out.push({ tag, value });
  }
  return out;
}

/** Text tags of a TIFF block given as bytes (`II*\0` / `MM\0*` at offset 0). */
export function exifTextFromTiff(t: Uint8Array): ExifText[] {
  const block = walkTiff(t);
  return block ? exifText(block) : [];
}
