/** The provenance detector's descriptor: codes, messages and starting weights. */
import { defineDetector, type StrengthBounds } from '../descriptor';
import { provenanceMessages } from './messages';

/**
 * The `provenance` detector: C2PA, GB 45438 labels, IPTC source type, generator signatures. Self-declared AI
 * provenance decides alone: the generating software writes it, and nobody forging a damage photo adds it.
 * Authenticity weights stay small unless the signer is trusted (anyone can sign with a self-made certificate).
 * IPTC digital-source-type weights are per term in data/source-types.ts.
 */
export const provenanceDescriptor = defineDetector({
  name: 'provenance',
  codes: [
    'provenance.c2pa-ai', 'provenance.c2pa-altered', 'provenance.c2pa-valid', 'provenance.c2pa-remote', 'provenance.c2pa-removed',
    'provenance.c2pa-unverifiable', 'provenance.c2pa-ingredient-altered', 'provenance.c2pa-synthetic', 'provenance.c2pa-invalid-credentials',
    'provenance.aigc-label', 'provenance.aigc-template', 'provenance.iptc-ai-source', 'provenance.iptc-source-type', 'provenance.generator-signature',
  ],
  messages: provenanceMessages,
  artifacts: {},
  weights: {
    c2paAiIntact: { weight: 6, reason: 'an intact C2PA manifest declaring AI generation or editing' },
    c2paAiAltered: { weight: 3, reason: 'an AI declaration in a manifest that fails integrity checks' },
    c2paAiByGenerator: { weight: 4, reason: 'an AI generator named as claim generator (early Firefly/Bing manifests declare no source type)' },
    c2paAltered: { weight: 2.5, reason: 'content or claim altered after signing' },
    c2paValidTrustedCapture: { weight: -2, reason: 'a trusted signer recording a capture' },
    c2paValidTrusted: { weight: -0.7, reason: 'a trusted signer, no capture recorded' },
    c2paValidUntrusted: { weight: -0.3, reason: 'an intact manifest from a signer not on the trust list' },
    c2paSynthetic: {
      weight: 1.5,
      reason:
        'a manifest declaring computed content (IPTC algorithmicMedia, compositeSynthetic: "created purely by an algorithm not based on any sampled training data"): not a camera capture and not AI; the weight of IPTC digitalArt; capped at hint',
    },
    c2paRevoked: {
      weight: 1,
      reason:
        'the issuer revoked the signing certificate (C2PA 2.x §15 signingCredential.revoked), typically because its key could sign anything (Nikon withdrew the Z6III credentials in 2025 for that reason): nothing the manifest says can be relied on, but it does not say the pixels changed; capped at hint',
    },
    c2paInvalidCredential: {
      weight: 0.5,
      reason:
        'a signing certificate not fit for signing (C2PA 2.x §15 signingCredential.invalid, e.g. no C2PA extended key usage): a non-conforming signer, the weight of a stripped manifest; not tampering. No corpus file reports it with c2pa-wasm 0.15.0 (Bing and Samsung did with 0.13.3, now untrusted)',
    },
    c2paRemote: { weight: 0, reason: 'a remote reference only, not fetched: says nothing either way' },
    c2paRemoved: { weight: 0.5, reason: 'XMP points to embedded credentials that were stripped on re-save' },
    c2paUnverifiable: { weight: 0.3, reason: 'a manifest the reader cannot verify' },
    c2paIngredientAltered: { weight: 0.3, reason: 'an ingredient fails its own checks; the active manifest is intact' },
    aigcAiGenerated: { weight: 5, reason: 'GB 45438-2025 label value 1: AI-generated (TC260-PG-20258A)' },
    aigcPossiblyAi: { weight: 3, reason: 'GB 45438-2025 label value 2: possibly AI-generated' },
    aigcSuspectedAi: { weight: 2.5, reason: 'GB 45438-2025 label value 3: suspected AI-generated' },
    aigcUnrecognised: {
      weight: 1.5,
      reason: 'a Label value GB 45438-2025 clause 6 does not define (it defines 1, 2, 3): a labelling system touched the file but did not say what it found; capped at hint',
    },
    aigcTemplate: {
      weight: 0.5,
      reason: 'an AIGC property with an empty or missing Label: a template apps leave in every export, photos included (issue 15: "at most a hint"); the weight of a stripped C2PA manifest',
    },
    generatorParameters: { weight: 5, reason: 'generator parameters (prompt, sampler, seed) or a generation record in the file: only the generator writes them' },
    generatorDeclaration: { weight: 5, reason: 'an IPTC Photo Metadata 2025.1 AI-disclosure property (AISystemUsed, AIPromptInformation, …): defined only for content made with an AI system' },
    generatorSignature: { weight: 4, reason: "a service's own provenance blob (xAI Grok's EXIF Signature + UUID Artist pair): distinctive, but the signature cannot be checked offline" },
    generatorSoftwareName: { weight: 2.5, reason: 'a generator named in a Software/CreatorTool field' },
    generatorTextName: { weight: 1.5, reason: 'a generator named in free text (description, comment): a caption can mention one; a hint whatever the weight' },
    generatorMarker: { weight: 1.5, reason: 'a hosting or app marker (e.g. a Hugging Face job id): usually, not always, generated content (a hosting job can run other code); a hint whatever the weight' },
  },
});

/** A finding's starting weight, with the cap its evidence puts on the strength (spread into a `makeSignal` spec). */
export interface WeightedEvidence extends StrengthBounds {
  weight: number;
}
