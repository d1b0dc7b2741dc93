import { mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { progressReporter } from '../../bench/progress';
import { BUILTIN_DETECTOR_NAMES, detectors } from '../../detectors';
import { createInspector } from '../../inspector';
import { DEFAULT_LIMITS } from '../../loader/image';
import { renderReport } from '../../report/html';
import type { ClaimContext, InspectorOptions, Locale, Risk, Verdict } from '../../types';
import { list, parseArgs, parseThresholds, parseTimezone, UsageError, type OptionSpec } from '../args';
import { readCatalogArg } from '../catalog-file';
import { errorInfo, EXIT, exitCodeOf, progressSink, type CliIO } from '../io';
import { openOutput } from '../output';
import { readStdin } from '../stdin';

/** Help text of `claimlens inspect`. */
export const INSPECT_HELP = `Usage: claimlens inspect <claim|->... [options]

Inspect claim photos and print a verdict for each, in order. '-' reads one image from stdin.

Options:
  -c, --catalog <img|fp.jsonl>  a seller catalog photo, or a fingerprint file from 'claimlens fingerprint'
                                (JSON Lines, every line is used); repeatable
  -j, --json                    one JSON object per claim and line: the Verdict with its "file" (artifacts
                                omitted), or {"file":…,"error":{"code":…,"message":…}} for an unusable claim
  -o, --out <file>              write the results there instead of stdout
  -r, --report <out.html|dir>   also write a self-contained HTML report for a reviewer (a folder of
                                <claim>.html files when several claims are given)
  -l, --locale <en|zh-CN>       language of messages (default en)
  -d, --detectors <a,b>         run only these built-in detectors (${BUILTIN_DETECTOR_NAMES.join(', ')})
  -t, --thresholds <m,h>        risk thresholds, e.g. 0.3,0.7 or high=0.8 (default 0.3,0.7)
      --fail-on <medium|high>   exit 4 when any verdict reaches this risk
      --ordered-at <date>       order date (ISO 8601)
      --delivered-at <date>     delivery date (ISO 8601)
      --claimed-at <date>       claim date (ISO 8601)
      --timezone <offset>       the buyer's UTC offset for camera dates without one (+08:00, -05:30, Z, 480)
      --debug                   print stack traces
  -h, --help                    this help
One claim prints the full verdict; several print a table (or JSON Lines), with a progress line on stderr
from 4 claims on. Exit codes: 0 every claim inspected, 2 usage error (nothing inspected), 3 at least one claim
was unusable (the others are still printed), 4 a verdict reached --fail-on (and no claim was unusable),
1 unexpected error.`;

const OPTIONS = {
  catalog: { type: 'string', short: 'c', multiple: true },
  json: { type: 'boolean', short: 'j' },
  out: { type: 'string', short: 'o' },
  report: { type: 'string', short: 'r' },
  locale: { type: 'string', short: 'l' },
  detectors: { type: 'string', short: 'd', multiple: true },
  thresholds: { type: 'string', short: 't' },
  'fail-on': { type: 'string' },
  'ordered-at': { type: 'string' },
  'delivered-at': { type: 'string' },
  'claimed-at': { type: 'string' },
  timezone: { type: 'string' },
} as const satisfies Record<string, OptionSpec>;

const RISK_RANK: Record<Risk, number> = { low: 0, medium: 1, high: 2 };
/** Claims from which a progress line is written on stderr (fewer finish before it would help). */
const PROGRESS_FROM = 4;

type BuiltinName = (typeof BUILTIN_DETECTOR_NAMES)[number];

/** One human-readable screen of a verdict. */
export function formatVerdict(v: Verdict): string {
  const lines = [`${v.risk.toUpperCase()}  score ${v.score.toFixed(3)}  ${v.image.format} ${v.image.width}×${v.image.height}`, v.summary, ''];
  for (const s of v.signals) lines.push(`  ${s.weight >= 0 ? '+' : ''}${s.weight.toFixed(2)}  ${s.code.padEnd(34)} ${s.message}`);
  if (v.signals.length) lines.push('');
  for (const d of v.detectors) lines.push(`  ${d.name.padEnd(11)} ${d.status.padEnd(12)} ${d.ms.toFixed(0).padStart(6)} ms${d.reason ? `  ${d.reason}` : ''}`);
  return `${lines.join('\n')}\n`;
}

/** The table printed for several claims: one row per claim, written as each verdict arrives. */
function tableWriter(files: readonly string[]): { header: string; row: (file: string, v: Verdict) => string; error: (file: string, code: string) => string } {
  const width = Math.min(48, Math.max(4, ...files.map((f) => f.length)));
  const name = (f: string): string => (f.length > width ? `…${f.slice(f.length - width + 1)}` : f.padEnd(width));
  return {
    header: `${'FILE'.padEnd(width)}  RISK    SCORE  SIGNALS (strongest first)\n`,
    row: (f, v) => `${name(f)}  ${v.risk.padEnd(6)}  ${v.score.toFixed(3)}  ${v.signals.slice(0, 3).map((s) => s.code).join(', ') || '—'}${v.signals.length > 3 ? `, +${v.signals.length - 3}` : ''}\n`,
    error: (f, code) => `${name(f)}  ${'error'.padEnd(6)}  ${'—'.padStart(5)}  ${code}\n`,
  };
}

/** Where the report of claim `i` goes: the given file for one claim, `<dir>/<name>.html` for several. */
function reportPaths(target: string, files: readonly string[]): string[] {
  if (files.length === 1) return [target];
  mkdirSync(target, { recursive: true });
  const used = new Map<string, number>();
  return files.map((f) => {
    const stem = f === '-' ? 'stdin' : basename(f, extname(f));
    const n = (used.get(stem) ?? 0) + 1;
    used.set(stem, n);
    return join(target, `${stem}${n > 1 ? `-${n}` : ''}.html`);
  });
}

/** Validate the option values that the library does not check itself, and build the inspector's options. */
function inspectorOptions(values: { detectors?: string[]; thresholds?: string }): InspectorOptions {
  const options: InspectorOptions = {};
  const names = list(values.detectors);
  if (names) {
    const known = BUILTIN_DETECTOR_NAMES as readonly string[];
    const unknown = names.filter((n) => !known.includes(n));
    if (unknown.length || names.length === 0) throw new UsageError(`--detectors: unknown detector '${unknown.join(', ')}' (known: ${known.join(', ')})`);
    options.detectors = names.map((n) => detectors[n as BuiltinName]());
  }
  if (values.thresholds !== undefined) options.thresholds = parseThresholds(values.thresholds);
  return options;
}

/** `claimlens inspect`. */
export async function inspectCommand(argv: string[], io: CliIO): Promise<number> {
  const { values: v, positionals: files } = parseArgs(argv, OPTIONS);
  if (v.help) {
    io.stdout(`${INSPECT_HELP}\n`);
    return EXIT.ok;
  }
  if (files.length === 0) throw new UsageError('missing <claim> image (a path, or - for stdin)');
  if (files.filter((f) => f === '-').length > 1) throw new UsageError("'-' (stdin) can be given only once");
  const failOn = v['fail-on'];
  if (failOn !== undefined && failOn !== 'medium' && failOn !== 'high') throw new UsageError(`--fail-on: expected medium or high, received '${failOn}'`);
  const context: ClaimContext = {};
  if (v['ordered-at'] !== undefined) context.orderedAt = v['ordered-at'];
  if (v['delivered-at'] !== undefined) context.deliveredAt = v['delivered-at'];
  if (v['claimed-at'] !== undefined) context.claimedAt = v['claimed-at'];
  if (v.timezone !== undefined) context.timezoneOffsetMinutes = parseTimezone(v.timezone);
  const locale = (v.locale ?? 'en') as Locale;
  const inspector = createInspector(inspectorOptions(v));
  const catalog = (await Promise.all((v.catalog ?? []).map(readCatalogArg))).flat();
  const reports = v.report === undefined ? undefined : reportPaths(v.report, files);
  const table = !v.json && files.length > 1 ? tableWriter(files) : undefined;
  const progress = files.length >= PROGRESS_FROM ? progressReporter(progressSink(io), 'inspect') : undefined;
  const out = openOutput(v.out, io);
  const started = performance.now();
  let unusable = 0;
  let internal = 0;
  let reached = 0;
  try {
    if (table) out.write(table.header);
    for (const [i, file] of files.entries()) {
      try {
        const claim = file === '-' ? await readStdin(io.stdin, DEFAULT_LIMITS.maxBytes) : file;
        const verdict = await inspector.inspect(claim, { catalog, context, locale, artifacts: reports !== undefined });
        if (reports) {
          const images = catalog.filter((c): c is string => typeof c === 'string');
          await writeFile(reports[i], await renderReport(verdict, { claim, catalog: images, locale }));
          io.stderr(`report written to ${reports[i]}\n`);
        }
        if (v.json) {
          const { artifacts, ...rest } = verdict;
          void artifacts;
          out.write(`${JSON.stringify({ file, ...rest })}\n`);
        } else {
          out.write(table ? table.row(file, verdict) : formatVerdict(verdict));
        }
        if (failOn && RISK_RANK[verdict.risk] >= RISK_RANK[failOn]) reached++;
      } catch (e) {
        // Options are the same for every claim: INVALID_OPTIONS (a bad date, threshold or locale) stops the run.
        if (exitCodeOf(e) === EXIT.usage) throw e;
        const info = errorInfo(e);
        if (info.code === 'INTERNAL') internal++;
        else unusable++;
        if (v.json) out.write(`${JSON.stringify({ file, error: info })}\n`);
        else {
          if (table) out.write(table.error(file, info.code));
          io.stderr(`claimlens: ${files.length > 1 ? `${file}: ` : ''}${info.code === 'INTERNAL' ? 'unexpected error' : info.code}: ${info.message}\n`);
        }
        if (io.debug && e instanceof Error && e.stack) io.stderr(`${e.stack}\n`);
      }
      progress?.({ done: i + 1, total: files.length, failed: unusable + internal, elapsedMs: performance.now() - started, id: file });
    }
  } finally {
    out.close();
  }
  if (internal) return EXIT.failure;
  if (unusable) return EXIT.unusableInput;
  return reached ? EXIT.riskReached : EXIT.ok;
}
