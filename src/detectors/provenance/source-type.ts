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

/** The AI-disclosure properties of the IPTC Photo Metadata Standard 2025.1 (Iptc4xmpExt namespace). */
export const AI_DISCLOSURE_PROPERTIES = ['AISystemUsed', 'AISystemVersionUsed', 'AIPromptInformation', 'AIPromptWriterName'] as const;

/** What an IPTC 2025.1 AI disclosure says. */
export interface AiDisclosure {
  /** `AISystemUsed`: the AI system that made the image, when given. */
  system?: string;
  /** `AISystemVersionUsed`. */
  version?: string;
  /** Which of the four properties are present (non-empty). */
  properties: string[];
}

/**
 * The IPTC Photo Metadata Standard 2025.1 AI-disclosure properties in XMP (`Iptc4xmpExt:AISystemUsed`,
 * `AISystemVersionUsed`, `AIPromptInformation`, `AIPromptWriterName`; also exposed by Apple ImageIO as
 * `kCGImagePropertyIPTCExtAISystemUsed`). Defined for content made with an AI system, so any of them is a declaration.
 * Undefined when none is present.
 */
export function findAiDisclosure(xmpPackets: readonly string[]): AiDisclosure | undefined {
  const out: AiDisclosure = { properties: [] };
  for (const p of xmpPackets) {
    for (const prop of AI_DISCLOSURE_PROPERTIES) {
      const v = xmpValues(p, NS.iptcExt, prop)[0];
      if (v === undefined) continue;
      if (!out.properties.includes(prop)) out.properties.push(prop);
      if (prop === 'AISystemUsed') out.system ??= v.slice(0, 200);
      if (prop === 'AISystemVersionUsed') out.version ??= v.slice(0, 100);
    }
  }
  return out.properties.length > 0 ? out : undefined;
}
