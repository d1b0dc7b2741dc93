/**
 * The metadata detector on its generated fixtures (fixtures/generated/metadata, made by fixtures/generate/metadata.ts):
 * one positive and one negative file per rule through the real inspector, real exifr and sharp. Plus the data tables,
 * the time-zone arithmetic, the bounded parsers and the options.
 */
import { strengthOf } from '../../src/detectors/descriptor';
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { join } from 'node:path';
import { createInspector } from '../../src/inspector';
import { metadata } from '../../src/detectors/metadata';
import { EDITORS, NOT_EDITORS } from '../../src/detectors/metadata/data/editors';
import { SCREENS, findScreen } from '../../src/detectors/metadata/data/screens';
import { classifySoftware } from '../../src/detectors/metadata/rules/editor';
import { datesRule } from '../../src/detectors/metadata/rules/dates';
import { historyRule } from '../../src/detectors/metadata/rules/history';
import { thumbnailRule } from '../../src/detectors/metadata/rules/thumbnail';
import { compareThumbnail } from '../../src/detectors/metadata/thumbnail-compare';
import { toPlane, type Plane } from '../../src/pixels/resample';
import { gpsInstant, offsetFromGps, parseWallClock } from '../../src/detectors/metadata/dates';
import { MAX_HISTORY_EVENTS, readXmpFacts } from '../../src/detectors/metadata/xmp-facts';
import { tiffRecords, walkTiff } from '../../src/formats/tiff';
import { FALLBACK_TAGS } from '../../src/loader/metadata';

/** The loader's fallback EXIF reader on a TIFF block at the start of `b`. */
function readTiff(b: Uint8Array, start: number): { ifd0: Record<string, unknown>; exif: Record<string, unknown> } {
  const t = walkTiff(b, start);
  return t ? tiffRecords(t, FALLBACK_TAGS) : { ifd0: {}, exif: {} };
}
import { metadataMessages } from '../../src/detectors/metadata/messages';
import type { MetadataFacts } from '../../src/detectors/metadata/facts';
import { isClaimlensError } from '../../src/errors';
import type { ClaimContext, Signal, Verdict } from '../../src/types';

const DIR = join(process.cwd(), 'fixtures', 'generated', 'metadata');

interface IndexEntry {
  file: string;
  rule: string;
  label: 'fabricated' | 'genuine';
  pair: string;
  expect: string[];
  made: string;
  context?: ClaimContext;
}

const INDEX = JSON.parse(readFileSync(join(DIR, 'index.json'), 'utf8')) as Record<string, IndexEntry>;
const inspector = createInspector({ detectors: [metadata()] });

/** Every code the rule under test may emit, so a negative file is checked against all of them. */
const RULE_CODES: Record<string, string[]> = {
  editor: ['metadata.editor-software'],
  history: ['metadata.edit-history'],
  dates: ['metadata.captured-before-delivery', 'metadata.date-inconsistent'],
  dimensions: ['metadata.dimension-mismatch', 'metadata.orientation-invalid'],
  thumbnail: ['metadata.thumbnail-mismatch'],
  screenshot: ['metadata.screenshot'],
  camera: ['metadata.camera-inconsistent', 'metadata.converted'],
};

async function run(id: string, locale: 'en' | 'zh-CN' = 'en'): Promise<Verdict> {
  const e = INDEX[id];
  return inspector.inspect(join(DIR, e.file), { ...(e.context ? { context: e.context } : {}), locale });
}

const sig = (v: Verdict, code: string): Signal | undefined => v.signals.find((s) => s.code === code);

