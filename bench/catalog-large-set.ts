/**
 * Large-photo catalog cases, for the catalog path's large-image views (issue 16): the refund and product sets are
 * made of claims and seller photos of at most 2,304 px, which the catalog area-averages exactly as before, so they
 * cannot tell whether the shortcuts for large photos (a libvips intermediate for the claim, a DCT-scaled decode for
 * `fingerprint()`) move a decision. Here every camera JPEG of ../shared/corpus/camera longer than 2,304 px is a
 * seller photo at full resolution (referenced in place, never copied), and its claims are made at full resolution
 * with the refund set's edits and transforms (fixtures/generate/edits.ts):
 *   fabricated  8 per photo: none+plain (reuse), crack+crop, stain+recompress, dent+brightness, recolour+mirror,
 *               tear+rotate, inpaint+letterbox, scratch+screenshot (the one small claim: a 1080×2340 screen)
 *   genuine     2 per photo: a simulated independent capture of the same scene (`recapture`: other pose, light and
 *               surroundings) and the next camera photo (another scene)
 * JPEG quality 80–94 (seeded, the same spread for both labels). Writes fixtures/out/catalog-large/manifest.json in
 * the refund-set manifest format, for `npx tsx bench/catalog.ts --manifest fixtures/out/catalog-large/manifest.json`.
 *
 *   npx tsx bench/catalog-large-set.ts [--out fixtures/out/catalog-large]
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import sharp from 'sharp';
import { applyEdit, applyTransform, layerOf, maskBox, recapture, type EditFamily, type Layer, type TransformKind } from '../fixtures/generate/edits';
import { rng } from '../fixtures/generate/render';

const CORPUS = resolve('..', 'shared', 'corpus');
/** Longest side up to which the catalog's views are exact area averages of the decode (catalog/views.ts). */
const LARGE = 2304;
const PAIRS: [EditFamily, TransformKind][] = [
  ['none', 'plain'],
  ['crack', 'crop'],
  ['stain', 'recompress'],
  ['dent', 'brightness'],
  ['recolour', 'mirror'],
  ['tear', 'rotate'],
  ['inpaint', 'letterbox'],
  ['scratch', 'screenshot'],
];

const outArg = process.argv.indexOf('--out');
const OUT = resolve(outArg >= 0 ? process.argv[outArg + 1] : join('fixtures', 'out', 'catalog-large'));

async function decoded(path: string): Promise<Layer> {
  const { data, info } = await sharp(path).rotate().removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  return layerOf(data, info.width, info.height);
}

async function save(l: Layer, name: string, quality: number): Promise<string> {
  const file = join(OUT, 'claims', `${name}.jpg`);
  await sharp(l.rgb, { raw: { width: l.width, height: l.height, channels: 3 } }).jpeg({ quality, chromaSubsampling: '4:2:0' }).toFile(file);
  return relative(OUT, file);
}

async function main(): Promise<void> {
  const tsv = join(CORPUS, 'MANIFEST.tsv');
  if (!existsSync(tsv)) {
    console.log(`shared corpus not found at ${CORPUS}: nothing generated`);
    return;
  }
  const sources: string[] = [];
  for (const line of readFileSync(tsv, 'utf8').split('\n').slice(1)) {
    const name = line.split('\t')[3];
    if (!name || !/^camera\/.*\.jpe?g$/i.test(name)) continue;
    const m = await sharp(join(CORPUS, name)).metadata();
    if (m.format === 'jpeg' && Math.max(m.width ?? 0, m.height ?? 0) > LARGE) sources.push(name);
  }
  await mkdir(join(OUT, 'claims'), { recursive: true });
  const quality = rng(16);
  const cases: Record<string, unknown>[] = [];
  for (const [si, name] of sources.entries()) {
    const catalog = relative(OUT, join(CORPUS, name));
    const base = name.replace(/^camera\//, '').replace(/\.jpe?g$/i, '');
    const photo = await decoded(join(CORPUS, name));
    for (const [k, [family, transform]] of PAIRS.entries()) {
      const seed = si * 100 + k;
      const edited = await applyEdit(photo, family, seed);
      const { layer } = await applyTransform(edited, transform, seed + 50);
      const id = `${base}-${family}-${transform}`;
      const box = family === 'none' ? null : maskBox(layer);
      cases.push({ id, claim: await save(layer, id, 80 + Math.floor(quality() * 15)), catalog: [catalog], label: 'fabricated', kind: family === 'none' ? 'reuse' : 'derived-edit', family, transform, ...(box ? { editBox: box } : {}), source: 'corpus-camera' });
    }
    const again = await recapture(photo, si + 7);
    cases.push({ id: `${base}-genuine-recapture`, claim: await save(again, `${base}-genuine-recapture`, 80 + Math.floor(quality() * 15)), catalog: [catalog], label: 'genuine', kind: 'buyer-photo', source: 'corpus-camera' });
    const other = await decoded(join(CORPUS, sources[(si + 1) % sources.length]));
    cases.push({ id: `${base}-genuine-other`, claim: await save(other, `${base}-genuine-other`, 80 + Math.floor(quality() * 15)), catalog: [catalog], label: 'genuine', kind: 'buyer-photo', source: 'corpus-camera' });
    process.stderr.write(`\r${si + 1}/${sources.length} ${name}`);
  }
  await writeFile(join(OUT, 'manifest.json'), `${JSON.stringify({ name: 'catalog-large-v1', generator: 'bench/catalog-large-set.ts', cases }, null, 1)}\n`);
  console.log(`\nwrote ${cases.length} cases from ${sources.length} camera photos to ${join(OUT, 'manifest.json')}`);
}

void main();
