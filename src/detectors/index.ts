/**
 * The built-in detectors, one factory per folder, listed once in registry.ts. Each factory validates its own
 * options and returns a `Detector`; pass them to `createInspector({ detectors: [...] })` to choose and configure.
 */
import type { Detector } from '../types';
import { BUILTIN_DETECTORS } from './registry';

export { BUILTIN_DETECTOR_NAMES, DEFAULT_DETECTOR_NAMES, detectors, SIGNAL_CODES } from './registry';
export type { DetectorFactories, DetectorName, SignalCode } from './registry';

/** A fresh instance of every built-in detector of the default set (opt-in ones left out) with default options, in default order. */
export function builtinDetectors(): Detector[] {
  return BUILTIN_DETECTORS.filter((e) => !('optIn' in e.descriptor)).map((e) => e.create());
}
