/**
 * The XMP facts the metadata rules need, read from the raw packets (already size-capped by the loader). exifr's
 * grouped output keeps only some namespaces, and history arrays need a hard cap, so the few properties used here
 * are read directly. Both RDF spellings are handled: attributes (`xmp:CreatorTool="…"`) and elements
 * (`<xmp:CreatorTool>…</xmp:CreatorTool>`), per the XMP Specification Part 1, §7.
 */

/** One `xmpMM:History` event (XMP Specification Part 2, ResourceEvent). */
export interface XmpEvent {
  action: string;
  softwareAgent?: string;
  when?: string;
  changed?: string;
}

/** What the rules read from XMP. */
export interface XmpFacts {
  creatorTool?: string | undefined;
  createDate?: string | undefined;
  modifyDate?: string | undefined;
  dateCreated?: string | undefined;
  documentId?: string | undefined;
  originalDocumentId?: string | undefined;
  /** `xmpMM:DerivedFrom` is present. */
  derivedFrom: boolean;
  /** History events, at most `MAX_HISTORY_EVENTS`. */
  history: XmpEvent[];
  /** True when the history had more events than were read. */
  historyTruncated: boolean;
  /** Namespaces in use that only editing software writes (`photoshop`, `crs`, …) with one property each as evidence. */
  editorNamespaces: string[];
  /** `exif:UserComment` / `dc:description` text, for screenshot markers. */
  comments: string[];
}

/** History events read per file: XMP is attacker-controlled and a crafted file may carry millions of events. */
export const MAX_HISTORY_EVENTS = 200;

const MAX_TEXT = 512;

