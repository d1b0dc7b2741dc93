/**
 * "Is it even our product?" bench (issue 15 §5): the catalog detector alone on the product sets built by
 * fixtures/generate/product-set.ts.
 *   npx tsx fixtures/generate/product-set.ts && npx tsx bench/product.ts [--manifest path]... [--stride K] [--fingerprints] [--name out-name]
 * Default manifests: fixtures/out/product-set and fixtures/out/product-corpus (skipped when absent).
 *
 * For every case the detector's decision (`reuse`, `derived-edit`, `new-photo` = "the same product",
 * `different-product`, `unrelated` = no call) and its per-reference details are recorded. Reported per set and
 * group (held-out rendered families first, then the rest; the corpus per configuration):
 *   same-product recall   share of same-product claims called `new-photo` (the same product)
 *   different called same share of different-product claims called `new-photo` (target ≤ 5 %)
 *   different found       share of different-product claims called `different-product`
 *   same called different share of same-product claims called `different-product` (a genuine buyer accused)
 *   derived kept          share of derived-edit controls still called `reuse`/`derived-edit`
 * plus ROC-AUC of the detector's same-product score where it reports one. Writes bench/out/product.json.
 */
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { catalog } from '../src/detectors/catalog';
import { decodeFingerprint, fingerprint } from '../src/detectors/catalog/fingerprint';
import { productDistance } from '../src/detectors/catalog/palette';
import { isFingerprintV1 } from '../src/detectors/catalog/fingerprint-types';
import { loadImage, type LoadedImage } from '../src/loader/image';
import { quantile, rocAuc } from '../src/bench/metrics';
import type { CatalogFingerprint, CatalogReference } from '../src/types';
import { writeResult } from './lib';

interface Case {
  id: string;
  claim: string;
  catalog: string[];
  label: 'fabricated' | 'genuine';
  kind: 'same-product' | 'different-product' | 'derived-edit';
  variant?: string;
  heldOut?: boolean;
  config?: string;
  source: string;
}

/** One measured case. */
export interface ProductRow {
  id: string;
  set: string;
  kind: Case['kind'];
  variant: string;
  group: string;
  decision: string;
  /** The detector's continuous same-product evidence when it reports one (higher = more alike). */
  sameScore: number | null;
  ms: number;
  references: unknown;
}

const argsOf = (n: string): string[] => process.argv.flatMap((a, i) => (process.argv[i - 1] === n ? [a] : []));
const r3 = (x: number): number => Math.round(x * 1000) / 1000;

/** The counts and rates of one group of rows. */
export function rates(rows: ProductRow[]): Record<string, number> {
  const same = rows.filter((r) => r.kind === 'same-product');
  const diff = rows.filter((r) => r.kind === 'different-product');
  const derived = rows.filter((r) => r.kind === 'derived-edit');
  const share = (xs: ProductRow[], p: (r: ProductRow) => boolean): number => (xs.length ? r3(xs.filter(p).length / xs.length) : NaN);
  const out: Record<string, number> = {
    same: same.length,
    different: diff.length,
    sameRecall: share(same, (r) => r.decision === 'new-photo'),
    differentCalledSame: share(diff, (r) => r.decision === 'new-photo'),
    differentFound: share(diff, (r) => r.decision === 'different-product'),
    sameCalledDifferent: share(same, (r) => r.decision === 'different-product'),
  };
  if (derived.length) {
    out.derived = derived.length;
    out.derivedKept = share(derived, (r) => r.decision === 'reuse' || r.decision === 'derived-edit');
    out.derivedCalledDifferent = share(derived, (r) => r.decision === 'different-product');
  }
  const scored = [...same, ...diff].filter((r) => r.sameScore !== null);
  if (scored.length === same.length + diff.length && same.length && diff.length) {
    out.sameScoreAuc = r3(rocAuc(scored.map((r) => ({ score: r.sameScore as number, positive: r.kind === 'same-product' }))));
  }
  return out;
}

