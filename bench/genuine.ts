/**
 * False positives of the whole default inspection on genuine photos → bench/out/genuine.json.
 *
 * Every photo of ../shared/train-photos (597 web/app photos as shops and apps deliver them, 79 lossless crops of
 * camera originals) goes through `inspect()` with the default detectors and no catalog. Reported per source
 * folder: the risk bands, the score quantiles and which positive signals fired at which strength — the figure a
 * platform sees as review load on honest claims. The camera crops keep the EXIF thumbnail of the uncropped photo
 * (train-photos README: not for metadata rules), so their metadata findings are reported apart and not read as
 * false alarms.
 *
 * Which folders a detector was fitted on: `edits` trained on the web folders of its train split and set its
 * thresholds on its validation split (train/config.py: test sources trashnet, beanfreaks, petparadise and a
 * quarter of clothing were never seen); `marks` tuned on the background sources of fixtures/generate/marks-split.ts.
 *
 * Run: npx tsx bench/genuine.ts [--limit N]
 */
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inspect } from '../src/index';
import { quantile } from '../src/bench/metrics';
import { writeResult } from './lib';

const ROOT = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const PHOTOS = join(ROOT, '..', 'shared', 'train-photos');
const limitArg = process.argv.indexOf('--limit');
const LIMIT = limitArg > 0 ? Number(process.argv[limitArg + 1]) : Infinity;

/** One inspected photo. */
interface Row {
  file: string;
  group: string;
  score: number;
  risk: string;
  /** Positive-weight signals as `code:strength`. */
  positive: string[];
}

/** Source folder of a train-photos file: `web/<source>` for web photos, `camera` for the crops. */
const groupOf = (file: string): string => (file.startsWith('web/') ? file.split('/').slice(0, 2).join('/') : 'camera');

async function main(): Promise<void> {
  const manifest = join(PHOTOS, 'MANIFEST.tsv');
  if (!existsSync(manifest)) {
    process.stdout.write(`train-photos not found at ${PHOTOS}: nothing to measure\n`);
    return;
  }
  const files = readFileSync(manifest, 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t')[0]).slice(0, LIMIT);
  const rows: Row[] = [];
  const errors: { file: string; error: string }[] = [];
  for (const [i, file] of files.entries()) {
    try {
      const r = await inspect(await readFile(join(PHOTOS, file)));
      rows.push({ file, group: groupOf(file), score: r.score, risk: r.risk, positive: r.signals.filter((s) => s.weight > 0).map((s) => `${s.code}:${s.strength}`) });
    } catch (e) {
      errors.push({ file, error: String(e) });
    }
    if ((i + 1) % 100 === 0) process.stdout.write(`  ${i + 1}/${files.length}\n`);
  }
  const summary = (rs: Row[]): Record<string, unknown> => {
    const signals: Record<string, number> = {};
    for (const r of rs) for (const p of r.positive) signals[p] = (signals[p] ?? 0) + 1;
    const scores = rs.map((r) => r.score);
    return {
      n: rs.length,
      low: rs.filter((r) => r.risk === 'low').length,
      medium: rs.filter((r) => r.risk === 'medium').length,
      high: rs.filter((r) => r.risk === 'high').length,
      scoreP50: rs.length ? quantile(scores, 0.5) : null,
      scoreP95: rs.length ? quantile(scores, 0.95) : null,
      signals: Object.fromEntries(Object.entries(signals).sort((a, b) => b[1] - a[1])),
    };
  };
  const groups = [...new Set(rows.map((r) => r.group))].sort();
  const web = rows.filter((r) => r.group !== 'camera');
  const body = {
    photos: PHOTOS,
    web: summary(web),
    cameraCrops: summary(rows.filter((r) => r.group === 'camera')),
    byGroup: Object.fromEntries(groups.map((g) => [g, summary(rows.filter((r) => r.group === g))])),
    notLow: rows.filter((r) => r.risk !== 'low').map((r) => ({ file: r.file, score: r.score, risk: r.risk, positive: r.positive })),
    errors,
  };
  const path = await writeResult('genuine', body);
  const line = (name: string, s: Record<string, unknown>): string => `${name.padEnd(28)} n ${String(s.n).padEnd(4)} low ${String(s.low).padEnd(4)} medium ${String(s.medium).padEnd(4)} high ${String(s.high).padEnd(4)} p95 score ${String(s.scoreP95)}\n`;
  process.stdout.write(line('web photos', body.web));
  process.stdout.write(line('camera crops', body.cameraCrops));
  for (const g of groups) process.stdout.write(line(`  ${g}`, body.byGroup[g] as Record<string, unknown>));
  process.stdout.write(`wrote ${path}\n`);
}

await main();
