import { readFile, writeFile } from 'node:fs/promises';
import { inspect } from '../../inspector';
import { renderReport } from '../../report/html';
import { isCatalogFingerprint } from '../../detectors/catalog/fingerprint-types';
import type { CatalogInput, ClaimContext, Locale, Verdict } from '../../types';
import { flag, parseArgs, UsageError } from '../args';
import { EXIT, type CliIO } from '../io';

/** Help text of `claimlens inspect`. */
export const INSPECT_HELP = `Usage: claimlens inspect <claim> [options]

Inspect a claim photo and print the verdict.

Options:
  --catalog <img|fp.json>  a seller catalog photo, or a fingerprint JSON file from 'claimlens fingerprint' (repeatable)
  --json                   print exactly one Verdict as JSON on stdout (artifacts omitted)
  --report <out.html>      also write a self-contained HTML report for a reviewer
  --locale <en|zh-CN>      language of messages (default en)
  --ordered-at <date>      order date (ISO 8601)
  --delivered-at <date>    delivery date (ISO 8601)
  --claimed-at <date>      claim date (ISO 8601)
  --debug                  print stack traces
Exit codes: 0 verdict printed, 2 usage error, 3 unusable input.`;

/** Read a --catalog argument: a fingerprint JSON file becomes a fingerprint, anything else stays a path. */
async function catalogEntry(path: string): Promise<CatalogInput> {
  if (!/\.(json|jsonl)$/i.test(path)) return path;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new UsageError(`--catalog ${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  const first = text.split('\n').find((l) => l.trim().length > 0) ?? '';
  let parsed: unknown;
  try {
    parsed = JSON.parse(first);
  } catch {
    throw new UsageError(`--catalog ${path}: not valid fingerprint JSON`);
  }
  if (!isCatalogFingerprint(parsed)) throw new UsageError(`--catalog ${path}: JSON is not a claimlens fingerprint (expected kind 'claimlens/catalog-fingerprint')`);
  return parsed;
}

/** One human-readable screen of a verdict. */
export function formatVerdict(v: Verdict): string {
  const lines = [`${v.risk.toUpperCase()}  score ${v.score.toFixed(3)}  ${v.image.format} ${v.image.width}×${v.image.height}`, v.summary, ''];
  for (const s of v.signals) lines.push(`  ${s.weight >= 0 ? '+' : ''}${s.weight.toFixed(2)}  ${s.code.padEnd(34)} ${s.message}`);
  if (v.signals.length) lines.push('');
  for (const d of v.detectors) lines.push(`  ${d.name.padEnd(11)} ${d.status.padEnd(12)} ${d.ms.toFixed(0).padStart(6)} ms${d.reason ? `  ${d.reason}` : ''}`);
  return `${lines.join('\n')}\n`;
}

/** `claimlens inspect`. */
export async function inspectCommand(argv: string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv, ['catalog', 'report', 'locale', 'ordered-at', 'delivered-at', 'claimed-at'], ['json', 'debug', 'help']);
  if (args.flags.has('help')) {
    io.stdout(`${INSPECT_HELP}\n`);
    return EXIT.ok;
  }
  if (args.positionals.length !== 1) throw new UsageError(args.positionals.length ? 'inspect takes exactly one claim image' : 'missing <claim> image');
  const claim = args.positionals[0];
  const catalog = await Promise.all((args.flags.get('catalog') ?? []).map(catalogEntry));
  const context: ClaimContext = {};
  const o = flag(args, 'ordered-at'), d = flag(args, 'delivered-at'), c = flag(args, 'claimed-at');
  if (o) context.orderedAt = o;
  if (d) context.deliveredAt = d;
  if (c) context.claimedAt = c;
  const locale = (flag(args, 'locale') ?? 'en') as Locale;
  const reportPath = flag(args, 'report');
  const verdict = await inspect(claim, { catalog, context, locale, artifacts: Boolean(reportPath) });
  if (reportPath) {
    const html = await renderReport(verdict, { claim, catalog: catalog.filter((x): x is string => typeof x === 'string'), locale });
    await writeFile(reportPath, html);
    io.stderr(`report written to ${reportPath}\n`);
  }
  if (args.flags.has('json')) {
    const { artifacts, ...rest } = verdict;
    void artifacts;
    io.stdout(`${JSON.stringify(rest)}\n`);
  } else {
    io.stdout(formatVerdict(verdict));
  }
  return EXIT.ok;
}
