/**
 * The C2PA validation-status table and the assessment built on it: hand-checked cases from the specification's
 * meaning of each code, then every C2PA file of the shared corpus read by the real c2pa-wasm, assessed, and compared
 * with what its MANIFEST.tsv ground truth says a reader reports.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { C2PA_SURGERY_SOURCES, c2paVariants } from '../../fixtures/generate/c2pa-surgery';
import { readC2pa, type C2paManifestSummary } from '../../src/detectors/provenance/c2pa';
import { assessValidation, classifyStatus, STATUS_TABLE, type StoreStatuses } from '../../src/detectors/provenance/c2pa-status';
import { sniffFormat } from '../../src/loader/sniff';
import { CORPUS_DIR, corpusRows, describeCorpus, type CorpusRow } from '../helpers/corpus';

const none: StoreStatuses = { success: [], failure: [], informational: [], ingredientFailures: [], ingredientRecorded: [] };

describe('status table', () => {
  test('every code appears once, with the kind c2pa-rs log_kind gives it', () => {
    const codes = STATUS_TABLE.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(STATUS_TABLE.find((r) => r.code === 'timeStamp.mismatch')?.kind).toBe('informational');
    expect(STATUS_TABLE.find((r) => r.code === 'signingCredential.untrusted')?.kind).toBe('failure');
    expect(STATUS_TABLE.find((r) => r.code === 'claimSignature.validated')?.kind).toBe('success');
  });

  test.each([
    ['claimSignature.mismatch', 'integrity'],
    ['assertion.dataHash.mismatch', 'integrity'],
    ['assertion.bmffHash.mismatch', 'integrity'],
    ['assertion.hashedURI.mismatch', 'integrity'],
    ['signingCredential.untrusted', 'untrusted'],
    ['signingCredential.expired', 'expired'],
    ['claimSignature.outsideValidity', 'expired'],
    ['signingCredential.invalid', 'invalid-credential'],
    ['signingCredential.ocsp.revoked', 'revoked'],
    ['signingCredential.revoked', 'revoked'],
    ['timeStamp.mismatch', 'time-stamp'],
    ['cawg.x509.credential.untrusted', 'identity'],
    ['ingredient.manifest.mismatch', 'ingredient'],
    ['assertion.action.malformed', 'malformed'],
    ['algorithm.unsupported', 'malformed'],
    // Outside the table: classed by namespace, and an unknown code is never integrity.
    ['assertion.fooHash.mismatch', 'integrity'],
    ['timeStamp.somethingNew', 'time-stamp'],
    ['vendor.thing.failed', 'malformed'],
  ])('%s → %s', (code, cls) => {
    expect(classifyStatus(code)).toBe(cls);
  });
});

describe('assessValidation', () => {
  test('an intact manifest with an untrusted, expired signer and time-stamp caveats is not altered', () => {
    const a = assessValidation({ ...none, failure: ['signingCredential.untrusted', 'signingCredential.expired'], informational: ['timeStamp.untrusted', 'signingCredential.ocsp.skipped'] });
    expect(a).toMatchObject({ altered: [], malformed: [], invalidCredentials: [], ingredient: [], trusted: false, state: 'valid' });
    expect(a.caveats).toEqual(['signingCredential.untrusted', 'signingCredential.expired', 'timeStamp.untrusted']);
  });

  test('a broken claim signature and a data-hash mismatch of the active manifest are alterations', () => {
    expect(assessValidation({ ...none, failure: ['claimSignature.mismatch'], informational: ['timeStamp.mismatch'] })).toMatchObject({ altered: ['claimSignature.mismatch'], state: 'invalid' });
    expect(assessValidation({ ...none, failure: ['assertion.dataHash.mismatch'] }).altered).toEqual(['assertion.dataHash.mismatch']);
  });

  test('revoked and invalid credentials are their own finding, and never trusted', () => {
    const a = assessValidation({ ...none, success: ['signingCredential.trusted'], failure: ['signingCredential.ocsp.revoked', 'signingCredential.invalid'] });
    expect(a).toMatchObject({ altered: [], invalidCredentials: ['signingCredential.ocsp.revoked', 'signingCredential.invalid'], trusted: false, state: 'valid' });
  });

  test('trusted needs signingCredential.trusted and no expired credential; a CAWG identity failure does not undo it', () => {
    expect(assessValidation({ ...none, success: ['signingCredential.trusted'], failure: ['cawg.x509.credential.untrusted'] })).toMatchObject({ trusted: true, state: 'trusted' });
    expect(assessValidation({ ...none, success: ['signingCredential.trusted'], failure: ['signingCredential.expired'] }).trusted).toBe(false);
  });

  test('failures confined to ingredients are ingredient-level; their credential codes are ignored', () => {
    const a = assessValidation({ ...none, ingredientFailures: ['signingCredential.untrusted', 'assertion.hashedURI.mismatch'], ingredientRecorded: ['claimSignature.mismatch'] });
    expect(a).toMatchObject({ altered: [], ingredient: ['assertion.hashedURI.mismatch', 'claimSignature.mismatch'], state: 'valid' });
    expect(assessValidation({ ...none, ingredientFailures: ['signingCredential.untrusted'] }).ingredient).toEqual([]);
  });

  test('a hard-binding mismatch the reader finds through the parent (an update manifest) is an alteration; one a signer recorded is history', () => {
    expect(assessValidation({ ...none, ingredientFailures: ['assertion.dataHash.mismatch'] })).toMatchObject({ altered: ['assertion.dataHash.mismatch'], ingredient: [], state: 'invalid' });
    expect(assessValidation({ ...none, ingredientRecorded: ['assertion.dataHash.mismatch'] })).toMatchObject({ altered: [], ingredient: ['assertion.dataHash.mismatch'] });
  });

  test('a structure failure makes the manifest unverifiable, not altered', () => {
    expect(assessValidation({ ...none, failure: ['assertion.action.malformed', 'general.error'] })).toMatchObject({ altered: [], malformed: ['assertion.action.malformed', 'general.error'], state: 'malformed' });
  });
});

describeCorpus('assessment of every corpus C2PA file (real c2pa-wasm) against its ground truth', () => {
  const rows = corpusRows().filter((r) => (r.category === 'c2pa' || r.local_name.startsWith('ai-labelled/')) && !r.local_name.endsWith('.pem'));
  const testRoot = readFileSync(join(CORPUS_DIR, 'c2pa', 'trust', 'c2parst__test_cert_root_bundle.pem'), 'utf8');
  const read = async (row: CorpusRow, trustAnchorsPem?: string): Promise<C2paManifestSummary | undefined> => {
    const bytes = new Uint8Array(readFileSync(row.file));
    const sniffed = sniffFormat(bytes);
    if (!sniffed.format) throw new Error(`unrecognised format: ${row.local_name}`);
    const out = await readC2pa(bytes, sniffed.format, { remoteManifestFetch: false, ocspFetch: false, ...(trustAnchorsPem ? { trustAnchorsPem } : {}) });
    return out.kind === 'manifest' ? out.summary : undefined;
  };
  const present = rows.filter((r) => /(?:^|;)\s*c2pa=present(?! but)/.test(r.ground_truth) || (r.local_name.startsWith('ai-labelled/') && /C2PA/.test(r.ground_truth)));

  test('the corpus has the signed files this table expects', () => {
    expect(present.length).toBeGreaterThanOrEqual(22);
  });

  test.each(present.map((r): [string, CorpusRow] => [r.local_name, r]))('%s', async (_name, row) => {
    const s = await read(row);
    expect(s).toBeDefined();
    if (!s) return;
    const a = assessValidation(s.validation);
    const t = row.ground_truth;
    if (/dataHash\.mismatch/.test(t)) expect(a.altered).toContain('assertion.dataHash.mismatch');
    else if (/tampered signature/.test(t)) expect(a.altered).toContain('claimSignature.mismatch');
    else {
      // Everything else in the corpus is intact, whatever its signer: untrusted, expired, invalid or time-stamp caveats.
      expect(a.altered).toEqual([]);
      expect(a.malformed).toEqual([]);
    }
    if (/nested ingredient|ingredient with bad signature/.test(t)) {
      expect(a.ingredient.length).toBeGreaterThan(0);
      expect(a.ingredient).toEqual(expect.arrayContaining([/assertion URI tampering/.test(t) ? 'assertion.hashedURI.mismatch' : 'claimSignature.mismatch']));
    }
    if (/timestamp changed after signing/.test(t)) expect(a.caveats.some((c) => c.startsWith('timeStamp.'))).toBe(true);
    if (row.local_name.startsWith('c2pa/c2parst__') && a.altered.length === 0) {
      const trusted = await read(row, testRoot);
      expect(trusted && assessValidation(trusted.validation).trusted).toBe(true);
    }
  });
});

describeCorpus('byte surgery on signed corpus files: one changed byte, one validation state', () => {
  const expected: Record<string, RegExp | null> = {
    intact: null,
    'timestamp-caveat': null,
    'claim-signature-broken': /^claimSignature\.mismatch$/,
    'assertion-changed': /^assertion\.hashedURI\.mismatch$/,
    'pixels-changed': /^assertion\.(dataHash|boxesHash|bmffHash)\.mismatch$/,
  };
  test.each(C2PA_SURGERY_SOURCES.map((s): [string] => [s]))('%s', async (src) => {
    const variants = c2paVariants(readFileSync(join(CORPUS_DIR, src)));
    expect(variants.map((v) => v.kind)).toEqual(expect.arrayContaining(['intact', 'claim-signature-broken', 'pixels-changed']));
    for (const v of variants) {
      const out = await readC2pa(new Uint8Array(v.bytes), src.endsWith('.png') ? 'png' : 'jpeg', { remoteManifestFetch: false, ocspFetch: false });
      expect(out.kind).toBe('manifest');
      if (out.kind !== 'manifest') continue;
      const a = assessValidation(out.summary.validation);
      const want = expected[v.kind];
      if (want === null) {
        expect({ kind: v.kind, altered: a.altered, malformed: a.malformed }).toEqual({ kind: v.kind, altered: [], malformed: [] });
      } else {
        expect({ kind: v.kind, match: a.altered.some((c) => want.test(c)) }).toEqual({ kind: v.kind, match: true });
      }
      if (v.kind === 'timestamp-caveat') expect(a.caveats.some((c) => c.startsWith('timeStamp.'))).toBe(true);
    }
  });
});
