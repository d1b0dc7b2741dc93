/**
 * What a C2PA validation status code means for a claim photo, in one table, and the assessment of a manifest store
 * built from it. The codes and their kinds (success / informational / failure) are those of the C2PA Technical
 * Specification 2.x, §15 "Validation", table "Standard Status Codes", as c2pa-rs implements them
 * (sdk/src/validation_results.rs `validation_codes`, `log_kind`). The specification keeps three levels apart
 * (§14.3 "Validation states": well-formed, valid, trusted): a manifest can be intact (valid) without its signer being
 * trusted, so only a failure of the cryptographic bindings — the claim signature, the hard binding to the pixels, the
 * hashed URIs of assertions — means the file or its claim changed after signing. Credential, time-stamp and identity
 * problems say who signed and when, not whether anything changed. Pure: code lists in, an assessment out.
 */

/** What a status code says about the file. */
export type StatusClass =
  /** The pixels, an assertion or the claim changed after signing (a cryptographic binding fails). */
  | 'integrity'
  /** The manifest is not well-formed or cannot be validated (structure, unsupported algorithm, reader error). */
  | 'malformed'
  /** The signer is not on the validator's trust list. */
  | 'untrusted'
  /** The signing certificate has expired, or signed outside its validity, with no trusted time-stamp to save it. */
  | 'expired'
  /** The signing certificate is not valid for signing (e.g. missing the required extended key usage). */
  | 'invalid-credential'
  /** The issuer revoked the signing certificate. */
  | 'revoked'
  /** A revocation check was skipped, unreachable or inconclusive. */
  | 'credential-check'
  /** A time-stamp problem: untrusted, malformed, outside validity or not matching the claim. */
  | 'time-stamp'
  /** A CAWG identity assertion problem: a separate attestation of who made the content, not of the content. */
  | 'identity'
  /** A failure about an ingredient's manifest reference as seen from the active manifest. */
  | 'ingredient'
  /** Success codes and informational notes with no bearing on the verdict. */
  | 'ok';

/** One row of the table. */
export interface StatusRow {
  readonly code: string;
  /** Kind in the specification's table (and c2pa-rs `log_kind`). */
  readonly kind: 'success' | 'informational' | 'failure';
  readonly class: StatusClass;
}

const row = (code: string, kind: StatusRow['kind'], cls: StatusClass): StatusRow => ({ code, kind, class: cls });

/**
 * Every standard status code (C2PA 2.x §15.2.1, read 2026-12 from c2pa-rs `validation_codes` at commit 022f7b1d), plus
 * the two c2pa-rs spellings of "revoked" and the reader errors this detector maps to codes.
 */
