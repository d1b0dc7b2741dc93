/**
 * GB 45438-2025 implicit labels in every form the reader accepts, on small inline inputs with hand-checked answers:
 * the JSON value of `TC260:AIGC`, the flat TC260 properties (attributes, elements, struct), PNG text chunks keyed
 * `AIGC` or one per element, prefixed values, Tencent Cloud's service schema, and empty templates.
 */
import { aigcWeight, findAigcLabels, firstJsonObject, parseAigcValue } from '../../src/detectors/provenance/aigc-label';
import { DEFAULT_STRENGTH_CUTS, strengthOf } from '../../src/detectors/descriptor';

const TC = 'xmlns:TC260="http://www.tc260.org.cn/ns/AIGC/1.0/"';
const pkt = (body: string): string =>
  `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">${body}</rdf:RDF></x:xmpmeta>`;
const DOUBAO = '001191110102MACQD9K64010000';
const xmp = (body: string) => findAigcLabels({ xmpPackets: [pkt(body)], pngText: [], texts: [] });
const png = (chunks: [string, string][]) => findAigcLabels({ xmpPackets: [], pngText: chunks, texts: [] });

describe('XMP forms', () => {
  test('flat properties as attributes', () => {
    const l = xmp(`<rdf:Description rdf:about="" ${TC} TC260:Label="1" TC260:ContentProducer="${DOUBAO}" TC260:ProduceID="abc" TC260:ReservedCode1=""/>`);
    expect(l).toHaveLength(1);
    expect(l[0]).toMatchObject({ label: '1', meaning: 'ai-generated', where: 'xmp:flat', produceId: 'abc', creditCode: '91110102MACQD9K640' });
    expect(l[0].service).toMatch(/Doubao/);
  });

  test('flat properties as elements, any prefix', () => {
    const l = xmp(`<rdf:Description rdf:about="" xmlns:gb="http://www.tc260.org.cn/ns/AIGC/1.0/"><gb:Label>2</gb:Label><gb:ContentProducer>P</gb:ContentProducer></rdf:Description>`);
    expect(l).toEqual([expect.objectContaining({ label: '2', meaning: 'possibly-ai', producer: 'P', where: 'xmp:flat' })]);
  });

  test('a struct under TC260:AIGC is read through its fields, with no second, garbled label', () => {
    const l = xmp(`<rdf:Description rdf:about="" ${TC}><TC260:AIGC rdf:parseType="Resource"><TC260:Label>1</TC260:Label><TC260:ContentProducer>${DOUBAO}</TC260:ContentProducer></TC260:AIGC></rdf:Description>`);
    expect(l).toHaveLength(1);
    expect(l[0]).toMatchObject({ meaning: 'ai-generated', where: 'xmp:flat' });
  });

  test('the JSON value, entity-encoded, as the services write it', () => {
    const v = JSON.stringify({ Label: '1', ContentProducer: DOUBAO, ProduceID: 'x' }).replace(/"/g, '&quot;');
    expect(xmp(`<rdf:Description rdf:about="" ${TC}><TC260:AIGC>${v}</TC260:AIGC></rdf:Description>`)[0]).toMatchObject({ meaning: 'ai-generated', where: 'xmp', wellFormed: true });
  });

  test('an empty template is an empty label (a hint), whatever its form', () => {
    const json = JSON.stringify({ Label: '', ContentProducer: '', ProduceID: '', ReservedCode1: '', ContentPropagator: '', PropagateID: '', ReservedCode2: '' }).replace(/"/g, '&quot;');
    const a = xmp(`<rdf:Description rdf:about="" ${TC}><TC260:AIGC>${json}</TC260:AIGC></rdf:Description>`);
    const b = xmp(`<rdf:Description rdf:about="" ${TC}><TC260:Label/><TC260:ContentProducer/></rdf:Description>`);
    const c = xmp(`<rdf:Description rdf:about="" ${TC} TC260:Label="" TC260:ContentProducer=""/>`);
    for (const l of [a, b, c]) {
      expect(l).toHaveLength(1);
      expect(l[0].meaning).toBe('empty');
      expect(aigcWeight(l[0])).toEqual({ weight: 0.5 });
    }
  });

  test('the TC260 namespace declared with no label property, or another namespace\'s Label, is nothing', () => {
    expect(xmp(`<rdf:Description rdf:about="" ${TC} xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:Label="Red"/>`)).toEqual([]);
  });
});

describe('PNG text chunks (tEXt, zTXt, iTXt arrive here inflated)', () => {
  const json = JSON.stringify({ Label: '1', ContentProducer: DOUBAO });
  test.each(['AIGC', 'aigc', 'TC260:AIGC', 'AIGC_label'])('keyed %s', (key) => {
    expect(png([[key, json]])[0]).toMatchObject({ meaning: 'ai-generated', where: `png:${key}` });
  });

  test('one chunk per element', () => {
    expect(png([['Label', '1'], ['ContentProducer', DOUBAO], ['ProduceID', 'id-1']])[0]).toMatchObject({ meaning: 'ai-generated', where: 'png:flat', produceId: 'id-1' });
  });

  test('a lone "Label" chunk, or a label object in an unrelated key without TC260 fields, is nothing', () => {
    expect(png([['Label', '1']])).toEqual([]);
    expect(png([['Comment', '{"aigc": true}']])).toEqual([]);
  });

  test('a label object in another chunk (Comment) is found', () => {
    expect(png([['Comment', `{"AIGC":${json}}`]])[0]).toMatchObject({ where: 'png:Comment', meaning: 'ai-generated' });
  });
});

describe('values with a prefix, and the service schema', () => {
  test('AIGC{…} glued, and an EXIF character-code header before the object', () => {
    expect(parseAigcValue('AIGC{"Label":"1","ContentProducer":"X"}')?.fields).toEqual({ Label: '1', ContentProducer: 'X' });
    expect(parseAigcValue('ASCII\u0000\u0000\u0000{"AIGC":{"Label":"3","ContentProducer":"Y"}}')?.fields).toEqual({ Label: '3', ContentProducer: 'Y' });
    expect(firstJsonObject('x {"a":"}{","b":{"c":1}} tail')).toBe('{"a":"}{","b":{"c":1}}');
    expect(firstJsonObject('no object')).toBeUndefined();
  });

  test('Tencent Cloud service schema (no Label): an empty-attribute label whose producer is the service provider', () => {
    const l = findAigcLabels({ xmpPackets: [], pngText: [], texts: [['exif:ImageDescription', '{"AIGC":{"ServiceProvider":"tencent-cloud","ServiceUser":"u1","Time":"1","ContentId":"c"}}']] });
    expect(l[0]).toMatchObject({ meaning: 'empty', producer: 'tencent-cloud', where: 'exif:ImageDescription' });
  });

  test('weights: 1 decides, 2 and 3 are strong, other values and empty ones are hints', () => {
    const w = (label: string) => aigcWeight(png([['AIGC', JSON.stringify({ Label: label, ContentProducer: 'p' })]])[0]);
    expect(['1', '2', '3', '0', ''].map((l) => w(l).weight)).toEqual([5, 3, 2.5, 1.5, 0.5]);
    expect(['1', '2', '3', '0', ''].map((l) => strengthOf(w(l).weight, DEFAULT_STRENGTH_CUTS, w(l)))).toEqual(['conclusive', 'strong', 'strong', 'hint', 'hint']);
  });
});
