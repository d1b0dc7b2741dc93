/**
 * The metadata detector on every file of ../shared/corpus/camera, table-driven from MANIFEST.tsv `ground_truth`:
 * originals get no editor or edit-history signal, and unmodified originals no positive signal above a hint; files
 * the ground truth calls EDITED or "NOT a camera original" are flagged with
 * the program named; WebP/AVIF conversions are flagged as converted. And on the whole corpus the detector never
 * fails. Files stay in ../shared (never copied).
 */
import { createInspector } from '../../src/inspector';
import { metadata } from '../../src/detectors/metadata';
import type { Signal, Verdict } from '../../src/types';
import { corpusRows, describeCorpus, unmodifiedCameraOriginal, type CorpusRow } from '../helpers/corpus';

const inspector = createInspector({ detectors: [metadata()] });
const sig = (v: Verdict, code: string): Signal | undefined => v.signals.find((s) => s.code === code);

/** What the ground-truth text says about a camera-folder file. */
function expectation(row: CorpusRow): 'edited' | 'converted' | 'not-camera' | 'original' {
  const t = row.ground_truth;
  if (/EDITED|NOT a camera original/.test(t)) return 'edited';
  if (/conversion|converted/i.test(t)) return 'converted';
  if (/not a camera photo|synthetic carrier/i.test(t)) return 'not-camera';
  return 'original';
}

/** Program names the ground truth quotes (Software='…'), lower-cased, for "the program is named". */
function quotedProgram(row: CorpusRow): string | undefined {
  return /Software='([^']+)'/.exec(row.ground_truth)?.[1];
}

describeCorpus('metadata detector on shared/corpus/camera', () => {
  const rows = corpusRows().filter((r) => r.category === 'camera');

  test('the camera folder is present and non-empty', () => {
    expect(rows.length).toBeGreaterThanOrEqual(30);
  });

  test.each(rows.map((r) => [r.local_name, r] as const))('%s agrees with its ground truth', async (_name, row) => {
    const v = await inspector.inspect(row.file);
    const report = v.detectors[0];
    expect(report.status).not.toBe('error');
    const editor = sig(v, 'metadata.editor-software');
    const history = sig(v, 'metadata.edit-history');
    switch (expectation(row)) {
      case 'original':
        expect(editor).toBeUndefined();
        expect(history).toBeUndefined();
        // Issue 15 §1: nothing positive above a hint on an unmodified camera original (thumbnail quirks included).
        if (unmodifiedCameraOriginal(row.ground_truth)) expect(v.signals.filter((s) => s.weight > 0 && s.strength !== 'hint').map((s) => s.code)).toEqual([]);
        break;
      case 'edited': {
        // Flagged, and the program is named: by the editor rule, or for a file without a Software tag by the
        // Photoshop image resources the edit-history rule found.
        expect(editor ?? history).toBeDefined();
        const quoted = quotedProgram(row);
        if (quoted) expect(editor?.details?.value).toBe(quoted);
        else expect(String(editor?.details?.program ?? history?.details?.program ?? '')).toMatch(/photoshop|acd/i);
        expect(sig(v, 'metadata.camera-consistent')).toBeUndefined();
        break;
      }
      case 'converted': {
        const c = sig(v, 'metadata.converted');
        expect(c).toBeDefined();
        expect(c?.details?.format).toBe(row.local_name.split('.').pop());
        expect(sig(v, 'metadata.camera-consistent')).toBeUndefined();
        break;
      }
      case 'not-camera':
        expect(sig(v, 'metadata.camera-consistent')).toBeUndefined();
        expect(editor).toBeUndefined();
        break;
    }
  });
});

describeCorpus('metadata detector on the rest of the shared corpus', () => {
  // The camera folder (with the thumbnail comparison) is covered above; here the metadata rules alone, so the
  // file stays fast on a loaded machine.
  const rows = corpusRows().filter((r) => r.category !== 'camera');
  const metadataOnly = createInspector({ detectors: [metadata({ thumbnail: false })] });

  test('never fails, on any file', async () => {
    const bad: string[] = [];
    for (const row of rows) {
      try {
        const v = await metadataOnly.inspect(row.file);
        if (v.detectors[0].status === 'error') bad.push(`${row.local_name}: ${v.detectors[0].reason ?? ''}`);
      } catch (e) {
        // The loader may reject a file (e.g. CORRUPT_IMAGE): not the detector's doing. Anything else is a failure.
        if (!(e instanceof Error && 'code' in e)) bad.push(`${row.local_name}: threw ${String(e)}`);
      }
    }
    expect(bad).toEqual([]);
  }, 120_000);
});