describe('metadata rules on generated fixtures (positive and negative per rule)', () => {
  const ids = Object.keys(INDEX);

  test('the index covers every rule with a positive and a negative file', () => {
    for (const rule of Object.keys(RULE_CODES)) {
      expect(ids.filter((id) => INDEX[id].rule === rule && INDEX[id].label === 'fabricated').length).toBeGreaterThanOrEqual(1);
      expect(ids.filter((id) => INDEX[id].rule === rule && INDEX[id].label === 'genuine').length).toBeGreaterThanOrEqual(1);
    }
  });

  test.each(ids.filter((id) => INDEX[id].label === 'fabricated'))('%s: the rule fires', async (id) => {
    const v = await run(id);
    expect(v.detectors[0].status).toBe('ok');
    for (const code of INDEX[id].expect) {
      const s = sig(v, code);
      expect(s).toBeDefined();
      expect(s?.weight).toBeGreaterThan(0);
      expect(s?.message.length).toBeGreaterThan(10);
    }
  });

  test.each(ids.filter((id) => INDEX[id].label === 'genuine'))('%s: the rule stays quiet', async (id) => {
    const v = await run(id);
    expect(v.detectors[0].status).toBe('ok');
    for (const code of RULE_CODES[INDEX[id].rule]) expect(sig(v, code)).toBeUndefined();
    for (const code of INDEX[id].expect) expect(sig(v, code)).toBeDefined();
  });

  test('editor: the program and the tag are named, in both locales', async () => {
    const en = sig(await run('editor-pos'), 'metadata.editor-software');
    expect(en?.details).toMatchObject({ tag: 'Software', value: 'Adobe Photoshop 25.0 (Windows)', program: 'Adobe Photoshop', kind: 'editor' });
    expect(en?.strength).toBe('strong');
    const zh = sig(await run('editor-pos', 'zh-CN'), 'metadata.editor-software');
    expect(zh?.message).toContain('编辑软件');
    expect(zh?.message).toContain('Adobe Photoshop 25.0');
  });

  test('history: the saved event and the document-id change are the evidence', async () => {
    const s = sig(await run('history-pos'), 'metadata.edit-history');
    expect(s?.strength).toBe('strong');
    expect(s?.details?.evidence).toEqual(['xmpMM:History saved', 'xmpMM:DocumentID ≠ OriginalDocumentID']);
  });

  test('dates: captured before delivery uses the OffsetTimeOriginal zone', async () => {
    const s = sig(await run('dates-pos'), 'metadata.captured-before-delivery');
    expect(s?.strength).toBe('strong');
    expect(s?.details).toMatchObject({ tag: 'DateTimeOriginal', zone: 'offset-tag', offsetMinutes: 480, earliest: '2026-10-20T02:12:40.000Z', reference: 'delivered' });
    const zh = sig(await run('dates-pos', 'zh-CN'), 'metadata.captured-before-delivery');
    expect(zh?.message).toContain('签收');
  });

  test('dates: a capture after the claim is inconsistent and strong', async () => {
    const s = sig(await run('date-inconsistent-pos'), 'metadata.date-inconsistent');
    expect(s?.strength).toBe('strong');
    expect(s?.details).toMatchObject({ capture: { zone: 'context', offsetMinutes: 480 } });
  });

  test('dimensions: a 16:9 EXIF frame on a 4:3 file is a crop', async () => {
    const s = sig(await run('dimensions-pos'), 'metadata.dimension-mismatch');
    expect(s?.details).toMatchObject({ kind: 'cropped', exifWidth: 4032, exifHeight: 2268, storedWidth: 320, storedHeight: 240 });
    expect(s?.message).toContain('cropped');
  });

  test('thumbnail: the differing region covers the painted stain', async () => {
    const s = sig(await run('thumbnail-pos'), 'metadata.thumbnail-mismatch');
    expect(s?.strength).toBe('strong');
    const r = s?.region;
    expect(r).toBeDefined();
    if (!r) return;
    // The stain is an ellipse centred at (192, 132) with radii 70×60 on the 320×240 image.
    expect(r.x).toBeLessThanOrEqual(192 - 40);
    expect(r.x + r.width).toBeGreaterThanOrEqual(192 + 40);
    expect(r.y).toBeLessThanOrEqual(132 - 30);
    expect(r.y + r.height).toBeGreaterThanOrEqual(132 + 30);
    expect(r.width * r.height).toBeLessThan(0.6 * 320 * 240);
  });

  test('screenshot: a PNG at a phone screen size names the device', async () => {
    const s = sig(await run('screenshot-pos'), 'metadata.screenshot');
    expect(s?.details).toMatchObject({ screen: 'iphone-6-8', format: 'png', cameraExif: false });
    expect(sig(await run('screenshot-marker-pos'), 'metadata.screenshot')?.details).toMatchObject({ markers: [{ tag: 'UserComment', value: 'Screenshot' }] });
  });

  test('camera: consistent metadata is weak authenticity (negative weight, never conclusive)', async () => {
    const s = sig(await run('camera-neg'), 'metadata.camera-consistent');
    expect(s?.weight).toBeLessThan(0);
    expect(s?.strength).toBe('hint');
    const bad = sig(await run('camera-pos'), 'metadata.camera-inconsistent');
    expect(bad?.details?.conflicts).toEqual(['Software "HDR+ 1.0.641377693zd" is google firmware, Make is "Canon"']);
  });

  test('thumbnail: {thumbnail:false} skips the comparison and never decodes the image', async () => {
    const insp = createInspector({ detectors: [metadata({ thumbnail: false })] });
    const v = await insp.inspect(join(DIR, INDEX['thumbnail-pos'].file));
    expect(sig(v, 'metadata.thumbnail-mismatch')).toBeUndefined();
    expect(v.detectors[0].details?.thumbnail).toBeUndefined();
  });
});

