/**
 * Fixture-set manifests (DESIGN.md "Fixture sets and the benchmark"): load, validate every field before any
 * image is inspected, resolve paths against the manifest's folder, and hash the manifest so a result can be
 * traced to the exact set it was measured on.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { ClaimlensError, describeValue } from '../errors';
import type { ClaimContext, Region } from '../types';

/** Ground truth of a case: the claim photo is fabricated evidence, or a genuine photo. */
export type BenchLabel = 'fabricated' | 'genuine';

/** The labels a manifest may use. */
export const BENCH_LABELS: readonly BenchLabel[] = ['fabricated', 'genuine'];

/** One validated case. Paths are absolute; the manifest's own (relative) spelling is kept for reports. */
export interface ManifestCase {
  /** Unique id inside the manifest. */
  id: string;
  /** Absolute path of the claim photo. */
  claim: string;
  /** Absolute paths of the catalog photos (empty when none). */
  catalog: string[];
  /** Order dates passed to `inspect` as `context`. */
  context?: ClaimContext;
  /** Ground truth. */
  label: BenchLabel;
  /** Family of the case (e.g. `ai-edit-of-catalog`, `buyer-photo`); metrics are also given per kind. */
  kind?: string;
  /** Ground-truth box of the manipulated area, in claim pixels, when the set knows it (used for IoU). */
  truthRegion?: Region;
  /** Every other field of the case, kept as given (e.g. `source`, `product`). */
  extra: Record<string, unknown>;
}

/** A missing claim or catalog file, found before the run. */
export interface MissingFile {
  id: string;
  /** `claim` or `catalog[i]`. */
  field: string;
  /** Absolute path that does not exist (or is not a file). */
  path: string;
}

/** A validated manifest. */
export interface BenchManifest {
  /** `name` of the manifest. */
  name: string;
  /** Absolute path of manifest.json. */
  path: string;
  /** Lower-case hex SHA-256 of the manifest file bytes. */
  sha256: string;
  cases: ManifestCase[];
  /** Files the manifest names that do not exist (empty when all exist or when `missingFiles: 'error'`). */
  missing: MissingFile[];
}

/** How `loadManifest` treats missing files. */
export interface LoadManifestOptions {
  /**
   * `'error'` rejects the manifest when a claim or catalog file is missing; `'record'` lists them in
   * `missing` so a bench run can report those cases as failed and still measure the rest.
   * @default 'error'
   */
  missingFiles?: 'error' | 'record';
}

const KNOWN_FIELDS = new Set(['id', 'claim', 'catalog', 'context', 'label', 'kind', 'truthRegion']);
const CONTEXT_FIELDS = new Set(['orderedAt', 'deliveredAt', 'claimedAt', 'timezoneOffsetMinutes']);
/** Cap on cases: a manifest is a human-made list, a million entries is a mistake (or an attack on memory). */
const MAX_CASES = 200_000;
/** Cap on the manifest file size, read before parsing. */
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

