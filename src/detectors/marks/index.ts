import type { Detector } from '../../types';

/** Options of the marks detector. */
export type MarksOptions = Record<string, never>;

/**
 * The marks detector (placeholder until its issue lands: reports `skipped`).
 */
export function marks(options: MarksOptions = {}): Detector {
  void options;
  return {
    name: 'marks',
    run: () => Promise.resolve({ signals: [], status: 'skipped', reason: 'not implemented yet' }),
  };
}
