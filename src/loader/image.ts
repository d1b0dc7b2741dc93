import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { ClaimlensError } from '../errors';
import type { ImageFormat, Limits } from '../primitives';
import type { GreyImage, RawImage } from '../pixels/types';
import type { ContainerStructure } from '../formats/container';
import { jpegAppTexts, jpegComments, jpegTrailer, photoshopResourceIds, readHeaders, walkJpeg, type JpegAppText, type JpegHeaders, type Trailer } from '../formats/jpeg';
import type { TiffBlock } from '../formats/tiff';
import { pngTextChunks, walkPng, type PngText } from '../formats/png';
import { walkWebp } from '../formats/webp';
import { jpegXmp, pngXmp, scanXmp, webpXmp, type XmpPackets } from '../formats/xmp';
import { readInput } from './input';
import { sniffFormat } from './sniff';
import { exifBlocks, readMetadata, readThumbnail, withExifFallback, type ImageMetadata } from './metadata';
import { greyFromRgb, orientGrey, orientRgb } from '../pixels/orient';
import { orientRgbNative } from '../pixels/encode';
import { shrinkRgb } from '../pixels/resample';
import { optionalHeicDecoder, type HeicDecoder } from './heic';

/** Default limits (DESIGN.md): 50 MiB and 100 megapixels. */
export const DEFAULT_LIMITS: Required<Limits> = { maxBytes: 50 * 1024 * 1024, maxPixels: 100_000_000 };

export type { GreyImage, RawImage };

/** Facts read from the header before any decoding. */
export interface ImageHeader {
  /** Stored width (before EXIF orientation). */
  width: number;
  /** Stored height (before EXIF orientation). */
  height: number;
  /** EXIF orientation 1..8 (1 when absent). */
  orientation: number;
  /** Frames/pages in the file (GIF, WebP animation, multi-page TIFF); 1 for still images. */
  pages: number;
  /** Whether the image has an alpha channel. */
  hasAlpha: boolean;
}

export type { ContainerStructure };

/**
 * Why HEIC cannot be decoded without a decoder, and what to do: the prebuilt libvips in sharp ships libheif with
 * the AV1 decoder only (HEVC is patent-encumbered). The localised form is the message `loader.heic-undecodable`.
 */
export const HEIC_DECODE_MESSAGE =
  'HEIC/HEIF (HEVC) pixels need a decoder: install the optional package heic-decode (npm install heic-decode), or convert the photo to JPEG (e.g. `sips -s format jpeg in.heic --out out.jpg` on macOS, or `heif-convert in.heic out.jpg` from libheif-examples); metadata and C2PA were still read';

/**
 * A claim or catalog image loaded once: bytes, format, hash and header, with lazily memoised views that every
 * detector shares (one decode, one metadata parse, one container walk per inspection).
 */
export class LoadedImage {
  /** The file bytes. */
  readonly bytes: Uint8Array;
  /** Container format from magic bytes. */
  readonly format: ImageFormat;
  /** Lower-case hex SHA-256 of `bytes`. */
  readonly sha256: string;
  /** Header facts read before decoding. */
  readonly header: ImageHeader;
  /** The path the bytes came from, when the input was a path. */
  readonly path: string | undefined;
  /** Limits the image was loaded under (the decode enforces maxPixels again). */
  readonly limits: Required<Limits>;
  /** How many times the file was decoded to pixels: stays at most 1 per image. */
  decodeCount = 0;
  /** The decoder for HEIC pixels (null: none installed or turned off; unused for other formats). */
  readonly heicDecoder: HeicDecoder | null;

  private readonly memo = new Map<string, Promise<unknown>>();
  private structureMemo: ContainerStructure | undefined;
  private pngTextMemo: PngText[] | undefined;
  private xmpMemo: XmpPackets | undefined;
  /** Size of the decoded pixels when the decoder, not the header, knows it best (HEIC: libheif applies irot/imir). */
  private decodedSize: { width: number; height: number } | undefined;
  private readonly sync = new Map<string, unknown>();

