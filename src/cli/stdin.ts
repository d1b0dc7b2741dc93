import { ClaimlensError } from '../errors';

/**
 * Read one image from standard input (the `-` argument), keeping at most `maxBytes`: past it reading stops and
 * the input is refused as TOO_LARGE, so an endless pipe cannot grow memory without bound.
 * @throws ClaimlensError TOO_LARGE past the limit, UNREADABLE_INPUT when stdin is empty
 */
export async function readStdin(stdin: AsyncIterable<Uint8Array> | undefined, maxBytes: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of stdin ?? []) {
    total += chunk.byteLength;
    if (total > maxBytes) throw new ClaimlensError('TOO_LARGE', `stdin: more than ${maxBytes} bytes (the byte limit)`, { limit: maxBytes, actual: total });
    chunks.push(chunk);
  }
  if (total === 0) throw new ClaimlensError('UNREADABLE_INPUT', 'stdin: no bytes (nothing was piped in)', { path: '-' });
  return Buffer.concat(chunks, total);
}