describe('metadata data tables', () => {
  test('every row has a source and ids are unique', () => {
    for (const table of [EDITORS, NOT_EDITORS, SCREENS] as unknown as readonly { id: string; source: string }[][]) {
      for (const row of table) expect(row.source.trim().length).toBeGreaterThan(5);
      expect(new Set(table.map((r) => r.id)).size).toBe(table.length);
    }
  });

  test('screen sizes are portrait (width < height) and unique', () => {
    for (const s of SCREENS) expect(s.width).toBeLessThan(s.height);
    expect(new Set(SCREENS.map((s) => `${s.width}x${s.height}`)).size).toBe(SCREENS.length);
    expect(findScreen(2532, 1170)?.id).toBe('iphone-12-14');
    expect(findScreen(4032, 3024)).toBeUndefined();
  });

  test.each([
    ['17.5.1'], ['4.1'], ['13.4.1'], ['HDR+ 1.0.199571065z'], ['I9505XXUGNG8'], ['J327T1UVS4ASH2'], ['fw 05.15 prm 07.53'],
    ['Digital Camera FinePix S5500   Ver1.00'], ['*ist D      Ver 1.10'], ['E775v1.1u'], ['Ver.5.01'], ['V100-02'], ['Version 1.3'],
    ['1.00'], ['Ver.1.0'], ['R1CA008     prg1223-3004_GENERIC_RA d:179.1 f:53 h:50'], ['Samsung Camera'], ['Meitu M6'],
    ['umi-user 10 QKQ1.191117.002 V12.0.6.0.QJBMIXM release-keys'], ['Firmware Version 1.0.3'],
  ])('%s (camera firmware / phone OS) is not an editor', (value) => {
    expect(classifySoftware(value).kind).toBe('not-editor');
  });

  test.each([
    ['Adobe Photoshop 25.0 (Windows)', 'photoshop'], ['Adobe Photoshop Lightroom 6.9 (Windows)', 'photoshop-lightroom'], ['Adobe Bridge CS5', 'adobe-bridge'],
    ['ACD Systems Digital Imaging', 'acdsee'], ['GIMP 2.10.34', 'gimp'], ['美图秀秀', 'meitu'], ['Meitu 10.2.0', 'meitu'], ['醒图', 'hypic'], ['Hypic', 'hypic'],
    ['剪映', 'capcut'], ['CapCut', 'capcut'], ['黄油相机', 'huangyou'], ['轻颜相机', 'qingyan'], ['可画', 'canva-cn'], ['Snapseed', 'snapseed'], ['PicsArt', 'picsart'],
    ['Canva', 'canva'], ['Fotor', 'fotor'], ['Remini', 'remini'], ['FaceApp', 'faceapp'], ['Pixelmator Pro 3.5', 'pixelmator'], ['Affinity Photo 2', 'affinity'], ['Paint Shop Pro 9', 'corel'], ['Microsoft Paint', 'paint'],
  ])('%s is the editor %s', (value, id) => {
    const c = classifySoftware(value);
    expect(c.kind).toBe('editor');
    if (c.kind === 'editor') expect(c.row.id).toBe(id);
  });

  test('words that merely contain an editor name are not editors', () => {
    expect(classifySoftware('Capture NX-D').kind).not.toBe('editor');
    expect(classifySoftware('Canvas Camera 2').kind).toBe('unknown');
  });

  test('every message has both locales, and the Chinese text is not a copy of the English', () => {
    expect(Object.keys(metadataMessages['zh-CN']).sort()).toEqual(Object.keys(metadataMessages.en).sort());
    for (const k of Object.keys(metadataMessages.en)) expect(metadataMessages['zh-CN'][k]).not.toBe(metadataMessages.en[k]);
  });
});

