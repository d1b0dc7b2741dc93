/**
 * Bomb table: each decompression bomb inspected in a fresh process; time to the outcome and that process's peak
 * RSS. Writes bench/out/bombs.json.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allBombs } from './fuzz/bombs';
import { writeResult } from './lib';

const dir = mkdtempSync(join(tmpdir(), 'claimlens-bombs-'));
const probe = join(dir, 'probe.mts');
writeFileSync(probe, `
import { readFileSync } from 'node:fs';
import { inspect } from ${JSON.stringify(join(process.cwd(), 'src', 'inspector'))};
const bytes = readFileSync(process.argv[2]);
const before = process.resourceUsage().maxRSS;
const t = performance.now();
let outcome;
try { const v = await inspect(bytes); outcome = 'verdict ' + v.image.width + 'x' + v.image.height; } catch (e) { outcome = e.code ?? String(e); }
const ms = performance.now() - t;
process.stdout.write(JSON.stringify({ outcome, ms: Math.round(ms * 10) / 10, peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024), baselineRssMiB: Math.round(before / 1024) }));
`);
const rows = [];
for (const bomb of await allBombs()) {
  const file = join(dir, 'bomb.bin');
  writeFileSync(file, bomb.bytes);
  const out = execFileSync(process.execPath, ['--import', 'tsx', probe, file], { encoding: 'utf8' });
  rows.push({ bomb: bomb.name, fileBytes: bomb.bytes.length, ...JSON.parse(out) });
}
console.table(rows);
console.log(await writeResult('bombs', { rows }));
