/**
 * IPTC Digital Source Type declared in XMP (`Iptc4xmpExt:DigitalSourceType`, IPTC Photo Metadata Standard 2023.2,
 * "Digital Source Type"). IPTC-IIM has no dataset for it, so XMP is the only place outside C2PA.
 */
import { lookupSourceType, type SourceTypeRow } from './data/source-types';
import { NS, xmpValues } from './xmp-props';

/** One declaration found in the file. */
export interface SourceTypeDeclaration {
  /** The value as written. */
  value: string;
  /** The vocabulary term, when the value is one. */
  term?: SourceTypeRow;
}

/** Every `DigitalSourceType` value in the XMP packets (deduplicated). */
export function findSourceTypes(xmpPackets: readonly string[]): SourceTypeDeclaration[] {
  const values = new Set<string>();
  for (const p of xmpPackets) for (const v of xmpValues(p, NS.iptcExt, 'DigitalSourceType')) values.add(v.slice(0, 300));
  return [...values].map((value) => {
    const term = lookupSourceType(value);
    return term ? { value, term } : { value };
  });
}