function facts(over: Partial<MetadataFacts>): MetadataFacts {
  return {
    format: 'jpeg', width: 100, height: 100, storedWidth: 100, storedHeight: 100, orientation: 1,
    ifd0: {}, exif: {}, gps: {}, ifd1: {}, iptc: {},
    xmp: { derivedFrom: false, history: [], historyTruncated: false, editorNamespaces: [], comments: [] },
    pngText: [], photoshopResources: [], exifSource: 'exifr', errors: [],
    ...over,
  };
}

describe('edit history rests on evidence, not on the camera writing its own file', () => {
  const camera = { Make: 'NIKON CORPORATION', Model: 'NIKON D1X', Software: 'Ver.5.01', ModifyDate: '2026:11:05 14:21:09' };
  const exif = { DateTimeOriginal: '2026:11:05 14:21:09' };
  const saved = (agent: string | undefined, when: string): MetadataFacts['xmp'] => ({
    derivedFrom: false, historyTruncated: false, editorNamespaces: [], comments: [],
    history: [{ action: 'saved', ...(agent ? { softwareAgent: agent } : {}), when }],
  });

  test('equal dates, a ModifyDate seconds later and camera firmware strings are not evidence', () => {
    expect(historyRule(facts({ ifd0: camera, exif }))).toEqual([]);
    expect(historyRule(facts({ ifd0: { ...camera, ModifyDate: '2026:11:05 14:21:31' }, exif }))).toEqual([]);
  });

  test('a save recorded by the camera itself at capture time is not evidence (firmware, its own Software, its Model)', () => {
    for (const agent of ['Ver.5.01', 'HDR+ 1.0.199571065z', 'NIKON D1X Ver.5.01']) {
      expect(historyRule(facts({ ifd0: camera, exif, xmp: saved(agent, '2026-11-05T14:21:11+08:00') }))).toEqual([]);
    }
  });

  test('a save by an editor, by an unnamed program, or by the camera long after capture is strong evidence', () => {
    for (const [agent, when] of [['Adobe Photoshop 25.0 (Windows)', '2026-11-05T14:21:11+08:00'], [undefined, '2026-11-05T14:21:11+08:00'], ['Ver.5.01', '2026-11-06T09:00:00+08:00']] as const) {
      const [s] = historyRule(facts({ ifd0: camera, exif, xmp: saved(agent, when) }));
      expect(s?.code).toBe('metadata.edit-history');
      expect(s?.weight).toBeGreaterThanOrEqual(1);
    }
  });

  test('a ModifyDate clearly later is a hint; IPTC Core fields in photoshop: are not an editor trace', () => {
    const [s] = historyRule(facts({ ifd0: { ...camera, ModifyDate: '2026:11:05 16:00:00' }, exif }));
    expect(s?.weight).toBeLessThan(1);
    expect(s?.atMost).toBe('hint');
    const iptc = readXmpFacts([`<x:xmpmeta><rdf:RDF><rdf:Description xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" photoshop:City="Hangzhou" photoshop:Credit="Shop"><photoshop:Headline>Parcel</photoshop:Headline></rdf:Description></rdf:RDF></x:xmpmeta>`]);
    expect(iptc.editorNamespaces).toEqual([]);
    const ps = readXmpFacts([`<x:xmpmeta><rdf:RDF><rdf:Description xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" photoshop:City="Hangzhou" photoshop:ColorMode="3"/></rdf:RDF></x:xmpmeta>`]);
    expect(ps.editorNamespaces).toEqual(['photoshop:ColorMode']);
  });
});

