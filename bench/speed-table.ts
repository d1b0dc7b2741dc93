/**
 * Before/after table from alternating runs of bench/speed.ts in two trees (`--label before-N` in the old tree,
 * `--label after-N` in this one): for each file and part, the median over the runs of each run's ratio to the bare
 * decode of the same run, wall clock and CPU time, with the load average of every run. Markdown on stdout.
 *
 *   npx tsx bench/speed-table.ts bench/out/speed-before-1.json bench/out/speed-after-1.json …
 */
import { readFileSync } from 'node:fs';

interface Part { ratio: number; cpuRatio: number; p50: number; ownRatio?: number; ownCpuRatio?: number }
interface File { file: string; megapixels: number; sharpDecode: { p50: number; cpuP50: number }; total: Part; totalAll?: Part; detectors: Record<string, Part>; withFingerprint?: { total: Part; catalog: Part; fingerprint: Part } }
interface Run { label: string; loadAverage: { before: number[]; after: number[] }; files: File[] }

const runs = process.argv.slice(2).map((p) => JSON.parse(readFileSync(p, 'utf8')) as Run);
const side = (r: Run): 'before' | 'after' => (r.label.startsWith('before') ? 'before' : 'after');
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (xs: number[]): string => (xs.length ? median(xs).toFixed(2) : '–');

const files = [...new Set(runs.flatMap((r) => r.files.map((f) => f.file)))];
const detectors = [...new Set(runs.flatMap((r) => Object.keys(r.files[0].detectors)))];
const out: string[] = [];
out.push(`Runs: ${runs.map((r) => `${r.label} (load ${r.loadAverage.before[0]}→${r.loadAverage.after[0]})`).join(', ')}`, '');
for (const file of files) {
  const pick = (s: 'before' | 'after'): File[] => runs.filter((r) => side(r) === s).flatMap((r) => r.files.filter((f) => f.file === file));
  const b = pick('before'), a = pick('after');
  if (!b.length || !a.length) continue;
  out.push(`**${file}** (${a[0].megapixels} MP; bare decode p50 ${fmt(b.map((f) => f.sharpDecode.p50))} / ${fmt(a.map((f) => f.sharpDecode.p50))} ms wall, ${fmt(b.map((f) => f.sharpDecode.cpuP50))} / ${fmt(a.map((f) => f.sharpDecode.cpuP50))} ms CPU before / after)`, '');
  out.push('| part | wall × decode, before | after | CPU × decode, before | after |', '|---|---|---|---|---|');
  out.push(`| full default inspection | ${fmt(b.map((f) => f.total.ratio))} | ${fmt(a.map((f) => f.total.ratio))} | ${fmt(b.map((f) => f.total.cpuRatio))} | ${fmt(a.map((f) => f.total.cpuRatio))} |`);
  // Every built-in detector together (the default set plus opt-in ones); before, the default set was all of them.
  const all = (fs: File[], cpu: boolean): number[] => fs.map((f) => { const p = f.totalAll ?? f.total; return cpu ? p.cpuRatio : p.ratio; });
  if (a.some((f) => f.totalAll)) out.push(`| every built-in detector | ${fmt(all(b, false))} | ${fmt(all(a, false))} | ${fmt(all(b, true))} | ${fmt(all(a, true))} |`);
  for (const d of detectors) {
    const own = (fs: File[], cpu: boolean): number[] => fs.flatMap((f) => (f.detectors[d] ? [(cpu ? f.detectors[d].ownCpuRatio : f.detectors[d].ownRatio) ?? NaN] : []));
    out.push(`| ${d} (own) | ${fmt(own(b, false))} | ${fmt(own(a, false))} | ${fmt(own(b, true))} | ${fmt(own(a, true))} |`);
  }
  if (a[0].withFingerprint && b[0].withFingerprint) {
    const wf = (fs: File[], k: 'total' | 'catalog' | 'fingerprint', own: boolean, cpu: boolean): string =>
      fmt(fs.map((f) => { const p = f.withFingerprint![k]; return cpu ? (own ? p.ownCpuRatio! : p.cpuRatio) : own ? p.ownRatio! : p.ratio; }));
    out.push(`| full, one stored fingerprint | ${wf(b, 'total', false, false)} | ${wf(a, 'total', false, false)} | ${wf(b, 'total', false, true)} | ${wf(a, 'total', false, true)} |`);
    out.push(`| catalog (own), one stored fingerprint | ${wf(b, 'catalog', true, false)} | ${wf(a, 'catalog', true, false)} | ${wf(b, 'catalog', true, true)} | ${wf(a, 'catalog', true, true)} |`);
    out.push(`| fingerprint() | ${wf(b, 'fingerprint', false, false)} | ${wf(a, 'fingerprint', false, false)} | ${wf(b, 'fingerprint', false, true)} | ${wf(a, 'fingerprint', false, true)} |`);
  }
  out.push(`| full inspection, ms wall (p50) | ${fmt(b.map((f) => f.total.p50))} | ${fmt(a.map((f) => f.total.p50))} | | |`, '');
}
process.stdout.write(`${out.join('\n')}\n`);