export const STATUS_TABLE: readonly StatusRow[] = [
  // Success.
  ...['claimSignature.validated', 'claimSignature.insideValidity', 'signingCredential.trusted', 'signingCredential.ocsp.notRevoked', 'timeStamp.validated', 'timeStamp.trusted', 'assertion.hashedURI.match', 'assertion.dataHash.match', 'assertion.bmffHash.match', 'assertion.boxesHash.match', 'assertion.collectionHash.match', 'assertion.accessible', 'ingredient.manifest.validated', 'ingredient.claimSignature.validated'].map((c) => row(c, 'success', 'ok')),
  // Informational.
  row('signingCredential.ocsp.skipped', 'informational', 'credential-check'),
  row('signingCredential.ocsp.inaccessible', 'informational', 'credential-check'),
  row('timeStamp.mismatch', 'informational', 'time-stamp'),
  row('timeStamp.malformed', 'informational', 'time-stamp'),
  row('timeStamp.outsideValidity', 'informational', 'time-stamp'),
  row('timeStamp.untrusted', 'informational', 'time-stamp'),
  row('timeOfSigning.insideValidity', 'informational', 'ok'),
  row('manifest.unknownProvenance', 'informational', 'ok'),
  row('manifest.unreferenced', 'informational', 'ok'),
  row('algorithm.deprecated', 'informational', 'ok'),
  row('ingredient.unknownProvenance', 'informational', 'ok'),
  row('assertion.dataHash.additionalExclusionsPresent', 'informational', 'ok'),
  // Failures that mean "changed after signing".
  ...['claimSignature.mismatch', 'claimSignature.missing', 'assertion.dataHash.mismatch', 'assertion.bmffHash.mismatch', 'assertion.boxesHash.mismatch', 'assertion.boxesHash.unknownBox', 'assertion.collectionHash.mismatch', 'assertion.hashedURI.mismatch', 'hashedURI.mismatch', 'assertion.missing', 'assertion.undeclared'].map((c) => row(c, 'failure', 'integrity')),
  // Credential failures.
  row('signingCredential.untrusted', 'failure', 'untrusted'),
  row('signingCredential.expired', 'failure', 'expired'),
  row('claimSignature.outsideValidity', 'failure', 'expired'),
  row('signingCredential.invalid', 'failure', 'invalid-credential'),
  row('signingCredential.revoked', 'failure', 'revoked'),
  row('signingCredential.ocsp.revoked', 'failure', 'revoked'),
  row('signingCredential.ocsp.unknown', 'failure', 'credential-check'),
  // Failures about ingredients referenced by the active manifest.
  ...['ingredient.hashedURI.mismatch', 'ingredient.manifest.mismatch', 'ingredient.manifest.missing', 'ingredient.claimSignature.mismatch', 'ingredient.claimSignature.missing'].map((c) => row(c, 'failure', 'ingredient')),
  // Failures of well-formedness: the manifest cannot be validated, which is not proof of a change.
  ...[
    'claim.malformed',
    'claim.missing',
    'claim.multiple',
    'claim.hardBindings.missing',
    'claim.required.missing',
    'claim.cbor.invalid',
    'assertion.multipleHardBindings',
    'assertion.inaccessible',
    'assertion.notRedacted',
    'assertion.selfRedacted',
    'assertion.required.missing',
    'assertion.json.invalid',
    'assertion.cbor.invalid',
    'assertion.outsideManifest',
    'assertion.action.ingredientMismatch',
    'assertion.action.redacted',
    'assertion.action.redactionMismatch',
    'assertion.action.malformed',
    'assertion.dataHash.malformed',
    'assertion.dataHash.redacted',
    'assertion.bmffHash.malformed',
    'assertion.boxesHash.malformed',
    'assertion.cloud-data.hardBinding',
    'assertion.cloud-data.actions',
    'assertion.cloud-data.malformed',
    'assertion.collectionHash.incorrectFileCount',
    'assertion.collectionHash.invalidURI',
    'assertion.collectionHash.malformed',
    'assertion.ingredient.malformed',
    'assertion.metadata.disallowed',
    'assertion.timestamp.malformed',
    'hashedURI.missing',
    'manifest.inaccessible',
    'manifest.multipleParents',
    'manifest.update.invalid',
    'manifest.update.wrongParents',
    'manifest.timestamp.invalid',
    'manifest.timestamp.wrongParents',
    'manifest.compressed.invalid',
    'algorithm.unsupported',
    'general.error',
    // c2pa-rs's own code for the pre-release (2021) CAI format, and the codes this detector gives reader errors.
    'com.adobe.prerelease',
    'format.unsupported',
    'manifest.unreadable',
  ].map((c) => row(c, 'failure', 'malformed')),
];

const BY_CODE = new Map(STATUS_TABLE.map((r) => [r.code, r]));

/**
 * The class of a code. Codes outside the table (a newer specification, a vendor extension) are classed by their
 * namespace: `cawg.*` identity, `timeStamp.*` time-stamp, `signingCredential.*` credential check, a `*Hash.mismatch`
 * or `hashedURI.mismatch` integrity; anything else is `malformed` (cannot be validated), never integrity, so an
 * unknown code cannot make an intact file "altered".
 */
export function classifyStatus(code: string): StatusClass {
  const known = BY_CODE.get(code);
  if (known) return known.class;
  if (/^cawg\./.test(code)) return 'identity';
  if (/^timeStamp\./.test(code)) return 'time-stamp';
  if (/^signingCredential\./.test(code)) return 'credential-check';
  if (/^ingredient\./.test(code)) return 'ingredient';
  if (/^assertion\.[A-Za-z]+Hash\.mismatch$|(^|\.)hashedURI\.mismatch$/.test(code)) return 'integrity';
  return 'malformed';
}

