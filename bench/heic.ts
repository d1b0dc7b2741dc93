/**
 * HEIC claims (issue 15 §4): the corpus HEICs (../shared/corpus: two iPhone photos, one C2PA-signed HEIC) inspected
 * with the optional decoder (heic-decode) and without it (`heicDecoder: null`), alone and with an unrelated catalog
 * photo; plus the decode time against a bare sharp decode of a 12 MP JPEG in the same run.
 *   npx tsx bench/heic.ts   → bench/out/heic.json and a table on stdout
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInspector } from '../src/inspector';
import { optionalHeicDecoder } from '../src/loader/heic';
import { sharpDecode, timeIt, twelveMegapixelJpeg, writeResult } from './lib';

const CORPUS = resolve(process.env.CLAIMLENS_CORPUS ?? join(process.cwd(), '..', 'shared', 'corpus'));
const FILES = ['camera/exifr__Apple_iPhone_7.heic', 'camera/mei__Apple_iPhone_11_Pro_IMG_2927.heic', 'c2pa/trustnxt__icon-signed-v2-bmff.heic'];
const CATALOG = 'products/grocery__Orange__catalog_iconic.jpg';

async function main(): Promise<void> {
  if (!existsSync(join(CORPUS, 'MANIFEST.tsv'))) {
    process.stderr.write(`shared corpus not found at ${CORPUS}: HEIC bench skipped\n`);
    return;
  }
  const decoder = await optionalHeicDecoder();
  if (!decoder) throw new Error('heic-decode is not installed: npm ci installs it as a devDependency');
  const rows: Record<string, unknown>[] = [];
  for (const [label, heicDecoder] of [['heic-decode', undefined], ['no decoder', null]] as const) {
    const inspector = createInspector(heicDecoder === null ? { heicDecoder } : {});
    for (const f of FILES) {
      for (const catalog of [[], [join(CORPUS, CATALOG)]]) {
        const t = performance.now();
        const v = await inspector.inspect(join(CORPUS, f), { catalog });
        rows.push({
          decoder: label,
          file: f,
          catalog: catalog.length > 0,
          ms: Math.round(performance.now() - t),
          score: v.score,
          risk: v.risk,
          coverage: v.coverage,
          ran: v.detectors.filter((d) => d.status === 'ok').map((d) => d.name),
          signals: v.signals.map((s) => `${s.code} ${s.weight}`),
        });
      }
    }
  }
  const sink: unknown[] = [];
  const bytes = readFileSync(join(CORPUS, FILES[0]));
  const heic12 = await timeIt(() => decoder(bytes, 100_000_000), 3, 1, sink);
  const jpeg = await twelveMegapixelJpeg();
  const jpeg12 = await timeIt(() => sharpDecode(jpeg), 3, 1, sink);
  const speed = { heicDecode12mp: heic12, sharpDecodeJpeg12mp: jpeg12, ratio: Math.round((heic12.p50 / jpeg12.p50) * 10) / 10, checksum: sink.length };
  const path = await writeResult('heic', { verdicts: rows, speed });
  for (const r of rows) console.log(`${String(r.decoder).padEnd(12)} ${String(r.file).padEnd(48)} catalog=${String(r.catalog).padEnd(5)} ${String(r.score).padEnd(7)} ${String(r.risk).padEnd(7)} pixels=${String((r.coverage as { pixels: boolean }).pixels)} ran ${(r.ran as string[]).length}`);
  console.log(`decode 12 MP HEIC p50 ${heic12.p50} ms vs sharp JPEG 12 MP ${jpeg12.p50} ms (×${speed.ratio})`);
  console.log(`wrote ${path}`);
}

void main();
