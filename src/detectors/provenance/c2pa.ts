/**
 * C2PA content credentials through the official c2pa-rs core compiled to WebAssembly (`@contentauth/c2pa-wasm`).
 * This is the only file that touches the wasm, and the module below is the only module state of the library:
 * the wasm is instantiated once, lazily, from the package's own `.wasm` file (never fetched).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as C2paWasm from '@contentauth/c2pa-wasm';
import type { ImageFormat } from '../../primitives';

type C2paModule = typeof C2paWasm;

let modulePromise: Promise<C2paModule> | undefined;
let initMs: number | undefined;

/**
 * The wasm module, instantiated on first use. `initSync` gets the bytes of the package's own wasm file, so the
 * glue code never reaches for `fetch`. The dynamic import stays a real `import()` in the CJS build too (tsup keeps
 * it), which is how a CommonJS bundle can load this ESM-only package.
 */
function loadModule(): Promise<C2paModule> {
  modulePromise ??= (async () => {
    const t0 = performance.now();
    const mod = await import('@contentauth/c2pa-wasm');
    const wasmPath = createRequire(import.meta.url).resolve('@contentauth/c2pa-wasm/c2pa.wasm');
    mod.initSync({ module: readFileSync(wasmPath) });
    initMs = performance.now() - t0;
    return mod;
  })();
  // A failed initialisation is not cached: the next inspection tries again (and reports its own error).
  modulePromise.catch(() => {
    modulePromise = undefined;
  });
  return modulePromise;
}

/** Milliseconds the first (cold) initialisation took, once it happened (for benches and reports). */
export function c2paInitMs(): number | undefined {
  return initMs;
}

/** Formats handed to the reader, with the MIME type c2pa-rs expects. Anything else never reaches the wasm. */
export const C2PA_MIME: Readonly<Record<ImageFormat, string>> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  tiff: 'image/tiff',
  avif: 'image/avif',
  heic: 'image/heic',
};

/** Largest file handed to the wasm reader. The loader's default limit is 50 MiB; this guards larger custom limits. */
export const MAX_C2PA_BYTES = 64 * 1024 * 1024;

/** Reader settings chosen by the caller (validated by the detector factory). */
export interface C2paSettings {
  trustAnchorsPem?: string;
  allowedEkus?: string[];
  remoteManifestFetch: boolean;
  ocspFetch: boolean;
}

/**
 * The c2pa-rs settings JSON (c2pa-rs docs/settings.md). Remote manifest fetch defaults to *on* in c2pa-rs, so both
 * network switches are always written explicitly. `trust.trust_config` is the newline-separated EKU OID list.
 */
export function settingsJson(s: C2paSettings): string {
  const trust: Record<string, string> = {};
  if (s.trustAnchorsPem) trust.trust_anchors = s.trustAnchorsPem;
  if (s.allowedEkus && s.allowedEkus.length > 0) trust.trust_config = s.allowedEkus.join('\n');
  return JSON.stringify({
    version: 1,
    verify: { verify_trust: true, remote_manifest_fetch: s.remoteManifestFetch, ocsp_fetch: s.ocspFetch },
    trust,
  });
}

/** One validation status entry as c2pa-rs reports it. */
export interface C2paStatus {
  code: string;
  url?: string;
  explanation?: string;
}

/** One action of the active manifest. */
export interface C2paAction {
  action: string;
  digitalSourceType?: string;
  softwareAgent?: string;
  description?: string;
}

/** One ingredient of the active manifest. */
export interface C2paIngredient {
  title?: string;
  relationship?: string;
  format?: string;
  /** Failure codes of the ingredient's own manifest (from c2pa-rs ingredient deltas). */
  failures: string[];
}

/** The summary of a manifest store, JSON-serialisable, for `DetectorResult.details`. */
export interface C2paManifestSummary {
  activeManifest: string;
  /** `Valid`, `Invalid` or `Trusted` (c2pa-rs ValidationState). */
  validationState: string;
  /** Whether the signer chains to a configured trust anchor (c2pa-rs state `Trusted`). */
  trusted: boolean;
  claimGenerator: string;
  signer: { issuer?: string; commonName?: string; time?: string; algorithm?: string };
  title?: string;
  format?: string;
  actions: C2paAction[];
  ingredients: C2paIngredient[];
  /** Every digitalSourceType URI declared by actions, ingredients or assertions of the active manifest. */
  digitalSourceTypes: string[];
  /** digitalSourceType URIs declared by the other manifests of the store (ingredients' histories). */
  historySourceTypes: string[];
  /**
   * Status codes: `failure`, `informational` and `success` of the active manifest itself; `ingredientFailures` reported
   * about ingredients (c2pa-rs ingredient deltas, and active-manifest entries whose URL names another manifest);
   * `ingredientRecorded` the failures signers recorded inside ingredient assertions of any manifest of the store.
   */
  validation: { failure: string[]; informational: string[]; success: string[]; ingredientFailures: string[]; ingredientRecorded: string[] };
  manifestCount: number;
}