  /** @internal Use `loadImage`. */
  constructor(init: { bytes: Uint8Array; format: ImageFormat; header: ImageHeader; path?: string; limits: Required<Limits>; heicDecoder?: HeicDecoder | null }) {
    this.heicDecoder = init.heicDecoder ?? null;
    this.bytes = init.bytes;
    this.format = init.format;
    this.header = init.header;
    this.path = init.path;
    this.limits = init.limits;
    this.sha256 = createHash('sha256').update(init.bytes).digest('hex');
  }

  /** Width after EXIF orientation (for HEIC, once decoded, the decoded width). */
  get width(): number {
    if (this.decodedSize) return this.decodedSize.width;
    return this.header.orientation >= 5 ? this.header.height : this.header.width;
  }

  /** Height after EXIF orientation (for HEIC, once decoded, the decoded height). */
  get height(): number {
    if (this.decodedSize) return this.decodedSize.height;
    return this.header.orientation >= 5 ? this.header.width : this.header.height;
  }

  /** Whether pixels can be decoded here (false for HEIC without a decoder: see `HEIC_DECODE_MESSAGE`). */
  get decodable(): boolean {
    return this.format !== 'heic' || this.heicDecoder !== null;
  }

  /**
   * Memoise any derived view under a key, so detectors share work (e.g. a downscaled grey image, a block grid).
   * Keys are namespaced by convention: `'<module>:<what>'`.
   */
  derive<T>(key: string, make: () => Promise<T> | T): Promise<T> {
    let p = this.memo.get(key) as Promise<T> | undefined;
    if (!p) {
      p = Promise.resolve().then(make);
      this.memo.set(key, p);
    }
    return p;
  }

  /**
   * Pixels as stored in the file (no EXIF rotation), RGB. This is the view to use for anything aligned to the
   * JPEG 8×8 grid. Decoded at most once.
   * @throws ClaimlensError UNSUPPORTED_FORMAT (HEIC), CORRUPT_IMAGE, TOO_LARGE
   */
  storedPixels(): Promise<RawImage> {
    return this.derive('loader:stored', () => this.decode());
  }

  /**
   * Pixels with EXIF orientation applied (what a person sees), RGB. Derived from the single decode, turned by libvips
   * (`orientRgbNative`: the same pixels as `orientRgb`, at about half its CPU time).
   */
  pixels(): Promise<RawImage> {
    return this.derive('loader:oriented', async () => orientRgbNative(await this.storedPixels(), this.header.orientation));
  }

  /**
   * BT.601 luminance of `storedPixels()` (no EXIF rotation, rounded to 8 bits, `greyFromRgb`): the plane for
   * anything aligned to the JPEG 8×8 grid (ELA). Computed once, from the single decode.
   */
  storedGrey(): Promise<GreyImage> {
    return this.derive('loader:stored-grey', async () => greyFromRgb(await this.storedPixels()));
  }

  /** Luminance of `pixels()` (oriented): the stored luminance turned the way the photo is shown (the same values). */
  grey(): Promise<GreyImage> {
    return this.derive('loader:grey', async () => orientGrey(await this.storedGrey(), this.header.orientation));
  }

