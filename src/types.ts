/**
 * Public types of claimlens. These are the reference documentation of the API: every field says what it
 * means, its unit and its default. The shapes follow the API contract in DESIGN.md.
 */
import type { CatalogFingerprint } from './catalog-fingerprint';
import type { DetectorOf, DetectorResultOf, SignalOf } from './contract';
import type { DetectorName, SignalCode } from './detectors/registry';
import type { SignalDetails } from './signal-details';
import type { DetectorStatus, ImageFormat, ImageInput, Limits, Locale, Risk, Thresholds } from './primitives';

import type { HeicDecoder } from './loader/heic';

export type { CatalogFingerprint, HeicDecoder };
export type * from './primitives';
export type { CatalogReference, ContextDate, DetectorOf, DetectorResultOf, NormalizedContext, SignalOf, Subject } from './contract';

export type { DetectorName, SignalCode };
export type { AigcLabelDetails, CalibratedDetails, CatalogMatchDetails, SignalDetails, SignalDetailsMap, VisibleMarkDetails } from './signal-details';

/**
 * Name of a detector written outside claimlens. Custom detectors name themselves `x-<name>` and their codes
 * `x-<name>.<finding>`, so that their signals type-check while a misspelt built-in name or code does not
 * (docs/adding-a-detector.md). The runtime does not enforce the prefix.
 */
export type CustomDetectorName = `x-${string}`;

/** Signal code of a custom detector: `x-<name>.<finding>` (see `CustomDetectorName`). */
export type CustomSignalCode = `x-${string}`;

/**
 * One finding of one detector (see `SignalOf` for every field): a discriminated union on `code`, so that
 * `details` is typed for the codes in `SignalDetailsMap` (`if (s.code === 'catalog.derived-edit') s.details?.similarity`).
 */
export type Signal =
  | { [C in SignalCode]: Omit<SignalOf<DetectorName, C>, 'details'> & { details?: SignalDetails<C> } }[SignalCode]
  | SignalOf<CustomDetectorName, CustomSignalCode>;

/** A signal as a detector hands it back: the same fields, with `details` not yet narrowed by code. */
export type DetectorSignal = SignalOf<DetectorName | CustomDetectorName, SignalCode | CustomSignalCode>;

/** What a detector hands back. */
export type DetectorResult = DetectorResultOf<DetectorSignal>;

/** A detector: independent, returns signals. Built-in ones are made by the factories in `detectors`. */
export type Detector = DetectorOf<DetectorSignal>;

/** What one detector did during one inspection. */
export interface DetectorReport {
  /** Detector name. */
  name: string;
  /**
   * `ok`: ran and its signals (possibly none) are meaningful; `skipped`: had nothing to do (e.g. no catalog);
   * `inconclusive`: ran but the input does not allow a reliable answer (tiny image, lossless render…);
   * `error`: failed or timed out; the other detectors still ran.
   */
  status: DetectorStatus;
  /** Wall-clock milliseconds spent in the detector. */
  ms: number;
  /** Why it was skipped, inconclusive or failed (localised). */
  reason?: string;
  /** Detector-specific summary data (e.g. the C2PA manifest summary), JSON-serialisable. */
  details?: Record<string, unknown>;
}

/** Facts about the claim image file. */
export interface ImageInfo {
  /** Container format from the magic bytes. */
  format: ImageFormat;
  /** Width in pixels, after EXIF orientation. */
  width: number;
  /** Height in pixels, after EXIF orientation. */
  height: number;
  /** File size in bytes. */
  bytes: number;
  /** Lower-case hex SHA-256 of the file bytes. */
  sha256: string;
}

/**
 * Which evidence the inspection could examine. Each flag is true when at least one detector that declares that
 * evidence (`Detector.examines`) finished with status `ok`; `skipped`, `inconclusive` and `error` do not count.
 */