/** What reading a file for C2PA found. */
export type C2paOutcome =
  | { kind: 'none' }
  | { kind: 'remote'; url: string }
  | { kind: 'unreadable'; error: string; code: string }
  | { kind: 'skipped'; why: 'format' | 'size' }
  | { kind: 'manifest'; summary: C2paManifestSummary };

/**
 * Map a c2pa-rs reader error to an outcome. `JumbfNotFound` is the normal "no credentials" answer, not an error;
 * `RemoteManifestUrl(...)` means the file only points to credentials elsewhere (not fetched unless allowed).
 */
export function classifyReaderError(e: unknown): C2paOutcome {
  const msg = e instanceof Error ? e.message : String(e);
  if (/JumbfNotFound|ProvenanceMissing|NotFound\b/.test(msg)) return { kind: 'none' };
  const remote = /RemoteManifestUrl\("([^"]{1,2048})"\)/.exec(msg);
  if (remote) return { kind: 'remote', url: remote[1] };
  if (/RemoteManifest|RemoteManifestFetch/.test(msg)) return { kind: 'remote', url: '' };
  // The C2PA validation status codes that correspond to these c2pa-rs errors.
  const code = /UnknownAlgorithm/.test(msg)
    ? 'algorithm.unsupported'
    : /Prerelease/.test(msg)
      ? 'com.adobe.prerelease'
      : /UnsupportedType/.test(msg)
        ? 'format.unsupported'
        : 'manifest.unreadable';
  return { kind: 'unreadable', error: msg.slice(0, 300), code };
}

/**
 * Read and validate the C2PA manifest store of a file, offline unless the settings allow the network.
 * Never throws for "no manifest"; throws only when the wasm itself cannot be loaded.
 */
export async function readC2pa(bytes: Uint8Array, format: ImageFormat, settings: C2paSettings): Promise<C2paOutcome> {
  const mime = C2PA_MIME[format];
  if (!mime) return { kind: 'skipped', why: 'format' };
  if (bytes.byteLength > MAX_C2PA_BYTES) return { kind: 'skipped', why: 'size' };
  const mod = await loadModule();
  let reader: C2paWasm.WasmReader | undefined;
  try {
    reader = await mod.WasmReader.fromBytes(mime, bytes, settingsJson(settings));
    const store = JSON.parse(reader.json()) as unknown;
    return { kind: 'manifest', summary: summarise(store) };
  } catch (e) {
    // A Rust panic surfaces as a wasm trap; the instance may be left inconsistent, so the next read starts a
    // fresh one instead of reusing it.
    if (e instanceof WebAssembly.RuntimeError) modulePromise = undefined;
    return classifyReaderError(e);
  } finally {
    try {
      reader?.free();
    } catch {
      modulePromise = undefined;
    }
  }
}

const rec = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const codes = (v: unknown): string[] => arr(v).map((s) => str(rec(s).code)).filter((c): c is string => Boolean(c));

/** The manifest label a status URL points into (`self#jumbf=/c2pa/<label>/…`); undefined for relative URLs. */
export function manifestLabelOf(url: string | undefined): string | undefined {
  const m = /^self#jumbf=\/?c2pa\/([^/]+)/.exec(url ?? '');
  return m ? m[1] : undefined;
}

/** Split status entries into those about the active manifest and those whose URL names another manifest. */
function splitByManifest(v: unknown, active: string): { own: string[]; foreign: string[] } {
  const own: string[] = [];
  const foreign: string[] = [];
  for (const s of arr(v).slice(0, 2000)) {
    const code = str(rec(s).code);
    if (!code) continue;
    const label = manifestLabelOf(str(rec(s).url));
    (label !== undefined && active !== '' && label !== active ? foreign : own).push(code);
  }
  return { own, foreign };
}

/** Failures recorded inside the ingredient assertions of every manifest (v1/v2 `validation_status`, v3 `validation_results`). */
function recordedIngredientFailures(manifests: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const m of Object.values(manifests).slice(0, 50)) {
    for (const i of arr(rec(m).ingredients).slice(0, 100)) {
      const r = rec(i);
      out.push(...codes(r.validation_status));
      const vr = rec(r.validation_results);
      out.push(...codes(rec(vr.activeManifest).failure));
      for (const d of arr(vr.ingredientDeltas).slice(0, 100)) out.push(...codes(rec(rec(d).validationDeltas).failure));
    }
  }
  return out;
}

/** A claim generator is a string in claims v1 and a list of `{name, version}` in v2. */
function claimGeneratorName(m: Record<string, unknown>): string {
  const cg = str(m.claim_generator);
  if (cg) return cg;
  return arr(m.claim_generator_info)
    .map((g) => [str(rec(g).name), str(rec(g).version)].filter(Boolean).join('/'))
    .filter(Boolean)
    .join(' ');
}

