/**
 * Dump the edits model's per-window logit maps of locally edited photos with their true edit box, so that the rule
 * which turns a map into a reported region (src/detectors/edits/analyse.ts `regionOf`) can be tuned and measured
 * offline (train/region-tune.ts) without re-running the model.
 *
 * Sources:
 * - `val`: the validation split of $EDITS_DATA (gen/val; local edits only): the only set the rule is tuned on;
 * - `test`: the evaluation set (fixtures/out/edits, both manifests; local edits with a truth box) and the local-edit
 *   set (fixtures/out/local-edits): measured once, with the rule fixed;
 * - `tampered`: ../shared/corpus/tampered files with a ground-truth mask (FLAGGED: evaluation only).
 *
 * Output: $EDITS_DATA/region/<source>.jsonl (outside git), one photo per line: group tags, photo and grid geometry,
 * valid windows, logits (3 decimals), the local score and the truth box (mask pixels ≥ 128).
 *
 * Run: npx tsx train/region-maps.ts val|test|tampered
 */
import { createWriteStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadImage } from '../src/loader/image';
import { analyseEdits } from '../src/detectors/edits/analyse';
import { loadModel, type SerializedWeights } from '../src/detectors/edits/model';
import { EDITS_WEIGHTS } from '../src/detectors/edits/weights';
import { maskBox } from '../bench/lib';
import { dataDir, readJobs, splitDir } from './jobs';
import type { Box } from '../src/bench/metrics';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** One photo to dump: its file, truth box and the tags the tuning script groups by. */
interface Item {
  id: string;
  file: string;
  truth: Box;
  group: string;
  family: string;
  chain: string;
}

/** The dumped record of one photo. */
export interface RegionMap extends Omit<Item, 'file'> {
  width: number;
  height: number;
  cols: number;
  rows: number;
  stride: number;
  origin: number;
  size: number;
  valid: number[];
  logits: number[];
  local: number;
}

async function valItems(): Promise<Item[]> {
  const dir = splitDir('val');
  const out: Item[] = [];
  for (const j of readJobs(readFileSync(join(dir, 'jobs.jsonl'), 'utf8'))) {
    if (!j.label || j.frame) continue;
    const truth = await maskBox(join(dir, j.mask));
    if (truth) out.push({ id: j.id, file: join(dir, j.file), truth, group: 'val', family: j.family, chain: j.chain.name });
  }
  return out;
}

interface Case { id: string; claim: string; label: string; kind: string; chain?: string; heldOutFamily?: boolean; heldOutChain?: boolean; wholeFrame?: boolean; truthRegion?: Box; region?: Box }

function manifestItems(path: string, group: (c: Case) => string): Item[] {
  if (!existsSync(path)) throw new Error(`${path} not found (npx tsx train/manifest.ts; npx tsx fixtures/generate/local-edits.ts)`);
  const cases = (JSON.parse(readFileSync(path, 'utf8')) as { cases: Case[] }).cases;
  return cases
    .filter((c) => c.label === 'fabricated' && !c.wholeFrame && (c.truthRegion ?? c.region))
    .map((c) => ({ id: c.id, file: join(dirname(path), c.claim), truth: (c.truthRegion ?? c.region)!, group: group(c), family: c.kind, chain: c.chain ?? '' }));
}

function testItems(): Item[] {
  const set = join(ROOT, 'fixtures', 'out', 'edits');
  return [
    ...manifestItems(join(set, 'manifest.json'), (c) => (c.heldOutFamily ? 'heldOutFamilies' : 'inDistribution')),
    ...manifestItems(join(set, 'manifest-webp.json'), () => 'heldOutChain'),
    ...manifestItems(join(ROOT, 'fixtures', 'out', 'local-edits', 'manifest.json'), () => 'localEdits'),
  ];
}

async function tamperedItems(): Promise<Item[]> {
  const dir = join(ROOT, '..', 'shared', 'corpus', 'tampered');
  const out: Item[] = [];
  for (const f of readdirSync(dir).filter((x) => /\.(png|jpe?g|tiff?)$/i.test(x) && !/_gt\.png$/.test(x)).sort()) {
    if (!(f.startsWith('casia2__') || f.includes('_mod'))) continue;
    const gt = join(dir, f.replace(/\.(png|jpe?g|tiff?)$/i, '_gt.png'));
    const truth = existsSync(gt) ? await maskBox(gt) : null;
    if (truth) out.push({ id: f, file: join(dir, f), truth, group: f.startsWith('noso__') ? 'tamperedPairs' : 'tampered', family: f.split('__')[0], chain: '' });
  }
  return out;
}

async function main(): Promise<void> {
  const source = process.argv[2];
  const items = source === 'val' ? await valItems() : source === 'test' ? testItems() : source === 'tampered' ? await tamperedItems() : null;
  if (!items) throw new Error('usage: npx tsx train/region-maps.ts val|test|tampered');
  const model = loadModel(EDITS_WEIGHTS as SerializedWeights);
  await mkdir(join(dataDir(), 'region'), { recursive: true });
  const out = createWriteStream(join(dataDir(), 'region', `${source}.jsonl`));
  const t0 = performance.now();
  for (const [i, it] of items.entries()) {
    const px = await (await loadImage(it.file)).storedPixels();
    const a = analyseEdits(px.data, px.width, px.height, model);
    if ('declined' in a) continue;
    const f = a.features;
    const rec: RegionMap = {
      id: it.id, truth: it.truth, group: it.group, family: it.family, chain: it.chain,
      width: px.width, height: px.height, cols: f.cols, rows: f.rows, stride: f.stride, origin: f.origin, size: f.size,
      valid: Array.from(f.valid), logits: Array.from(a.logits, (x) => Math.round(x * 1000) / 1000), local: a.local,
    };
    out.write(`${JSON.stringify(rec)}\n`);
    if (i % 100 === 99 || i === items.length - 1) process.stdout.write(`${source}: ${i + 1}/${items.length} (${((performance.now() - t0) / 1000).toFixed(0)} s)\n`);
  }
  await new Promise<void>((res) => out.end(res));
}

void main();