describe('one fact counted once: an editor that names itself and records its own save', () => {
  const pixels = Buffer.alloc(96 * 64 * 3, 140);
  const raw = { raw: { width: 96, height: 64, channels: 3 as const } };
  const xmp = (agent: string): string =>
    `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/" xmlns:stEvt="http://ns.adobe.com/xap/1.0/sType/ResourceEvent#" xmpMM:DocumentID="xmp.did:b2" xmpMM:OriginalDocumentID="xmp.did:a1"><xmpMM:History><rdf:Seq><rdf:li stEvt:action="saved" stEvt:softwareAgent="${agent}" stEvt:when="2026-11-05T15:00:00+08:00"/></rdf:Seq></xmpMM:History></rdf:Description></rdf:RDF></x:xmpmeta>`;
  const file = (software: string): Promise<Buffer> =>
    sharp(pixels, raw).jpeg({ quality: 90 }).withExif({ IFD0: { Software: software } }).withXmp(xmp(software)).toBuffer();

  test('Photoshop export: editor-software keeps its weight, the edit history adds a clue-sized hint', async () => {
    const v = await inspector.inspect(await file('Adobe Photoshop 25.0 (Windows)'));
    const e = sig(v, 'metadata.editor-software');
    const h = sig(v, 'metadata.edit-history');
    expect(e?.strength).toBe('strong');
    expect(e?.weight).toBe(1.2);
    expect(h?.strength).toBe('hint');
    expect(h?.details).toMatchObject({ sameFactAs: 'metadata.editor-software', weightAlone: 1.1 });
    expect(h?.weight).toBeCloseTo(0.2, 6);
    // Together they weigh what the stronger reading weighs plus the further clues, not the sum (1.2 + 1.1).
    expect((e?.weight ?? 0) + (h?.weight ?? 0)).toBeLessThan(1.5);
  });

  test('Lightroom export: a hint-level organiser is left as it is (fusion caps hints together), the history stays strong', async () => {
    const v = await inspector.inspect(await file('Adobe Photoshop Lightroom Classic 13.0 (Windows)'));
    const e = sig(v, 'metadata.editor-software');
    const h = sig(v, 'metadata.edit-history');
    expect(h?.strength).toBe('strong');
    expect(h?.weight).toBe(1.1);
    expect(e?.strength).toBe('hint');
    expect(e?.weight).toBe(0.8);
    expect(e?.details?.sameFactAs).toBeUndefined();
  });
});

const delivered = (input: string, ms: number, hasOffset = true): { deliveredAt: { ms: number; input: string; hasOffset: boolean } } => ({ deliveredAt: { ms, input, hasOffset } });

