import { BaseError, type JobSort } from '@tensorgrid/protocol';

/** The position of the last job of a page: its sort key and its id (the tie-breaker). */
export interface JobListPosition {
  /** fee per gas, deadline (Unix s), or the id itself for `newest`. */
  key: number | bigint;
  jobId: bigint;
}

/**
 * Encodes a page's last position as the opaque `next` cursor: `<key>~<id>`.
 * @param position - the last job's sort key and id
 */
export function encodeJobCursor(position: JobListPosition): string {
  return `${position.key.toString()}~${position.jobId.toString()}`;
}

/**
 * Decodes a `next` cursor for a sort order.
 * @param cursor - as `encodeJobCursor` wrote it
 * @param sort - the list's order (it decides the key's type)
 * @throws {BaseError} VALIDATION_FAILED when the cursor does not belong to that order
 */
export function decodeJobCursor(cursor: string, sort: JobSort): JobListPosition {
  const match = /^([^~]+)~([1-9]\d*)$/.exec(cursor);
  const raw = match?.[1];
  const jobId = match?.[2];
  const invalid = () => new BaseError('VALIDATION_FAILED', `The cursor "${cursor}" is not a next cursor of a list sorted by ${sort}`, { details: 'Pass the `next` value of the previous page with the same sort.' });
  if (raw === undefined || jobId === undefined) throw invalid();
  if (sort === 'fee-per-gas') {
    const key = Number(raw);
    if (!Number.isFinite(key) || key < 0) throw invalid();
    return { key, jobId: BigInt(jobId) };
  }
  if (!/^\d+$/.test(raw)) throw invalid();
  return { key: sort === 'newest' ? BigInt(raw) : Number(raw), jobId: BigInt(jobId) };
}
