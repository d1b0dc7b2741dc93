/**
 * The neutral home of `CatalogFingerprint`: the core (types, options, inspector) reads it without importing the catalog
 * detector; `detectors/catalog/fingerprint-types.ts` re-exports it next to the versioned payloads.
 */

/**
 * The stored form of a seller's catalog photo: made once at listing time by `fingerprint()`, kept as JSON by the
 * platform, passed back in `catalog` at claim time. Versioned so stored fingerprints stay readable.
 */
export interface CatalogFingerprint {
  /** Marks the object as a claimlens fingerprint (tells it apart from image bytes and paths). */
  kind: 'claimlens/catalog-fingerprint';
  /** Format version of the fingerprint. */
  version: number;
  /** Width of the fingerprinted image, after EXIF orientation. */
  width: number;
  /** Height of the fingerprinted image, after EXIF orientation. */
  height: number;
  /** SHA-256 of the fingerprinted file (an exact re-upload matches it). */
  sha256: string;
  /** Version-specific payload (hashes, thumbnails, palette). */
  [key: string]: unknown;
}

/** True for an object shaped like a `CatalogFingerprint` (any version). */
export function isCatalogFingerprint(v: unknown): v is CatalogFingerprint {
  if (typeof v !== 'object' || v === null || v instanceof Uint8Array) return false;
  const f = v as Record<string, unknown>;
  return f.kind === 'claimlens/catalog-fingerprint' && typeof f.version === 'number';
}
