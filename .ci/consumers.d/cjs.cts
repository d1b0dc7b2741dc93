// A CommonJS TypeScript consumer (node16, and node10 where only "types"/"typesVersions" are read): every public
// entry, including the subpaths `claimlens/pool` and `claimlens/bench`.
import { readFileSync } from 'node:fs';
import { createInspector, detectors, fingerprint, inspect, renderReport, type Verdict } from 'claimlens';
import { createPool } from 'claimlens/pool';
import { runBench } from 'claimlens/bench';

export async function check(claimPath: string, catalogPath: string): Promise<string> {
  const claim: Buffer = readFileSync(claimPath);
  const fp = await fingerprint(readFileSync(catalogPath));
  const verdict: Verdict = await inspect(claim, { catalog: [fp] });
  const inspector = createInspector({ detectors: [detectors.jpeg()] });
  const html = await renderReport(await inspector.inspect(claim), { claim });
  const pool = await createPool({ workers: 1 });
  await pool.close();
  const results = await runBench('manifest.json');
  return `${verdict.risk} ${html.length} ${results.metrics.fused.auc}`;
}
