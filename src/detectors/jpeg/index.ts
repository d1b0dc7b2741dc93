import type { Detector } from '../../types';

/** Options of the jpeg detector. */
export type JpegOptions = Record<string, never>;

/**
 * The jpeg detector (placeholder until its issue lands: reports `skipped`).
 */
export function jpeg(options: JpegOptions = {}): Detector {
  void options;
  return {
    name: 'jpeg',
    run: () => Promise.resolve({ signals: [], status: 'skipped', reason: 'not implemented yet' }),
  };
}
