/** The provenance detector's descriptor: codes, messages and starting weights. */
import { defineDetector } from '../descriptor';
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
    'provenance.c2pa-unverifiable', 'provenance.c2pa-ingredient-altered', 'provenance.aigc-label', 'provenance.iptc-ai-source',
    'provenance.iptc-source-type', 'provenance.generator-signature',
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
    generatorParameters: { weight: 5, reason: 'generator parameters (prompt, sampler, seed) in the file' },
    generatorSoftwareName: { weight: 2.5, reason: 'a generator named in a Software/CreatorTool field' },
    generatorTextName: { weight: 1.5, reason: 'a generator named in free text (description, comment): a hint whatever the weight' },
  },
});
