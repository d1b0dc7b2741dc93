/**
 * The provenance detector: what the file says about its own origin. C2PA content credentials (validated offline by
 * the official c2pa-rs core), China's GB 45438-2025 implicit AIGC label, the IPTC Digital Source Type, and the
 * parameters or names that AI image generators leave in metadata. It reads only the `Subject`: the bytes for C2PA,
 * the shared XMP packets, PNG text chunks and container walk, and the alpha plane for A1111 "stealth" parameters.
 */
import { invalidOption } from '../../errors';
import { boolAt, optionsAt } from '../../validate';
import type { Subject } from '../../contract';
import { weightsOf, type BuiltinDetector, type DetectorFor, type ResultFor, type SignalFor } from '../descriptor';
import { provenanceDescriptor as D } from './descriptor';
import type { Locale } from '../../primitives';
import { makeSignal, say } from '../signal';
import { aigcWeight, findAigcLabels, type AigcLabel } from './aigc-label';
import { MAX_C2PA_BYTES, readC2pa, type C2paManifestSummary, type C2paSettings } from './c2pa';
import { assessValidation, classifyStatus } from './c2pa-status';
import { AI_CLASSES, lookupSourceType, type SourceTypeRow } from './data/source-types';
import { exifText } from './exif-text';
import { decodeStealthAlpha, findingWeight, findPngParameters, findTextSignatures, generatorNamed, type GeneratorFinding } from './generators';
import { findAiDisclosure, findSourceTypes } from './source-type';
import { NS, xmpValues } from './xmp-props';

/** Options of the provenance detector. */
export interface ProvenanceOptions {
  /**
   * PEM trust anchors (one or more `-----BEGIN CERTIFICATE-----` blocks) for C2PA signers. Without them every signer
   * is reported as untrusted, which is not tampering.
   * @default undefined (no trust list: `trusted: false` for every signer)
   */
  trustAnchorsPem?: string;
  /**
   * Extended key usage OIDs a C2PA signing certificate must carry, e.g. `['1.3.6.1.5.5.7.3.36']`. Passed to
   * c2pa-rs as `trust.trust_config`; enforcement is c2pa-rs's (c2pa-wasm 0.13.3 and 0.15.0 did not reject a test
   * signer with a restrictive list, see docs/provenance.md).
   * @default undefined (the c2pa-rs defaults)
   */
  allowedEkus?: string[];
  /**
   * Let the C2PA reader fetch a manifest that the file only references by URL. Off by default: inspecting a claim
   * must not reveal it to a third party. When off, the reference is reported as `provenance.c2pa-remote`.
   * @default false
   */
  remoteManifestFetch?: boolean;
  /**
   * Let the C2PA reader ask the signer's OCSP responder whether the certificate was revoked.
   * @default false
   */
  ocspFetch?: boolean;
}

const OPTION_KEYS = ['trustAnchorsPem', 'allowedEkus', 'remoteManifestFetch', 'ocspFetch'] as const;

/** Validate options once, at creation (sharp's style: name the option, what was expected, what arrived). */
function normalise(options: unknown): C2paSettings {
  const o = optionsAt('provenance', options, OPTION_KEYS);
  const out: C2paSettings = { remoteManifestFetch: false, ocspFetch: false };
  if (o.trustAnchorsPem !== undefined) {
    if (typeof o.trustAnchorsPem !== 'string' || !o.trustAnchorsPem.includes('-----BEGIN CERTIFICATE-----')) {
      throw invalidOption('provenance.trustAnchorsPem', 'a PEM string with at least one -----BEGIN CERTIFICATE----- block', o.trustAnchorsPem);
    }
    out.trustAnchorsPem = o.trustAnchorsPem;
  }
  if (o.allowedEkus !== undefined) {
    if (!Array.isArray(o.allowedEkus)) throw invalidOption('provenance.allowedEkus', 'an array of OID strings such as 1.3.6.1.5.5.7.3.36', o.allowedEkus);
    const ekus: string[] = [];
    o.allowedEkus.forEach((e: unknown, i) => {
      if (typeof e !== 'string' || !/^[0-2](\.\d+)+$/.test(e)) throw invalidOption(`provenance.allowedEkus[${i}]`, 'an OID string such as 1.3.6.1.5.5.7.3.36', e);
      ekus.push(e);
    });
    out.allowedEkus = ekus;
  }
  out.remoteManifestFetch = boolAt('provenance.remoteManifestFetch', o.remoteManifestFetch, false);
  out.ocspFetch = boolAt('provenance.ocspFetch', o.ocspFetch, false);
  return out;
}

