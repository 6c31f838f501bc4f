import type { ComputeChallengeSpec } from '@tensorgrid/domain';

/** Bytes of one loop leaf (SHA-256). */
export const DIGEST_BYTES = 32;

/** Work for one compute thread: loops [from, to) of a challenge. */
export interface ComputeThreadTask {
  spec: ComputeChallengeSpec;
  from: number;
  to: number;
}

/**
 * What a compute thread posts: `ready` once its modules are loaded, then one reply per task:
 * the leaves of its loops, 32 bytes each in loop order, or the error it hit.
 */
export type ComputeThreadMessage = { kind: 'ready' } | { kind: 'digests'; digests: Uint8Array } | { kind: 'error'; message: string };
