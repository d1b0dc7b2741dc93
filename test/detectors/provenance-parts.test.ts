/**
 * The pure parts of the provenance detector on small inline inputs with hand-checked answers: XMP property
 * reading, GB 45438 value parsing, the source-type vocabulary, integrity-code classification, stealth decoding,
 * and the data tables' own invariants.
 */
import { gzipSync } from 'node:zlib';
import { findAigcLabels, parseAigcValue, PRODUCERS } from '../../src/detectors/provenance/aigc-label';
import { classifyReaderError, settingsJson, summarise } from '../../src/detectors/provenance/c2pa';
import { GENERATORS } from '../../src/detectors/provenance/data/generators';
import { lookupSourceType, SOURCE_TYPES } from '../../src/detectors/provenance/data/source-types';
import { exifTextFromTiff } from '../../src/detectors/provenance/exif-text';
import { decodeStealthAlpha, findPngParameters, findTextSignatures, looksLikeSdParameters } from '../../src/detectors/provenance/generators';
import { decodeXmlEntities, xmpValues } from '../../src/detectors/provenance/xmp-props';
import { provenanceMessages } from '../../src/detectors/provenance/messages';

const pkt = (body: string): string =>
  `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">${body}</rdf:RDF></x:xmpmeta>`;

describe('xmp-props', () => {
  test('reads by namespace, whatever the prefix, in attribute and element form', () => {
    const p = pkt(
      '<rdf:Description rdf:about="" xmlns:aigc="http://www.tc260.org.cn/ns/AIGC/1.0/" aigc:AIGC="{&quot;Label&quot;:&quot;2&quot;}"/>' +
        '<rdf:Description rdf:about="" xmlns:ie="http://iptc.org/std/Iptc4xmpExt/2008-02-29/"><ie:DigitalSourceType rdf:resource="http://cv.iptc.org/newscodes/digitalsourcetype/digitalArt"/></rdf:Description>',
    );
    expect(xmpValues(p, 'http://www.tc260.org.cn/ns/AIGC/1.0/', 'AIGC')).toEqual(['{"Label":"2"}']);
    expect(xmpValues(p, 'http://iptc.org/std/Iptc4xmpExt/2008-02-29/', 'DigitalSourceType')).toEqual(['http://cv.iptc.org/newscodes/digitalsourcetype/digitalArt']);
    expect(xmpValues(p, 'http://ns.adobe.com/xap/1.0/', 'CreatorTool')).toEqual([]);
  });

  test('rdf:li items are separate values; entities decode', () => {
    const p = pkt('<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:description><rdf:Alt><rdf:li xml:lang="x-default">a &amp; b</rdf:li></rdf:Alt></dc:description></rdf:Description>');
    expect(xmpValues(p, 'http://purl.org/dc/elements/1.1/', 'description')).toEqual(['a & b']);
    expect(decodeXmlEntities('&#x4E2D;&#25991;&lt;')).toBe('中文<');
  });
});

describe('GB 45438 label parsing', () => {
  test('JSON, wrapped JSON, double-encoded JSON and broken JSON', () => {
    expect(parseAigcValue('{"Label":"1","ContentProducer":"P"}')?.fields).toEqual({ Label: '1', ContentProducer: 'P' });
    expect(parseAigcValue('{"AIGC":{"label":"3","contentproducer":"Q"}}')?.fields).toEqual({ Label: '3', ContentProducer: 'Q' });
    expect(parseAigcValue(JSON.stringify('{"Label":"1","ContentProducer":"R"}'))?.fields.ContentProducer).toBe('R');
    const broken = parseAigcValue('{Label: 1, ContentProducer: S,');
    expect(broken?.wellFormed).toBe(false);
    expect(broken?.fields).toMatchObject({ Label: '1', ContentProducer: 'S' });
    expect(parseAigcValue('{"foo":1}')).toBeNull();
    expect(parseAigcValue('')).toBeNull();
  });

  test('meaning of Label values and the producer code layout', () => {
    const mk = (label: string, producer: string) =>
      findAigcLabels({ xmpPackets: [], pngText: [['AIGC', JSON.stringify({ Label: label, ContentProducer: producer })]], texts: [] })[0];
    expect(mk('1', '001191110102MACQD9K64010000')).toMatchObject({ meaning: 'ai-generated', creditCode: '91110102MACQD9K640', where: 'png:AIGC' });
    expect(mk('1', '001191110102MACQD9K64010000').service).toMatch(/Doubao/);
    expect(mk('2', 'x').meaning).toBe('possibly-ai');
    expect(mk('3', 'x').meaning).toBe('suspected-ai');
    expect(mk('AIGC', 'Minimax').meaning).toBe('unrecognised');
    expect(mk('1', 'Some Company').creditCode).toBeUndefined();
  });

  test('EXIF text carrying the label is found; unrelated text is not', () => {
    const found = findAigcLabels({ xmpPackets: [], pngText: [], texts: [['exif:UserComment', '{"AIGC":{"Label":"1","ContentProducer":"X"}}'], ['exif:Software', 'Camera 1.0']] });
    expect(found).toHaveLength(1);
    expect(found[0].where).toBe('exif:UserComment');
  });
});

