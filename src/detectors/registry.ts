/**
 * The registry of built-in detectors: one line per detector, in default order. Everything else that must know the
 * detectors (the `detectors` factories, the message catalog, report labels, the fusion's code keys, the public
 * `DetectorName` and `SignalCode` types and `SIGNAL_CODES`) is derived from these entries.
 */
import { catalogDetector } from './catalog';
import { editsDetector } from './edits';
import { elaDetector } from './ela';
import { jpegDetector } from './jpeg';
import { marksDetector } from './marks';
import { metadataDetector } from './metadata';
import { noiseDetector } from './noise';
import { provenanceDetector } from './provenance';

/** The built-in detectors, in default (report) order. */
export const BUILTIN_DETECTORS = [
  metadataDetector,
  provenanceDetector,
  catalogDetector,
  elaDetector,
  jpegDetector,
  editsDetector,
  noiseDetector,
  marksDetector,
] as const;

type Entry = (typeof BUILTIN_DETECTORS)[number];

/** Name of a built-in detector: 'metadata' | 'provenance' | 'catalog' | 'ela' | 'jpeg' | 'edits' | 'noise' | 'marks'. */
export type DetectorName = Entry['descriptor']['name'];

/** Every signal code the built-in detectors can emit (the union of their descriptors' `codes`). */
export type SignalCode = Entry['descriptor']['codes'][number];

/** The factories of the built-in detectors, by name. */
export type DetectorFactories = { readonly [E in Entry as E['descriptor']['name']]: E['create'] };

/** Names of the built-in detectors, in default order. */
export const BUILTIN_DETECTOR_NAMES: readonly DetectorName[] = BUILTIN_DETECTORS.map((e) => e.descriptor.name);

/** Names of the detectors `inspect` runs when none are given: every built-in one except the opt-in ones (`optIn`). */
export const DEFAULT_DETECTOR_NAMES: readonly DetectorName[] = BUILTIN_DETECTORS.filter((e) => !('optIn' in e.descriptor)).map((e) => e.descriptor.name);

/** Every signal code the built-in detectors can emit, as a runtime list (same order as the registry). */
export const SIGNAL_CODES: readonly SignalCode[] = BUILTIN_DETECTORS.flatMap((e): readonly SignalCode[] => e.descriptor.codes);

/** Factories of the built-in detectors: `detectors.ela({ quality: 90 })`. */
export const detectors: DetectorFactories = Object.freeze(Object.fromEntries(BUILTIN_DETECTORS.map((e) => [e.descriptor.name, e.create]))) as DetectorFactories;

/** The descriptors of the built-in detectors, in default order. */
export const DESCRIPTORS = BUILTIN_DETECTORS.map((e) => e.descriptor);
