/**
 * Bench of the metadata detector's thumbnail and edit-history rules on the sets of issue 15 §1 →
 * bench/out/metadata-thumbnails.json.
 *
 * 1. Unmodified camera originals of ../shared/corpus/camera (MANIFEST ground truth): every positive-weight signal
 *    above `hint` (the target is none).
 * 2. Thumbnail sets (fixtures/generate/metadata-thumbnails.ts → fixtures/out/metadata-thumbnails/<source>/): rate of
 *    `metadata.thumbnail-mismatch` on genuine originals per quirk, on genuine re-saves (false positives), and on
 *    local edits (recall) per edit-size bucket, edit kind and quirk; held-out splits and sources first. Region IoU
 *    against the edit box when the signal has a region.
 * 3. Edit-history set (fixtures/generate/metadata-history.ts): `metadata.edit-history` per class.
 * Runs the detector through the public inspector only, so the same script measures the code before and after.
 *
 * Run: npx tsx bench/metadata-thumbnails.ts [--sets render,photos,corpus] [--split tune|holdout] [--out name]
 * (`--split tune` runs the tune split only: what thresholds may be set on, without looking at held-out cases).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInspector } from '../src/inspector';
import { metadata } from '../src/detectors/metadata';
import { iou } from '../src/bench/metrics';
import type { Signal } from '../src/types';
import { corpusRows, HAS_CORPUS, unmodifiedCameraOriginal } from '../test/helpers/corpus';
import { writeResult } from './lib';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string): string => {
  const i = args.indexOf(name);
  return i >= 0 ? (args[i + 1] ?? dflt) : dflt;
};
const SETS = opt('--sets', 'render,photos,corpus').split(',');
const OUT_NAME = opt('--out', 'metadata-thumbnails');
const SPLIT = opt('--split', '');
const ROOT = process.cwd();

const inspector = createInspector({ detectors: [metadata()] });
const r3 = (x: number): number => Math.round(x * 1000) / 1000;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Case {
  id: string;
  claim: string;
  label: 'fabricated' | 'genuine';
  kind: string;
  source: string;
  split: string;
  quirk?: string;
  edit?: string;
  area?: number;
  bucket?: string;
  editBox?: Box;
  scale: number;
  autoOriented?: boolean;
  context?: Record<string, unknown>;
}

interface Outcome {
  c: Case;
  fired: boolean;
  region?: Box;
  signals: Signal[];
}

/** Rate of `fired` over outcomes, with the counts. */
function rate(xs: Outcome[]): { n: number; fired: number; rate: number | null } {
  const fired = xs.filter((x) => x.fired).length;
  return { n: xs.length, fired, rate: xs.length ? r3(fired / xs.length) : null };
}

function groupBy(xs: Outcome[], key: (o: Outcome) => string | undefined): Record<string, ReturnType<typeof rate>> {
  const keys = [...new Set(xs.map(key).filter((k): k is string => k !== undefined))].sort();
  return Object.fromEntries(keys.map((k) => [k, rate(xs.filter((x) => key(x) === k))]));
}

async function runSet(dir: string, code: string): Promise<Outcome[]> {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { cases: Case[] };
  const out: Outcome[] = [];
  for (const c of manifest.cases) {
    if (SPLIT && c.split !== SPLIT) continue;
    const v = await inspector.inspect(join(dir, c.claim), c.context ? { context: c.context } : {});
    const s = v.signals.find((x) => x.code === code);
    out.push({ c, fired: s !== undefined && s.weight > 0 && s.strength !== 'hint', ...(s?.region ? { region: s.region } : {}), signals: v.signals });
  }
  return out;
}

