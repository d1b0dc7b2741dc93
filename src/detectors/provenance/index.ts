/**
 * The provenance detector: what the file says about its own origin. C2PA content credentials (validated offline by
 * the official c2pa-rs core), China's GB 45438-2025 implicit AIGC label, the IPTC Digital Source Type, and the
 * parameters or names that AI image generators leave in metadata. It reads only the `Subject`: the bytes for C2PA,
 * the shared XMP packets, PNG text chunks and container walk, and the alpha plane for A1111 "stealth" parameters.
 */
import { invalidOption } from '../../errors';
import { message } from '../../messages';
import type { Detector, DetectorResult, Locale, Signal, Subject } from '../../types';
import { makeSignal } from '../signal';
import { aigcWeight, findAigcLabels, type AigcLabel } from './aigc-label';
import { isIntegrityFailure, MAX_C2PA_BYTES, readC2pa, type C2paManifestSummary, type C2paSettings } from './c2pa';
import { AI_CLASSES, lookupSourceType, type SourceTypeRow } from './data/source-types';
import { exifTextFromTiff, jpegComments, jpegExifText } from './exif-text';
import { decodeStealthAlpha, findPngParameters, findTextSignatures, generatorNamed, type GeneratorFinding } from './generators';
import { findSourceTypes } from './source-type';
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
   * c2pa-rs as `trust.trust_config`; enforcement is c2pa-rs's (c2pa-wasm 0.13.3 did not reject a test signer
   * with a restrictive list, see docs/provenance.md).
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
  if (options === undefined) return { remoteManifestFetch: false, ocspFetch: false };
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw invalidOption('provenance', 'an options object', options);
  const o = options as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (!(OPTION_KEYS as readonly string[]).includes(k)) throw invalidOption(`provenance.${k}`, `no such option (known: ${OPTION_KEYS.join(', ')})`, o[k]);
  }
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
  for (const k of ['remoteManifestFetch', 'ocspFetch'] as const) {
    if (o[k] === undefined) continue;
    if (typeof o[k] !== 'boolean') throw invalidOption(`provenance.${k}`, 'a boolean', o[k]);
    out[k] = o[k];
  }
  return out;
}

/*
 * Starting weights (log-odds, > 0 fabrication). Self-declared AI provenance decides alone: the generating software
 * writes it, and nobody forging a damage photo adds it. Authenticity weights stay small unless the signer is
 * trusted, because anyone can sign an intact manifest with a self-made certificate.
 */
const W = {
  c2paAiIntact: 6,
  c2paAiAltered: 3,
  c2paAiByGenerator: 4,
  c2paAltered: 2.5,
  c2paValidTrustedCapture: -2,
  c2paValidTrusted: -0.7,
  c2paValidUntrusted: -0.3,
  c2paRemote: 0,
  c2paRemoved: 0.5,
  c2paUnverifiable: 0.3,
  c2paIngredientAltered: 0.3,
  generatorParameters: 5,
  generatorSoftwareName: 2.5,
  generatorTextName: 1.5,
} as const;

/** Fields whose value names the producing program (a generator name there is strong). */
const SOFTWARE_FIELDS = /(Software|CreatorTool|softwareAgent|png:Source)$/;

function textSources(subject: Subject): { pngText: [string, string][]; texts: [string, string][] } {
  const img = subject.image;
  const pngText = img.pngText().map((t): [string, string] => [t.keyword, t.text]);
  const texts: [string, string][] = [];
  const s = img.structure();
  if (s.format === 'jpeg') {
    for (const e of jpegExifText(img.bytes, s)) texts.push([`exif:${e.tag}`, e.value]);
    for (const c of jpegComments(img.bytes, s)) texts.push(['jpeg:COM', c]);
  } else if (s.format === 'png') {
    for (const c of s.chunks.filter((ch) => ch.type === 'eXIf').slice(0, 4)) {
      for (const e of exifTextFromTiff(img.bytes.subarray(c.dataOffset, c.dataOffset + c.dataLength))) texts.push([`exif:${e.tag}`, e.value]);
    }
  } else if (s.format === 'webp') {
    for (const c of s.chunks.filter((ch) => ch.type === 'EXIF').slice(0, 4)) {
      let d = img.bytes.subarray(c.dataOffset, c.dataOffset + c.dataLength);
      if (d[0] === 0x45 && d[1] === 0x78 && d[2] === 0x69 && d[3] === 0x66) d = d.subarray(6);
      for (const e of exifTextFromTiff(d)) texts.push([`exif:${e.tag}`, e.value]);
    }
  }
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
    for (const k of ['Software', 'ImageDescription', 'Artist', 'UserComment', 'XPComment', 'Credit', 'Byline', 'Caption', 'OriginatingProgram']) {
      const v = rec[k];
      if (typeof v === 'string' && v.trim()) out.push([`${seg === 'iptc' ? 'iptc' : 'exif'}:${k}`, v.trim()]);
    }
  }
  return out;
}

function describeSourceType(t: SourceTypeRow | undefined, raw: string): string {
  return t ? `${t.id} — ${t.name}` : raw;
}

