import { bmvbhash } from 'blockhash-core';
import { DEFAULT_LIMITS, loadImage, type LoadedImage } from '../../loader/image';
import { orderStatistic } from '../../pixels/stats';
import { fitInside, lumaPlane, resizeBilinear, resizePlane, resizeRaw, toPlane, type Plane } from '../../pixels/resample';
import type { ImageInput, Limits } from '../../primitives';
import type { HeicDecoder } from '../../loader/heic';
import { FINGERPRINT_VERSION, isFingerprintV2, type CatalogFingerprintV1, type CatalogFingerprintV2, type FingerprintRaster } from './fingerprint-types';
import { catalogPalette, type PaletteColour } from './palette';
import { reducedFactor, SOURCE_FACTOR } from './views';
import type { RawImage } from '../../pixels/types';

/** Long side of the luma thumbnail: 64 px keeps the JSON under 8 KB (64×64 bytes = 5.5 KB of base64). */
export const THUMB_SIDE = 64;
/** Long side of the chroma thumbnail. */
const CHROMA_SIDE = 16;
/** Long side the blockhash is computed on (as the fixture audit's baseline does, so the numbers compare). */
const HASH_SIDE = 256;

/** Options of `fingerprint()`. */
export interface FingerprintOptions {
  /** Byte and pixel limits for loading the image. @default 50 MiB, 100 MP */
  limits?: Limits;
  /** Decoder for HEIC pixels, as in `InspectorOptions.heicDecoder`. @default the optional heic-decode when installed */
  heicDecoder?: HeicDecoder | null;
}

/**
 * Fingerprint a seller's catalog photo once, at listing time; store the JSON (about 7 KB) and pass it back in
 * `catalog` at claim time. A fingerprint lets the catalog detector decide reuse / derived / new photo and map
 * large changes; a full image gives the finer change map.
 *
 * @throws ClaimlensError UNREADABLE_INPUT, UNSUPPORTED_FORMAT, TOO_LARGE, CORRUPT_IMAGE
 * @example
 * const fp = await fingerprint('listing.jpg');
 * await db.save(JSON.stringify(fp));
 * const verdict = await inspect(claim, { catalog: [JSON.parse(saved)] });
 */
export async function fingerprint(image: ImageInput, options: FingerprintOptions = {}): Promise<CatalogFingerprintV2> {
  const limits = { ...DEFAULT_LIMITS, ...(options.limits ?? {}) };
  const loaded = await loadImage(image, limits, 'fingerprint', { heicDecoder: options.heicDecoder });
  return fingerprintOf(loaded);
}

/** The fingerprint of an already loaded image, memoised on it (the detector fingerprints image catalog entries too). */
export function fingerprintOf(img: LoadedImage): Promise<CatalogFingerprintV2> {
  return img.derive('catalog:fingerprint', async () => {
    const { source, width, height } = await fingerprintSource(img);
    // One area pass to the hash size, the thumbnails from that: same result within rounding.
    const h = fitInside(width, height, HASH_SIDE);
    const hashPlane = resizeRaw(source, h.width, h.height);
    const t = fitInside(width, height, THUMB_SIDE);
    const small = resizePlane(hashPlane, t.width, t.height);
    const c = fitInside(width, height, CHROMA_SIDE);
    const fp: CatalogFingerprintV2 = {
      kind: 'claimlens/catalog-fingerprint',
      version: FINGERPRINT_VERSION,
      width,
      height,
      sha256: img.sha256,
      thumb: raster(lumaPlane(small)),
      chroma: raster(chromaPlane(resizePlane(small, c.width, c.height))),
      blockhash: blockhashOf(hashPlane),
      histogram: Buffer.from(colourHistogram(small, true)).toString('base64'),
      palette: catalogPalette(small).map((c) => [round1(c.L), round1(c.a), round1(c.b), Math.round(c.share * 1000) / 1000]),
    };
    return fp;
  });
}

