/**
 * Committed model weights: float32 tensors stored as base64 in a generated module, with a SHA-256 recorded at
 * training time and checked on load, so a damaged or hand-edited file never scores anything.
 */
import { createHash } from 'node:crypto';

/** Weights as a generated module holds them. */
export interface SerializedWeights {
  /** The meta data as the trainer wrote it (JSON text; hashed as stored, so no re-serialisation can differ). */
  metaJson: string;
  /** Lower-case hex SHA-256 of `metaJson` (UTF-8) followed by the decoded tensor bytes. */
  sha256: string;
  /** Float32 little-endian tensors, concatenated in the order of the meta data's `tensors`, base64. */
  base64: string;
}

/** Meta data every weights file carries: tensor names and shapes in storage order. */
export interface WeightsMeta {
  version: string;
  tensors: [string, number[]][];
}

/** Thrown when weights fail their recorded checksum or layout: the model must not run. */
export class WeightsIntegrityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WeightsIntegrityError';
  }
}

/** Decoded, verified tensors by name, and the meta data. */
export interface DecodedWeights<M extends WeightsMeta> {
  meta: M;
  tensors: Record<string, Float32Array>;
}

/**
 * Decode and verify serialised weights.
 * @throws WeightsIntegrityError when the SHA-256 differs from the recorded one or the tensor layout does not add up.
 */
export function decodeWeights<M extends WeightsMeta>(w: SerializedWeights, what: string): DecodedWeights<M> {
  const bytes = Buffer.from(w.base64, 'base64');
  const digest = createHash('sha256').update(w.metaJson, 'utf8').update(bytes).digest('hex');
  if (digest !== w.sha256) {
    throw new WeightsIntegrityError(`${what}: the model weights fail their SHA-256 check (recorded ${w.sha256.slice(0, 12)}…, computed ${digest.slice(0, 12)}…): the installed package is damaged; reinstall claimlens`);
  }
  const meta = JSON.parse(w.metaJson) as M;
  const total = meta.tensors.reduce((a, [, s]) => a + s.reduce((p, q) => p * q, 1), 0);
  if (bytes.length !== total * 4) throw new WeightsIntegrityError(`${what}: the weights hold ${bytes.length} bytes, their layout needs ${total * 4}`);
  const tensors: Record<string, Float32Array> = {};
  let offset = 0;
  for (const [name, shape] of meta.tensors) {
    const n = shape.reduce((p, q) => p * q, 1);
    const a = new Float32Array(n);
    for (let i = 0; i < n; i++, offset += 4) a[i] = bytes.readFloatLE(offset);
    tensors[name] = a;
  }
  return { meta, tensors };
}
