import type { Detector } from '../../types';

/** Options of the provenance detector. */
export type ProvenanceOptions = Record<string, never>;

/**
 * The provenance detector (placeholder until its issue lands: reports `skipped`).
 */
export function provenance(options: ProvenanceOptions = {}): Detector {
  void options;
  return {
    name: 'provenance',
    run: () => Promise.resolve({ signals: [], status: 'skipped', reason: 'not implemented yet' }),
  };
}
