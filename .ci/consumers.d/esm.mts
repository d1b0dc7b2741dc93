// An ESM TypeScript consumer (node16 and bundler resolution): every public entry, with Buffers from node:fs.
import { readFile } from 'node:fs/promises';
import { createInspector, detectors, fingerprint, inspect, isClaimlensError, renderReport, type CatalogFingerprint, type Verdict } from 'claimlens';
import { createPool, type InspectorPool } from 'claimlens/pool';
import { formatResults, rocAuc, runBench, type BenchResults } from 'claimlens/bench';

export async function check(claimPath: string, catalogPath: string): Promise<string> {
  const claim: Buffer = await readFile(claimPath);
  const fp: CatalogFingerprint = await fingerprint(await readFile(catalogPath));
  const verdict: Verdict = await inspect(claim, { catalog: [fp], context: { deliveredAt: '2026-11-04T10:00:00+08:00' }, locale: 'zh-CN' });
  const inspector = createInspector({ detectors: [detectors.metadata(), detectors.catalog()], thresholds: { medium: 0.3, high: 0.7 } });
  const again = await inspector.inspect(claimPath, { catalog: [catalogPath], signal: AbortSignal.timeout(60_000) });
  const html: string = await renderReport(verdict, { claim, catalog: [catalogPath], locale: 'zh-CN' });
  const pool: InspectorPool = await createPool({ workers: 1, detectors: ['metadata', 'catalog'] });
  const pooled: Verdict = await pool.inspect(claim, { catalog: [fp] });
  await pool.close();
  const bench: BenchResults = await runBench('manifest.json', { concurrency: 1 });
  const auc: number = rocAuc([{ score: verdict.score, positive: true }, { score: pooled.score, positive: false }]);
  try {
    await inspect(new Uint8Array(8));
  } catch (e) {
    if (isClaimlensError(e)) return `${e.code} ${again.risk} ${html.length} ${auc} ${formatResults(bench).length}`;
  }
  return verdict.summary;
}
