import { ClaimlensError } from '../../errors';
import type { CatalogFingerprint } from './fingerprint-types';
import type { ImageInput } from '../../types';

/**
 * Fingerprint a seller's catalog photo once, at listing time; store the JSON and pass it back in `catalog`.
 * (Lands with the catalog detector; until then it rejects with a clear message.)
 */
export function fingerprint(image: ImageInput): Promise<CatalogFingerprint> {
  void image;
  return Promise.reject(new ClaimlensError('INVALID_OPTIONS', 'fingerprint() is not implemented yet: it lands with the catalog detector'));
}
