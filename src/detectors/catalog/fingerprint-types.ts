export { isCatalogFingerprint, type CatalogFingerprint } from '../../catalog-fingerprint';
import type { CatalogFingerprint } from '../../catalog-fingerprint';

/**
 * Current fingerprint format version written by `fingerprint()`. Version 2 adds the product palette; version 1
 * fingerprints stored before it still load (their palette is rebuilt from the thumbnails, see `decodeFingerprint`).
 */
export const FINGERPRINT_VERSION = 2 as const;

/** A small raster stored in a fingerprint: 8-bit samples, row-major, interleaved, base64. */
export interface FingerprintRaster {
  width: number;
  height: number;
  /** Samples per pixel (1 = luma, 2 = Cb/Cr). */
  channels: number;
  /** base64 of width × height × channels bytes. */
  data: string;
}

/** The thumbnails, hash and histogram every version carries. */
export interface FingerprintThumbnails {
  /** Luma thumbnail, long side 64 px (area-averaged): coarse alignment and a coarse change map. */
  thumb: FingerprintRaster;
  /** Cb/Cr thumbnail, long side 16 px. */
  chroma: FingerprintRaster;
  /** blockhash-core 16×16 (256-bit) hash, hex: quick identity check of uncropped re-uploads. */
  blockhash: string;
  /** Colour histogram of the foreground (4×4×4 RGB bins, each 0–255 = share of the foreground × 255), base64. */
  histogram: string;
}

/** Version 1 payload: what the catalog detector needs to align and compare without the original photo. */
export interface CatalogFingerprintV1 extends CatalogFingerprint, FingerprintThumbnails {
  version: 1;
}

/** Version 2 payload: version 1 plus the product palette. */
export interface CatalogFingerprintV2 extends CatalogFingerprint, FingerprintThumbnails {
  version: 2;
  /**
   * Product palette: up to 16 colours `[L, a, b, share]` in CIELAB (D65), L 0–100, a and b ±128, share 0–1 of the
   * product region (see palette.ts), largest share first.
   */
  palette: [number, number, number, number][];
}

/** Most colours a stored palette may have (a forged JSON cannot make the comparison expensive). */
const MAX_PALETTE_COLOURS = 16;

/** True for a well-formed stored palette. */
function isPalette(x: unknown): x is [number, number, number, number][] {
  if (!Array.isArray(x) || x.length === 0 || x.length > MAX_PALETTE_COLOURS) return false;
  return x.every(
    (c) =>
      Array.isArray(c) && c.length === 4 && c.every((v) => typeof v === 'number' && Number.isFinite(v)) &&
      (c[0] as number) >= 0 && (c[0] as number) <= 100 && Math.abs(c[1] as number) <= 128 && Math.abs(c[2] as number) <= 128 && (c[3] as number) >= 0 && (c[3] as number) <= 1,
  );
}

/** True for a version-2 fingerprint with a well-formed payload. */
export function isFingerprintV2(f: CatalogFingerprint): f is CatalogFingerprintV2 {
  return f.version === 2 && hasV1Payload(f) && isPalette((f as Partial<CatalogFingerprintV2>).palette);
}

/** True for a fingerprint of a version this library reads (1 or 2) with a well-formed payload. */
export function isReadableFingerprint(f: CatalogFingerprint): f is CatalogFingerprintV1 | CatalogFingerprintV2 {
  return isFingerprintV1(f) || isFingerprintV2(f);
}

/** True for a version-1 fingerprint with a well-formed payload (sizes checked, so a forged JSON cannot overrun). */
export function isFingerprintV1(f: CatalogFingerprint): f is CatalogFingerprintV1 {
  return f.version === 1 && hasV1Payload(f);
}

/** The thumbnails, hash and histogram every version carries, well-formed. */
function hasV1Payload(f: CatalogFingerprint): boolean {
  const r = f as Partial<CatalogFingerprintV1>;
  const raster = (x: unknown, maxSide: number): boolean => {
    if (typeof x !== 'object' || x === null) return false;
    const t = x as Partial<FingerprintRaster>;
    return (
      Number.isInteger(t.width) && Number.isInteger(t.height) && Number.isInteger(t.channels) &&
      (t.width as number) >= 1 && (t.height as number) >= 1 && (t.width as number) <= maxSide && (t.height as number) <= maxSide &&
      (t.channels as number) >= 1 && (t.channels as number) <= 3 && typeof t.data === 'string' &&
      t.data.length === Math.ceil(((t.width as number) * (t.height as number) * (t.channels as number)) / 3) * 4
    );
  };
  return (
    Number.isFinite(f.width) && Number.isFinite(f.height) && f.width >= 1 && f.height >= 1 &&
    raster(r.thumb, 64) && raster(r.chroma, 16) && typeof r.blockhash === 'string' && typeof r.histogram === 'string' && r.histogram.length <= 128
  );
}
