import type { ComputeChallengeSpec } from '@tensorgrid/domain';

/** Bytes of one tile digest (SHA-256). */
export const DIGEST_BYTES = 32;

/** Work for one compute thread: loops [from, to) of a challenge. */
export interface ComputeThreadTask {
  spec: ComputeChallengeSpec;
  from: number;
  to: number;
}

/**
 * What a compute thread posts: `ready` once its modules are loaded, then one reply per task:
 * the tile digests of its loops, 32 bytes each in leaf order, or the error it hit.
 */
export type ComputeThreadMessage = { kind: 'ready' } | { kind: 'digests'; digests: Uint8Array } | { kind: 'error'; message: string };