describe('source types', () => {
  test('lookup accepts URIs, https, trailing slash, QCodes and bare terms', () => {
    expect(lookupSourceType('http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia')?.class).toBe('ai-generated');
    expect(lookupSourceType('https://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia/')?.class).toBe('ai-edited');
    expect(lookupSourceType('digsrctype:digitalCapture')?.class).toBe('capture');
    expect(lookupSourceType('algorithmicMedia')?.class).toBe('synthetic');
    expect(lookupSourceType('http://c2pa.org/digitalsourcetype/empty')?.class).toBe('unknown');
    expect(lookupSourceType('nonsense')).toBeUndefined();
  });

  test('table invariants: unique ids, a source on every row, AI terms positive, capture terms negative or zero', () => {
    expect(new Set(SOURCE_TYPES.map((r) => r.id)).size).toBe(SOURCE_TYPES.length);
    for (const r of SOURCE_TYPES) {
      expect(r.source.length).toBeGreaterThan(10);
      if (r.class === 'ai-generated' || r.class === 'ai-edited') expect(r.weight).toBeGreaterThanOrEqual(5);
      if (r.class === 'capture') expect(r.weight).toBeLessThanOrEqual(0);
    }
  });
});

describe('generators', () => {
  test('table invariants: unique ids, a source on every row, every row matchable', () => {
    expect(new Set(GENERATORS.map((g) => g.id)).size).toBe(GENERATORS.length);
    for (const g of GENERATORS) {
      expect(g.source.length).toBeGreaterThan(10);
      expect(Boolean(g.names) || Boolean(g.pngKeys?.length) || Boolean(g.textRules?.length)).toBe(true);
    }
    expect(new Set(PRODUCERS.map((p) => p.creditCode)).size).toBe(PRODUCERS.length);
    for (const p of PRODUCERS) expect(p.source.length).toBeGreaterThan(10);
  });

  test('names: Chinese and international services; camera and editor strings do not match', () => {
    const ids = (t: string): string[] => findTextSignatures([['exif:Software', t]]).map((f) => f.generator);
    expect(ids('Midjourney v6')).toEqual(['midjourney']);
    expect(ids('通义万相')).toEqual(['tongyi-wanxiang']);
    expect(ids('即梦AI')).toEqual(['doubao-jimeng']);
    expect(ids('可灵 AI')).toEqual(['kling']);
    expect(ids('腾讯混元')).toEqual(['hunyuan']);
    expect(ids('文心一格')).toEqual(['wenxin-yige']);
    expect(ids('美图AI')).toEqual(['meitu-ai']);
    expect(ids('醒图 AI')).toEqual(['xingtu-ai']);
    expect(ids('Adobe Firefly')).toEqual(['firefly']);
    expect(ids('DALL·E 3')).toEqual(['openai']);
    expect(ids('Google Imagen 3')).toEqual(['google']);
    expect(ids('Gemini 2.5 Flash Image')).toEqual(['google']);
    for (const t of ['Adobe Photoshop 24.1 (Macintosh)', 'Adobe Lightroom', 'HDR+ 1.0.345', 'iOS 17.1', 'GIMP 2.10', '美图秀秀', '醒图', 'Firefly Camera Co.', 'Imagen 1', 'Gemini', 'whee, a cracked mug', 'Meitu 10.2.0']) expect(ids(t)).toEqual([]);
  });

  test('parameters need the right shape, not only the key', () => {
    expect(looksLikeSdParameters('cat\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1')).toBe(true);
    expect(looksLikeSdParameters('Steps: take two')).toBe(false);
    expect(findPngParameters([['prompt', 'say cheese']])).toEqual([]);
    expect(findPngParameters([['prompt', '{"3":{"class_type":"KSampler","inputs":{}}}']])[0].generator).toBe('comfyui');
    expect(findPngParameters([['parameters', '{"prompt":"x","version":"Fooocus v2.1","steps":30}']])[0].generator).toBe('fooocus');
    expect(findPngParameters([['Comment', '{"note":"hello"}']])).toEqual([]);
  });

  test('stealth alpha: encode by hand (column-major LSBs) and decode; a plain alpha plane gives null', () => {
    const w = 40;
    const h = 30;
    const payload = gzipSync(Buffer.from('Steps: 20, Sampler: Euler, Seed: 7'));
    const bytes = [...Buffer.from('stealth_pngcomp', 'latin1')];
    const lenBits = payload.length * 8;
    for (let i = 3; i >= 0; i--) bytes.push((lenBits >>> (i * 8)) & 0xff);
    bytes.push(...payload);
    const alpha = new Uint8Array(w * h).fill(254);
    let k = 0;
    for (const byte of bytes) {
      for (let b = 7; b >= 0; b--, k++) {
        const x = Math.floor(k / h);
        const y = k % h;
        alpha[y * w + x] = 254 | ((byte >> b) & 1);
      }
    }
    expect(decodeStealthAlpha(alpha, w, h)).toBe('Steps: 20, Sampler: Euler, Seed: 7');
    expect(decodeStealthAlpha(new Uint8Array(w * h).fill(255), w, h)).toBeNull();
    expect(decodeStealthAlpha(new Uint8Array(10), 5, 2)).toBeNull();
  });
});