describe('dates: explicit time zones', () => {
  const DELIVERED = Date.UTC(2026, 10, 4, 2, 0, 0); // 2026-11-04T10:00+08:00

  test('EXIF dates parse as wall clock; firmware defaults and impossible dates are rejected', () => {
    expect(parseWallClock('2026:11:04 10:00:00')?.wallMs).toBe(Date.UTC(2026, 10, 4, 10));
    expect(parseWallClock('2017-05-07T17:32:06+02:00')).toMatchObject({ wallMs: Date.UTC(2017, 4, 7, 17, 32, 6), offsetMinutes: 120 });
    expect(parseWallClock('2002:12:08 12:00:00')).toBeUndefined();
    expect(parseWallClock('0000:00:00 00:00:00')).toBeUndefined();
    expect(parseWallClock('2026:02:30 10:00:00')).toBeUndefined();
    expect(parseWallClock(new Date())).toBeUndefined();
  });

  test('with no zone, a capture within the ±14 h margin of delivery is not flagged; beyond it, it is', () => {
    // Wall clock 10:00 on the delivery day at an unknown zone could be 20:00 UTC the day before … 00:00 UTC the day after.
    const near = datesRule(facts({ exif: { DateTimeOriginal: '2026:11:03 23:00:00' } }), delivered('2026-11-04T10:00:00+08:00', DELIVERED));
    expect(near).toEqual([]);
    const far = datesRule(facts({ exif: { DateTimeOriginal: '2026:11:02 20:00:00' } }), delivered('2026-11-04T10:00:00+08:00', DELIVERED));
    expect(far.map((s) => s.code)).toEqual(['metadata.captured-before-delivery']);
    expect(far[0].details).toMatchObject({ zone: 'unknown' });
  });

  test('the buyer zone from the context narrows the margin', () => {
    const f = facts({ exif: { DateTimeOriginal: '2026:11:03 23:00:00' } });
    const ctx = { ...delivered('2026-11-04T10:00:00+08:00', DELIVERED), timezoneOffsetMinutes: 480 };
    expect(datesRule(f, ctx).map((s) => s.code)).toEqual(['metadata.captured-before-delivery']);
    // One hour of clock slack: 09:30 local on delivery day is not "before".
    expect(datesRule(facts({ exif: { DateTimeOriginal: '2026:11:04 09:30:00' } }), ctx)).toEqual([]);
  });

  test('the GPS fix gives the offset when the file has no OffsetTime', () => {
    const wall = parseWallClock('2018:07:25 16:34:23');
    const gps = gpsInstant({ GPSDateStamp: '2018:07:25', GPSTimeStamp: [14, 34, 23] });
    expect(gps).toBe(Date.UTC(2018, 6, 25, 14, 34, 23));
    expect(wall && gps !== undefined ? offsetFromGps(wall, gps) : null).toBe(120);
    const f = facts({ exif: { DateTimeOriginal: '2018:07:25 16:34:23' }, gps: { GPSDateStamp: '2018:07:25', GPSTimeStamp: [14, 34, 23] } });
    const out = datesRule(f, delivered('2018-07-26', Date.UTC(2018, 6, 26), false));
    // The reference itself has no offset: ±14 h on its side, so 7.5 h before it is not enough.
    expect(out).toEqual([]);
    const out2 = datesRule(f, delivered('2018-07-27T00:00:00Z', Date.UTC(2018, 6, 27)));
    expect(out2[0]?.details).toMatchObject({ zone: 'gps', offsetMinutes: 120 });
  });

  test('no usable date gives nothing; the order date stands in for a missing delivery date', () => {
    expect(datesRule(facts({}), delivered('2026-11-04T10:00:00+08:00', DELIVERED))).toEqual([]);
    const ordered = { orderedAt: { ms: DELIVERED, input: '2026-11-04T10:00:00+08:00', hasOffset: true } };
    const out = datesRule(facts({ exif: { DateTimeOriginal: '2026:10:01 10:00:00', OffsetTimeOriginal: '+08:00' } }), ordered);
    expect(out[0]?.params).toMatchObject({ event: 'ordered' });
  });

  test('ModifyDate before DateTimeOriginal by days is an internal contradiction', () => {
    const out = datesRule(facts({ exif: { DateTimeOriginal: '2026:11:05 10:00:00' }, ifd0: { ModifyDate: '2026:10:01 10:00:00' } }), {});
    expect(out.map((s) => s.code)).toEqual(['metadata.date-inconsistent']);
    expect(strengthOf(out[0].weight)).toBe('hint');
  });
});

