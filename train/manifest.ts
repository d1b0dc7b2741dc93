/**
 * The evaluation fixture sets of the edits detector: the test split of the generated photos (sources never used
 * in training or validation; families and the laundering chain held out of training included), as DESIGN.md
 * manifests under fixtures/out/edits/ with `kind` = edit family, `truthRegion` = bounding box of the delivered
 * edit mask, `pair` = source photo, and `chain`, `heldOutFamily`, `heldOutChain` for the bench's breakdown:
 * manifest.json holds the photos delivered through the training chains, manifest-webp.json those delivered through
 * the held-out chain (genuine and locally edited alike), so that each set passes the leakage audit on its own.
 * Whole-frame regenerations are left out of the WebP set: the autoencoder's smooth frames compress to fewer WebP
 * bytes (audit: bytes AUC 0.25 for frame-ae, n = 25), which would let the file size tell the label.
 * Files are hard links into $EDITS_DATA (copies across file systems). Check it with
 * `node ../shared/tools/fixture-audit/audit.mjs fixtures/out/edits/manifest.json`.
 *
 * Run: npx tsx train/manifest.ts
 */
import { copyFileSync, existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { readJobs, splitDir } from './jobs';

/** Families and chains kept out of training (train/config.py). */
export const HELD_OUT_FAMILIES = ['classical-inpaint', 'splice', 'ae-decoder-b', 'frame-ae-b'];
export const HELD_OUT_CHAINS = ['webp'];

const OUT = join(fileURLToPath(new URL('.', import.meta.url)), '..', 'fixtures', 'out', 'edits');

/** Bounding box of mask pixels ≥ 128, or null. */
async function maskBox(path: string): Promise<{ x: number; y: number; width: number; height: number } | null> {
  const { data, info } = await sharp(path).greyscale().raw().toBuffer({ resolveWithObject: true });
  let x0 = info.width, y0 = info.height, x1 = -1, y1 = -1;
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      if (data[y * info.width + x] < 128) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  return x1 < 0 ? null : { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}

function place(src: string, dst: string): void {
  try {
    linkSync(src, dst);
  } catch {
    copyFileSync(src, dst);
  }
}

async function main(): Promise<void> {
  const dir = splitDir('test');
  const jobs = readJobs(readFileSync(join(dir, 'jobs.jsonl'), 'utf8'));
  if (existsSync(OUT)) rmSync(OUT, { recursive: true });
  mkdirSync(join(OUT, 'claims'), { recursive: true });
  mkdirSync(join(OUT, 'masks'), { recursive: true });
  const cases = [];
  for (const j of jobs) {
    const ext = j.file.slice(j.file.lastIndexOf('.'));
    const claim = `claims/${j.id}${ext}`;
    place(join(dir, j.file), join(OUT, claim));
    const c: Record<string, unknown> = {
      id: j.id,
      claim,
      label: j.label ? 'fabricated' : 'genuine',
      kind: j.label ? j.family : 'buyer-photo',
      pair: j.source,
      source: j.source,
      sourceKind: j.kind,
      chain: j.chain.name,
      heldOutFamily: HELD_OUT_FAMILIES.includes(j.family),
      heldOutChain: HELD_OUT_CHAINS.includes(j.chain.name),
      wholeFrame: j.frame,
    };
    if (j.label) {
      const mask = `masks/${j.id}.png`;
      place(join(dir, j.mask), join(OUT, mask));
      c.mask = mask;
      const box = await maskBox(join(dir, j.mask));
      if (box) c.truthRegion = box;
    }
    cases.push(c);
  }
  const main = cases.filter((c) => !c.heldOutChain), held = cases.filter((c) => c.heldOutChain && !c.wholeFrame);
  writeFileSync(join(OUT, 'manifest.json'), `${JSON.stringify({ name: 'edits-eval-v1', cases: main }, null, 1)}\n`);
  writeFileSync(join(OUT, 'manifest-webp.json'), `${JSON.stringify({ name: 'edits-eval-webp-v1', cases: held }, null, 1)}\n`);
  process.stdout.write(`wrote ${main.length} + ${held.length} (held-out chain) cases to ${OUT}\n`);
}

void main();
