/**
 * The compact human summary of a results document: one accuracy row per scorer (fused, then each detector),
 * fused AUC per kind, timings and failures. Plain text, fixed-width columns, for a terminal or a README.
 */
import type { BenchResults, MetricBlock } from './results';

const num = (x: number | null, digits = 3): string => (x === null ? '—' : x.toFixed(digits));

function row(name: string, m: MetricBlock, ran: string): string {
  return `${name.padEnd(12)} ${num(m.auc).padStart(6)} ${num(m.tprAt1).padStart(7)} ${num(m.tprAt5).padStart(7)} ${num(m.ap).padStart(6)} ${String(m.n).padStart(5)}  ${ran}`;
}

/** Format the accuracy, per-kind and timing tables of a run. */
export function formatResults(r: BenchResults): string {
  const m = r.metrics;
  const lines: string[] = [];
  const fab = r.cases.filter((c) => c.label === 'fabricated').length;
  lines.push(
    `${r.manifest.name}: ${r.counts.cases} cases (${fab} fabricated, ${r.counts.cases - fab} genuine), ${r.counts.failed} failed`,
    `claimlens ${r.claimlens} · ${r.date.slice(0, 16).replace('T', ' ')} UTC · ${r.machine.cpus}× ${r.machine.cpuModel} · node ${r.machine.node} · ${r.run.mode} ×${r.run.concurrency}`,
    `manifest sha256 ${r.manifest.sha256.slice(0, 16)}…`,
    '',
    `${'scorer'.padEnd(12)} ${'AUC'.padStart(6)} ${'TPR@1%'.padStart(7)} ${'TPR@5%'.padStart(7)} ${'AP'.padStart(6)} ${'n'.padStart(5)}  ran (ok+inconcl.) / skipped / error`,
    row('fused', m.fused, ''),
  );
  for (const [name, d] of Object.entries(m.detectors)) {
    lines.push(row(name, d, `${d.status.ok + d.status.inconclusive} / ${d.status.skipped} / ${d.status.error}`));
  }
  const c = m.fused.confusion;
  lines.push(
    '',
    `fused confusion @${c.medium.threshold}: TP ${c.medium.tp} FP ${c.medium.fp} TN ${c.medium.tn} FN ${c.medium.fn} · @${c.high.threshold}: TP ${c.high.tp} FP ${c.high.fp} TN ${c.high.tn} FN ${c.high.fn}`,
  );
  if (m.fused.undefinedReason) lines.push(`note: ${m.fused.undefinedReason}`);
  const kinds = Object.entries(m.byKind);
  if (kinds.length) {
    lines.push('', `${'kind'.padEnd(28)} ${'n'.padStart(4)}  vs ${''.padEnd(14)} ${'fused AUC'.padStart(9)}  best detector (AUC)`);
    for (const [kind, g] of kinds) {
      let best = '';
      let bestAuc = -1;
      for (const [name, d] of Object.entries(g.detectors)) {
        if (d.auc !== null && d.auc > bestAuc) {
          bestAuc = d.auc;
          best = `${name} (${d.auc.toFixed(3)})`;
        }
      }
      const own = r.cases.filter((x) => x.kind === kind).length;
      lines.push(`${kind.slice(0, 28).padEnd(28)} ${String(own).padStart(4)}  vs ${(g.comparedWith ?? '').padEnd(14)} ${num(g.fused.auc).padStart(9)}  ${best || '—'}`);
    }
  }
  const t = r.timings;
  lines.push(
    '',
    `ms per image p50 ${t.msPerImage.p50.toFixed(0)} · p95 ${t.msPerImage.p95.toFixed(0)} · ${t.imagesPerSecond.toFixed(2)} images/s · peak RSS ${t.peakRssMiB.main.toFixed(0)} MiB${t.peakRssMiB.workers === null ? '' : ` (threads ${t.peakRssMiB.workers.toFixed(0)} MiB)`}`,
    `detector ms p50/p95: ${Object.entries(t.detectors).map(([n, p]) => `${n} ${p.p50.toFixed(0)}/${p.p95.toFixed(0)}`).join(' · ')}`,
  );
  const errs = Object.entries(r.counts.errors);
  if (errs.length) {
    lines.push('', `failed cases: ${errs.map(([code, n]) => `${code} ${n}`).join(', ')}`);
    for (const x of r.cases.filter((k) => k.error).slice(0, 10)) lines.push(`  ${x.id}: ${x.error?.code}: ${x.error?.message.split('\n')[0].slice(0, 160)}`);
  }
  return `${lines.join('\n')}\n`;
}