/**
 * The pixels a fingerprint is made from, and the oriented full size they stand for. A large JPEG is not decoded in
 * full: libjpeg's DCT-domain scaling (`reduced`, 0.47–0.58× the CPU of a full decode) gives it at 1/8 or 1/4, the
 * smallest scale still at least SOURCE_FACTOR × HASH_SIDE px long. Every other picture is area-averaged from its
 * decode, exactly as before (a libvips intermediate moved one re-encoded camera photo's palette by 9.7 ΔE00:
 * docs/catalog.md, "Large photos").
 */
async function fingerprintSource(img: LoadedImage): Promise<{ source: RawImage; width: number; height: number }> {
  const factor = reducedFactor(img, SOURCE_FACTOR * HASH_SIDE);
  if (factor) return { source: await img.reduced(factor), width: img.width, height: img.height };
  const px = await img.pixels();
  return { source: px, width: px.width, height: px.height };
}

/** A fingerprint's payload as planes, ready for alignment. */
export interface DecodedFingerprint {
  /** Luma thumbnail. */
  thumb: Plane;
  /** Cb/Cr thumbnail. */
  chroma: Plane;
  /** Foreground colour histogram, 64 bins summing to about 1. */
  histogram: Float32Array;
  /** Product palette (stored in version 2, rebuilt from the thumbnails for version 1). */
  palette: PaletteColour[];
  /** How far `palette` may be from the photo's true palette, ΔE00 (0 when stored; see V1_PALETTE_ERROR). */
  paletteError: number;
  blockhash: string;
  /** Full-size dimensions the thumbnails stand for. */
  width: number;
  height: number;
}

/** Decode a (validated) version-1 or version-2 fingerprint. */
export function decodeFingerprint(fp: CatalogFingerprintV1 | CatalogFingerprintV2): DecodedFingerprint {
  const plane = (r: FingerprintRaster): Plane => {
    const bytes = Buffer.from(r.data, 'base64');
    return toPlane(new Uint8Array(bytes.buffer, bytes.byteOffset, r.width * r.height * r.channels), r.width, r.height, r.channels);
  };
  const hb = Buffer.from(fp.histogram, 'base64');
  const histogram = new Float32Array(64);
  for (let i = 0; i < 64 && i < hb.length; i++) histogram[i] = hb[i] / 255;
  const thumb = plane(fp.thumb);
  const chroma = plane(fp.chroma);
  const stored = isFingerprintV2(fp);
  const palette = stored ? fp.palette.map(([L, a, b, share]) => ({ L, a, b, share })) : catalogPalette(rgbFromThumbnails(thumb, chroma));
  return { thumb, chroma, histogram, palette, paletteError: stored ? 0 : V1_PALETTE_ERROR, blockhash: fp.blockhash, width: fp.width, height: fp.height };
}

/**
 * Product distance (ΔE00) between a palette rebuilt from version-1 thumbnails and the palette version 2 stores for
 * the same photo: about the 90th percentile over the catalog photos of the product sets (`v1Palette` in
 * bench/out/product.json; see docs/catalog.md). The 16-px chroma mixes the product's edges with the backdrop.
 */
export const V1_PALETTE_ERROR = 9;

const round1 = (x: number): number => Math.round(x * 10) / 10;

/**
 * RGB at the luma thumbnail's size from a version-1 fingerprint's luma and Cb/Cr thumbnails (chroma interpolated
 * bilinearly, inverse ITU-R BT.601): what a fingerprint stored before palettes existed still says about the
 * product's colours.
 */
export function rgbFromThumbnails(thumb: Plane, chroma: Plane): Plane {
  const c = resizeBilinear(chroma, thumb.width, thumb.height);
  const n = thumb.width * thumb.height;
  const out = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) {
    const Y = thumb.data[i];
    const cb = c.data[i * 2] - 128;
    const cr = c.data[i * 2 + 1] - 128;
    out[i * 3] = Y + 1.402 * cr;
    out[i * 3 + 1] = Y - 0.344136 * cb - 0.714136 * cr;
    out[i * 3 + 2] = Y + 1.772 * cb;
  }
  return { data: out, width: thumb.width, height: thumb.height, channels: 3 };
}

