/**
 * The contract between the inspector and a detector: what a detector reads (`Subject`) and hands back. Kept apart
 * from `types.ts` so that the detectors, which the public types derive their code unions from, do not import them
 * back (no import cycles); `types.ts` re-exports everything here.
 */
import type { CatalogFingerprint } from './catalog-fingerprint';
import type { DetectorStatus, Evidence, Locale, Region, Strength } from './primitives';
import type { LoadedImage } from './loader/image';


/** A parsed context date: epoch milliseconds plus the value as given. */
export interface ContextDate {
  /** Milliseconds since the epoch (UTC). */
  ms: number;
  /** The value as the caller gave it, for messages. */
  input: string;
  /** Whether the given value carried an explicit UTC offset (`Z`, `+08:00`, a Date or epoch ms do). */
  hasOffset: boolean;
}

/** `ClaimContext` after validation. */
export interface NormalizedContext {
  orderedAt?: ContextDate;
  deliveredAt?: ContextDate;
  claimedAt?: ContextDate;
  timezoneOffsetMinutes?: number;
}

/** A catalog reference at inspection time: a loaded image (full change map possible) or a stored fingerprint. */
export type CatalogReference =
  | { kind: 'image'; index: number; image: LoadedImage }
  | { kind: 'fingerprint'; index: number; fingerprint: CatalogFingerprint };

/** Everything a detector may read. Detectors never do their own I/O or decoding. */
export interface Subject {
  /** The loaded claim image (bytes, format, lazy shared decode, metadata, container segments). */
  image: LoadedImage;
  /** Seller references, loaded lazily with the same limits as the claim. */
  catalog: CatalogReference[];
  /** Validated order dates. */
  context: NormalizedContext;
  /** Language of messages. */
  locale: Locale;
  /** Whether PNG artifacts were requested. */
  artifacts: boolean;
  /** Aborted when the detector's time budget runs out or the caller aborts. Long loops should check it. */
  signal: AbortSignal;
}

/**
 * One finding of one detector, generic in its detector name and code so that each built-in detector types its own
 * codes; the public `Signal` (types.ts) is this with the unions of every built-in name and code.
 */
export interface SignalOf<D extends string = string, C extends string = string> {
  /** The detector that produced it, e.g. `'metadata'`. */
  detector: D;
  /** Stable identifier, namespaced by detector, e.g. `'provenance.aigc-label'`. Platforms write rules against it. */
  code: C;
  /** Log-odds contribution to the score: > 0 is evidence of fabrication, < 0 evidence of authenticity. */
  weight: number;
  /** How much the finding says on its own. */
  strength: Strength;
  /** Localised explanation for a human reviewer. */
  message: string;
  /** The evidence (tag names and values, measured statistics). JSON-serialisable. */
  details?: Record<string, unknown>;
  /** Where in the claim image the finding is, in claim-image pixels. */
  region?: Region;
}

/** What a detector hands back (generic in its signal type; the public `DetectorResult` is `DetectorResultOf<Signal>`). */
export interface DetectorResultOf<S extends SignalOf = SignalOf> {
  /** Findings, in any order. */
  signals: S[];
  /** @default 'ok' */
  status?: Exclude<DetectorStatus, 'error'>;
  /** Why skipped or inconclusive (localised). */
  reason?: string;
  /** PNG artifacts keyed by name, only when `subject.artifacts` is true. */
  artifacts?: Record<string, Uint8Array>;
  /** Detector-specific summary for the report, JSON-serialisable. */
  details?: Record<string, unknown>;
}

/** A detector: independent, returns signals (generic in its signal type; the public `Detector` is `DetectorOf<Signal>`). */
export interface DetectorOf<S extends SignalOf = SignalOf> {
  /** Unique name, also the namespace of its signal codes. */
  readonly name: string;
  /**
   * Whether the detector reads `subject.catalog`. Catalog photos are loaded (and their load errors reported) only
   * for detectors that say so. @default false
   */
  readonly readsCatalog?: boolean;
  /** The evidence the detector examines when it finishes with status `ok` (`verdict.coverage`). @default [] */
  readonly examines?: readonly Evidence[];
  /** Inspect the subject. May throw: the inspector turns a throw into `status: 'error'`. */
  run(subject: Subject): Promise<DetectorResultOf<S>>;
}
