import { open, stat } from 'node:fs/promises';
import { ClaimlensError, describeValue } from '../errors';

/**
 * Read an image input into bytes. A string is always a path (never a URL, never base64). Only regular files are
 * read; directories, devices, FIFOs and sockets are refused before opening, and the size limit is checked on the
 * file's stat so an oversized file is never read into memory. Symlinks are followed to their target, which must
 * itself be a regular file. Callers that take file names from untrusted users should pass bytes instead.
 *
 * @throws ClaimlensError UNREADABLE_INPUT (missing, not a regular file, not readable), TOO_LARGE, INVALID_OPTIONS
 */
export async function readInput(input: unknown, maxBytes: number, what = 'claim'): Promise<{ bytes: Uint8Array; path?: string }> {
  if (input instanceof Uint8Array) {
    if (input.length > maxBytes) {
      throw new ClaimlensError('TOO_LARGE', `${what}: ${input.length} bytes exceeds the limit of ${maxBytes} bytes`, { limit: maxBytes, actual: input.length });
    }
    return { bytes: input };
  }
  if (typeof input !== 'string' || input.length === 0) {
    throw new ClaimlensError('INVALID_OPTIONS', `${what}: expected image bytes (Uint8Array/Buffer) or a file path, received ${describeValue(input)}`, {
      path: what,
      received: describeValue(input),
    });
  }
  let info;
  try {
    info = await stat(input);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'unknown';
    throw new ClaimlensError('UNREADABLE_INPUT', `${what}: cannot read '${input}' (${code === 'ENOENT' ? 'no such file' : code})`, { path: input, errno: code }, { cause: e });
  }
  if (!info.isFile()) {
    const kind = info.isDirectory() ? 'a directory' : info.isFIFO() ? 'a FIFO' : info.isCharacterDevice() || info.isBlockDevice() ? 'a device' : info.isSocket() ? 'a socket' : 'not a regular file';
    throw new ClaimlensError('UNREADABLE_INPUT', `${what}: '${input}' is ${kind}, expected a regular image file`, { path: input, kind });
  }
  if (info.size > maxBytes) {
    throw new ClaimlensError('TOO_LARGE', `${what}: '${input}' is ${info.size} bytes, over the limit of ${maxBytes} bytes`, { path: input, limit: maxBytes, actual: info.size });
  }
  let handle;
  try {
    handle = await open(input, 'r');
    // Read at most maxBytes + 1 so a file that grew after stat is still caught.
    const buf = Buffer.alloc(Math.min(info.size, maxBytes) + 1);
    let total = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buf, total, buf.length - total, total);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total >= buf.length) break;
    }
    if (total > maxBytes) {
      throw new ClaimlensError('TOO_LARGE', `${what}: '${input}' is over the limit of ${maxBytes} bytes`, { path: input, limit: maxBytes });
    }
    return { bytes: buf.subarray(0, total), path: input };
  } catch (e) {
    if (e instanceof ClaimlensError) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? 'unknown';
    throw new ClaimlensError('UNREADABLE_INPUT', `${what}: cannot read '${input}' (${code})`, { path: input, errno: code }, { cause: e });
  } finally {
    await handle?.close();
  }
}
