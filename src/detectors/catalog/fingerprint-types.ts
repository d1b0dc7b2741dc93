export { isCatalogFingerprint, type CatalogFingerprint } from '../../catalog-fingerprint';
import type { CatalogFingerprint } from '../../catalog-fingerprint';

/** Current fingerprint format version written by `fingerprint()`. */
export const FINGERPRINT_VERSION = 1 as const;

/** A small raster stored in a fingerprint: 8-bit samples, row-major, interleaved, base64. */
export interface FingerprintRaster {
  width: number;
  height: number;
  /** Samples per pixel (1 = luma, 2 = Cb/Cr). */
  channels: number;
  /** base64 of width × height × channels bytes. */
  data: string;
}

/** Version 1 payload: what the catalog detector needs to align and compare without the original photo. */
export interface CatalogFingerprintV1 extends CatalogFingerprint {
  version: 1;
  /** Luma thumbnail, long side 64 px (area-averaged): coarse alignment and a coarse change map. */
  thumb: FingerprintRaster;
  /** Cb/Cr thumbnail, long side 16 px. */
  chroma: FingerprintRaster;
  /** blockhash-core 16×16 (256-bit) hash, hex: quick identity check of uncropped re-uploads. */
  blockhash: string;
  /** Colour histogram of the foreground (4×4×4 RGB bins, each 0–255 = share of the foreground × 255), base64. */
  histogram: string;
}

/** True for a version-1 fingerprint with a well-formed payload (sizes checked, so a forged JSON cannot overrun). */
export function isFingerprintV1(f: CatalogFingerprint): f is CatalogFingerprintV1 {
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
    f.version === 1 && Number.isFinite(f.width) && Number.isFinite(f.height) && f.width >= 1 && f.height >= 1 &&
    raster(r.thumb, 64) && raster(r.chroma, 16) && typeof r.blockhash === 'string' && typeof r.histogram === 'string' && r.histogram.length <= 128
  );
}