async function main(): Promise<void> {
  const given = argsOf('--manifest');
  const manifests = (given.length ? given : ['fixtures/out/product-set/manifest.json', 'fixtures/out/product-corpus/manifest.json']).map((p) => resolve(p));
  const stride = Math.max(1, Number(argsOf('--stride')[0] ?? 1));
  const useFp = process.argv.includes('--fingerprints');
  const det = catalog();
  const images = new Map<string, Promise<LoadedImage>>();
  const fps = new Map<string, Promise<CatalogFingerprint>>();
  const rows: ProductRow[] = [];
  const sets: { name: string; path: string; sha256: string; cases: number }[] = [];
  for (const manifestPath of manifests) {
    if (!existsSync(manifestPath)) {
      process.stderr.write(`manifest not found at ${manifestPath}: skipped (build it with fixtures/generate/product-set.ts)\n`);
      continue;
    }
    const raw = await readFile(manifestPath);
    const manifest = JSON.parse(raw.toString('utf8')) as { name: string; cases: Case[] };
    const base = dirname(manifestPath);
    const chosen = manifest.cases.filter((_c, i) => i % stride === 0);
    sets.push({ name: manifest.name, path: manifestPath, sha256: createHash('sha256').update(raw).digest('hex'), cases: chosen.length });
    for (const c of chosen) {
      // Catalog photos are loaded (and fingerprinted) once per run, as a platform stores them once per listing.
      const refs: CatalogReference[] = [];
      for (const [index, p] of c.catalog.entries()) {
        const file = join(base, p);
        if (useFp) {
          if (!fps.has(file)) fps.set(file, fingerprint(file).then((f) => JSON.parse(JSON.stringify(f)) as CatalogFingerprint));
          refs.push({ kind: 'fingerprint', index, fingerprint: await (fps.get(file) as Promise<CatalogFingerprint>) });
        } else {
          if (!images.has(file)) images.set(file, loadImage(file, undefined, `catalog[${index}]`));
          refs.push({ kind: 'image', index, image: await (images.get(file) as Promise<LoadedImage>) });
        }
      }
      const t = performance.now();
      const image = await loadImage(join(base, c.claim));
      const v = await det.run({ image, catalog: refs, context: {}, locale: 'en', artifacts: false, signal: new AbortController().signal });
      const ms = performance.now() - t;
      const info = (v.details ?? {}) as { decision?: string; productDistance?: number; references?: unknown };
      const decision = (v.status ?? 'ok') === 'ok' ? (info.decision ?? 'none') : String(v.status);
      const group = c.source === 'corpus' ? `corpus ${c.config ?? ''}`.trim() : c.heldOut ? 'rendered held-out' : 'rendered tuning';
      rows.push({ id: c.id, set: manifest.name, kind: c.kind, variant: c.variant ?? '', group, decision, sameScore: typeof info.productDistance === 'number' ? -info.productDistance : null, ms: r3(ms), references: info.references });
      process.stderr.write(`\r${manifest.name} ${rows.length} ${c.id.slice(0, 60).padEnd(60)} ${decision.padEnd(18)}`);
    }
    process.stderr.write('\n');
  }
  const groups = [...new Set(rows.map((r) => r.group))].sort((a, b) => (a === 'rendered held-out' ? -1 : b === 'rendered held-out' ? 1 : a.localeCompare(b)));
  const byGroup: Record<string, Record<string, number>> = {};
  for (const g of groups) byGroup[g] = rates(rows.filter((r) => r.group === g));
  const byVariant: Record<string, Record<string, number>> = {};
  for (const g of groups) {
    for (const v of [...new Set(rows.filter((r) => r.group === g && r.variant).map((r) => r.variant))].sort()) {
      byVariant[`${g} / ${v}`] = rates(rows.filter((r) => r.group === g && (r.variant === v || r.kind === 'same-product')));
    }
  }
  const decisions: Record<string, Record<string, number>> = {};
  for (const r of rows) {
    const k = `${r.group} ${r.kind}`;
    decisions[k] ??= {};
    decisions[k][r.decision] = (decisions[k][r.decision] ?? 0) + 1;
  }
  // Version-1 fingerprints (stored before palettes) rebuild the palette from their thumbnails: how far is that from
  // the stored palette of the same photo? (fingerprint.ts V1_PALETTE_ERROR rests on this.)
  const v1: number[] = [];
  for (const file of new Set([...images.keys(), ...fps.keys()])) {
    const v2 = await fingerprint(file);
    const stripped: CatalogFingerprint = { ...v2, version: 1 };
    delete stripped.palette;
    if (!isFingerprintV1(stripped)) throw new Error(`${file}: a version-2 fingerprint without its palette is not a version-1 fingerprint`);
    v1.push(productDistance(decodeFingerprint(stripped).palette, decodeFingerprint(v2).palette));
  }
  const v1Palette = { photos: v1.length, p50: r3(quantile(v1, 0.5)), p90: r3(quantile(v1, 0.9)), max: r3(Math.max(...v1)) };
  const path = await writeResult(argsOf('--name')[0] ?? 'product', { sets, stride, reference: useFp ? 'fingerprint' : 'image', byGroup, byVariant, decisions, v1Palette, cases: rows });
  const pct = (x: number): string => (Number.isNaN(x) ? '   -' : `${(x * 100).toFixed(1).padStart(5)}%`);
  console.log(`${'group'.padEnd(34)} ${'same'.padStart(5)} ${'diff'.padStart(5)}  recall  diff→same  diff found  same→diff  derived kept  AUC`);
  const line = (k: string, s: Record<string, number>): string =>
    `${k.padEnd(34)} ${String(s.same).padStart(5)} ${String(s.different).padStart(5)}  ${pct(s.sameRecall)}  ${pct(s.differentCalledSame)}     ${pct(s.differentFound)}     ${pct(s.sameCalledDifferent)}     ${s.derived ? pct(s.derivedKept) : '     -'}  ${s.sameScoreAuc ?? '-'}`;
  for (const [k, s] of Object.entries(byGroup)) console.log(line(k, s));
  for (const [k, s] of Object.entries(byVariant)) console.log(line(`  ${k}`, s));
  console.log(`decisions ${JSON.stringify(decisions)}`);
  console.log(`v1 fingerprint palettes vs stored (product distance, ΔE00): ${JSON.stringify(v1Palette)}`);
  console.log(`wrote ${path}`);
}

void main();
