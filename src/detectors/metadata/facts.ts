import type { LoadedImage } from '../../loader/image';
import type { ImageFormat } from '../../primitives';
import { tagText } from '../../loader/metadata';
import { readXmpFacts, type XmpFacts } from './xmp-facts';

/**
 * Everything the metadata rules read, gathered once per image from the loader's shared views (one exifr parse,
 * one container walk, the capped XMP packets). Rules are pure functions of these facts.
 */
export interface MetadataFacts {
  format: ImageFormat;
  /** Size after EXIF orientation (what a person sees). */
  width: number;
  height: number;
  /** Size as stored in the file. */
  storedWidth: number;
  storedHeight: number;
  /** EXIF orientation used by the decoder (1 when absent). */
  orientation: number;
  ifd0: Record<string, unknown>;
  exif: Record<string, unknown>;
  gps: Record<string, unknown>;
  ifd1: Record<string, unknown>;
  iptc: Record<string, unknown>;
  xmp: XmpFacts;
  /** PNG text chunks (keyword, text), capped. */
  pngText: { keyword: string; text: string }[];
  /** Photoshop image-resource ids found in a JPEG APP13 'Photoshop 3.0' block (capped). */
  photoshopResources: number[];
  /** Where EXIF came from: exifr, the loader's fallback TIFF reader (WebP/AVIF/HEIC/TIFF), or nowhere. */
  exifSource: 'exifr' | 'fallback' | 'none';
  /** Parse problems reported by the loader. */
  errors: string[];
}

/** A string tag value, trimmed, without trailing NULs, or undefined when absent or not a string. */
export const str = tagText;

/** A finite numeric tag value, or undefined. */
export function num(r: Record<string, unknown>, key: string): number | undefined {
  const v = r[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** Gather the facts. Never throws: every source is already bounded and error-tolerant. */
export async function gatherFacts(image: LoadedImage): Promise<MetadataFacts> {
  const m = await image.metadata();
  return {
    format: image.format,
    width: image.width,
    height: image.height,
    storedWidth: image.header.width,
    storedHeight: image.header.height,
    orientation: image.header.orientation,
    ifd0: m.ifd0,
    exif: m.exif,
    gps: m.gps,
    ifd1: m.ifd1,
    iptc: m.iptc,
    xmp: readXmpFacts(m.xmpPackets),
    pngText: image.pngText().slice(0, 64).map((t) => ({ keyword: t.keyword, text: t.text.slice(0, 4096) })),
    photoshopResources: [...image.photoshopResources()],
    exifSource: m.exifSource,
    errors: m.errors,
  };
}
