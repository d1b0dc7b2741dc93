/**
 * Typed `details` of the signal codes platforms most often read (`Signal` in types.ts is a discriminated union on
 * `code`: `if (s.code === 'provenance.aigc-label') s.details?.producer`). Codes not listed here keep
 * `Record<string, unknown>`; a detector may add its codes here, it need not.
 */
import type { AigcLabel } from './detectors/provenance/aigc-label';

/** Present on any signal whose weight the fusion's fitted scale changed: the detector's own starting weight. */
export interface CalibratedDetails {
  rawWeight?: number;
  /** Further evidence a detector may add; typed fields above, anything else `unknown`. */
  [key: string]: unknown;
}

/** `provenance.aigc-label`: the GB 45438-2025 implicit label found (the strongest of `labels`; fields as in `AigcLabel`). */
export interface AigcLabelDetails extends CalibratedDetails, Pick<AigcLabel, 'label' | 'meaning' | 'producer' | 'service' | 'creditCode' | 'produceId' | 'propagator' | 'where'> {
  /** Every label found in the file. */
  labels: AigcLabel[];
}

/** `catalog.derived-edit`, `catalog.reuse`, `catalog.new-photo`, `catalog.different-product`: the match against the deciding catalog reference. */
export interface CatalogMatchDetails extends CalibratedDetails {
  /** 0-based index of the catalog entry. */
  index: number;
  /** Whether the entry was an image or a stored fingerprint. */
  reference: 'image' | 'fingerprint';
  /** Luma NCC outside the changed area (0..1). */
  similarity: number;
  /** Luma NCC over the whole compared area. */
  ncc: number;
  /** Changed share of the compared area (0..1). */
  changedFraction: number;
  /** Separate changed places. */
  components: number;
  /** Share of the claim covered by the catalog photo. */
  coverage: number;
  /** Share of the catalog photo visible in the claim. */
  visible: number;
  /** Foreground colour-histogram intersection (0..1). */
  histogramIntersection: number;
  /** Product colour distance between the claim's and the catalog photo's palettes, ΔE00 (docs/catalog.md). */
  productDistance: number;
  /** blockhash Hamming distance, when comparable. */
  hashDistance?: number;
  /** The alignment: catalog → claim. */
  transform: { scale: number; rotationDeg: number; mirror: boolean; centerX: number; centerY: number; gain: number[]; offset: number[] };
}

/** `marks.visible-ai-label`: the mark found. */
export interface VisibleMarkDetails extends CalibratedDetails {
  /** 'doubao', 'jimeng' or 'generic' (a label phrase). */
  service: string;
  /** The mark's text, e.g. '豆包AI生成'. */
  text: string;
  /** |NCC| match score, 0..1. */
  score: number;
  /** Template id. */
  template: string;
  /** Mark height found, pixels. */
  markHeight: number;
  polarity: 'light' | 'dark';
}

/** Code → details type, for the codes with typed details. */
export interface SignalDetailsMap {
  'provenance.aigc-label': AigcLabelDetails;
  'catalog.derived-edit': CatalogMatchDetails;
  'catalog.reuse': CatalogMatchDetails;
  'catalog.new-photo': CatalogMatchDetails;
  'catalog.different-product': CatalogMatchDetails;
  'marks.visible-ai-label': VisibleMarkDetails;
}

/** The details type of a code: typed for the codes in `SignalDetailsMap`, a plain record otherwise. */
export type SignalDetails<C extends string> = C extends keyof SignalDetailsMap ? SignalDetailsMap[C] : Record<string, unknown>;