function raster(p: Plane): FingerprintRaster {
  const bytes = new Uint8Array(p.data.length);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.max(0, Math.min(255, Math.round(p.data[i])));
  return { width: p.width, height: p.height, channels: p.channels, data: Buffer.from(bytes).toString('base64') };
}

/** Cb/Cr (ITU-R BT.601, offset 128) of an RGB plane. */
export function chromaPlane(p: Plane): Plane {
  const n = p.width * p.height;
  const out = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    const r = p.data[i * 3];
    const g = p.data[i * 3 + 1];
    const b = p.data[i * 3 + 2];
    out[i * 2] = 128 - 0.168736 * r - 0.331264 * g + 0.5 * b;
    out[i * 2 + 1] = 128 + 0.5 * r - 0.418688 * g - 0.081312 * b;
  }
  return { data: out, width: p.width, height: p.height, channels: 2 };
}

/** blockhash-core 256-bit hash (Yang, Gu and Niu 2006 block-mean-value hash) of an RGB plane. */
export function blockhashOf(p: Plane): string {
  const n = p.width * p.height;
  const rgba = new Uint8Array(n * 4);
  for (let i = 0; i < n; i++) {
    rgba[i * 4] = p.data[i * 3];
    rgba[i * 4 + 1] = p.data[i * 3 + 1];
    rgba[i * 4 + 2] = p.data[i * 3 + 2];
    rgba[i * 4 + 3] = 255;
  }
  return bmvbhash({ width: p.width, height: p.height, data: rgba }, 16);
}

/**
 * 4×4×4 RGB histogram, each bin quantised to 0–255 of the total. With `foreground`, pixels close to the border's
 * median colour (the studio backdrop of a catalog photo) are left out, so the histogram describes the product.
 */
export function colourHistogram(p: Plane, foreground: boolean): Uint8Array {
  const { width: w, height: h, data } = p;
  let bg: [number, number, number] | null = null;
  if (foreground) {
    const border: number[][] = [[], [], []];
    for (let x = 0; x < w; x++) for (const y of [0, h - 1]) for (let c = 0; c < 3; c++) border[c].push(data[(y * w + x) * 3 + c]);
    for (let y = 0; y < h; y++) for (const x of [0, w - 1]) for (let c = 0; c < 3; c++) border[c].push(data[(y * w + x) * 3 + c]);
    const med = (a: number[]): number => orderStatistic(a, a.length >> 1);
    bg = [med(border[0]), med(border[1]), med(border[2])];
  }
  const count = (skipBg: boolean): Float64Array => {
    const hist = new Float64Array(64);
    for (let i = 0; i < w * h; i++) {
      const r = data[i * 3];
      const g = data[i * 3 + 1];
      const b = data[i * 3 + 2];
      // 40 levels of colour distance: well above JPEG noise on a flat backdrop, below any product colour step.
      if (skipBg && bg && Math.abs(r - bg[0]) + Math.abs(g - bg[1]) + Math.abs(b - bg[2]) < 40) continue;
      hist[(Math.min(3, r >> 6) << 4) | (Math.min(3, g >> 6) << 2) | Math.min(3, b >> 6)]++;
    }
    return hist;
  };
  let hist = count(foreground);
  let total = hist.reduce((a, b) => a + b, 0);
  // A photo with no backdrop (or almost only backdrop) is described whole.
  if (total < 0.1 * w * h) {
    hist = count(false);
    total = w * h;
  }
  const out = new Uint8Array(64);
  for (let i = 0; i < 64; i++) out[i] = Math.round((255 * hist[i]) / Math.max(1, total));
  return out;
}
