/**
 * Dump the edits model's per-window logit maps of locally edited photos with their true edit box, so that the rule
 * which turns a map into a reported region (src/detectors/edits/analyse.ts `regionOf`) can be tuned and measured
 * offline (train/region-tune.ts) without re-running the model.
 *
 * The validation split of $EDITS_DATA only (gen/val, its local edits): the rule is tuned there and nowhere else; the
 * test split, the local-edit set and the FLAGGED tampered corpus are measured by bench/edits.ts with the rule fixed.
 *
 * Output: $EDITS_DATA/region/val.jsonl (outside git), one photo per line: family and chain, photo and grid
 * geometry, valid windows, logits (3 decimals), the local score and the truth box (mask pixels ≥ 128).
 *
 * Run: npx tsx train/region-maps.ts
 */
import { createWriteStream, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { loadImage } from '../src/loader/image';
import { analyseEdits } from '../src/detectors/edits/analyse';
import { loadModel, type SerializedWeights } from '../src/detectors/edits/model';
import { EDITS_WEIGHTS } from '../src/detectors/edits/weights';
import { maskBox } from '../bench/lib';
import { dataDir, readJobs, splitDir } from './jobs';
import type { Box } from '../src/bench/metrics';

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

async function main(): Promise<void> {
  const source = 'val';
  const items = await valItems();
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
