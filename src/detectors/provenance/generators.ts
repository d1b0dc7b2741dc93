/**
 * Generator signatures: generation parameters that only an AI image tool writes (PNG text chunks, EXIF UserComment,
 * JPEG comments, "stealth" parameters in the alpha channel) and generator names in software/credit/comment fields.
 * Pure functions over strings and typed arrays; the table lives in data/generators.ts.
 */
import { gunzipSync } from 'node:zlib';
import { GENERATORS, type GeneratorRow, type ParamShape, type TraceKind } from './data/generators';
import { provenanceDescriptor, type WeightedEvidence } from './descriptor';

/** One generator trace. */
export interface GeneratorFinding {
  /** Row id in data/generators.ts (`automatic1111`, `comfyui`, …). */
  generator: string;
  /** Display name. */
  name: string;
  /**
   * `parameters`: generation parameters or a generation record (decisive); `signature`: a service's own provenance
   * blob; `marker`: a hosting or app marker; `name`: a generator named in a metadata field.
   */
  kind: TraceKind | 'name';
  /** Where, e.g. `png:parameters`, `exif:UserComment`, `jpeg:COM`, `png:alpha-lsb`, `exif:Software`. */
  where: string;
  /** The start of the evidence, for the reviewer. */
  excerpt: string;
}

/** Text longer than this is not scanned for names (parameters are still recognised by their shape). */
const MAX_NAME_SCAN = 4096;
const EXCERPT = 160;

const excerpt = (s: string): string => (s.length > EXCERPT ? `${s.slice(0, EXCERPT - 1)}…` : s).replace(/\s+/g, ' ');

