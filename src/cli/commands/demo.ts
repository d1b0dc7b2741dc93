import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspect } from '../../inspector';
import { renderReport } from '../../report/html';
import type { Locale } from '../../types';
import { parseArgs, UsageError, type OptionSpec } from '../args';
import { EXIT, type CliIO } from '../io';
import { formatVerdict } from './inspect';

/** Help text of `claimlens demo`. */
export const DEMO_HELP = `Usage: claimlens demo [-o report.html] [-l en|zh-CN]

Inspect the bundled example (a product photo and a claim made from it with a painted-in crack) and write a
self-contained HTML report. Prints the path of the report; the verdict goes to stderr.

Options:
  -o, --out <file>         where to write the report (default claimlens-demo-report.html)
  -l, --locale <en|zh-CN>  language of the report (default en)
  -h, --help               this help`;

const OPTIONS = { out: { type: 'string', short: 'o' }, locale: { type: 'string', short: 'l' } } as const satisfies Record<string, OptionSpec>;

/** Find the bundled example folder from wherever this module runs (src via tsx, or dist in an installed package). */
export function demoFolder(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'fixtures', 'demo');
    if (existsSync(join(candidate, 'claim.jpg'))) return candidate;
    dir = dirname(dir);
  }
  throw new Error('the bundled example (fixtures/demo) was not found next to the claimlens package');
}

/** `claimlens demo`. */
export async function demoCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs(argv, OPTIONS);
  if (values.help) {
    io.stdout(`${DEMO_HELP}\n`);
    return EXIT.ok;
  }
  if (positionals.length) throw new UsageError(`demo takes no arguments, received '${positionals[0]}'`);
  const dir = demoFolder();
  const locale = (values.locale ?? 'en') as Locale;
  const claim = join(dir, 'claim.jpg');
  const catalog = [join(dir, 'catalog.jpg')];
  const verdict = await inspect(claim, { catalog, locale, artifacts: true, context: { orderedAt: '2026-11-01T09:00:00+08:00', deliveredAt: '2026-11-04T10:00:00+08:00', claimedAt: '2026-11-05T20:00:00+08:00' } });
  const out = resolve(values.out ?? 'claimlens-demo-report.html');
  await writeFile(out, await renderReport(verdict, { claim, catalog, locale, title: locale === 'zh-CN' ? 'claimlens 演示报告' : 'claimlens demo report' }));
  io.stderr(formatVerdict(verdict));
  io.stdout(`${out}\n`);
  return EXIT.ok;
}
