/**
 * The per-file table of the provenance bench: every c2pa/, ai-labelled/, ai-generated/ and camera/ file of
 * ../shared/corpus, what its MANIFEST.tsv ground truth says a reader must report, what the detector reported
 * (without trust anchors, and for the c2pa-rs fixtures also with the c2pa-rs test root as anchor), the producer it
 * named, and whether that meets the expectation. The expectation is derived from the ground-truth text only (never
 * from what the detector says), so the same table before and after a change is one diff.
 *
 * The reported producer is read from `details.producer` when a signal carries one, else from the signal's message
 * (the v0.1 detector names the producer only there), so the table runs unchanged on older code.
 */
import type { DetectorResult, DetectorSignal } from '../src/types';
import type { CorpusRow } from '../test/helpers/corpus';

/** Signal codes that say "AI made or edited this". */
export const AI_CODES = ['provenance.c2pa-ai', 'provenance.aigc-label', 'provenance.iptc-ai-source', 'provenance.generator-signature'] as const;

/** What a file's ground truth says the detector must report. */
export interface Expectation {
  /** true: at least one AI code; false: none; undefined: the ground truth does not say. */
  ai?: boolean;
  /** Pattern the named producer must match (from the generator the ground truth names). */
  producer?: RegExp;
  /** C2PA codes that must be present. */
  c2paMust: string[];
  /** C2PA codes that must be absent. */
  c2paMustNot: string[];
  /** With the c2pa-rs test root as trust anchor: a `c2pa-valid` signal that says trusted. */
  trustedWithTestRoot?: boolean;
  /** One-line human summary. */
  text: string;
}

/**
 * Producers named by ground-truth text → the pattern a reported producer must match. Order: first match wins, most
 * specific first (a Firefly composite names Canon too).
 */
const PRODUCERS: readonly [RegExp, RegExp, string][] = [
  [/doubao/i, /doubao|豆包/i, 'Doubao'],
  [/jimeng/i, /jimeng|即梦/i, 'Jimeng'],
  [/samsung/i, /samsung|galaxy/i, 'Samsung'],
  [/chatgpt|gpt-4o|openai/i, /openai|chatgpt|gpt/i, 'OpenAI'],
  [/fooocus/i, /fooocus/i, 'Fooocus'],
  [/automatic1111/i, /automatic1111/i, 'AUTOMATIC1111'],
  [/comfyui/i, /comfyui/i, 'ComfyUI'],
  [/invokeai/i, /invokeai/i, 'InvokeAI'],
  [/novelai/i, /novelai/i, 'NovelAI'],
  [/flux/i, /flux|black forest/i, 'FLUX'],
  [/gemini|google/i, /google|gemini/i, 'Google'],
  [/bing|dall-e/i, /bing|microsoft|dall/i, 'Microsoft'],
  [/firefly/i, /firefly|adobe/i, 'Adobe Firefly'],
  [/titan/i, /titan|amazon/i, 'Amazon Titan'],
];

/** The `c2pa=` value of a ground truth (test/helpers/corpus.ts parseTruth keeps letter-only keys). */
export const c2paTruth = (row: CorpusRow): string => /(?:^|;)\s*c2pa=([^;]*)/.exec(row.ground_truth)?.[1].trim() ?? '';