  /**
   * A reduced view for searches at low resolution: RGB at 1/`factor` of each side (rounded up), EXIF orientation
   * applied. A JPEG is decoded a second time for it with libjpeg's DCT-domain scaling (shrink-on-load: the entropy
   * decoding is the same, but the inverse DCT shrinks to 4×4, 2×2 or 1×1 per block and no full-size buffer is
   * made), so the view never waits for, and never depends on, the full decode: a detector sees the same pixels
   * whatever else runs. Other formats are box-averaged from the single full decode (`shrinkRgb`). Memoised per factor;
   * `decodeCount` counts full decodes only. HEIC goes through its decoder (`storedPixels`) and is box-averaged.
   * @throws ClaimlensError UNSUPPORTED_FORMAT (HEIC without a decoder), CORRUPT_IMAGE, TOO_LARGE
   */
  reduced(factor: 2 | 4 | 8): Promise<RawImage> {
    return this.derive(`loader:reduced-${factor}`, async () => {
      const w = Math.ceil(this.header.width / factor);
      const h = Math.ceil(this.header.height / factor);
      if (this.format !== 'jpeg') return orientRgb(shrinkRgb(await this.storedPixels(), factor), this.header.orientation);
      // sharp orients before it resizes: the target is given the way the photo is shown.
      const swap = this.header.orientation >= 5;
      try {
        const { data, info } = await sharp(this.bytes, { limitInputPixels: this.limits.maxPixels, failOn: 'error' })
          .rotate()
          .resize({ width: swap ? h : w, height: swap ? w : h, fit: 'fill', kernel: 'nearest', fastShrinkOnLoad: true })
          .toColourspace('srgb')
          .removeAlpha()
          .raw()
          .toBuffer({ resolveWithObject: true });
        return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height, channels: 3 };
      } catch (e) {
        throw this.decodeError(e);
      }
    });
  }

  /** The alpha plane as stored (no rotation), or null when the image has none. Costs a second decode: only for PNG stealth metadata. */
  alpha(): Promise<Uint8Array | null> {
    return this.derive('loader:alpha', async () => {
      if (!this.header.hasAlpha || !this.decodable) return null;
      try {
        const out = await sharp(this.bytes, { limitInputPixels: this.limits.maxPixels, failOn: 'none' })
          .extractChannel('alpha')
          .raw()
          .toBuffer();
        return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
      } catch {
        return null;
      }
    });
  }

  /**
   * EXIF/XMP/IPTC/ICC parsed once by exifr, completed by the fallback TIFF reader where exifr cannot read
   * (`withExifFallback`: WebP, some AVIF/HEIF/TIFF; JPEG UserComment). Never throws: failures are in `errors`.
   */
  metadata(): Promise<ImageMetadata> {
    return this.derive('loader:metadata', async () => withExifFallback(await readMetadata(this.bytes, this.xmp(), this.format), this.format, this.exifBlocks(), this.bytes));
  }

  /** Memoise a synchronous view of the container walk under a key. */
  private once<T>(key: string, make: () => T): T {
    if (!this.sync.has(key)) this.sync.set(key, make());
    return this.sync.get(key) as T;
  }

  /** The TIFF-structured EXIF blocks the container walk located (JPEG APP1, PNG eXIf, WebP EXIF, a TIFF file), walked once. */
  exifBlocks(): readonly TiffBlock[] {
    return this.once('exif-blocks', () => exifBlocks(this.bytes, this.structure()));
  }

  /** The parsed JPEG header segments (quantisation tables, frame, Huffman tables, APPn, COM), or null for other formats. */
  jpegHeaders(): JpegHeaders | null {
    return this.once('jpeg-headers', () => {
      const s = this.structure();
      return s.format === 'jpeg' ? readHeaders(this.bytes, s) : null;
    });
  }

  /** Photoshop image-resource ids of JPEG APP13 segments (empty for other formats). */
  photoshopResources(): readonly number[] {
    return this.once('photoshop-resources', () => {
      const s = this.structure();
      return s.format === 'jpeg' ? photoshopResourceIds(this.bytes, s) : [];
    });
  }

  /** JPEG COM segment texts (empty for other formats). */
  jpegComments(): readonly string[] {
    return this.once('jpeg-comments', () => {
      const s = this.structure();
      return s.format === 'jpeg' ? jpegComments(this.bytes, s) : [];
    });
  }

  /** Text of the JPEG APPn segments without a parser of their own (not APP1, APP2, APP11); empty for other formats. */
  jpegAppTexts(): readonly JpegAppText[] {
    return this.once('jpeg-app-texts', () => {
      const s = this.structure();
      return s.format === 'jpeg' ? jpegAppTexts(this.bytes, s) : [];
    });
  }

  /** What follows a JPEG's EOI when it is more than padding, or null (and null for other formats). */
  jpegTrailer(): Trailer | null {
    return this.once('jpeg-trailer', () => {
      const s = this.structure();
      return s.format === 'jpeg' ? jpegTrailer(this.bytes, s) : null;
    });
  }

  /** The EXIF (IFD1) thumbnail JPEG bytes, or null. Never throws. */
  exifThumbnail(): Promise<Uint8Array | null> {
    return this.derive('loader:thumbnail', () => readThumbnail(this.bytes, this.format));
  }

  /** The container structure (JPEG markers, PNG/WebP chunks), walked once, bounded, never throws. */
  structure(): ContainerStructure {
    if (!this.structureMemo) {
      switch (this.format) {
        case 'jpeg':
          this.structureMemo = walkJpeg(this.bytes);
          break;
        case 'png':
          this.structureMemo = walkPng(this.bytes);
          break;
        case 'webp':
          this.structureMemo = walkWebp(this.bytes);
          break;
        case 'gif':
        case 'tiff':
        case 'avif':
        case 'heic':
          this.structureMemo = { format: this.format };
      }
    }
    return this.structureMemo;
  }

  /** Decoded PNG text chunks (tEXt/zTXt/iTXt), empty for other formats. Size-capped. */
  pngText(): PngText[] {
    if (!this.pngTextMemo) {
      const s = this.structure();
      this.pngTextMemo = s.format === 'png' ? pngTextChunks(this.bytes, s) : [];
    }
    return this.pngTextMemo;
  }

  /** Raw XMP packets as text, size-capped, from wherever the format keeps them. */
  xmp(): XmpPackets {
    if (!this.xmpMemo) {
      const s = this.structure();
      if (s.format === 'jpeg') this.xmpMemo = jpegXmp(this.bytes, s);
      else if (s.format === 'png') this.xmpMemo = pngXmp(this.pngText(), s);
      else if (s.format === 'webp') this.xmpMemo = webpXmp(this.bytes, s);
      else this.xmpMemo = scanXmp(this.bytes);
      // Some writers put XMP where the format's usual place is not (e.g. a PNG with XMP in a zTXt 'Raw profile').
      if (this.xmpMemo.packets.length === 0 && s.format !== 'jpeg') this.xmpMemo = scanXmp(this.bytes);
    }
    return this.xmpMemo;
  }

  /** HEIC through the pluggable decoder, under the same pixel limit; libheif has applied irot/imir, so orientation 1. */
  private async decodeHeic(decoder: HeicDecoder): Promise<RawImage> {
    let d;
    try {
      d = await decoder(this.bytes, this.limits.maxPixels);
    } catch (e) {
      if (e instanceof ClaimlensError) throw e;
      const msg = e instanceof Error ? e.message : String(e);
      throw new ClaimlensError('CORRUPT_IMAGE', `the HEIC image cannot be decoded: ${msg.split('\n')[0]}`, { format: this.format }, { cause: e });
    }
    const n = d.width * d.height;
    if (!(n > 0) || n > this.limits.maxPixels || d.data.length < n * d.channels) {
      throw new ClaimlensError(n > this.limits.maxPixels ? 'TOO_LARGE' : 'CORRUPT_IMAGE', `the HEIC decoder returned ${d.width}×${d.height}×${d.channels} from ${d.data.length} bytes (limit ${this.limits.maxPixels} pixels)`, { format: this.format, limit: this.limits.maxPixels });
    }
    let data = d.data;
    if (d.channels === 4) {
      data = new Uint8Array(n * 3);
      for (let i = 0, j = 0; i < n; i++, j += 4) {
        data[i * 3] = d.data[j];
        data[i * 3 + 1] = d.data[j + 1];
        data[i * 3 + 2] = d.data[j + 2];
      }
    }
    this.decodedSize = { width: d.width, height: d.height };
    return { data, width: d.width, height: d.height, channels: 3 };
  }

  private async decode(): Promise<RawImage> {
    if (!this.decodable) throw new ClaimlensError('UNSUPPORTED_FORMAT', HEIC_DECODE_MESSAGE, { format: this.format });
    this.decodeCount++;
    if (this.format === 'heic' && this.heicDecoder) return this.decodeHeic(this.heicDecoder);
    try {
      const { data, info } = await sharp(this.bytes, { limitInputPixels: this.limits.maxPixels, failOn: 'error', pages: 1 })
        .toColourspace('srgb')
        .removeAlpha()
        .raw()
        .toBuffer({ resolveWithObject: true });
      if (info.channels !== 3) throw new Error(`expected 3 channels after decode, got ${info.channels}`);
      return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height, channels: 3 };
    } catch (e) {
      throw this.decodeError(e);
    }
  }

  private decodeError(e: unknown): ClaimlensError {
    const msg = e instanceof Error ? e.message : String(e);
    if (/pixel limit/i.test(msg)) {
      return new ClaimlensError('TOO_LARGE', `image exceeds the limit of ${this.limits.maxPixels} pixels`, { limit: this.limits.maxPixels }, { cause: e });
    }
    return new ClaimlensError('CORRUPT_IMAGE', `the ${this.format.toUpperCase()} image cannot be decoded: ${msg.split('\n')[0]}`, { format: this.format }, { cause: e });
  }
}

