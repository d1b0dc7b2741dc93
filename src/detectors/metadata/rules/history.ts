import { ruleWeight, type MetadataSpec } from '../descriptor';
import { parseWallClock } from '../dates';
import { str, type MetadataFacts } from '../facts';
import type { XmpEvent } from '../xmp-facts';
import { classifySoftware } from './editor';
import { roundTo } from '../../../pixels/stats';

/** XMP ResourceEvent actions that mean the file was written again after it was created (XMP Spec Part 2, stEvt:action). */
const SAVE_ACTIONS = new Set(['saved', 'converted', 'derived', 'edited', 'produced', 'copied', 'cropped', 'filtered', 'managed', 'printed', 'published', 'repurposed', 'resized', 'versioned', 'modified']);

/**
 * What "clearly later than capture" means. A camera writes ModifyDate (and stamps its own XMP events) at capture:
 * equal to DateTimeOriginal, or seconds later after in-camera processing (shared/corpus
 * camera/mei__Sony_Ericsson_U10i.jpg: 2 s; a long exposure with dark-frame noise reduction doubles its exposure
 * time, minutes at most). Ten minutes is beyond any in-camera delay.
 */
export const MODIFY_AFTER_CAPTURE_MS = 10 * 60_000;

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
 * Whether a software string is the capture device's own: camera firmware, a phone OS version or a vendor camera app
 * (data/editors.ts NOT_EDITORS, each row citing the corpus file or vendor page it comes from), or the same string
 * the file's IFD0 Software holds when that one is no editor (firmware strings are too many to list: `COOLPIX
 * S3100V1.0`), or the camera's own Make/Model.
 */
function isDeviceSoftware(agent: string, f: MetadataFacts): boolean {
  const c = classifySoftware(agent);
  if (c.kind === 'not-editor') return true;
  if (c.kind === 'editor') return false;
  const norm = (v: string | undefined): string => (v ?? '').trim().toLowerCase();
  const a = norm(agent);
  const software = str(f.ifd0, 'Software');
  if (software && norm(software) === a) return true;
  const make = norm(str(f.ifd0, 'Make'));
  const model = norm(str(f.ifd0, 'Model'));
  return Boolean((model && a.includes(model)) || (make && a.startsWith(make)));
}

/**
 * An XMP save event is evidence of a save after capture unless the capture device wrote it at capture time: its
 * agent is the device's own software and its time is within `MODIFY_AFTER_CAPTURE_MS` of the capture (or unstated).
 */
function savedAfterCapture(e: XmpEvent, f: MetadataFacts, captureMs: number | undefined): boolean {
  if (!e.softwareAgent || !isDeviceSoftware(e.softwareAgent, f)) return true;
  const when = parseWallClock(e.when);
  return when !== undefined && captureMs !== undefined && when.wallMs - captureMs > MODIFY_AFTER_CAPTURE_MS;
}

/**
 * Rule 2, edit history: "saved after capture" resting on evidence. Strong: XMP history events that save, convert or
 * derive, by a program that is not the capture device (or by the device, clearly after capture); a DocumentID ≠
 * OriginalDocumentID; xmpMM:DerivedFrom ids. A hint: editor-only XMP properties, Photoshop image resources, or a
 * ModifyDate clearly later than DateTimeOriginal. Camera firmware strings and equal (or seconds-apart) dates are
 * not evidence. A non-camera Software / CreatorTool is `metadata.editor-software`'s finding.
 */
export function historyRule(f: MetadataFacts): MetadataSpec[] {
  const evidence: string[] = [];
  const details: Record<string, unknown> = {};
  let strong = false;

  const dto = parseWallClock(f.exif.DateTimeOriginal) ?? parseWallClock(f.exif.CreateDate);
  const saves = f.xmp.history.filter((e) => SAVE_ACTIONS.has(e.action.toLowerCase()) && savedAfterCapture(e, f, dto?.wallMs));
  const deviceSaves = f.xmp.history.filter((e) => SAVE_ACTIONS.has(e.action.toLowerCase())).length - saves.length;
  if (deviceSaves > 0) details.deviceSavesIgnored = deviceSaves;
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