function decodeEntities(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#x([0-9a-f]{1,6});/gi, (_, h: string) => String.fromCodePoint(Math.min(0x10ffff, parseInt(h, 16))))
    .replace(/&#(\d{1,7});/g, (_, d: string) => String.fromCodePoint(Math.min(0x10ffff, Number(d))))
    .replace(/&amp;/g, '&')
    .trim()
    .slice(0, MAX_TEXT);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** First value of a simple property, attribute or element form (text of the first rdf:li for alt/seq/bag). */
function prop(text: string, qname: string): string | undefined {
  const q = escapeRe(qname);
  const attr = new RegExp(`\\s${q}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(text);
  if (attr) return decodeEntities(attr[2] ?? attr[3] ?? '');
  const el = new RegExp(`<${q}(\\s[^>]*)?>([\\s\\S]{0,4096}?)</${q}>`).exec(text);
  if (!el) return undefined;
  const inner = el[2];
  const li = /<rdf:li[^>]*>([\s\S]*?)<\/rdf:li>/.exec(inner);
  return decodeEntities(li ? li[1] : inner.replace(/<[^>]*>/g, ''));
}

/** Events of `xmpMM:History`: each `rdf:li` (element or attribute form) holds stEvt:* fields. */
function historyEvents(text: string): { events: XmpEvent[]; truncated: boolean } {
  const start = text.indexOf('<xmpMM:History');
  if (start < 0) return { events: [], truncated: false };
  const end = text.indexOf('</xmpMM:History>', start);
  const block = text.slice(start, end < 0 ? text.length : end);
  const events: XmpEvent[] = [];
  const li = /<rdf:li\b([^>]*?)(\/>|>([\s\S]*?)<\/rdf:li>)/g;
  let m: RegExpExecArray | null;
  let truncated = false;
  while ((m = li.exec(block)) !== null) {
    if (events.length >= MAX_HISTORY_EVENTS) {
      truncated = true;
      break;
    }
    const body = `${m[1]} ${m[3] ?? ''}`;
    const action = prop(` ${body}`, 'stEvt:action');
    if (action === undefined) continue;
    const ev: XmpEvent = { action };
    const sa = prop(` ${body}`, 'stEvt:softwareAgent');
    const when = prop(` ${body}`, 'stEvt:when');
    const changed = prop(` ${body}`, 'stEvt:changed');
    if (sa) ev.softwareAgent = sa;
    if (when) ev.when = when;
    if (changed) ev.changed = changed;
    events.push(ev);
  }
  return { events, truncated };
}

/**
 * Namespaces written by editors and raw developers, never by cameras or phone OSes: Photoshop (`photoshop:`
 * written by Photoshop/Lightroom/Bridge), Camera Raw settings (`crs:`), darktable, GIMP and Lightroom's `lr:`.
 */
const EDITOR_NAMESPACES: readonly { prefix: string; uri: string }[] = [
  { prefix: 'photoshop', uri: 'http://ns.adobe.com/photoshop/1.0/' },
  { prefix: 'crs', uri: 'http://ns.adobe.com/camera-raw-settings/1.0/' },
  { prefix: 'darktable', uri: 'http://darktable.sf.net/' },
  { prefix: 'GIMP', uri: 'http://www.gimp.org/xmp/' },
  { prefix: 'lr', uri: 'http://ns.adobe.com/lightroom/1.0/' },
];

/**
 * photoshop: properties that carry IPTC Core fields (IPTC Photo Metadata Standard 2025.1, XMP mapping of IPTC Core)
 * rather than Photoshop's own state (History, ColorMode, ICCProfile, DocumentAncestors, TextLayers, …).
 */
const IPTC_CORE_PHOTOSHOP = ['AuthorsPosition', 'CaptionWriter', 'Category', 'City', 'Country', 'Credit', 'DateCreated', 'Headline', 'Instructions', 'Source', 'State', 'SupplementalCategories', 'TransmissionReference', 'Urgency'];

/** Read the rule-relevant XMP facts from raw packets. Bounded: regexes run on capped text, history is capped. */
export function readXmpFacts(packets: readonly string[]): XmpFacts {
  const f: XmpFacts = { derivedFrom: false, history: [], historyTruncated: false, editorNamespaces: [], comments: [] };
  for (const text of packets) {
    f.creatorTool ??= prop(text, 'xmp:CreatorTool');
    f.createDate ??= prop(text, 'xmp:CreateDate');
    f.modifyDate ??= prop(text, 'xmp:ModifyDate');
    f.dateCreated ??= prop(text, 'photoshop:DateCreated');
    f.documentId ??= prop(text, 'xmpMM:DocumentID');
    f.originalDocumentId ??= prop(text, 'xmpMM:OriginalDocumentID');
    if (/<xmpMM:DerivedFrom\b|\sxmpMM:DerivedFrom\s*=/.test(text)) f.derivedFrom = true;
    const h = historyEvents(text);
    for (const e of h.events) if (f.history.length < MAX_HISTORY_EVENTS) f.history.push(e);
    if (h.truncated) f.historyTruncated = true;
    for (const ns of EDITOR_NAMESPACES) {
      if (f.editorNamespaces.some((e) => e.startsWith(`${ns.prefix}:`))) continue;
      // A property in use (not just a declared namespace): `prefix:Name=` or `<prefix:Name`. The IPTC Core fields
      // that live in the photoshop: namespace (IPTC Photo Metadata Standard, XMP mapping: City, Country, Credit,
      // DateCreated, Headline, …) are not edits: cameras write them from IPTC presets, and iOS writes DateCreated
      // (shared/corpus camera/mei__Apple_iPhone_11_Pro_IMG_2927.heic).
      const skip = ns.prefix === 'photoshop' ? `(?!(?:${IPTC_CORE_PHOTOSHOP.join('|')})\\b)` : '';
      const re = new RegExp(`(?:\\s|<)(${ns.prefix}:${skip}[A-Za-z]+)\\s*(=|>|\\s)`);
      const used = re.exec(text);
      if (used && text.includes(ns.uri)) f.editorNamespaces.push(used[1]);
    }
    for (const q of ['exif:UserComment', 'dc:description']) {
      const v = prop(text, q);
      if (v) f.comments.push(v);
    }
  }
  return f;
}
