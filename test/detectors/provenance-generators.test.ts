/**
 * Generator signatures added for issue 15 §2, on inline inputs shaped like the documented traces (sources in
 * data/generators.ts): Midjourney's Description with prompt and job id, xAI Grok's EXIF signature pair, ByteDance app
 * AIGC records, a Hugging Face job marker, names in Make/CreatorTool, the IPTC 2025.1 AI-disclosure properties, and the
 * weights of each kind of trace. Ordinary camera and caption text must not match.
 */
import { DEFAULT_STRENGTH_CUTS, strengthOf } from '../../src/detectors/descriptor';
import { findingWeight, findPngParameters, findSignaturePairs, findTextSignatures, type GeneratorFinding } from '../../src/detectors/provenance/generators';
import { findAiDisclosure } from '../../src/detectors/provenance/source-type';

const MJ = 'a cracked ceramic mug on a kitchen table, product photo --ar 4:3 --v 6.1 Job ID: a7421d2f-b262-44f9-977c-ac23e9c7d3e3';
const ids = (f: GeneratorFinding[]): string[] => f.map((x) => `${x.generator}/${x.kind}`);

describe('Midjourney', () => {
  test('prompt and job id in the PNG Description (or an EXIF/XMP description) are generation parameters', () => {
    expect(ids(findTextSignatures([['png:Description', MJ], ['png:Author', 'someuser']]))).toEqual(['midjourney/parameters']);
    expect(ids(findTextSignatures([['exif:ImageDescription', 'lamp Job ID: 0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b']]))).toEqual(['midjourney/parameters']);
  });

  test('a job id that is not a UUID, or a description that only mentions a job, is not', () => {
    expect(findTextSignatures([['png:Description', 'Job ID: 12345 printed on the box']])).toEqual([]);
    expect(findTextSignatures([['png:Description', 'photo of my job site']])).toEqual([]);
  });
});

describe('xAI Grok signature pair', () => {
  const sig = `Signature: ${'QUJD'.repeat(20)}==`;
  const uuid = '3f2a9c1e-7b6d-4e5f-8a9b-0c1d2e3f4a5b';
  test('ImageDescription "Signature: <base64>" with a UUID Artist', () => {
    expect(ids(findSignaturePairs([['exif:ImageDescription', sig], ['exif:Artist', uuid]]))).toEqual(['xai-grok/signature']);
    expect(ids(findTextSignatures([['exif:ImageDescription', sig], ['exif:Artist', uuid]]))).toEqual(['xai-grok/signature']);
  });
  test('either alone, or a short signature, is nothing', () => {
    expect(findSignaturePairs([['exif:ImageDescription', sig], ['exif:Artist', 'Jane Doe']])).toEqual([]);
    expect(findSignaturePairs([['exif:ImageDescription', 'Signature: abc'], ['exif:Artist', uuid]])).toEqual([]);
  });
});

describe('other services', () => {
  test('ByteDance app AIGC record and a Dreamina generation export', () => {
    expect(ids(findTextSignatures([['exif:UserComment', '{"product":"aweme","aigc_info":{"aigc_label_type":1,"source":"x"}}']]))).toEqual(['bytedance-app/parameters']);
    expect(ids(findTextSignatures([['exif:ImageDescription', '{"product":"dreamina","exportType":"generation"}']]))).toEqual(['bytedance-app/parameters']);
    expect(findTextSignatures([['exif:UserComment', '{"product":"aweme","aigc_info":{"aigc_label_type":0}}']])).toEqual([]);
  });

  test('Hugging Face job marker in PNG text is a marker, not parameters', () => {
    expect(ids(findPngParameters([['hf-job-id', '6650f1a2b3c4d5e6f7a8b9c0']]))).toEqual(['huggingface-job/marker']);
  });

  test('names: Ideogram in Make, Draw Things in CreatorTool, Luma AI in Source', () => {
    expect(ids(findTextSignatures([['exif:Make', 'Ideogram AI']]))).toEqual(['ideogram/name']);
    expect(ids(findTextSignatures([['xmp:CreatorTool', 'Draw Things']]))).toEqual(['drawthings/name']);
    expect(ids(findTextSignatures([['png:Source', 'Luma AI']]))).toEqual(['luma/name']);
  });

  test('camera and editor strings match nothing', () => {
    for (const t of ['Canon EOS 5D Mark IV', 'Apple', 'Adobe Photoshop Lightroom Classic 12.0', 'HDR+ 1.0.199571065z', 'Ver.1.00', 'Image Description']) {
      expect(findTextSignatures([['exif:Software', t], ['exif:Make', t], ['exif:ImageDescription', t]])).toEqual([]);
    }
  });
});

describe('weights of traces', () => {
  const f = (kind: GeneratorFinding['kind'], where: string): GeneratorFinding => ({ generator: 'x', name: 'x', kind, where, excerpt: '' });
  test.each([
    ['parameters', 'png:parameters', 5, 'conclusive'],
    ['declaration', 'xmp:Iptc4xmpExt:AISystemUsed', 5, 'conclusive'],
    ['signature', 'exif:ImageDescription', 4, 'strong'],
    ['name', 'exif:Software', 2.5, 'strong'],
    ['name', 'exif:Make', 2.5, 'strong'],
    ['name', 'xmp:CreatorTool', 2.5, 'strong'],
    ['name', 'png:Description', 1.5, 'hint'],
    ['marker', 'png:hf-job-id', 1.5, 'hint'],
  ] as const)('%s in %s → %d %s', (kind, where, weight, strength) => {
    const w = findingWeight(f(kind, where));
    expect(w.weight).toBe(weight);
    expect(strengthOf(w.weight, DEFAULT_STRENGTH_CUTS, w)).toBe(strength);
  });
});

describe('IPTC 2025.1 AI disclosure', () => {
  const pkt = (body: string): string => `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">${body}</rdf:RDF></x:xmpmeta>`;
  const EXT = 'xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/"';
  test('AISystemUsed names the system; any of the four properties is a disclosure', () => {
    expect(findAiDisclosure([pkt(`<rdf:Description ${EXT} Iptc4xmpExt:AISystemUsed="Midjourney" Iptc4xmpExt:AISystemVersionUsed="7"/>`)])).toEqual({ system: 'Midjourney', version: '7', properties: ['AISystemUsed', 'AISystemVersionUsed'] });
    expect(findAiDisclosure([pkt(`<rdf:Description ${EXT}><Iptc4xmpExt:AIPromptInformation>a mug</Iptc4xmpExt:AIPromptInformation></rdf:Description>`)])?.properties).toEqual(['AIPromptInformation']);
  });
  test('nothing, or an empty property, is no disclosure', () => {
    expect(findAiDisclosure([pkt(`<rdf:Description ${EXT} Iptc4xmpExt:AISystemUsed=""/>`)])).toBeUndefined();
    expect(findAiDisclosure([])).toBeUndefined();
  });
});