describe('bounded parsing', () => {
  test('XMP history is capped at MAX_HISTORY_EVENTS', () => {
    const li = '<rdf:li stEvt:action="saved" stEvt:softwareAgent="Adobe Photoshop 25.0"/>';
    const text = `<x:xmpmeta><rdf:RDF><rdf:Description xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"><xmpMM:History><rdf:Seq>${li.repeat(20000)}</rdf:Seq></xmpMM:History></rdf:Description></rdf:RDF></x:xmpmeta>`;
    const f = readXmpFacts([text]);
    expect(f.history.length).toBe(MAX_HISTORY_EVENTS);
    expect(f.historyTruncated).toBe(true);
    expect(f.history[0]).toEqual({ action: 'saved', softwareAgent: 'Adobe Photoshop 25.0' });
  });

  test('XMP element and attribute forms are both read, entities decoded', () => {
    const f = readXmpFacts(['<rdf:Description xmp:CreatorTool="Pixelmator &amp; Co"/>', '<xmpMM:DocumentID>uuid:A</xmpMM:DocumentID><xmpMM:OriginalDocumentID>A</xmpMM:OriginalDocumentID>']);
    expect(f.creatorTool).toBe('Pixelmator & Co');
    expect(f.documentId).toBe('uuid:A');
  });

  test('the fallback TIFF reader survives garbage and loops', () => {
    const b = new Uint8Array(64);
    b.set([0x49, 0x49, 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00, 0xff, 0xff]);
    expect(readTiff(b, 0)).toEqual({ ifd0: {}, exif: {} });
    // An IFD whose EXIF pointer points back at itself.
    const c = new Uint8Array(64);
    c.set([0x49, 0x49, 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00, 0x01, 0x00, 0x69, 0x87, 0x04, 0x00, 0x01, 0x00, 0x00, 0x00, 0x08, 0x00, 0x00, 0x00]);
    expect(() => readTiff(c, 0)).not.toThrow();
    for (let i = 0; i < 200; i++) {
      const r = new Uint8Array(256).map((_, k) => (k * 7919 + i * 104729) & 0xff);
      r.set([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8]);
      expect(() => readTiff(r, 0)).not.toThrow();
    }
  });

  test('mutated fixtures never crash the detector', async () => {
    const base = readFileSync(join(DIR, INDEX['history-pos'].file));
    let seed = 12345;
    const statuses: string[] = [];
    const rnd = (): number => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    for (let i = 0; i < 25; i++) {
      const m = Buffer.from(base);
      // Flip bytes inside the metadata segments (the first 9 KB: EXIF, XMP), where the parsers work.
      for (let k = 0; k < 20; k++) m[2 + Math.floor(rnd() * 9000)] = Math.floor(rnd() * 256);
      let status: string;
      try {
        status = (await inspector.inspect(m)).detectors[0].status;
      } catch (e) {
        // The loader may refuse a header it cannot read; that is the documented rejection, not a crash.
        status = isClaimlensError(e) ? `rejected:${e.code}` : `threw:${String(e)}`;
      }
      statuses.push(status);
    }
    for (const s of statuses) expect(['ok', 'inconclusive', 'rejected:CORRUPT_IMAGE']).toContain(s);
    expect(statuses.filter((s) => s === 'ok').length).toBeGreaterThan(10);
  });
});

describe('thumbnail comparison end to end (thumbnail-compare.ts)', () => {
  const img = (w: number, h: number, f: (x: number, y: number) => number): Plane => {
    const data = new Uint8Array(w * h * 3);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.fill(f(x, y), (y * w + x) * 3, (y * w + x) * 3 + 3);
    return toPlane(data, w, h, 3);
  };
  // A ramp with a few rings: enough structure to align on.
  const scene = (x: number, y: number, w: number, h: number): number => Math.round(40 + (150 * x) / w + (30 * y) / h + 25 * Math.sin((x / w) * 19) * Math.cos((y / h) * 13));

  test('a brighter, smaller copy matches (the tone map absorbs gain and offset)', () => {
    const main = img(320, 240, (x, y) => scene(x, y, 320, 240));
    const thumb = img(160, 120, (x, y) => Math.min(255, Math.round(scene(2 * x + 0.5, 2 * y + 0.5, 320, 240) * 0.8 + 20)));
    const c = compareThumbnail(thumb, main, 1);
    expect(c?.pose.orientation).toBe(1);
    expect(thumbnailRule(c, 320, 240, 'en')).toEqual([]);
  });

  test('letterbox bars are trimmed when they explain an aspect difference', () => {
    const main = img(300, 200, (x, y) => scene(x, y, 300, 200));
    // 160×120 thumbnail of a 3:2 image: 160×107 picture with black bars top and bottom.
    const thumb = img(160, 120, (x, y) => (y < 7 || y >= 113 ? 0 : scene((x * 300) / 160, ((y - 7) * 200) / 106, 300, 200)));
    const c = compareThumbnail(thumb, main, 1);
    expect(c?.pose.trimmed).toBe(true);
    expect(thumbnailRule(c, 300, 200, 'en')).toEqual([]);
  });

  test('a painted tenth of the image is found and localised', () => {
    const main = img(320, 240, (x, y) => (x >= 200 && x < 300 && y >= 120 && y < 200 ? 30 : scene(x, y, 320, 240)));
    const thumb = img(160, 120, (x, y) => scene(2 * x + 0.5, 2 * y + 0.5, 320, 240));
    const [s] = thumbnailRule(compareThumbnail(thumb, main, 1), 320, 240, 'en');
    expect(s?.details?.kind).toBe('local-change');
    expect(s?.region?.x).toBeGreaterThanOrEqual(190);
    expect(s?.region?.y).toBeGreaterThanOrEqual(110);
    expect((s?.region?.x ?? 0) + (s?.region?.width ?? 0)).toBeLessThanOrEqual(310);
    expect((s?.region?.y ?? 0) + (s?.region?.height ?? 0)).toBeLessThanOrEqual(210);
    expect(s?.messageKey).toBe('metadata.thumbnail-mismatch.area');
  });
});

