import type { Detector } from '../../types';

/** Options of the noise detector. */
export type NoiseOptions = Record<string, never>;

/**
 * The noise detector (placeholder until its issue lands: reports `skipped`).
 */
export function noise(options: NoiseOptions = {}): Detector {
  void options;
  return {
    name: 'noise',
    run: () => Promise.resolve({ signals: [], status: 'skipped', reason: 'not implemented yet' }),
  };
}
