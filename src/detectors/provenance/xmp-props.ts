/**
 * Read a few XMP properties from raw packet text by namespace URI, not by prefix: writers choose their own prefixes
 * (`TC260:AIGC`, `aigc:AIGC`, `Iptc4xmpExt:DigitalSourceType`, `iptcExt:…`), and the shared exifr parse drops the
 * namespace. Only simple RDF forms are handled (attribute, element text, `rdf:resource`, `rdf:li` items), which is
 * what the properties read here use (XMP Specification Part 1, §7.9 RDF serialisation). Bounded: packets are
 * size-capped by the loader and every loop is capped below.
 */

/** Most values of one property kept per packet: a file cannot make us collect an unbounded list. */
const MAX_VALUES = 32;

/** Decode the five XML entities and numeric character references. */
export function decodeXmlEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|quot|amp|lt|gt|apos);/g, (_m, e: string) => {
    if (e === 'quot') return '"';
    if (e === 'amp') return '&';
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'apos') return "'";
    const code = e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Prefixes bound to a namespace URI in a packet (with or without a trailing slash or `#`). */
export function prefixesFor(packet: string, nsUri: string): string[] {
  const base = nsUri.replace(/[/#]$/, '');
  const re = new RegExp(`xmlns:([A-Za-z_][\\w.-]*)\\s*=\\s*["']${escapeRe(base)}[/#]?["']`, 'g');
  const out = new Set<string>();
  for (let m = re.exec(packet), i = 0; m && i < MAX_VALUES; m = re.exec(packet), i++) out.add(m[1]);
  return [...out];
}

/**
 * Every value of property `local` in namespace `nsUri` in one packet, entity-decoded and trimmed. Element values
 * that contain `rdf:li` items yield one value per item.
 */
export function xmpValues(packet: string, nsUri: string, local: string): string[] {
  const out: string[] = [];
  for (const prefix of prefixesFor(packet, nsUri)) {
    const name = `${escapeRe(prefix)}:${escapeRe(local)}`;
    const attr = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'g');
    for (let m = attr.exec(packet); m && out.length < MAX_VALUES; m = attr.exec(packet)) out.push(decodeXmlEntities(m[1] ?? m[2] ?? '').trim());
    const elem = new RegExp(`<${name}(\\s[^>]*)?(?:/>|>([\\s\\S]*?)</${name}\\s*>)`, 'g');
    for (let m = elem.exec(packet); m && out.length < MAX_VALUES; m = elem.exec(packet)) {
      const attrs = m[1] ?? '';
      const body = m[2] ?? '';
      const res = /rdf:resource\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(attrs);
      if (res) {
        out.push(decodeXmlEntities(res[1] ?? res[2] ?? '').trim());
        continue;
      }
      if (/<rdf:li[\s>]/.test(body)) {
        const li = /<rdf:li(?:\s[^>]*)?>([\s\S]*?)<\/rdf:li>/g;
        for (let l = li.exec(body); l && out.length < MAX_VALUES; l = li.exec(body)) out.push(decodeXmlEntities(l[1].replace(/<[^>]*>/g, '')).trim());
      } else {
        out.push(decodeXmlEntities(body.replace(/<[^>]*>/g, '')).trim());
      }
    }
  }
  return out.filter((v) => v.length > 0);
}

/** Namespaces of the properties read by the provenance detector. */
export const NS = {
  aigc: 'http://www.tc260.org.cn/ns/AIGC/1.0/',
  iptcExt: 'http://iptc.org/std/Iptc4xmpExt/2008-02-29/',
  dcterms: 'http://purl.org/dc/terms/',
  dc: 'http://purl.org/dc/elements/1.1/',
  xmp: 'http://ns.adobe.com/xap/1.0/',
  photoshop: 'http://ns.adobe.com/photoshop/1.0/',
  tiff: 'http://ns.adobe.com/tiff/1.0/',
  exif: 'http://ns.adobe.com/exif/1.0/',
  stEvt: 'http://ns.adobe.com/xap/1.0/sType/ResourceEvent#',
  plus: 'http://ns.useplus.org/ldf/xmp/1.0/',
} as const;
