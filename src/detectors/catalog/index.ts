import type { Detector } from '../../types';

/** Options of the catalog detector. */
export type CatalogOptions = Record<string, never>;

/**
 * The catalog detector (placeholder until its issue lands: reports `skipped`).
 */
export function catalog(options: CatalogOptions = {}): Detector {
  void options;
  return {
    name: 'catalog',
    readsCatalog: true,
    run: () => Promise.resolve({ signals: [], status: 'skipped', reason: 'not implemented yet' }),
  };
}