/** Status codes of one manifest store, as the reader reported them. */
export interface StoreStatuses {
  /** Success codes of the active manifest. */
  success: readonly string[];
  /** Failure codes of the active manifest (reported against the active manifest itself). */
  failure: readonly string[];
  /** Informational codes of the active manifest. */
  informational: readonly string[];
  /** Failure codes reported about ingredients: c2pa-rs ingredient deltas, and active-manifest entries whose URL names another manifest. */
  ingredientFailures: readonly string[];
  /** Failure codes the signers recorded inside ingredient assertions when they used the ingredient (any manifest of the store). */
  ingredientRecorded: readonly string[];
}

/** What the validation of a manifest store establishes. */
export interface ValidationAssessment {
  /** Integrity failures of the active manifest: the file or its claim changed after signing. */
  altered: string[];
  /** Well-formedness failures of the active manifest: it cannot be validated. */
  malformed: string[];
  /** Revoked or invalid signing credentials of the active manifest. */
  invalidCredentials: string[];
  /** Credential, time-stamp and identity caveats of an otherwise intact manifest (never tampering). */
  caveats: string[];
  /** Integrity or well-formedness failures confined to ingredients. */
  ingredient: string[];
  /** Whether the signer chains to a trust anchor, with no revoked, invalid or expired credential. */
  trusted: boolean;
  /** The specification's state: `invalid` (integrity), `malformed`, `valid` (intact) or `trusted`. */
  state: 'invalid' | 'malformed' | 'valid' | 'trusted';
}

const uniq = (xs: readonly string[]): string[] => [...new Set(xs)];

/** Mismatch codes of the hard bindings (the hash that ties a manifest to the asset's bytes). */
const HARD_BINDING_MISMATCH = /^assertion\.(dataHash|bmffHash|boxesHash|collectionHash)\.mismatch$/;

/** Assess a store from its status codes (see the mapping table in docs/provenance.md). */
export function assessValidation(s: StoreStatuses): ValidationAssessment {
  const of = (codes: readonly string[], ...classes: StatusClass[]): string[] => uniq(codes.filter((c) => classes.includes(classifyStatus(c))));
  const active = [...s.failure, ...s.informational];
  // An update manifest has no hard binding of its own: the reader checks this file against its parent's binding and
  // reports a mismatch as an ingredient delta (C2PA 2.x §10.3.2 "Update manifests"). A hard-binding mismatch found by
  // the reader — not one a signer recorded earlier — is therefore about these pixels.
  const inherited = uniq(s.ingredientFailures.filter((c) => HARD_BINDING_MISMATCH.test(c)));
  const altered = uniq([...of(s.failure, 'integrity'), ...inherited]);
  const malformed = of(s.failure, 'malformed');
  const invalidCredentials = of(s.failure, 'invalid-credential', 'revoked');
  const caveats = of(active, 'untrusted', 'expired', 'time-stamp', 'identity', 'credential-check').filter((c) => c !== 'signingCredential.ocsp.skipped');
  // Ingredient-level: what the reader found about ingredients, what signers recorded about them, and
  // ingredient-reference failures of the active manifest. Credential and time-stamp codes of ingredients are not
  // failures of anything that matters here.
  const ingredient = uniq([...of([...s.ingredientFailures, ...s.ingredientRecorded], 'integrity', 'malformed', 'ingredient'), ...of(s.failure, 'ingredient')]).filter((c) => !inherited.includes(c) || s.ingredientRecorded.includes(c));
  const trusted = s.success.includes('signingCredential.trusted') && invalidCredentials.length === 0 && !s.failure.some((c) => classifyStatus(c) === 'expired');
  const state = altered.length > 0 ? 'invalid' : malformed.length > 0 ? 'malformed' : trusted ? 'trusted' : 'valid';
  return { altered, malformed, invalidCredentials, caveats, ingredient, trusted, state };
}
