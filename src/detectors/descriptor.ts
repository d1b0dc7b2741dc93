/**
 * The detector descriptor: everything the rest of the library needs to know about a built-in detector, in one
 * object next to its code (exifr's segment-parser registry, made typed). The registry (registry.ts) lists one
 * `BuiltinDetector` per detector; messages, report labels, fusion and the public `SignalCode`/`DetectorName` types
 * are derived from it, so adding a detector is one folder and one registry line (docs/adding-a-detector.md).
 */
import type { DetectorOf, DetectorResultOf, SignalOf } from '../contract';
import type { MessageTable } from '../messages/types';
import type { Locale, Strength } from '../primitives';

/** A starting weight (log-odds, > 0 fabrication) and why it has its value (a bench run, a spec clause, a paper). */
export interface WeightEntry {
  readonly weight: number;
  readonly reason: string;
}

/** A detector's named starting weights. */
export type WeightTable = Readonly<Record<string, WeightEntry>>;

/**
 * Where `strengthOf` cuts |weight|: at or above `strong` a finding is `strong`, at or above `conclusive` it is
 * `conclusive`, below `strong` a `hint`.
 */
export interface StrengthCuts {
  readonly strong: number;
  readonly conclusive: number;
}

/**
 * The library-wide cuts: |weight| ≥ 1 (a likelihood ratio of e ≈ 2.7) is strong, ≥ 5 (≈ 150) conclusive. They
 * reproduce the mappings the detectors had before the descriptor (v0.1: metadata and jpeg cut at 1; provenance and
 * marks were conclusive at 5).
 */
export const DEFAULT_STRENGTH_CUTS: StrengthCuts = { strong: 1, conclusive: 5 };

/** Artifact name → its label in the reviewer report, per locale. */
export type ArtifactLabels = Readonly<Record<string, Readonly<Record<Locale, string>>>>;

/** What a built-in detector declares about itself. */
export interface DetectorDescriptor<N extends string = string, C extends string = string, W extends WeightTable = WeightTable> {
  /** Detector name, also the namespace of its codes. */
  readonly name: N;
  /** Every signal code the detector can emit (`<name>.<finding>`), `as const`: the public `SignalCode` is their union. */
  readonly codes: readonly C[];
  /** Its messages (signal codes, reasons, words), en and zh-CN. */
  readonly messages: MessageTable;
  /** Labels of the PNG artifacts it can produce. */
  readonly artifacts: ArtifactLabels;
  /** Its named starting weights, each with the reason for its value. */
  readonly weights: W;
  /** Its strength cuts when they differ from `DEFAULT_STRENGTH_CUTS`, with the reason. */
  readonly strength?: Partial<StrengthCuts> & { readonly reason: string };
  /** Whether it reads `subject.catalog` (catalog photos are loaded only for such detectors). */
  readonly readsCatalog?: boolean;
  /**
   * Set, to the reason (a bench run), when the detector is left out of the default set: `inspect` without
   * `detectors` does not run it; `detectors.<name>()`, `--detectors <name>` and the pool's `detectors` still do.
   */
  readonly optIn?: string;
}

/** Declare a descriptor, keeping its name, codes and weight keys as literal types. */
export function defineDetector<const N extends string, const C extends string, const W extends WeightTable>(d: DetectorDescriptor<N, C, W>): DetectorDescriptor<N, C, W> {
  return d;
}

/** The signal type of a descriptor's detector. */
export type SignalFor<D extends DetectorDescriptor> = SignalOf<D['name'], D['codes'][number]>;

/** What a descriptor's detector hands back. */
export type ResultFor<D extends DetectorDescriptor> = DetectorResultOf<SignalFor<D>>;

/** The detector type a descriptor's factory returns. */
export type DetectorFor<D extends DetectorDescriptor> = DetectorOf<SignalFor<D>>;

/** A registry entry: the descriptor and the factory (which validates its options at creation). */
export interface BuiltinDetector<D extends DetectorDescriptor = DetectorDescriptor, F extends (options?: never) => DetectorFor<D> = (options?: never) => DetectorFor<D>> {
  readonly descriptor: D;
  readonly create: F;
}

/** The starting weights of a table as plain numbers, for the detector's arithmetic. */
export function weightsOf<W extends WeightTable>(table: W): { readonly [K in keyof W]: number } {
  const out: Record<string, number> = {};
  for (const [k, e] of Object.entries(table)) out[k] = e.weight;
  return out as { readonly [K in keyof W]: number };
}

const RANK: Readonly<Record<Strength, number>> = { hint: 0, strong: 1, conclusive: 2 };
const BY_RANK: readonly Strength[] = ['hint', 'strong', 'conclusive'];

/** Limits a finding's evidence puts on the strength its weight would give (e.g. a name found in free text stays a hint). */
export interface StrengthBounds {
  atMost?: Strength;
  atLeast?: Strength;
}

/**
 * The one mapping from weight to strength: |weight| against the cuts, then clamped to `bounds`. Authenticity
 * (negative) weights map by magnitude like fabrication weights.
 */
export function strengthOf(weight: number, cuts: StrengthCuts = DEFAULT_STRENGTH_CUTS, bounds: StrengthBounds = {}): Strength {
  const w = Math.abs(weight);
  let r = w >= cuts.conclusive ? 2 : w >= cuts.strong ? 1 : 0;
  if (bounds.atMost) r = Math.min(r, RANK[bounds.atMost]);
  if (bounds.atLeast) r = Math.max(r, RANK[bounds.atLeast]);
  return BY_RANK[r];
}

/** A descriptor's strength cuts (its own where given, the defaults otherwise). */
export function cutsOf(d: DetectorDescriptor): StrengthCuts {
  return { strong: d.strength?.strong ?? DEFAULT_STRENGTH_CUTS.strong, conclusive: d.strength?.conclusive ?? DEFAULT_STRENGTH_CUTS.conclusive };
}
