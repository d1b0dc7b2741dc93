/**
 * Plain value types shared by the loader, the kernels, the detectors and the public types. A leaf module (no imports),
 * so that every layer can use them without import cycles; `types.ts` re-exports them as the public reference.
 */

/** An image given to claimlens: its bytes (a Node `Buffer` is a `Uint8Array`) or a path to a file. */
export type ImageInput = Uint8Array | string;

/** Languages of every human-readable message. */
export type Locale = 'en' | 'zh-CN';

/** Image container formats recognised from magic bytes (never from a file name). */
export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'gif' | 'tiff' | 'avif' | 'heic';

/** How much a single finding says. `conclusive` findings are allowed to decide the verdict alone. */
export type Strength = 'hint' | 'strong' | 'conclusive';

/** Risk bands a platform routes on. */
export type Risk = 'low' | 'medium' | 'high';

/** A rectangle in claim-image pixels (after EXIF orientation has been applied). */
export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Status of one detector in one inspection. */
export type DetectorStatus = 'ok' | 'skipped' | 'inconclusive' | 'error';

/** Byte and pixel limits enforced before any decoding. */
export interface Limits {
  /** Largest accepted file, in bytes. @default 52428800 (50 MiB) */
  maxBytes?: number;
  /** Largest accepted image, in pixels (width × height as declared by the file header). @default 100000000 */
  maxPixels?: number;
}

/** Risk thresholds on `score`. */
export interface Thresholds {
  /** At or above this score the risk is `medium`. @default 0.3 */
  medium?: number;
  /** At or above this score the risk is `high`. @default 0.7 */
  high?: number;
}

/** Kinds of evidence a detector examines (see `Coverage`). */
export type Evidence = 'pixels' | 'metadata' | 'provenance' | 'catalog';