function softwareAgentName(v: unknown): string | undefined {
  return str(v) ?? str(rec(v).name);
}

/** The actions of one manifest; every digitalSourceType declared by its assertions goes into `sourceTypes`. */
function collectActions(m: Record<string, unknown>, sourceTypes: Set<string>): C2paAction[] {
  const actions: C2paAction[] = [];
  for (const a of arr(m.assertions).slice(0, 500)) {
    const label = str(rec(a).label) ?? '';
    const data = rec(rec(a).data);
    if (label.startsWith('c2pa.actions')) {
      for (const act of arr(data.actions).slice(0, 200)) {
        const r = rec(act);
        const entry: C2paAction = { action: str(r.action) ?? '' };
        const dst = str(r.digitalSourceType) ?? str(rec(r.parameters).digitalSourceType);
        if (dst) {
          entry.digitalSourceType = dst;
          sourceTypes.add(dst);
        }
        const agent = softwareAgentName(r.softwareAgent);
        if (agent) entry.softwareAgent = agent;
        const desc = str(r.description) ?? str(rec(r.parameters).description);
        if (desc) entry.description = desc.slice(0, 300);
        actions.push(entry);
      }
    }
    // Other assertions (e.g. stds.iptc, CreativeWork) may declare a source type too.
    const dst = str(data.digitalSourceType) ?? str(data['Iptc4xmpExt:DigitalSourceType']);
    if (dst) sourceTypes.add(dst);
  }
  return actions;
}

/** Turn the reader's manifest-store JSON into the summary; tolerant of missing fields (old and new claim versions). */
export function summarise(storeJson: unknown): C2paManifestSummary {
  const store = rec(storeJson);
  const active = str(store.active_manifest) ?? '';
  const manifests = rec(store.manifests);
  const m = rec(manifests[active]);
  const results = rec(rec(store.validation_results).activeManifest);
  // Older readers give only a flat `validation_status` list (failures); newer ones split by kind and by manifest.
  const failures = splitByManifest(results.failure !== undefined ? results.failure : store.validation_status, active);
  const failure = failures.own;
  const informational = codes(results.informational);
  const success = codes(results.success);
  const ingredientFailures = [...arr(rec(store.validation_results).ingredientDeltas).flatMap((d) => codes(rec(rec(d).validationDeltas).failure)), ...failures.foreign];
  const sourceTypes = new Set<string>();
  const actions = collectActions(m, sourceTypes);
  // Manifests of ingredients (the history before the active claim): an AI-created parent stays AI after a
  // "converted" or "opened" step (seen on c2pa/huminify__gpt4o_ChatGPT_Image.png).
  const historySourceTypes = new Set<string>();
  for (const [label, other] of Object.entries(manifests).slice(0, 50)) if (label !== active) collectActions(rec(other), historySourceTypes);
  const ingredients: C2paIngredient[] = arr(m.ingredients)
    .slice(0, 100)
    .map((i) => {
      const r = rec(i);
      const out: C2paIngredient = { failures: codes(r.validation_status).filter((c) => !c.startsWith('signingCredential.')) };
      const title = str(r.title);
      if (title) out.title = title;
      const rel = str(r.relationship);
      if (rel) out.relationship = rel;
      const fmt = str(r.format);
      if (fmt) out.format = fmt;
      const dst = str(r.digitalSourceType);
      if (dst) sourceTypes.add(dst);
      return out;
    });
  const sig = rec(m.signature_info);
  const signer: C2paManifestSummary['signer'] = {};
  const issuer = str(sig.issuer);
  if (issuer) signer.issuer = issuer;
  const cn = str(sig.common_name);
  if (cn) signer.commonName = cn;
  const time = str(sig.time);
  if (time) signer.time = time;
  const alg = str(sig.alg);
  if (alg) signer.algorithm = alg;
  const state = str(store.validation_state) ?? (failure.length ? 'Invalid' : 'Valid');
  const summary: C2paManifestSummary = {
    activeManifest: active,
    validationState: state,
    trusted: state === 'Trusted',
    claimGenerator: claimGeneratorName(m),
    signer,
    actions,
    ingredients,
    digitalSourceTypes: [...sourceTypes],
    historySourceTypes: [...historySourceTypes].filter((t) => !sourceTypes.has(t)),
    validation: { failure, informational, success, ingredientFailures: [...new Set(ingredientFailures)], ingredientRecorded: [...new Set(recordedIngredientFailures(manifests))] },
    manifestCount: Object.keys(manifests).length,
  };
  const title = str(m.title);
  if (title) summary.title = title;
  const fmt = str(m.format);
  if (fmt) summary.format = fmt;
  return summary;
}