/** A1111 infotext: "…\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1, Size: 512x512, Model hash: …". */
export function looksLikeSdParameters(text: string): boolean {
  return /\bSteps:\s*\d+/.test(text) && /\b(Sampler|Seed|CFG scale|Model hash):/.test(text);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text.slice(0, 4 * 1024 * 1024)) as unknown;
  } catch {
    return undefined;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => Boolean(v) && typeof v === 'object' && !Array.isArray(v);

/** Generation settings as JSON (NovelAI Comment, InvokeAI sd-metadata): at least two well-known setting keys. */
function looksLikeSettingsJson(v: unknown): boolean {
  if (!isObject(v)) return false;
  const keys = new Set(Object.keys(v).map((k) => k.toLowerCase()));
  let n = 0;
  for (const k of ['steps', 'sampler', 'seed', 'scale', 'cfg_scale', 'uc', 'prompt', 'negative_prompt', 'model', 'width', 'height', 'image', 'app_id']) if (keys.has(k)) n++;
  return n >= 2;
}

/** ComfyUI API graph (`{"3": {"class_type": …, "inputs": …}}`) or UI workflow (`{"nodes": [...], "links": [...]}`). */
function looksLikeComfyGraph(v: unknown): boolean {
  if (!isObject(v)) return false;
  if (Array.isArray(v.nodes)) return true;
  let i = 0;
  for (const node of Object.values(v)) {
    if (i++ > 64) break;
    if (isObject(node) && typeof node.class_type === 'string') return true;
  }
  return false;
}

function shapeMatches(shape: ParamShape, text: string): boolean {
  switch (shape) {
    case 'any':
      return text.trim().length > 0;
    case 'sd-params':
      return looksLikeSdParameters(text) || looksLikeSettingsJson(parseJson(text));
    case 'comfy-graph':
      return looksLikeComfyGraph(parseJson(text));
    case 'json': {
      const v = parseJson(text);
      return isObject(v) && (looksLikeSettingsJson(v) || looksLikeComfyGraph(v) || Object.keys(v).length > 0);
    }
    case 'sd-json':
      return looksLikeSettingsJson(parseJson(text));
  }
}

/** The first generator whose name pattern matches a string, if any. */
export function generatorNamed(text: string): GeneratorRow | undefined {
  const t = text.slice(0, MAX_NAME_SCAN);
  return GENERATORS.find((g) => g.names?.test(t));
}

/**
 * Generation parameters in PNG text chunks. A key alone is not enough (a `prompt` key could be anything): the payload
 * must have the generator's shape. When the payload names a more specific tool (Fooocus/Forge write `parameters`
 * too), that tool is reported.
 */
export function findPngParameters(texts: readonly (readonly [string, string])[]): GeneratorFinding[] {
  const out: GeneratorFinding[] = [];
  for (const [key, text] of texts) {
    for (const row of GENERATORS) {
      const spec = row.pngKeys?.find((k) => k.key.toLowerCase() === key.toLowerCase());
      if (!spec || !shapeMatches(spec.shape, text)) continue;
      const kind = spec.kind ?? 'parameters';
      const named = kind === 'parameters' ? generatorNamed(text) : undefined;
      const g = named?.pngKeys ? named : row;
      out.push({ generator: g.id, name: g.name, kind, where: `png:${key}`, excerpt: excerpt(text) });
      break;
    }
  }
  return out;
}

/**
 * Parameters and generator names in free-text metadata fields (`[where, text]`): EXIF UserComment/Software/…, JPEG
 * COM, PNG Software/Source/Description/Comment, XMP CreatorTool/Credit, C2PA claim generators.
 */
export function findTextSignatures(fields: readonly (readonly [string, string])[]): GeneratorFinding[] {
  const out: GeneratorFinding[] = [];
  for (const [where, text] of fields) {
    if (looksLikeSdParameters(text)) {
      const named = generatorNamed(text);
      const g = named?.pngKeys ? named : GENERATORS.find((r) => r.id === 'automatic1111');
      if (g) out.push({ generator: g.id, name: g.name, kind: 'parameters', where, excerpt: excerpt(text) });
      continue;
    }
    const ruled = textRuleMatch(text);
    if (ruled) {
      out.push({ generator: ruled.row.id, name: ruled.row.name, kind: ruled.kind, where, excerpt: excerpt(text) });
      continue;
    }
    const g = generatorNamed(text);
    if (g) out.push({ generator: g.id, name: g.name, kind: 'name', where, excerpt: excerpt(text) });
  }
  return [...out, ...findSignaturePairs(fields)];
}

/** The first row whose text rule matches (all its patterns on the same text). */
function textRuleMatch(text: string): { row: GeneratorRow; kind: TraceKind } | undefined {
  const t = text.slice(0, 64 * 1024);
  for (const row of GENERATORS) {
    const rule = row.textRules?.find((r) => r.all.every((re) => re.test(t)));
    if (rule) return { row, kind: rule.kind };
  }
  return undefined;
}

const XAI_SIGNATURE = /^Signature:\s*[A-Za-z0-9+/=]{64,}\s*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Signatures that take two fields: xAI Grok's EXIF ImageDescription `Signature: <base64>` together with an Artist that
 * is a UUID (the pair is what makes it Grok's; either alone is ordinary text).
 */
export function findSignaturePairs(fields: readonly (readonly [string, string])[]): GeneratorFinding[] {
  const desc = fields.find(([w, t]) => /(?:^|:)ImageDescription$/.test(w) && XAI_SIGNATURE.test(t.trim()));
  const artist = fields.find(([w, t]) => /(?:^|:)Artist$/.test(w) && UUID.test(t.trim()));
  if (!desc || !artist) return [];
  const row = GENERATORS.find((g) => g.id === 'xai-grok');
  return row ? [{ generator: row.id, name: row.name, kind: 'signature', where: desc[0], excerpt: excerpt(desc[1]) }] : [];
}

/** Fields whose value names the producing program or device (a generator named there is strong). */
const SOFTWARE_FIELDS = /(Software|CreatorTool|softwareAgent|png:Source|exif:Make)$/;

/**
 * Log-odds of one finding: the descriptor's `generator*` weights, whose reasons say why. A generator named in free
 * text (a caption can mention one) or a hosting marker (a hosting job can run other code) stays a hint.
 */
export function findingWeight(f: GeneratorFinding): WeightedEvidence {
  const w = provenanceDescriptor.weights;
  if (f.kind === 'parameters') return { weight: w.generatorParameters.weight };
  if (f.kind === 'declaration') return { weight: w.generatorDeclaration.weight };
  if (f.kind === 'signature') return { weight: w.generatorSignature.weight };
  if (f.kind === 'name' && SOFTWARE_FIELDS.test(f.where)) return { weight: w.generatorSoftwareName.weight };
  if (f.kind === 'marker') return { weight: w.generatorMarker.weight, atMost: 'hint' };
  return { weight: w.generatorTextName.weight, atMost: 'hint' };
}

const STEALTH_SIGNATURES = ['stealth_pnginfo', 'stealth_pngcomp'] as const;
/** Largest stealth payload read, in bytes (A1111 infotext is a few KiB; a workflow a few hundred). */
const MAX_STEALTH_BYTES = 1024 * 1024;

/**
 * A1111 "stealth pnginfo" (the stealth-pnginfo extension, also read by sd-parsers): the infotext is written into the
 * least significant bit of the alpha channel, column by column (x outer, y inner), as the 15-byte signature
 * `stealth_pnginfo` (plain) or `stealth_pngcomp` (gzip), a 32-bit big-endian bit length, then the payload.
 * `alpha` is the stored alpha plane, row-major, `width × height`. Returns the text or null.
 */
export function decodeStealthAlpha(alpha: Uint8Array, width: number, height: number): string | null {
  const total = width * height;
  if (alpha.length < total || total < (15 + 4) * 8) return null;
  let bitIndex = 0;
  const bit = (): number => {
    const x = Math.floor(bitIndex / height);
    const y = bitIndex - x * height;
    bitIndex++;
    return alpha[y * width + x] & 1;
  };
  const byte = (): number => {
    let v = 0;
    for (let i = 0; i < 8; i++) v = (v << 1) | bit();
    return v;
  };
  let sig = '';
  for (let i = 0; i < 15; i++) sig += String.fromCharCode(byte());
  if (!(STEALTH_SIGNATURES as readonly string[]).includes(sig)) return null;
  let bits = 0;
  for (let i = 0; i < 32; i++) bits = bits * 2 + bit();
  const bytes = Math.floor(bits / 8);
  if (bytes <= 0 || bytes > MAX_STEALTH_BYTES || bitIndex + bytes * 8 > total) return null;
  const payload = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i++) payload[i] = byte();
  try {
    const raw = sig === 'stealth_pngcomp' ? gunzipSync(payload, { maxOutputLength: 4 * MAX_STEALTH_BYTES }) : payload;
    return new TextDecoder('utf-8').decode(raw);
  } catch {
    return null;
  }
}
