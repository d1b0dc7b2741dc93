import { isClaimlensError, type ClaimlensError } from '../../src/errors';

/** Await a promise that must reject with a ClaimlensError, and return that error (anything else fails the test). */
export async function rejection(p: Promise<unknown>): Promise<ClaimlensError> {
  try {
    await p;
  } catch (e) {
    if (isClaimlensError(e)) return e;
    throw e;
  }
  throw new Error('expected a rejection');
}
