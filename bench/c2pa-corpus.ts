/**
 * Dump what the provenance detector reports on every C2PA file of ../shared/corpus (the c2pa/ folder plus the
 * files whose MANIFEST ground truth mentions C2PA), without and with the c2pa-rs test root as trust anchor.
 * Written to check an `@contentauth/c2pa-wasm` upgrade: dump before, upgrade, dump after, diff the two files
 * (`diff <(jq -S . before.json) <(jq -S . after.json)`); anything but the version line is a behaviour change.
 *
 * Usage: npx tsx bench/c2pa-corpus.ts [--out bench/out/c2pa-corpus.json]
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInspector } from '../src/inspector';
import { provenance } from '../src/detectors/provenance';

const CORPUS = join(process.cwd(), '..', 'shared', 'corpus');
const outIndex = process.argv.indexOf('--out');
const out = outIndex >= 0 ? process.argv[outIndex + 1] : join('bench', 'out', 'c2pa-corpus.json');

/** Corpus paths (relative to the corpus folder) of the files that carry, or are meant to test, C2PA. */
function c2paFiles(): string[] {
  const inFolder = readdirSync(join(CORPUS, 'c2pa'))
    .map((f) => `c2pa/${f}`)
    .filter((f) => statSync(join(CORPUS, f)).isFile());
  const rows = readFileSync(join(CORPUS, 'MANIFEST.tsv'), 'utf8').split('\n').slice(1).filter(Boolean).map((l) => l.split('\t'));
  const mentioned = rows.filter((c) => /c2pa/i.test(c[8] ?? '') && !c[3].startsWith('c2pa/')).map((c) => c[3]);
  return [...inFolder, ...mentioned].sort();
}

async function main(): Promise<void> {
  if (!existsSync(join(CORPUS, 'MANIFEST.tsv'))) {
    process.stderr.write(`shared corpus not found at ${CORPUS}: nothing dumped\n`);
    return;
  }
  const trustAnchorsPem = readFileSync(join(CORPUS, 'c2pa', 'trust', 'c2parst__test_cert_root_bundle.pem'), 'utf8');
  const runs = {
    untrusted: createInspector({ detectors: [provenance()] }),
    trusted: createInspector({ detectors: [provenance({ trustAnchorsPem })] }),
  };
  const files: Record<string, unknown> = {};
  for (const f of c2paFiles()) {
    const entry: Record<string, unknown> = {};
    for (const [name, inspector] of Object.entries(runs)) {
      try {
        const v = await inspector.inspect(join(CORPUS, f));
        const report = v.detectors[0];
        entry[name] = {
          status: report.status,
          reason: report.reason,
          signals: v.signals.map((s) => ({ code: s.code, weight: s.weight, strength: s.strength, details: s.details })),
          details: report.details,
        };
      } catch (e) {
        entry[name] = { error: e instanceof Error ? e.message : String(e) };
      }
    }
    files[f] = entry;
    process.stderr.write(`${f}\n`);
  }
  const pkg = join(dirname(createRequire(import.meta.url).resolve('@contentauth/c2pa-wasm')), '..', 'package.json');
  const version = (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify({ c2paWasm: version, files }, null, 2)}\n`);
  process.stderr.write(`${Object.keys(files).length} files, @contentauth/c2pa-wasm ${version} → ${out}\n`);
}

await main();
