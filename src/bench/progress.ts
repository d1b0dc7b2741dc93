/**
 * Progress of a bench run on stderr: a redrawn bar on a terminal, a plain line every 10 % (or 10 s) otherwise,
 * so CI logs stay short and readable.
 */

/** Where a run stands, passed to `onProgress` after each case. */
export interface BenchProgress {
  done: number;
  total: number;
  failed: number;
  /** Wall-clock ms since the run started. */
  elapsedMs: number;
  /** Id of the case that just finished. */
  id: string;
}

/** A stream-like sink (process.stderr, or a test buffer). */
export interface ProgressSink {
  write(s: string): unknown;
  isTTY?: boolean;
}

/** A progress reporter for `runBench`'s `onProgress`, writing to `sink`. */
export function progressReporter(sink: ProgressSink, label: string): (p: BenchProgress) => void {
  let lastLine = -1;
  let lastAt = 0;
  return (p) => {
    const pct = p.total ? p.done / p.total : 1;
    const rate = p.elapsedMs > 0 ? (p.done * 1000) / p.elapsedMs : 0;
    const fail = p.failed ? `, ${p.failed} failed` : '';
    if (sink.isTTY) {
      const width = 28;
      const full = Math.round(pct * width);
      sink.write(`\r${label} [${'#'.repeat(full)}${'.'.repeat(width - full)}] ${p.done}/${p.total} ${rate.toFixed(1)} img/s${fail}\x1b[K`);
      if (p.done === p.total) sink.write('\n');
      return;
    }
    const decile = Math.floor(pct * 10);
    if (decile !== lastLine || p.elapsedMs - lastAt > 10_000 || p.done === p.total) {
      lastLine = decile;
      lastAt = p.elapsedMs;
      sink.write(`${label}: ${p.done}/${p.total} (${Math.round(pct * 100)} %) ${rate.toFixed(1)} img/s${fail}\n`);
    }
  };
}
