import type { Detector } from '../../types';

/** Options of the ela detector. */
export type ElaOptions = Record<string, never>;

/**
 * The ela detector (placeholder until its issue lands: reports `skipped`).
 */
export function ela(options: ElaOptions = {}): Detector {
  void options;
  return {
    name: 'ela',
    run: () => Promise.resolve({ signals: [], status: 'skipped', reason: 'not implemented yet' }),
  };
}