async function main(): Promise<void> {
  const result: Record<string, unknown> = { command: `npx tsx bench/metadata-thumbnails.ts ${args.join(' ')}`.trim() };

  // 1. Corpus camera originals.
  if (HAS_CORPUS && !SPLIT) {
    const rows = corpusRows().filter((r) => r.category === 'camera' && unmodifiedCameraOriginal(r.ground_truth));
    const table: Record<string, unknown>[] = [];
    for (const row of rows) {
      const v = await inspector.inspect(row.file);
      const above = v.signals.filter((s) => s.weight > 0 && s.strength !== 'hint');
      table.push({ file: row.local_name, aboveHint: above.map((s) => `${s.code} ${s.weight} ${s.strength}`), positive: v.signals.filter((s) => s.weight > 0).map((s) => `${s.code} ${s.weight} ${s.strength}`) });
    }
    result.cameraOriginals = { files: rows.length, withSignalAboveHint: table.filter((t) => (t.aboveHint as string[]).length > 0).length, table };
    process.stdout.write(`corpus camera originals: ${rows.length}, with a positive signal above hint: ${String((result.cameraOriginals as { withSignalAboveHint: number }).withSignalAboveHint)}\n`);
    for (const t of table) if ((t.aboveHint as string[]).length) process.stdout.write(`  ${String(t.file)}: ${(t.aboveHint as string[]).join(', ')}\n`);
  }

  // 2. Thumbnail sets.
  const all: Outcome[] = [];
  for (const set of SETS) {
    const dir = join(ROOT, 'fixtures', 'out', 'metadata-thumbnails', set);
    if (!existsSync(join(dir, 'manifest.json'))) {
      process.stdout.write(`no set at ${dir} (npx tsx fixtures/generate/metadata-thumbnails.ts --source ${set}): skipped\n`);
      continue;
    }
    all.push(...(await runSet(dir, 'metadata.thumbnail-mismatch')));
  }
  if (all.length) {
    const report = (xs: Outcome[]): Record<string, unknown> => {
      const originals = xs.filter((x) => x.c.kind === 'original');
      const resaves = xs.filter((x) => x.c.kind === 'resave');
      const edits = xs.filter((x) => x.c.label === 'fabricated');
      const ge3 = edits.filter((x) => (x.c.area ?? 0) >= 0.03);
      const ious = edits.filter((x) => x.fired && x.region && x.c.editBox).map((x) => iou(x.region as Box, x.c.editBox as Box));
      return {
        originalsFalsePositive: { all: rate(originals), byQuirk: groupBy(originals, (o) => o.c.quirk) },
        resavesFalsePositive: {
          all: rate(resaves),
          byQuirk: groupBy(resaves, (o) => o.c.quirk),
          resized: rate(resaves.filter((x) => x.c.scale !== 1)),
          autoOriented: rate(resaves.filter((x) => x.c.autoOriented)),
        },
        editRecall: {
          areaAtLeast3pct: rate(ge3),
          byBucket: groupBy(edits, (o) => o.c.bucket),
          byEdit: groupBy(edits, (o) => o.c.edit),
          byEditAtLeast3pct: groupBy(ge3, (o) => o.c.edit),
          byQuirkAtLeast3pct: groupBy(ge3, (o) => o.c.quirk),
        },
        regionIou: ious.length ? { n: ious.length, median: r3([...ious].sort((a, b) => a - b)[Math.floor(ious.length / 2)]) } : null,
      };
    };
    const heldOut = all.filter((x) => x.c.split === 'holdout');
    const tune = all.filter((x) => x.c.split === 'tune');
    result.thumbnails = {
      heldOut: report(heldOut),
      bySource: Object.fromEntries([...new Set(all.map((x) => x.c.source))].map((s) => [s, report(all.filter((x) => x.c.source === s))])),
      heldOutRender: report(heldOut.filter((x) => x.c.source === 'render')),
      tune: report(tune),
      all: report(all),
      cases: all.map((x) => ({ id: `${x.c.source}/${x.c.id}`, label: x.c.label, kind: x.c.kind, fired: x.fired, details: x.signals.find((s) => s.code === 'metadata.thumbnail-mismatch')?.details ?? null })),
    };
    const line = (name: string, rep: Record<string, unknown>): void => {
      const o = rep.originalsFalsePositive as { all: ReturnType<typeof rate> };
      const rs = rep.resavesFalsePositive as { all: ReturnType<typeof rate> };
      const e = rep.editRecall as { areaAtLeast3pct: ReturnType<typeof rate>; byBucket: Record<string, ReturnType<typeof rate>> };
      const b = Object.entries(e.byBucket).map(([k, v]) => `${k} ${String(v.rate)} (${v.fired}/${v.n})`).join(', ');
      process.stdout.write(`${name.padEnd(16)} originals FP ${o.all.fired}/${o.all.n}; re-saves FP ${rs.all.fired}/${rs.all.n}; edits >= 3 % recall ${String(e.areaAtLeast3pct.rate)} (${e.areaAtLeast3pct.fired}/${e.areaAtLeast3pct.n}); by bucket: ${b}\n`);
    };
    line('held out', (result.thumbnails as Record<string, Record<string, unknown>>).heldOut);
    for (const [s, rep] of Object.entries((result.thumbnails as { bySource: Record<string, Record<string, unknown>> }).bySource)) line(s, rep);
    line('tune', (result.thumbnails as Record<string, Record<string, unknown>>).tune);
  }

  // 3. Edit-history set: on genuine classes any positive signal above hint and any edit-history signal are false
  //    alarms; on fabricated classes the evidence must be reported (edit-history or editor-software, any strength).
  const hdir = join(ROOT, 'fixtures', 'out', 'metadata-history');
  if (existsSync(join(hdir, 'manifest.json'))) {
    const hs = await runSet(hdir, 'metadata.edit-history');
    const kinds = [...new Set(hs.map((x) => `${x.c.label}:${x.c.kind}`))];
    const byKind = Object.fromEntries(
      kinds.map((k) => {
        const xs = hs.filter((x) => `${x.c.label}:${x.c.kind}` === k);
        const history = xs.filter((x) => x.signals.some((s) => s.code === 'metadata.edit-history')).length;
        const evidence = xs.filter((x) => x.signals.some((s) => s.code === 'metadata.edit-history' || s.code === 'metadata.editor-software')).length;
        const aboveHint = xs.filter((x) => x.signals.some((s) => s.weight > 0 && s.strength !== 'hint')).length;
        return [k, { n: xs.length, editHistory: history, historyOrEditor: evidence, positiveAboveHint: aboveHint }];
      }),
    );
    result.history = { byKind, cases: hs.map((x) => ({ id: x.c.id, label: x.c.label, kind: x.c.kind, signals: x.signals.filter((s) => s.weight > 0).map((s) => `${s.code} ${s.weight} ${s.strength}`) })) };
    for (const [k, v] of Object.entries(byKind)) process.stdout.write(`history ${k.padEnd(32)} n ${v.n}: edit-history ${v.editHistory}, edit-history|editor-software ${v.historyOrEditor}, any positive above hint ${v.positiveAboveHint}\n`);
  }
  const path = await writeResult(OUT_NAME, result);
  process.stdout.write(`-> ${path}\n`);
}

void main();