/** Starting weights (log-odds), with their reasons in the descriptor. */
const W = weightsOf(D.weights);

function textSources(subject: Subject): { pngText: [string, string][]; texts: [string, string][] } {
  const img = subject.image;
  const pngText = img.pngText().map((t): [string, string] => [t.keyword, t.text]);
  const texts: [string, string][] = [];
  for (const block of img.exifBlocks()) for (const e of exifText(block)) texts.push([`exif:${e.tag}`, e.value]);
  for (const c of img.jpegComments()) texts.push(['jpeg:COM', c]);
  // Some generators glue their GB 45438 label (`AIGC{…}`) into an application segment of their own.
  for (const a of img.jpegAppTexts()) if (/AIGC/.test(a.text)) texts.push([`jpeg:APP${a.n}`, a.text]);
  for (const p of img.xmp().packets) {
    for (const [ns, local, where] of [
      [NS.xmp, 'CreatorTool', 'xmp:CreatorTool'],
      [NS.tiff, 'Software', 'xmp:tiff:Software'],
      [NS.stEvt, 'softwareAgent', 'xmp:softwareAgent'],
      [NS.photoshop, 'Credit', 'xmp:Credit'],
      [NS.dc, 'description', 'xmp:dc:description'],
      [NS.dc, 'creator', 'xmp:dc:creator'],
      [NS.exif, 'UserComment', 'xmp:exif:UserComment'],
    ] as const) {
      for (const v of xmpValues(p, ns, local)) texts.push([where, v]);
    }
  }
  for (const [k, v] of pngText) {
    if (/^(Software|Source|Description|Comment|Author|Title|Credit|Disclaimer|Generator)$/i.test(k)) texts.push([`png:${k}`, v]);
  }
  return { pngText, texts };
}

/** Merge exifr's view (it reads TIFF/HEIC/AVIF EXIF and IPTC-IIM, which the walks above do not). */
async function exifrTexts(subject: Subject): Promise<[string, string][]> {
  const m = await subject.image.metadata();
  const out: [string, string][] = [];
  for (const [seg, rec] of [
    ['ifd0', m.ifd0],
    ['exif', m.exif],
    ['iptc', m.iptc],
  ] as const) {
    for (const k of ['Software', 'Make', 'ImageDescription', 'Artist', 'UserComment', 'XPComment', 'Credit', 'Byline', 'Caption', 'OriginatingProgram']) {
      const v = rec[k];
      if (typeof v === 'string' && v.trim()) out.push([`${seg === 'iptc' ? 'iptc' : 'exif'}:${k}`, v.trim()]);
    }
  }
  return out;
}