export interface Coverage {
  /**
   * The claim was decoded to pixels and a detector that looks for manipulation in them (ela, noise, marks) ran.
   * False for a HEIC without a decoder, an image whose decode failed, or an inspector without pixel detectors.
   * When false, `risk` is never `low`.
   */
  pixels: boolean;
  /** EXIF/XMP/IPTC were read and checked (the metadata detector ran; a file without any metadata counts: its absence was examined). */
  metadata: boolean;
  /** Content credentials and AI labels were looked for (the provenance detector ran: C2PA, GB 45438 label, IPTC source type, generator signatures). */
  provenance: boolean;
  /** The claim was compared with at least one usable catalog photo or fingerprint (false when no catalog was given). */
  catalog: boolean;
}

/** The result of an inspection. */
export interface Verdict {
  /** 0..1: probability-like risk that the photo is fabricated or manipulated evidence. */
  score: number;
  /**
   * Band of `score` under the inspector's thresholds (defaults 0.3 / 0.7). Never `low` when `coverage.pixels` is
   * false: then `score` is raised to the medium threshold and `summary` says why.
   */
  risk: Risk;
  /** One sentence in the requested locale naming the decisive evidence. */
  summary: string;
  /** Every finding, strongest |weight| first. */
  signals: Signal[];
  /** One report per detector, in the order the detectors were configured. */
  detectors: DetectorReport[];
  /** The claim file. */
  image: ImageInfo;
  /** Which evidence could be examined. */
  coverage: Coverage;
  /** PNG images for a reviewer (e.g. `ela`, `catalogDiff`, `noise`), only when `artifacts: true` was asked. */
  artifacts?: Record<string, Uint8Array>;
  /** claimlens version that produced the verdict. */
  version: string;
}

/** Dates of the order, as given by the platform. ISO 8601 strings (with or without offset), `Date`s or epoch ms. */
export interface ClaimContext {
  /** When the buyer ordered. */
  orderedAt?: string | Date | number;
  /** When the goods were delivered. A photo of the damage cannot be older than this. */
  deliveredAt?: string | Date | number;
  /** When the claim was filed. A photo of the damage cannot be newer than this. */
  claimedAt?: string | Date | number;
  /**
   * Offset of the buyer's local time from UTC, in minutes (e.g. 480 for China Standard Time). Used to read
   * camera dates that carry no offset of their own. When absent, such dates are compared with a ±14 h margin.
   */
  timezoneOffsetMinutes?: number;
}

/** A catalog entry: a seller's reference photo (bytes or path) or a stored fingerprint of one. */
export type CatalogInput = ImageInput | CatalogFingerprint;

/** Per-inspection options. */
export interface InspectOptions {
  /** Seller reference photos (listing photos, packing photos): images or `CatalogFingerprint`s. */
  catalog?: CatalogInput[];
  /** Order dates, compared with the capture date. */
  context?: ClaimContext;
  /** Language of messages. @default 'en' */
  locale?: Locale;
  /** Produce PNG artifacts (heatmaps, change maps) in `verdict.artifacts`. @default false */
  artifacts?: boolean;
  /** Abort the inspection (detectors still running report `error`). */
  signal?: AbortSignal;
}

/** Options fixed for an inspector. */
export interface InspectorOptions {
  /** Detectors to run, in report order. @default every built-in detector with default options */
  detectors?: Detector[];
  /** Risk thresholds. */
  thresholds?: Thresholds;
  /** Input limits. */
  limits?: Limits;
  /** Log-odds prior added before the signal weights. @default the fitted prior in fusion/weights.ts */
  prior?: number;
  /** Time budget per detector in milliseconds; a detector over budget reports `error`. @default 30000 */
  detectorTimeoutMs?: number;
  /**
   * Decoder for HEIC/HEIF pixels (claim and catalog photos). `undefined`: the optional peer dependency
   * `heic-decode` when it is installed (`npm install heic-decode`), else HEIC is examined without its pixels;
   * `null`: never decode HEIC pixels; a function: your own decoder.
   * @default undefined
   */
  heicDecoder?: HeicDecoder | null;
  /** Defaults merged under every `inspect` call's options. */
  defaults?: InspectOptions;
}

