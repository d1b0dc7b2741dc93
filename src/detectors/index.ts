/**
 * The built-in detectors, one factory per folder. Each factory validates its own options and returns a
 * `Detector`; pass them to `createInspector({ detectors: [...] })` to choose and configure.
 */
import type { DetectorOf as Detector } from '../contract';
import { metadata } from './metadata';
import { provenance } from './provenance';
import { catalog } from './catalog';
import { ela } from './ela';
import { jpeg } from './jpeg';
import { noise } from './noise';
import { marks } from './marks';

/** Factories of the built-in detectors. */
export const detectors = { metadata, provenance, catalog, ela, jpeg, noise, marks } as const;

/** Names of the built-in detectors, in default order. */
export const BUILTIN_DETECTOR_NAMES = ['metadata', 'provenance', 'catalog', 'ela', 'jpeg', 'noise', 'marks'] as const;

/** A fresh instance of every built-in detector with default options, in default order. */
export function builtinDetectors(): Detector[] {
  return BUILTIN_DETECTOR_NAMES.map((n) => detectors[n]());
}