function uniqueTexts(texts: readonly [string, string][]): [string, string][] {
  const seen = new Set<string>();
  return texts.filter(([where, value]) => {
    const key = `${where}\u0000${value}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function describeSourceType(t: SourceTypeRow | undefined, raw: string): string {
  return t ? `${t.id} — ${t.name}` : raw;
}

/** The organisation that signed a manifest (certificate issuer or subject), for naming a producer. */
const signerName = (summary: C2paManifestSummary): string | undefined => summary.signer.issuer ?? summary.signer.commonName;

/**
 * Signals of a manifest store, by the mapping table of docs/provenance.md: the validation assessment
 * (c2pa-status.ts) decides altered / unverifiable / invalid credentials / intact; the declarations decide AI,
 * synthetic or a plain valid manifest.
 */
function c2paSignals(summary: C2paManifestSummary, locale: Locale): SignalFor<typeof D>[] {
  const out: SignalFor<typeof D>[] = [];
  const a = assessValidation(summary.validation);
  const intact = a.altered.length === 0 && a.malformed.length === 0;
  const declared = [...summary.digitalSourceTypes, ...summary.historySourceTypes].map((v) => ({ v, t: lookupSourceType(v) }));
  const ai = declared.filter((x) => x.t && AI_CLASSES.has(x.t.class));
  const synthetic = declared.filter((x) => x.t?.class === 'synthetic');
  const agents = [summary.claimGenerator, ...summary.actions.map((x) => x.softwareAgent ?? '')].filter(Boolean);
  const namedGenerator = agents.map((x) => generatorNamed(x)).find(Boolean);
  const producer = namedGenerator?.name ?? signerName(summary) ?? summary.claimGenerator;
  const generator = namedGenerator?.name ?? (summary.claimGenerator || say(D, locale, 'provenance.word.unknown-generator'));
  const trust = say(D, locale, a.trusted ? 'provenance.word.trusted' : 'provenance.word.untrusted');
  const base = { claimGenerator: summary.claimGenerator, signer: signerName(summary), trusted: a.trusted, validationState: a.state, caveats: a.caveats };
  if (ai.length > 0) {
    // Report the strongest declaration: generation over editing.
    const first = [...ai].sort((x, y) => (x.t?.class === 'ai-generated' ? 0 : 1) - (y.t?.class === 'ai-generated' ? 0 : 1))[0];
    const kind = first.t?.class === 'ai-edited' ? 'editing' : 'generation';
    out.push(
      makeSignal(D, locale, {
        code: 'provenance.c2pa-ai',
        weight: intact ? W.c2paAiIntact : W.c2paAiAltered,
        params: { kind: say(D, locale, `provenance.word.${kind}`), sourceType: first.t?.id ?? first.v, generator: producer || generator },
        details: { ...base, producer, digitalSourceTypes: ai.map((x) => x.v), inHistoryOnly: !summary.digitalSourceTypes.includes(first.v), kind, intact },
      }),
    );
  } else if (namedGenerator) {
    // Early AI manifests (Firefly 2023, Bing Image Creator) declare no digitalSourceType; the generator says it.
    out.push(
      makeSignal(D, locale, {
        code: 'provenance.c2pa-ai',
        weight: intact ? W.c2paAiByGenerator : W.c2paAiAltered,
        params: { kind: say(D, locale, 'provenance.word.generation'), sourceType: summary.claimGenerator, generator },
        details: { ...base, producer: namedGenerator.name, generator: namedGenerator.id, kind: 'generation', intact },
      }),
    );
  } else if (synthetic.length > 0) {
    out.push(
      makeSignal(D, locale, {
        code: 'provenance.c2pa-synthetic',
        weight: W.c2paSynthetic,
        // Computed content its maker declares (IPTC algorithmicMedia, compositeSynthetic): context for a reviewer, not
        // evidence of fabrication — a hint at any weight, like the non-AI IPTC source types below.
        atMost: 'hint',
        params: { sourceType: synthetic[0].t?.id ?? synthetic[0].v, generator },
        details: { ...base, digitalSourceTypes: synthetic.map((x) => x.v), intact },
      }),
    );
  }
  if (a.altered.length > 0) {
    out.push(makeSignal(D, locale, { code: 'provenance.c2pa-altered', weight: W.c2paAltered, params: { codes: a.altered.join(', ') }, details: { ...base, codes: a.altered } }));
  } else if (a.malformed.length > 0) {
    out.push(makeSignal(D, locale, { code: 'provenance.c2pa-unverifiable', weight: W.c2paUnverifiable, params: { code: a.malformed.join(', ') }, details: { ...base, code: a.malformed[0], codes: a.malformed } }));
  }
  if (a.invalidCredentials.length > 0) {
    const revoked = a.invalidCredentials.some((c) => classifyStatus(c) === 'revoked');
    out.push(
      makeSignal(D, locale, {
        code: 'provenance.c2pa-invalid-credentials',
        weight: revoked ? W.c2paRevoked : W.c2paInvalidCredential,
        // A credential problem says the manifest cannot be relied on, not that the pixels changed: a hint at any weight.
        atMost: 'hint',
        params: { codes: a.invalidCredentials.join(', '), signer: signerName(summary) ?? generator },
        details: { ...base, codes: a.invalidCredentials, revoked },
      }),
    );
  } else if (intact && out.length === 0) {
    const capture = summary.actions.some((x) => x.action === 'c2pa.created' && x.digitalSourceType !== undefined && lookupSourceType(x.digitalSourceType)?.class === 'capture');
    const weight = a.trusted ? (capture ? W.c2paValidTrustedCapture : W.c2paValidTrusted) : W.c2paValidUntrusted;
    out.push(
      makeSignal(D, locale, {
        code: 'provenance.c2pa-valid',
        weight,
        params: { generator, trust },
        details: { ...base, capture, actions: summary.actions.map((x) => x.action) },
      }),
    );
  }
  if (a.altered.length === 0 && a.ingredient.length > 0) {
    out.push(makeSignal(D, locale, { code: 'provenance.c2pa-ingredient-altered', weight: W.c2paIngredientAltered, params: { codes: a.ingredient.join(', ') }, details: { codes: a.ingredient } }));
  }
  return out;
}

function labelText(l: AigcLabel, locale: Locale): string {
  return say(D, locale, `provenance.label.${l.meaning}`, { value: l.label || '""' });
}

function generatorSignal(findings: GeneratorFinding[], locale: Locale): SignalFor<typeof D> | undefined {
  if (findings.length === 0) return undefined;
  const best = findings.reduce((x, y) => (findingWeight(y).weight > findingWeight(x).weight ? y : x));
  return makeSignal(D, locale, {
    code: 'provenance.generator-signature',
    // The weight, and the hint cap of a name in free text or a hosting marker (generators.ts `findingWeight`).
    ...findingWeight(best),
    params: { generator: best.name, where: best.where },
    details: { generator: best.generator, producerName: best.name, kind: best.kind, where: best.where, excerpt: best.excerpt, findings },
  });
}

/** Largest image whose alpha plane is decoded for stealth parameters (a 4096×4096 plane is 16 MiB). */
const MAX_STEALTH_PIXELS = 16_777_216;

async function run(settings: C2paSettings, subject: Subject): Promise<ResultFor<typeof D>> {
  const { image, locale } = subject;
  const signals: SignalFor<typeof D>[] = [];
  const details: Record<string, unknown> = {};
  const reasons: string[] = [];
  const xmpPackets = image.xmp().packets;

  // 1. C2PA (the only step that runs the wasm).
  const c2pa = await readC2pa(image.bytes, image.format, settings);
  const xmpProvenance = xmpPackets.flatMap((p) => xmpValues(p, NS.dcterms, 'provenance')).slice(0, 8);
  switch (c2pa.kind) {
    case 'manifest':
      details.c2pa = { status: 'present', ...c2pa.summary, assessment: assessValidation(c2pa.summary.validation) };
      signals.push(...c2paSignals(c2pa.summary, locale));
      break;
    case 'remote': {
      const url = c2pa.url || xmpProvenance.find((v) => /^https?:\/\//i.test(v)) || '';
      details.c2pa = { status: 'remote', url, fetched: false };
      signals.push(
        makeSignal(D, locale, {
          code: 'provenance.c2pa-remote',
          weight: W.c2paRemote,
          params: { url: url || say(D, locale, 'provenance.word.remote-url-missing') },
          details: { url, fetched: false },
        }),
      );
      break;
    }
    case 'none': {
      const remote = xmpProvenance.find((v) => /^https?:\/\//i.test(v));
      const self = xmpProvenance.find((v) => v.startsWith('self#jumbf'));
      if (remote) {
        // The reader found no embedded store; the XMP still names where the credentials live.
        details.c2pa = { status: 'remote', url: remote, fetched: false };
        signals.push(
          makeSignal(D, locale, { code: 'provenance.c2pa-remote', weight: W.c2paRemote, params: { url: remote }, details: { url: remote, fetched: false } }),
        );
      } else if (self) {
        details.c2pa = { status: 'removed', reference: self };
        signals.push(
          makeSignal(D, locale, { code: 'provenance.c2pa-removed', weight: W.c2paRemoved, params: { reference: self }, details: { reference: self } }),
        );
      } else {
        details.c2pa = { status: 'none' };
      }
      break;
    }
    case 'unreadable':
      details.c2pa = { status: 'unreadable', code: c2pa.code, error: c2pa.error };
      signals.push(
        makeSignal(D, locale, {
          code: 'provenance.c2pa-unverifiable',
          weight: W.c2paUnverifiable,
          params: { code: c2pa.code },
          details: { code: c2pa.code, error: c2pa.error },
        }),
      );
      break;
    case 'skipped':
      details.c2pa = { status: 'not-checked', why: c2pa.why };
      reasons.push(c2pa.why === 'size' ? say(D, locale, 'provenance.reason.c2pa-size', { limit: MAX_C2PA_BYTES }) : say(D, locale, 'provenance.reason.c2pa-format'));
      break;
  }

  // The C2PA read cannot be interrupted; stop here if the time budget ran out meanwhile.
  subject.signal.throwIfAborted();

  // 2. GB 45438-2025 implicit label.
  const { pngText, texts } = textSources(subject);
  // exifr and the container walk may both deliver one tag (JPEG UserComment, WebP EXIF): keep each text once.
  const allTexts = uniqueTexts([...texts, ...(await exifrTexts(subject))]);
  const labels = findAigcLabels({ xmpPackets, pngText, texts: allTexts });
  details.aigc = labels;
  const real = labels.filter((l) => l.meaning !== 'empty');
  if (real.length > 0) {
    const best = real.reduce((x, y) => (aigcWeight(y).weight > aigcWeight(x).weight ? y : x));
    const producer = best.service ?? (best.producer || say(D, locale, 'provenance.word.unknown-producer'));
    signals.push(
      makeSignal(D, locale, {
        code: 'provenance.aigc-label',
        // The weight, and the hint cap of a Label value the standard does not define (aigc-label.ts `aigcWeight`).
        ...aigcWeight(best),
        params: { label: labelText(best, locale), producer },
        details: { label: best.label, meaning: best.meaning, producer: best.producer, producerName: producer, service: best.service, creditCode: best.creditCode, produceId: best.produceId, propagator: best.propagator, where: best.where, labels },
      }),
    );
  } else if (labels.length > 0) {
    // Only empty templates (issue 15: "an AIGC property with an empty Label is not an AI label: at most a hint").
    const t = labels[0];
    signals.push(makeSignal(D, locale, { code: 'provenance.aigc-template', ...aigcWeight(t), params: { where: t.where }, details: { where: t.where, producer: t.producer, labels } }));
  }

  // 3. IPTC Digital Source Type in XMP.
  const declared = findSourceTypes(xmpPackets);
  details.digitalSourceTypes = declared.map((d) => d.value);
  const ranked = declared.filter((d) => d.term).sort((a, b) => Math.abs(b.term?.weight ?? 0) - Math.abs(a.term?.weight ?? 0));
  const top = ranked[0];
  if (top?.term && top.term.weight !== 0) {
    const ai = AI_CLASSES.has(top.term.class);
    signals.push(
      makeSignal(D, locale, {
        code: ai ? 'provenance.iptc-ai-source' : 'provenance.iptc-source-type',
        weight: top.term.weight,
        // A non-AI source type (screen capture, digital art, edits) is context for a reviewer: a hint at any weight.
        ...(ai ? {} : { atMost: 'hint' as const }),
        params: { sourceType: describeSourceType(top.term, top.value) },
        details: { value: top.value, term: top.term.id, class: top.term.class, all: declared.map((d) => d.value) },
      }),
    );
  }

  // 4. Generator signatures, and the IPTC 2025.1 AI-disclosure properties (a generator declared by name).
  const findings = [...findPngParameters(pngText), ...findTextSignatures(allTexts)];
  const disclosure = findAiDisclosure(xmpPackets);
  if (disclosure) {
    const system = disclosure.system ?? '';
    const named = system ? generatorNamed(system) : undefined;
    findings.push({ generator: named?.id ?? 'iptc-ai-system', name: named?.name ?? (system || 'IPTC AI disclosure'), kind: 'declaration', where: `xmp:Iptc4xmpExt:${disclosure.properties[0]}`, excerpt: [system, disclosure.version].filter(Boolean).join(' ') });
  }
  if (
    !findings.some((f) => f.kind === 'parameters') &&
    image.format === 'png' &&
    image.header.hasAlpha &&
    image.header.width * image.header.height <= MAX_STEALTH_PIXELS
  ) {
    const alpha = await image.alpha();
    const hidden = alpha ? decodeStealthAlpha(alpha, image.header.width, image.header.height) : null;
    if (hidden) {
      const named = findTextSignatures([['png:alpha-lsb', hidden]]);
      findings.push(...(named.length ? named : [{ generator: 'automatic1111', name: 'AUTOMATIC1111 / Forge (Stable Diffusion web UI)', kind: 'parameters' as const, where: 'png:alpha-lsb', excerpt: hidden.slice(0, 160) }]));
      for (const f of findings) if (f.where === 'png:alpha-lsb') f.kind = 'parameters';
    }
  }
  details.generators = findings;
  const g = generatorSignal(findings, locale);
  if (g) signals.push(g);

  const result: ResultFor<typeof D> = { signals, status: 'ok', details };
  if (reasons.length) result.reason = reasons.join('; ');
  return result;
}

/**
 * The provenance detector: C2PA content credentials, GB 45438-2025 AIGC labels, IPTC Digital Source Type and
 * generator signatures. Offline by default: no manifest or OCSP fetch unless enabled here.
 *
 * @throws ClaimlensError INVALID_OPTIONS when an option has the wrong type or an unknown name.
 * @example
 * const inspector = createInspector({ detectors: [detectors.provenance({ trustAnchorsPem: fs.readFileSync('anchors.pem', 'utf8') })] });
 */
export function provenance(options?: ProvenanceOptions): DetectorFor<typeof D> {
  const settings = normalise(options);
  return {
    name: 'provenance',
    examines: ['provenance'],
    run: (subject) => run(settings, subject),
  };
}

/** The registry entry of the provenance detector. */
export const provenanceDetector: BuiltinDetector<typeof D, typeof provenance> = { descriptor: D, create: provenance };
