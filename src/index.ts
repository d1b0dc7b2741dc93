/**
 * claimlens: is a photo sent as proof of damage real evidence, or fabricated?
 *
 * Public API (explicit list): `inspect`, `createInspector`, `fingerprint`, `detectors`, `ClaimlensError`,
 * `isClaimlensError`, `loadImage`, and the types. Internals (kernels, container walks) are not exported so they
 * can change without breaking users. The benchmark runner is its own entry, `claimlens/bench`.
 */
export { inspect, createInspector } from './inspector';
export type { Inspector } from './inspector';
export { fingerprint } from './detectors/catalog/fingerprint';
export { isCatalogFingerprint } from './catalog-fingerprint';
export { detectors, BUILTIN_DETECTOR_NAMES, SIGNAL_CODES } from './detectors';
export type { DetectorFactories } from './detectors';
export { ClaimlensError, isClaimlensError } from './errors';
export type { ClaimlensErrorCode } from './errors';
export { loadImage, LoadedImage, DEFAULT_LIMITS } from './loader/image';
export type { RawImage, GreyImage, ImageHeader, LoadOptions } from './loader/image';
export type { DecodedHeic } from './loader/heic';
export { renderReport } from './report/html';
export type { ReportOptions } from './report/html';
export { VERSION } from './version';
export { createPool, PoolError } from './pool';
export type { InspectorPool, PoolOptions } from './pool';
export type {
  AigcLabelDetails, CatalogFingerprint, CatalogInput, CatalogMatchDetails, CatalogReference, ClaimContext, ContextDate, Coverage,
  CustomDetectorName, CustomSignalCode, Detector, DetectorName, DetectorReport, DetectorResult, DetectorSignal, DetectorStatus,
  Evidence, HeicDecoder, ImageFormat, ImageInfo, ImageInput, InspectOptions, InspectorOptions, Limits, Locale, NormalizedContext,
  Region, Risk, Signal, SignalCode, SignalDetails, SignalDetailsMap, Strength, Subject, Thresholds, Verdict, VisibleMarkDetails,
} from './types';
