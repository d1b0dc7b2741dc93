/**
 * HEIC/HEIF pixels. The prebuilt libvips inside sharp carries libheif with the AV1 decoder only (HEVC is
 * patent-encumbered), so an iPhone photo's pixels need another decoder. claimlens does not ship one: the
 * LGPL-licensed libheif (compiled to wasm in `libheif-js`, wrapped by `heic-decode`) stays outside this Apache
 * package as an optional peer dependency. When the platform installs `heic-decode`, it is loaded with a dynamic
 * import on the first HEIC image; when it is absent the import fails softly and HEIC stays metadata-only.
 */
import { ClaimlensError } from '../errors';

/** Decoded HEIC pixels: interleaved 8-bit samples, row-major, `channels` per pixel. */
export interface DecodedHeic {
  width: number;
  height: number;
  /** 3 (RGB) or 4 (RGBA). */
  channels: 3 | 4;
  data: Uint8Array;
}

/**
 * Decodes the primary image of a HEIC/HEIF file. It must check the image's size against `maxPixels` before
 * decoding and throw a `ClaimlensError('TOO_LARGE')` over it, and throw on anything it cannot decode.
 * Plug in your own (a native libheif binding, a service) through `createInspector({ heicDecoder })`.
 */
export type HeicDecoder = (bytes: Uint8Array, maxPixels: number) => Promise<DecodedHeic>;

/** The subset of `heic-decode`'s API used here (version 2: `all()` gives sizes before decoding). */
interface HeicDecodeModule {
  all(input: { buffer: Uint8Array }): Promise<{ width: number; height: number; decode(): Promise<{ width: number; height: number; data: Uint8ClampedArray }> }[] & { dispose(): void }>;
}

/** Wrap `heic-decode` as a `HeicDecoder`: size check on the primary image's header first, then decode, then free. */
export function heicDecodeAdapter(mod: HeicDecodeModule): HeicDecoder {
  return async (bytes, maxPixels) => {
    const images = await mod.all({ buffer: bytes });
    try {
      const first = images[0];
      if (!first) throw new Error('no image in the HEIF file');
      if (first.width * first.height > maxPixels) {
        throw new ClaimlensError('TOO_LARGE', `the HEIC image is ${first.width}×${first.height} = ${first.width * first.height} pixels, over the limit of ${maxPixels}`, { limit: maxPixels, actual: first.width * first.height });
      }
      const d = await first.decode();
      return { width: d.width, height: d.height, channels: 4, data: new Uint8Array(d.data.buffer, d.data.byteOffset, d.data.byteLength) };
    } finally {
      images.dispose();
    }
  };
}

/** The package name of the optional decoder, as the skipped reasons tell users to install it. */
export const HEIC_DECODER_PACKAGE = 'heic-decode';

let optional: Promise<HeicDecoder | null> | undefined;

/**
 * The optional `heic-decode` peer dependency as a `HeicDecoder`, or null when it is not installed (or fails to
 * load). Imported once per process.
 */
export function optionalHeicDecoder(): Promise<HeicDecoder | null> {
  optional ??= import(HEIC_DECODER_PACKAGE).then(
    (m: { default?: unknown } & Partial<HeicDecodeModule>) => {
      const mod = (typeof m.all === 'function' ? m : m.default) as HeicDecodeModule | undefined;
      return mod && typeof mod.all === 'function' ? heicDecodeAdapter(mod) : null;
    },
    () => null,
  );
  return optional;
}
