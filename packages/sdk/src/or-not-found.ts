import { isBaseError } from '@tensorgrid/protocol';

/**
 * A read that may find nothing: resolves to undefined when the coordinator answers
 * NOT_FOUND (no challenge yet, no opening, nothing published) and rethrows anything else.
 * @param read - a pending SDK read
 */
export async function orNotFound<T>(read: Promise<T>): Promise<T | undefined> {
  try {
    return await read;
  } catch (err) {
    if (isBaseError(err) && err.code === 'NOT_FOUND') return undefined;
    throw err;
  }
}