function c2paSignals(summary: C2paManifestSummary, locale: Locale): Signal[] {
  const out: Signal[] = [];
  const integrity = summary.validation.failure.filter(isIntegrityFailure);
  const intact = integrity.length === 0;
  const ai = [...summary.digitalSourceTypes, ...summary.historySourceTypes].map((v) => ({ v, t: lookupSourceType(v) })).filter((x) => x.t && AI_CLASSES.has(x.t.class));
  const agents = [summary.claimGenerator, ...summary.actions.map((a) => a.softwareAgent ?? '')].filter(Boolean);
  const namedGenerator = agents.map((a) => generatorNamed(a)).find(Boolean);
  const generator = namedGenerator?.name ?? (summary.claimGenerator || message(locale, 'provenance.word.unknown-generator'));
  const trust = message(locale, summary.trusted ? 'provenance.word.trusted' : 'provenance.word.untrusted');
  const base = { claimGenerator: summary.claimGenerator, signer: summary.signer.issuer ?? summary.signer.commonName, trusted: summary.trusted, validationState: summary.validationState };
  if (ai.length > 0) {
    // Report the strongest declaration: generation over synthesis over editing.
    const order = ['ai-generated', 'synthetic', 'ai-edited'];
    const first = [...ai].sort((a, b) => order.indexOf(a.t?.class ?? '') - order.indexOf(b.t?.class ?? ''))[0];
    const kind = first.t?.class === 'ai-edited' ? 'editing' : first.t?.class === 'synthetic' ? 'synthesis' : 'generation';
    out.push(
      makeSignal('provenance', locale, {
        code: 'provenance.c2pa-ai',
        weight: intact ? W.c2paAiIntact : W.c2paAiAltered,
        strength: intact ? 'conclusive' : 'strong',
        params: { kind: message(locale, `provenance.word.${kind}`), sourceType: first.t?.id ?? first.v, generator },
        details: { ...base, digitalSourceTypes: ai.map((x) => x.v), inHistoryOnly: !summary.digitalSourceTypes.includes(first.v), kind, intact },
      }),
    );
  } else if (namedGenerator) {
    // Early AI manifests (Firefly 2023, Bing Image Creator) declare no digitalSourceType; the generator says it.
    out.push(
      makeSignal('provenance', locale, {
        code: 'provenance.c2pa-ai',
        weight: intact ? W.c2paAiByGenerator : W.c2paAiAltered,
        strength: 'strong',
        params: { kind: message(locale, 'provenance.word.generation'), sourceType: summary.claimGenerator, generator },
        details: { ...base, generator: namedGenerator.id, kind: 'generation', intact },
      }),
    );
  }
  if (!intact) {
    out.push(
      makeSignal('provenance', locale, {
        code: 'provenance.c2pa-altered',
        weight: W.c2paAltered,
        strength: 'strong',
        params: { codes: integrity.join(', ') },
        details: { ...base, codes: integrity },
      }),
    );
  } else if (out.length === 0) {
    const capture = summary.actions.some((a) => a.action === 'c2pa.created' && a.digitalSourceType !== undefined && lookupSourceType(a.digitalSourceType)?.class === 'capture');
    const weight = summary.trusted ? (capture ? W.c2paValidTrustedCapture : W.c2paValidTrusted) : W.c2paValidUntrusted;
    out.push(
      makeSignal('provenance', locale, {
        code: 'provenance.c2pa-valid',
        weight,
        strength: summary.trusted && capture ? 'strong' : 'hint',
        params: { generator, trust },
        details: { ...base, capture, actions: summary.actions.map((a) => a.action) },
      }),
    );
  }
  const ingredient = summary.validation.ingredientFailures.filter((c) => !/^(signingCredential|timeStamp|cawg)\./.test(c));
  if (intact && ingredient.length > 0) {
    out.push(
      makeSignal('provenance', locale, {
        code: 'provenance.c2pa-ingredient-altered',
        weight: W.c2paIngredientAltered,
        strength: 'hint',
        params: { codes: ingredient.join(', ') },
        details: { codes: ingredient },
      }),
    );
  }
  return out;
}

function labelText(l: AigcLabel, locale: Locale): string {
  return message(locale, `provenance.label.${l.meaning}`, { value: l.label || '""' });
}

function generatorSignal(findings: GeneratorFinding[], locale: Locale): Signal | undefined {
  if (findings.length === 0) return undefined;
  const rank = (f: GeneratorFinding): number => (f.kind === 'parameters' ? W.generatorParameters : SOFTWARE_FIELDS.test(f.where) ? W.generatorSoftwareName : W.generatorTextName);
  const best = findings.reduce((a, b) => (rank(b) > rank(a) ? b : a));
  const weight = rank(best);
  return makeSignal('provenance', locale, {
    code: 'provenance.generator-signature',
    weight,
    strength: weight >= W.generatorParameters ? 'conclusive' : weight >= W.generatorSoftwareName ? 'strong' : 'hint',
    params: { generator: best.name, where: best.where },
    details: { generator: best.generator, kind: best.kind, where: best.where, excerpt: best.excerpt, findings },
  });
}

