/**
 * Access to the shared third-party corpus (../shared/corpus). Tests that need it go through here so that,
 * when it is absent, they skip with one visible line instead of failing. Files stay in ../shared: never copy them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Where the corpus is expected (override with CLAIMLENS_CORPUS). */
export const CORPUS_DIR = resolve(process.env.CLAIMLENS_CORPUS ?? join(process.cwd(), '..', 'shared', 'corpus'));

/** Whether the corpus is present. */
export const HAS_CORPUS = existsSync(join(CORPUS_DIR, 'MANIFEST.tsv'));

/** One row of MANIFEST.tsv. */
export interface CorpusRow {
  repo: string;
  commit: string;
  path: string;
  local_name: string;
  category: string;
  license: string;
  sha256: string;
  bytes: number;
  ground_truth: string;
  /** Absolute path of the file. */
  file: string;
  /** ground_truth parsed as `key=value; ...` (keys lower-case; values trimmed). */
  truth: Record<string, string>;
}

/** Parse `key=value; key2=value2` ground-truth text (values may contain spaces). */
export function parseTruth(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(';')) {
    const m = /^\s*([a-zA-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(part);
    if (m) out[m[1].toLowerCase()] = m[2];
  }
  return out;
}

/** All rows of MANIFEST.tsv (empty when the corpus is absent). */
export function corpusRows(): CorpusRow[] {
  if (!HAS_CORPUS) return [];
  const lines = readFileSync(join(CORPUS_DIR, 'MANIFEST.tsv'), 'utf8').split('\n').filter((l) => l.trim());
  const header = lines[0].split('\t');
  return lines.slice(1).map((line) => {
    const cols = line.split('\t');
    const row = Object.fromEntries(header.map((h, i) => [h, cols[i] ?? ''])) as Record<string, string>;
    return {
      ...(row as unknown as Omit<CorpusRow, 'bytes' | 'file' | 'truth'>),
      bytes: Number(row.bytes),
      file: join(CORPUS_DIR, row.local_name),
      truth: parseTruth(row.ground_truth ?? ''),
    };
  });
}

/** `describe` when the corpus is present; otherwise one skipped test that says why and how many were skipped. */
export function describeCorpus(name: string, fn: () => void): void {
  if (HAS_CORPUS) {
    describe(name, fn);
  } else {
    describe(name, () => {
      test.skip(`shared corpus not found at ${CORPUS_DIR}: corpus tests skipped`, () => undefined);
    });
    process.stderr.write(`[claimlens] shared corpus not found at ${CORPUS_DIR}: '${name}' skipped\n`);
  }
}

/**
 * Whether a camera/ row's ground truth describes an unmodified camera original: not edited, converted, reduced,
 * downscaled, cropped or a synthetic carrier (MANIFEST.tsv wording).
 */
export function unmodifiedCameraOriginal(groundTruth: string): boolean {
  return !/EDITED|NOT a camera|conversion|converted|reduced|downscaled|synthetic|not a camera photo|crop/i.test(groundTruth);
}