describe('exif-text', () => {
  test('reads UserComment (UNICODE big-endian) through the Exif IFD pointer; bad offsets are skipped', () => {
    const text = 'Steps: 5';
    const uc = Buffer.concat([Buffer.from('UNICODE\0', 'latin1'), Buffer.from(text, 'utf16le').swap16()]);
    const t = Buffer.alloc(26 + 18 + uc.length);
    t.write('MM\0*', 0, 'latin1');
    t.writeUInt32BE(8, 4);
    t.writeUInt16BE(1, 8); // IFD0: one entry, the Exif pointer
    t.writeUInt16BE(0x8769, 10);
    t.writeUInt16BE(4, 12);
    t.writeUInt32BE(1, 14);
    t.writeUInt32BE(26, 18);
    t.writeUInt16BE(1, 26); // Exif IFD: UserComment
    t.writeUInt16BE(0x9286, 28);
    t.writeUInt16BE(7, 30);
    t.writeUInt32BE(uc.length, 32);
    t.writeUInt32BE(44, 36);
    uc.copy(t, 44);
    expect(exifTextFromTiff(t)).toEqual([{ tag: 'UserComment', value: text }]);
    t.writeUInt32BE(100000, 36);
    expect(exifTextFromTiff(t)).toEqual([]);
    expect(exifTextFromTiff(new Uint8Array([1, 2, 3]))).toEqual([]);
  });
});

describe('c2pa helpers (no wasm)', () => {
  test('reader errors: no manifest, remote, unsupported algorithm, pre-release', () => {
    expect(classifyReaderError(new Error('C2pa(JumbfNotFound)'))).toEqual({ kind: 'none' });
    expect(classifyReaderError('C2pa(RemoteManifestUrl("https://example.test/m"))')).toEqual({ kind: 'remote', url: 'https://example.test/m' });
    expect(classifyReaderError('C2pa(UnknownAlgorithm)')).toMatchObject({ kind: 'unreadable', code: 'algorithm.unsupported' });
    expect(classifyReaderError('C2pa(PrereleaseError)')).toMatchObject({ kind: 'unreadable', code: 'com.adobe.prerelease' });
  });

  test('settings always switch remote fetch and OCSP explicitly', () => {
    expect(JSON.parse(settingsJson({ remoteManifestFetch: false, ocspFetch: false }))).toEqual({
      version: 1,
      verify: { verify_trust: true, remote_manifest_fetch: false, ocsp_fetch: false },
      trust: {},
    });
    const s = JSON.parse(settingsJson({ remoteManifestFetch: true, ocspFetch: true, trustAnchorsPem: 'PEM', allowedEkus: ['1.2.3', '1.2.4'] })) as { trust: unknown };
    expect(s.trust).toEqual({ trust_anchors: 'PEM', trust_config: '1.2.3\n1.2.4' });
  });

  test('summarise tolerates an empty or hostile store', () => {
    const s = summarise({ active_manifest: 'a', manifests: { a: { assertions: [{ label: 'c2pa.actions', data: { actions: 'nope' } }], ingredients: {} } } });
    expect(s).toMatchObject({ activeManifest: 'a', actions: [], ingredients: [], claimGenerator: '', trusted: false });
    expect(summarise(null).activeManifest).toBe('');
  });
});

test('every provenance message exists in both locales', () => {
  expect(Object.keys(provenanceMessages['zh-CN']).sort()).toEqual(Object.keys(provenanceMessages.en).sort());
});