/** Largest image whose alpha plane is decoded for stealth parameters (a 4096×4096 plane is 16 MiB). */
const MAX_STEALTH_PIXELS = 16_777_216;

async function run(settings: C2paSettings, subject: Subject): Promise<DetectorResult> {
  const { image, locale } = subject;
  const signals: Signal[] = [];
  const details: Record<string, unknown> = {};
  const reasons: string[] = [];
  const xmpPackets = image.xmp().packets;

  // 1. C2PA (the only step that runs the wasm).
  const c2pa = await readC2pa(image.bytes, image.format, settings);
  const xmpProvenance = xmpPackets.flatMap((p) => xmpValues(p, NS.dcterms, 'provenance')).slice(0, 8);
  switch (c2pa.kind) {
    case 'manifest':
      details.c2pa = { status: 'present', ...c2pa.summary, integrityFailures: c2pa.summary.validation.failure.filter(isIntegrityFailure) };
      signals.push(...c2paSignals(c2pa.summary, locale));
      break;
    case 'remote': {
      const url = c2pa.url || xmpProvenance.find((v) => /^https?:\/\//i.test(v)) || '';
      details.c2pa = { status: 'remote', url, fetched: false };
      signals.push(
        makeSignal('provenance', locale, {
          code: 'provenance.c2pa-remote',
          weight: W.c2paRemote,
          strength: 'hint',
          params: { url: url || message(locale, 'provenance.word.remote-url-missing') },
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
          makeSignal('provenance', locale, { code: 'provenance.c2pa-remote', weight: W.c2paRemote, strength: 'hint', params: { url: remote }, details: { url: remote, fetched: false } }),
        );
      } else if (self) {
        details.c2pa = { status: 'removed', reference: self };
        signals.push(
          makeSignal('provenance', locale, { code: 'provenance.c2pa-removed', weight: W.c2paRemoved, strength: 'hint', params: { reference: self }, details: { reference: self } }),
        );
      } else {
        details.c2pa = { status: 'none' };
      }
      break;
    }
    case 'unreadable':
      details.c2pa = { status: 'unreadable', code: c2pa.code, error: c2pa.error };
      signals.push(
        makeSignal('provenance', locale, {
          code: 'provenance.c2pa-unverifiable',
          weight: W.c2paUnverifiable,
          strength: 'hint',
          params: { code: c2pa.code },
          details: { code: c2pa.code, error: c2pa.error },
        }),
      );
      break;
    case 'skipped':
      details.c2pa = { status: 'not-checked', why: c2pa.why };
      reasons.push(c2pa.why === 'size' ? message(locale, 'provenance.reason.c2pa-size', { limit: MAX_C2PA_BYTES }) : message(locale, 'provenance.reason.c2pa-format'));
      break;
  }

  // The C2PA read cannot be interrupted; stop here if the time budget ran out meanwhile.
  subject.signal.throwIfAborted();

  // 2. GB 45438-2025 implicit label.
  const { pngText, texts } = textSources(subject);
  const allTexts = [...texts, ...(await exifrTexts(subject))];
  const labels = findAigcLabels({ xmpPackets, pngText, texts: allTexts });
  details.aigc = labels;
  if (labels.length > 0) {
    const best = labels.reduce((a, b) => (aigcWeight(b).weight > aigcWeight(a).weight ? b : a));
    const { weight, strength } = aigcWeight(best);
    signals.push(
      makeSignal('provenance', locale, {
        code: 'provenance.aigc-label',
        weight,
        strength,
        params: { label: labelText(best, locale), producer: best.service ?? (best.producer || message(locale, 'provenance.word.unknown-producer')) },
        details: { label: best.label, meaning: best.meaning, producer: best.producer, service: best.service, creditCode: best.creditCode, produceId: best.produceId, propagator: best.propagator, where: best.where, labels },
      }),
    );
  }

  // 3. IPTC Digital Source Type in XMP.
  const declared = findSourceTypes(xmpPackets);
  details.digitalSourceTypes = declared.map((d) => d.value);
  const ranked = declared.filter((d) => d.term).sort((a, b) => Math.abs(b.term?.weight ?? 0) - Math.abs(a.term?.weight ?? 0));
  const top = ranked[0];
  if (top?.term && top.term.weight !== 0) {
    const ai = AI_CLASSES.has(top.term.class);
    signals.push(
      makeSignal('provenance', locale, {
        code: ai ? 'provenance.iptc-ai-source' : 'provenance.iptc-source-type',
        weight: top.term.weight,
        strength: ai ? (top.term.weight >= 5 ? 'conclusive' : 'strong') : 'hint',
        params: { sourceType: describeSourceType(top.term, top.value) },
        details: { value: top.value, term: top.term.id, class: top.term.class, all: declared.map((d) => d.value) },
      }),
    );
  }

  // 4. Generator signatures.
  const findings = [...findPngParameters(pngText), ...findTextSignatures(allTexts)];
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

  const result: DetectorResult = { signals, status: 'ok', details };
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
export function provenance(options?: ProvenanceOptions): Detector {
  const settings = normalise(options);
  return {
    name: 'provenance',
    examines: ['provenance'],
    run: (subject) => run(settings, subject),
  };
}