/** Options of `loadImage` beyond the limits. */
export interface LoadOptions {
  /**
   * Decoder for HEIC pixels: `undefined` uses the optional peer dependency `heic-decode` when it is installed,
   * `null` turns HEIC pixel decoding off (metadata only), a function replaces it.
   */
  heicDecoder?: HeicDecoder | null | undefined;
}

/**
 * Load an image: read (paths only regular files), sniff the format, enforce the byte limit and the declared pixel
 * limit from the header (before any pixel is decoded), hash. Decoding happens later, lazily, once.
 *
 * @throws ClaimlensError UNREADABLE_INPUT, TOO_LARGE, UNSUPPORTED_FORMAT, CORRUPT_IMAGE, INVALID_OPTIONS
 * @example
 * const img = await loadImage('claim.jpg');
 * const { width, height } = await img.pixels();
 */
export async function loadImage(input: Uint8Array | string, limits: Required<Limits> = DEFAULT_LIMITS, what = 'claim', options: LoadOptions = {}): Promise<LoadedImage> {
  const { bytes, path } = await readInput(input, limits.maxBytes, what);
  const sniff = sniffFormat(bytes);
  if (sniff.format === null) {
    throw new ClaimlensError(
      'UNSUPPORTED_FORMAT',
      `${what}: not a supported image (the bytes look like ${sniff.looksLike}); supported: JPEG, PNG, WebP, GIF, TIFF, AVIF, HEIC (metadata only)`,
      { looksLike: sniff.looksLike, ...(path ? { path } : {}) },
    );
  }
  const header = await readHeader(bytes, sniff.format, what);
  if (header.width * header.height > limits.maxPixels) {
    throw new ClaimlensError(
      'TOO_LARGE',
      `${what}: the header declares ${header.width}×${header.height} = ${header.width * header.height} pixels, over the limit of ${limits.maxPixels}`,
      { limit: limits.maxPixels, actual: header.width * header.height, width: header.width, height: header.height },
    );
  }
  const heicDecoder = sniff.format === 'heic' ? (options.heicDecoder === undefined ? await optionalHeicDecoder() : options.heicDecoder) : null;
  return new LoadedImage({ bytes, format: sniff.format, header, ...(path ? { path } : {}), limits, heicDecoder });
}

async function readHeader(bytes: Uint8Array, format: ImageFormat, what: string): Promise<ImageHeader> {
  try {
    // sharp's metadata() reads headers only; it does not decode pixels.
    const m = await sharp(bytes, { limitInputPixels: false, failOn: 'none' }).metadata();
    if (!m.width || !m.height) throw new Error('no dimensions in the header');
    return {
      width: m.width,
      height: m.height,
      // HEIF displays through its irot/imir properties (ISO/IEC 23008-12), which libheif applies when decoding; an
      // EXIF Orientation tag in a HEIC is informational and must not rotate the pixels a second time.
      orientation: format !== 'heic' && m.orientation && m.orientation >= 1 && m.orientation <= 8 ? m.orientation : 1,
      pages: m.pages ?? 1,
      hasAlpha: Boolean(m.hasAlpha),
    };
  } catch (e) {
    if (format === 'heic') {
      // HEVC HEIC: sharp may not even parse it; the metadata-only detectors still can.
      return { width: 0, height: 0, orientation: 1, pages: 1, hasAlpha: false };
    }
    const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new ClaimlensError('CORRUPT_IMAGE', `${what}: the ${format.toUpperCase()} header cannot be read: ${msg}`, { format }, { cause: e });
  }
}