describe('containers exifr does not read', () => {
  const pixels = Buffer.alloc(96 * 64 * 3, 128);
  const raw = { raw: { width: 96, height: 64, channels: 3 as const } };

  test('WebP with camera EXIF (written by sharp): read by the fallback reader, flagged as converted', async () => {
    const webp = await sharp(pixels, raw).webp({ quality: 80 }).withExif({ IFD0: { Make: 'Canon', Model: 'Canon EOS 70D' } }).toBuffer();
    const v = await inspector.inspect(webp);
    expect(v.detectors[0].status).toBe('ok');
    expect(v.detectors[0].details?.exifSource).toBe('fallback');
    expect(sig(v, 'metadata.converted')?.details).toMatchObject({ make: 'Canon', model: 'Canon EOS 70D', format: 'webp' });
  });

  test('WebP without EXIF is an ordinary result, not an unreadable one', async () => {
    const v = await inspector.inspect(await sharp(pixels, raw).webp({ quality: 80 }).toBuffer());
    expect(v.detectors[0].status).toBe('ok');
    expect(sig(v, 'metadata.no-camera-metadata')).toBeDefined();
  });

  test('the fallback TIFF reader decodes IFD0 strings and the EXIF sub-IFD', () => {
    // II*\0, IFD0 at 8 with Software (ASCII at 38) and the EXIF pointer (IFD at 66) holding ISO = 200.
    const b = Buffer.alloc(96);
    b.write('II*\0', 0, 'latin1');
    b.writeUInt32LE(8, 4);
    b.writeUInt16LE(2, 8);
    b.writeUInt16LE(0x0131, 10); b.writeUInt16LE(2, 12); b.writeUInt32LE(28, 14); b.writeUInt32LE(38, 18);
    b.writeUInt16LE(0x8769, 22); b.writeUInt16LE(4, 24); b.writeUInt32LE(1, 26); b.writeUInt32LE(66, 30);
    b.writeUInt32LE(0, 34);
    b.write('Adobe Photoshop CS3 Windows\0', 38, 'latin1');
    b.writeUInt16LE(1, 66);
    b.writeUInt16LE(0x8827, 68); b.writeUInt16LE(3, 70); b.writeUInt32LE(1, 72); b.writeUInt16LE(200, 76);
    expect(readTiff(b, 0)).toEqual({ ifd0: { Software: 'Adobe Photoshop CS3 Windows' }, exif: { ISO: 200 } });
  });
});

describe('metadata options', () => {
  test.each([
    [{ thumbnail: 'yes' }, "metadata.thumbnail: expected a boolean, received 'yes' (string)"],
    [{ thumbs: true }, 'metadata.thumbs: expected a known option name (thumbnail), received true (boolean)'],
  ])('rejects %j with a message naming the option', (opts, text) => {
    let caught: unknown;
    try {
      metadata(opts as never);
    } catch (e) {
      caught = e;
    }
    expect(isClaimlensError(caught)).toBe(true);
    expect((caught as Error).message).toBe(text);
  });
});
