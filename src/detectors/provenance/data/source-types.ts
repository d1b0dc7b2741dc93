/**
 * The IPTC NewsCodes "Digital Source Type" vocabulary (scheme URI http://cv.iptc.org/newscodes/digitalsourcetype/),
 * as published at https://cv.iptc.org/newscodes/digitalsourcetype/ (read 2026-11-26; the AI terms were added on
 * 2022-07-21 and 2023-10-10, `digitalCreation` was renamed `digitalArt` and `softwareImage` retired in 2023).
 * C2PA actions and XMP `Iptc4xmpExt:DigitalSourceType` carry these URIs; C2PA also defines its own `empty` value.
 *
 * `weight` is the log-odds a file's declaration adds by itself (> 0 fabrication). The AI terms are self-declared by
 * the generating software: nobody fabricating a refund photo adds them on purpose, so they decide alone. Capture
 * terms are weak authenticity because any writer can put them there.
 */

/** What a digital source type says about a claim photo. */
export type SourceTypeClass = 'ai-generated' | 'ai-edited' | 'synthetic' | 'capture' | 'edited' | 'not-photo' | 'unknown';

/** One vocabulary term. */
export interface SourceTypeRow {
  /** The term (last path segment of the URI). */
  readonly id: string;
  /** Full URI as written in files. */
  readonly uri: string;
  /** IPTC's English name. */
  readonly name: string;
  readonly class: SourceTypeClass;
  /** Log-odds when declared in XMP (C2PA declarations are weighed in `index.ts`). */
  readonly weight: number;
  /** Where the definition comes from. */
  readonly source: string;
}

const NS = 'http://cv.iptc.org/newscodes/digitalsourcetype/';
const IPTC = 'IPTC NewsCodes digitalsourcetype, https://cv.iptc.org/newscodes/digitalsourcetype/ (read 2026-11-26)';

/** Every term of the vocabulary, including retired ones still found in files. */
export const SOURCE_TYPES: readonly SourceTypeRow[] = [
  { id: 'digitalCapture', uri: `${NS}digitalCapture`, name: 'Original digital capture sampled from real life', class: 'capture', weight: -0.3, source: IPTC },
  { id: 'computationalCapture', uri: `${NS}computationalCapture`, name: 'Original media with minor computational enhancement (multi-frame phone capture)', class: 'capture', weight: -0.2, source: IPTC },
  { id: 'negativeFilm', uri: `${NS}negativeFilm`, name: 'Digitised from a negative on film', class: 'capture', weight: 0, source: IPTC },
  { id: 'positiveFilm', uri: `${NS}positiveFilm`, name: 'Digitised from a positive on film', class: 'capture', weight: 0, source: IPTC },
  { id: 'print', uri: `${NS}print`, name: 'Digitised from a print on non-transparent medium', class: 'not-photo', weight: 0.3, source: IPTC },
  { id: 'minorHumanEdits', uri: `${NS}minorHumanEdits`, name: 'Original media with minor human edits', class: 'edited', weight: 0.1, source: IPTC },
  { id: 'humanEdits', uri: `${NS}humanEdits`, name: 'Human-edited media', class: 'edited', weight: 0.5, source: IPTC },
  { id: 'compositeCapture', uri: `${NS}compositeCapture`, name: 'Composite of captured elements', class: 'edited', weight: 0.8, source: IPTC },
  { id: 'algorithmicallyEnhanced', uri: `${NS}algorithmicallyEnhanced`, name: 'Algorithmically-enhanced media', class: 'edited', weight: 0.3, source: IPTC },
  { id: 'screenCapture', uri: `${NS}screenCapture`, name: 'Screen capture', class: 'not-photo', weight: 0.8, source: IPTC },
  { id: 'dataDrivenMedia', uri: `${NS}dataDrivenMedia`, name: 'Data-driven media', class: 'not-photo', weight: 1, source: IPTC },
  { id: 'digitalArt', uri: `${NS}digitalArt`, name: 'Digital art', class: 'not-photo', weight: 1.5, source: IPTC },
  { id: 'digitalCreation', uri: `${NS}digitalCreation`, name: 'Digital creation (retired; now digitalArt)', class: 'not-photo', weight: 1.5, source: IPTC },
  { id: 'softwareImage', uri: `${NS}softwareImage`, name: 'Created by software (retired)', class: 'not-photo', weight: 1.5, source: IPTC },
  { id: 'virtualRecording', uri: `${NS}virtualRecording`, name: 'Virtual recording', class: 'not-photo', weight: 1.5, source: IPTC },
  // Computed, not learned: "not AI" (IPTC: "created purely by an algorithm not based on any sampled training data")
  // and not a capture either; the weight of digitalArt. c2pa-rs's own test fixtures declare it (ground truth ai=no).
  { id: 'compositeSynthetic', uri: `${NS}compositeSynthetic`, name: 'Composite including synthetic elements', class: 'synthetic', weight: 1.5, source: IPTC },
  { id: 'algorithmicMedia', uri: `${NS}algorithmicMedia`, name: 'Pure algorithmic media', class: 'synthetic', weight: 1.5, source: IPTC },
  { id: 'trainedAlgorithmicMedia', uri: `${NS}trainedAlgorithmicMedia`, name: 'Created using generative AI (trained algorithmic media)', class: 'ai-generated', weight: 5, source: IPTC },
  {
    id: 'compositeWithTrainedAlgorithmicMedia',
    uri: `${NS}compositeWithTrainedAlgorithmicMedia`,
    name: 'Edited using generative AI (composite with trained algorithmic media)',
    class: 'ai-edited',
    weight: 5,
    source: IPTC,
  },
  {
    id: 'empty',
    uri: 'http://c2pa.org/digitalsourcetype/empty',
    name: 'No source type declared (C2PA placeholder)',
    class: 'unknown',
    weight: 0,
    source: 'c2pa-rs docs/settings.md (builder.actions.auto_created_action.source_type default "empty"); seen in c2pa-rs test fixtures',
  },
];

/** The classes that declare content made or edited by generative AI (trained models). */
export const AI_CLASSES: ReadonlySet<SourceTypeClass> = new Set(['ai-generated', 'ai-edited']);

/**
 * Find a term from a URI or a bare term. Writers vary: `http://` or `https://`, a trailing slash, a QCode
 * (`digsrctype:trainedAlgorithmicMedia`), or just the term.
 */
export function lookupSourceType(value: string): SourceTypeRow | undefined {
  const v = value.trim().replace(/\/+$/, '');
  if (!v) return undefined;
  const term = v.slice(Math.max(v.lastIndexOf('/'), v.lastIndexOf(':')) + 1).toLowerCase();
  return SOURCE_TYPES.find((r) => r.id.toLowerCase() === term);
}
