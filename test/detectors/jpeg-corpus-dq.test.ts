/**
 * Double-compression analysis on the camera originals of the shared corpus (../shared/corpus, never copied): a
 * camera writes its file once, so none may be called double-compressed. Kept apart from jpeg-corpus.test.ts
 * because decoding the 2–18 MP originals dominates its run time.
 */
import { loadImage } from '../../src/loader/image';
import { jpeg } from '../../src/detectors/jpeg';
import { corpusRows, describeCorpus } from '../helpers/corpus';

const originals = corpusRows().filter((r) => r.category === 'camera' && /\.jpe?g$/i.test(r.local_name) && /^genuine/i.test(r.ground_truth));

describeCorpus('jpeg double compression on ../shared/corpus/camera originals', () => {
  test.each(originals.map((r) => [r.local_name, r.file]))('%s: not double-compressed', async (_name, file) => {
    const image = await loadImage(file);
    const r = await jpeg().run({ image, catalog: [], context: {}, locale: 'en', artifacts: false, signal: new AbortController().signal });
    const dq = r.details?.doubleCompression as { score: number; threshold: number; modes: number };
    expect(dq.modes).toBeGreaterThan(0); // the analysis ran: the test would be empty otherwise
    expect(dq.score).toBeLessThan(dq.threshold);
    expect(r.signals.map((s) => s.code)).not.toContain('jpeg.double-compression');
  });
});
