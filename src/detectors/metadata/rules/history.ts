import { ruleWeight, type MetadataSpec } from '../descriptor';
import { parseWallClock } from '../dates';
import { str, type MetadataFacts } from '../facts';
import { roundTo } from '../../../pixels/stats';

/** XMP ResourceEvent actions that mean the file was written again after it was created (XMP Spec Part 2, stEvt:action). */
const SAVE_ACTIONS = new Set(['saved', 'converted', 'derived', 'edited', 'produced', 'copied', 'cropped', 'filtered', 'managed', 'printed', 'published', 'repurposed', 'resized', 'versioned', 'modified']);

/**
 * A camera writes ModifyDate at capture (equal to DateTimeOriginal, or seconds later after in-camera processing:
 * shared/corpus camera/mei__Sony_Ericsson_U10i.jpg differs by 2 s). Ten minutes is far beyond any in-camera delay.
 */
const MODIFY_AFTER_CAPTURE_MS = 10 * 60_000;

/**
 * Photoshop image resources that are not IPTC-only (0x0404 IPTC-NAA, 0x0425 its digest, 0x0422 EXIF copy,
 * 0x0424 XMP copy): metadata tools write those; the others (resolution info, print settings, thumbnails, slices…)
 * are written by Photoshop-family programs when they save pixels (Adobe Photoshop File Formats Specification).
 */
const IPTC_ONLY_RESOURCES = new Set([0x0404, 0x0425, 0x0422, 0x0424]);

/** Strip the 'xmp.did:' / 'uuid:' / 'adobe:docid:photoshop:' prefixes so identical ids compare equal. */
function normId(id: string): string {
  return id.toLowerCase().replace(/^(xmp\.did:|uuid:|adobe:docid:photoshop:|xmp\.iid:)/, '');
}

/**
 * Rule 2, edit history: XMP history with save/convert/derive actions, DocumentID ≠ OriginalDocumentID, DerivedFrom,
 * editor-only XMP namespaces, Photoshop image resources, or ModifyDate well after DateTimeOriginal →
 * `metadata.edit-history` (strong when XMP records a derivation, a hint for the softer clues alone).
 */
export function historyRule(f: MetadataFacts): MetadataSpec[] {
  const evidence: string[] = [];
  const details: Record<string, unknown> = {};
  let strong = false;

  const saves = f.xmp.history.filter((e) => SAVE_ACTIONS.has(e.action.toLowerCase()));
  if (saves.length) {
    strong = true;
    const first = saves[0];
    evidence.push(`xmpMM:History ${first.action}${first.softwareAgent ? ` by ${first.softwareAgent}` : ''}${saves.length > 1 ? ` (+${saves.length - 1})` : ''}`);
    details.history = saves.slice(0, 20);
    if (f.xmp.historyTruncated) details.historyTruncated = true;
  }
  const doc = f.xmp.documentId;
  const orig = f.xmp.originalDocumentId;
  if (doc && orig && normId(doc) !== normId(orig)) {
    strong = true;
    evidence.push('xmpMM:DocumentID ≠ OriginalDocumentID');
    details.documentId = doc;
    details.originalDocumentId = orig;
  }
  if (f.xmp.derivedFrom) {
    strong = true;
    evidence.push('xmpMM:DerivedFrom');
    details.derivedFrom = true;
  }
  if (f.xmp.editorNamespaces.length) {
    evidence.push(`XMP ${f.xmp.editorNamespaces.join(', ')}`);
    details.editorNamespaces = f.xmp.editorNamespaces;
  }
  const psRes = f.photoshopResources.filter((id) => !IPTC_ONLY_RESOURCES.has(id));
  if (psRes.length) {
    evidence.push('Photoshop image resources (APP13 8BIM)');
    details.photoshopResources = psRes.slice(0, 32).map((id) => `0x${id.toString(16).padStart(4, '0')}`);
    details.program = 'Adobe Photoshop-family software';
  }
  const dto = parseWallClock(f.exif.DateTimeOriginal);
  const mod = parseWallClock(f.ifd0.ModifyDate);
  if (dto && mod && mod.wallMs - dto.wallMs > MODIFY_AFTER_CAPTURE_MS) {
    const hours = (mod.wallMs - dto.wallMs) / 3_600_000;
    evidence.push(`ModifyDate ${mod.text} > DateTimeOriginal ${dto.text}`);
    details.modifyDate = mod.text;
    details.dateTimeOriginal = dto.text;
    details.modifiedHoursAfterCapture = roundTo(hours, 1);
  }
  if (evidence.length === 0) return [];
  const base = ruleWeight(strong ? 'historyStrong' : 'historySoft');
  const weight = Math.min(ruleWeight('historyMax').weight, base.weight + ruleWeight('historyPerClue').weight * (evidence.length - 1));
  const software = str(f.ifd0, 'Software');
  if (software) details.software = software;
  details.evidence = evidence;
  return [{ code: 'metadata.edit-history', weight, contradictsCamera: base.contradictsCamera, ...(strong ? {} : { atMost: 'hint' as const }), params: { evidence: evidence.slice(0, 3).join('; ') }, details }];
}