function invalid(manifestPath: string, message: string, details: Record<string, unknown> = {}): ClaimlensError {
  return new ClaimlensError('INVALID_MANIFEST', `${manifestPath}: ${message}`, { manifest: manifestPath, ...details });
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkRegion(v: unknown): v is Region {
  if (!isObject(v)) return false;
  return ['x', 'y', 'width', 'height'].every((k) => typeof v[k] === 'number' && Number.isFinite(v[k]) && (v[k]) >= 0);
}

function checkContext(where: string, v: unknown, fail: (m: string, d?: Record<string, unknown>) => ClaimlensError): ClaimContext {
  if (!isObject(v)) throw fail(`${where}.context: expected an object, received ${describeValue(v)}`);
  for (const [k, x] of Object.entries(v)) {
    if (!CONTEXT_FIELDS.has(k)) throw fail(`${where}.context.${k}: unknown field (expected one of ${[...CONTEXT_FIELDS].join(', ')})`);
    const ok = k === 'timezoneOffsetMinutes' ? typeof x === 'number' && Number.isFinite(x) : typeof x === 'string' || (typeof x === 'number' && Number.isFinite(x));
    if (!ok) throw fail(`${where}.context.${k}: expected ${k === 'timezoneOffsetMinutes' ? 'a number of minutes' : 'an ISO 8601 date string or epoch ms'}, received ${describeValue(x)}`);
  }
  // Dates are checked for real by inspect(); a bad one fails that case with INVALID_OPTIONS.
  return v;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * Validate a parsed manifest. Every structural problem is an `INVALID_MANIFEST` error whose message names the
 * manifest, the case (by id, or by index when the id itself is bad) and the field.
 *
 * @param doc the parsed JSON
 * @param manifestPath absolute path of the manifest (paths are resolved against its folder)
 * @throws ClaimlensError INVALID_MANIFEST
 */
export function validateManifest(doc: unknown, manifestPath: string): { name: string; cases: ManifestCase[] } {
  const fail = (m: string, d?: Record<string, unknown>): ClaimlensError => invalid(manifestPath, m, d);
  if (!isObject(doc)) throw fail(`expected a JSON object { name, cases }, received ${describeValue(doc)}`);
  if (typeof doc.name !== 'string' || doc.name.trim() === '') throw fail(`name: expected a non-empty string, received ${describeValue(doc.name)}`);
  if (!Array.isArray(doc.cases)) throw fail(`cases: expected an array, received ${describeValue(doc.cases)}`);
  if (doc.cases.length === 0) throw fail('cases: the manifest has no cases');
  if (doc.cases.length > MAX_CASES) throw fail(`cases: ${doc.cases.length} cases exceed the limit of ${MAX_CASES}`);
  const base = dirname(manifestPath);
  const at = (p: string): string => (isAbsolute(p) ? p : resolve(base, p));
  const seen = new Map<string, number>();
  const cases: ManifestCase[] = [];
  (doc.cases as unknown[]).forEach((raw, index) => {
    if (!isObject(raw)) throw fail(`cases[${index}]: expected an object, received ${describeValue(raw)}`);
    if (typeof raw.id !== 'string' || raw.id.trim() === '') throw fail(`cases[${index}].id: expected a non-empty string, received ${describeValue(raw.id)}`, { index });
    const id = raw.id;
    const where = `case '${id}'`;
    const first = seen.get(id);
    if (first !== undefined) throw fail(`${where}: duplicate id (cases[${first}] and cases[${index}])`, { id, index });
    seen.set(id, index);
    if (typeof raw.claim !== 'string' || raw.claim === '') throw fail(`${where}.claim: expected a path relative to the manifest, received ${describeValue(raw.claim)}`, { id, field: 'claim' });
    if (typeof raw.label !== 'string' || !(BENCH_LABELS as readonly string[]).includes(raw.label)) {
      throw fail(`${where}.label: expected 'fabricated' or 'genuine', received ${describeValue(raw.label)}`, { id, field: 'label' });
    }
    let catalog: string[] = [];
    if (raw.catalog !== undefined) {
      if (!Array.isArray(raw.catalog) || raw.catalog.some((c) => typeof c !== 'string' || c === '')) {
        throw fail(`${where}.catalog: expected an array of paths, received ${describeValue(raw.catalog)}`, { id, field: 'catalog' });
      }
      catalog = (raw.catalog as string[]).map(at);
    }
    if (raw.kind !== undefined && (typeof raw.kind !== 'string' || raw.kind === '')) throw fail(`${where}.kind: expected a non-empty string, received ${describeValue(raw.kind)}`, { id, field: 'kind' });
    if (raw.truthRegion !== undefined && !checkRegion(raw.truthRegion)) {
      throw fail(`${where}.truthRegion: expected { x, y, width, height } in pixels, received ${describeValue(raw.truthRegion)}`, { id, field: 'truthRegion' });
    }
    const c: ManifestCase = { id, claim: at(raw.claim), catalog, label: raw.label as BenchLabel, extra: {} };
    if (raw.context !== undefined) c.context = checkContext(where, raw.context, fail);
    if (typeof raw.kind === 'string') c.kind = raw.kind;
    if (raw.truthRegion !== undefined) c.truthRegion = raw.truthRegion;
    for (const [k, v] of Object.entries(raw)) if (!KNOWN_FIELDS.has(k)) c.extra[k] = v;
    cases.push(c);
  });
  return { name: doc.name, cases };
}

/**
 * Read, hash and validate a manifest, then check that every claim and catalog file exists.
 *
 * @throws ClaimlensError INVALID_MANIFEST (unreadable or invalid JSON, a bad field, a missing file unless
 *   `missingFiles: 'record'`)
 * @example
 * const m = await loadManifest('fixtures/out/refund-set/manifest.json');
 * console.log(m.name, m.cases.length, m.sha256);
 */
export async function loadManifest(path: string, options: LoadManifestOptions = {}): Promise<BenchManifest> {
  const abs = resolve(path);
  let bytes: Buffer;
  try {
    const st = await stat(abs);
    if (!st.isFile()) throw invalid(abs, 'not a file');
    if (st.size > MAX_MANIFEST_BYTES) throw invalid(abs, `${st.size} bytes exceed the manifest limit of ${MAX_MANIFEST_BYTES}`);
    bytes = await readFile(abs);
  } catch (e) {
    if (e instanceof ClaimlensError) throw e;
    throw invalid(abs, `cannot read the manifest (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    throw invalid(abs, `not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const { name, cases } = validateManifest(doc, abs);
  const missing: MissingFile[] = [];
  for (const c of cases) {
    if (!(await isFile(c.claim))) missing.push({ id: c.id, field: 'claim', path: c.claim });
    for (let i = 0; i < c.catalog.length; i++) if (!(await isFile(c.catalog[i]))) missing.push({ id: c.id, field: `catalog[${i}]`, path: c.catalog[i] });
  }
  if (missing.length > 0 && (options.missingFiles ?? 'error') === 'error') {
    const list = missing.slice(0, 5).map((m) => `case '${m.id}'.${m.field}: file not found: ${m.path}`);
    const more = missing.length > 5 ? ` (and ${missing.length - 5} more)` : '';
    throw invalid(abs, `${list.join('; ')}${more}`, { missing });
  }
  return { name, path: abs, sha256: createHash('sha256').update(bytes).digest('hex'), cases, missing };
}
