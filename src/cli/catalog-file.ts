import { readFile } from 'node:fs/promises';
import { isCatalogFingerprint } from '../detectors/catalog/fingerprint-types';
import type { CatalogInput } from '../types';
import { UsageError } from './args';

/** Largest fingerprint file read (a fingerprint is ≈ 5 KB: this is thousands of catalog photos). */
const MAX_FINGERPRINT_FILE_BYTES = 64 * 1024 * 1024;

/**
 * Read one `--catalog` argument. A `.json`/`.jsonl` file holds fingerprints, one JSON object per line as
 * `claimlens fingerprint` writes them (a single pretty-printed fingerprint is read too); every line counts. Anything
 * else is a catalog photo, passed on as a path.
 * @throws UsageError when the file cannot be read, a line is not JSON or not a fingerprint (with its line number)
 */
export async function readCatalogArg(path: string): Promise<CatalogInput[]> {
  if (!/\.(json|jsonl|ndjson)$/i.test(path)) return [path];
  let text: string;
  try {
    const bytes = await readFile(path);
    if (bytes.length > MAX_FINGERPRINT_FILE_BYTES) throw new UsageError(`--catalog ${path}: ${bytes.length} bytes exceed the fingerprint file limit of ${MAX_FINGERPRINT_FILE_BYTES}`);
    text = bytes.toString('utf8');
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`--catalog ${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  const whole = wholeDocument(text);
  if (whole) return [whole];
  const out: CatalogInput[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (e) {
      throw new UsageError(`--catalog ${path}: line ${i + 1}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
    }
    if (!isCatalogFingerprint(parsed)) throw new UsageError(`--catalog ${path}: line ${i + 1}: not a claimlens fingerprint (expected kind 'claimlens/catalog-fingerprint')`);
    out.push(parsed);
  });
  if (out.length === 0) throw new UsageError(`--catalog ${path}: no fingerprint in the file`);
  return out;
}

/** A file that is one JSON fingerprint spread over several lines (`jq .` output) rather than JSON Lines. */
function wholeDocument(text: string): CatalogInput | undefined {
  if (text.trim().split('\n').length < 2) return undefined;
  try {
    const v: unknown = JSON.parse(text);
    return isCatalogFingerprint(v) ? v : undefined;
  } catch {
    return undefined;
  }
}