/** What the ground truth of one corpus row requires. */
export function expectationOf(row: CorpusRow): Expectation {
  const t = row.ground_truth;
  const must: string[] = [];
  const mustNot: string[] = [];
  const parts: string[] = [];
  let ai: boolean | undefined;
  if (row.category === 'camera') ai = false;
  else if (row.category === 'ai-generated' || row.local_name.startsWith('ai-labelled/')) ai = !/NO generator metadata/i.test(t);
  else if (/\bai=(yes|partial)/.test(t)) ai = true;
  else if (/\bai=no\b/.test(t)) ai = false;
  let trusted: boolean | undefined;
  if (row.category === 'c2pa') {
    const c = c2paTruth(row);
    if (c.startsWith('none')) mustNot.push('provenance.c2pa-ai', 'provenance.c2pa-altered', 'provenance.c2pa-valid', 'provenance.c2pa-unverifiable');
    else if (c.startsWith('remote only')) must.push('provenance.c2pa-remote');
    else if (c.startsWith('removed')) must.push('provenance.c2pa-removed');
    else if (c.startsWith('pre-release') || c.startsWith('present but hash alg missing')) must.push('provenance.c2pa-unverifiable');
    else if (c.startsWith('present')) {
      if (/dataHash\.mismatch|tampered signature/.test(t)) must.push('provenance.c2pa-altered');
      else {
        mustNot.push('provenance.c2pa-altered');
        if (/nested ingredient|ingredient with bad signature/.test(t)) must.push('provenance.c2pa-ingredient-altered');
        // The c2pa-rs fixtures are signed by the C2PA test certificate: trusted once its root is an anchor.
        if (row.local_name.startsWith('c2pa/c2parst__')) trusted = true;
      }
    }
  }
  if (ai === true) parts.push('AI');
  if (ai === false) parts.push('no AI');
  const p = ai ? PRODUCERS.find(([k]) => k.test(t)) : undefined;
  if (p) parts.push(`by ${p[2]}`);
  if (must.length) parts.push(must.map((c) => c.replace('provenance.', '')).join('+'));
  if (mustNot.includes('provenance.c2pa-altered') && !mustNot.includes('provenance.c2pa-valid')) parts.push('not altered');
  if (mustNot.includes('provenance.c2pa-valid')) parts.push('no C2PA signal');
  if (trusted) parts.push('trusted with test root');
  const out: Expectation = { c2paMust: must, c2paMustNot: mustNot, text: parts.join('; ') || '—' };
  if (ai !== undefined) out.ai = ai;
  if (p) out.producer = p[1];
  if (trusted) out.trustedWithTestRoot = true;
  return out;
}

/** The producer text of a result's AI signals: the named service or producer (when a signal has one) and the message. */
export function producerText(r: DetectorResult): string {
  const ai = r.signals.filter((s) => (AI_CODES as readonly string[]).includes(s.code));
  const named = (s: DetectorSignal): string[] => [s.details?.service, s.details?.producerName].filter((v): v is string => typeof v === 'string' && v.length > 0);
  return ai.map((s) => [...named(s), s.message].join(' — ')).join(' | ');
}

const short = (s: DetectorSignal): string => `${s.code.replace('provenance.', '')}(${s.weight})`;

/** Compact signal list, e.g. `c2pa-ai(6) c2pa-valid(-0.3)`. */
export function signalList(r: DetectorResult): string {
  return r.signals.map(short).join(' ') || '—';
}

/** Whether a result meets an expectation; the reasons when not. */
export function check(e: Expectation, r: DetectorResult, trustedRun?: DetectorResult): { ok: boolean; why: string[] } {
  const why: string[] = [];
  const codes = new Set<string>(r.signals.map((s) => s.code));
  const ai = r.signals.some((s) => (AI_CODES as readonly string[]).includes(s.code));
  if (e.ai === true && !ai) why.push('no AI signal');
  if (e.ai === false && ai) why.push(`AI signal: ${r.signals.filter((s) => (AI_CODES as readonly string[]).includes(s.code)).map(short).join(' ')}`);
  if (e.ai && ai && e.producer && !e.producer.test(producerText(r))) why.push('wrong or no producer');
  for (const c of e.c2paMust) if (!codes.has(c)) why.push(`missing ${c.replace('provenance.', '')}`);
  for (const c of e.c2paMustNot) if (codes.has(c)) why.push(`unexpected ${c.replace('provenance.', '')}`);
  if (e.trustedWithTestRoot && trustedRun) {
    if (!trustedRun.signals.some((s) => s.code.startsWith('provenance.c2pa-') && s.details?.trusted === true)) why.push('not trusted with test root');
  }
  return { ok: why.length === 0, why };
}

/** One table row. */
export interface TableRow {
  file: string;
  expected: string;
  signals: string;
  withTestRoot: string;
  producer: string;
  ok: boolean;
  why: string;
}

/** Markdown of the table (no timings, so two runs of the same code give the same text). */
export function tableMarkdown(rows: readonly TableRow[]): string {
  const esc = (s: string): string => s.replace(/\|/g, '/').replace(/\s+/g, ' ').slice(0, 140);
  const lines = ['| file | expected (ground truth) | signals | with test root | producer named | ok |', '|---|---|---|---|---|---|'];
  for (const r of rows) lines.push(`| ${r.file} | ${esc(r.expected)} | ${esc(r.signals)} | ${esc(r.withTestRoot)} | ${esc(r.producer)} | ${r.ok ? 'yes' : `**no**: ${esc(r.why)}`} |`);
  const ok = rows.filter((r) => r.ok).length;
  lines.push('', `${ok} of ${rows.length} files meet their ground truth.`);
  return `${lines.join('\n')}\n`;
}
