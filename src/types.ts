/**
 * Public types of claimlens. These are the reference documentation of the API: every field says what it
 * means, its unit and its default. The shapes follow the API contract in DESIGN.md.
 */
import type { LoadedImage } from './loader/image';
import type { HeicDecoder } from './loader/heic';
import type { CatalogFingerprint } from './detectors/catalog/fingerprint-types';

export type { CatalogFingerprint, HeicDecoder };

/** An image given to claimlens: its bytes (a Node `Buffer` is a `Uint8Array`) or a path to a file. */
export type ImageInput = Uint8Array | string;

/** Languages of every human-readable message. */
export type Locale = 'en' | 'zh-CN';

/** Image container formats recognised from magic bytes (never from a file name). */
export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'gif' | 'tiff' | 'avif' | 'heic';

/** How much a single finding says. `conclusive` findings are allowed to decide the verdict alone. */
export type Strength = 'hint' | 'strong' | 'conclusive';

/** Risk bands a platform routes on. */
export type Risk = 'low' | 'medium' | 'high';

/** A rectangle in claim-image pixels (after EXIF orientation has been applied). */
export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One finding of one detector. */
export interface Signal {
  /** The detector that produced it, e.g. `'metadata'`. */
  detector: string;
  /** Stable identifier, namespaced by detector, e.g. `'provenance.aigc-label'`. Platforms write rules against it. */
  code: string;
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

/** Status of one detector in one inspection. */
export type DetectorStatus = 'ok' | 'skipped' | 'inconclusive' | 'error';

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

/** Kinds of evidence a detector examines (see `Coverage`). */
export type Evidence = 'pixels' | 'metadata' | 'provenance' | 'catalog';

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

/** Byte and pixel limits enforced before any decoding. */
export interface Limits {
  /** Largest accepted file, in bytes. @default 52428800 (50 MiB) */
  maxBytes?: number;
  /** Largest accepted image, in pixels (width × height as declared by the file header). @default 100000000 */
  maxPixels?: number;
}

/** Risk thresholds on `score`. */
export interface Thresholds {
  /** At or above this score the risk is `medium`. @default 0.3 */
  medium?: number;
  /** At or above this score the risk is `high`. @default 0.7 */
  high?: number;
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

/** What a detector hands back. */
export interface DetectorResult {
  /** Findings, in any order. */
  signals: Signal[];
  /** @default 'ok' */
  status?: Exclude<DetectorStatus, 'error'>;
  /** Why skipped or inconclusive (localised). */
  reason?: string;
  /** PNG artifacts keyed by name, only when `subject.artifacts` is true. */
  artifacts?: Record<string, Uint8Array>;
  /** Detector-specific summary for the report, JSON-serialisable. */
  details?: Record<string, unknown>;
}

/** A detector: independent, returns signals. Built-in ones are made by the factories in `detectors`. */
export interface Detector {
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
  run(subject: Subject): Promise<DetectorResult>;
}
