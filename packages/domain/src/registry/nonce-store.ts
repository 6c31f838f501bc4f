/**
 * Single-use nonces of signed requests. A nonce is consumed atomically: of two concurrent
 * requests with the same (signer, nonce), exactly one wins.
 */
export interface NonceStore {
  /** Returns true when the nonce was fresh and is now consumed, false when it was already used. */
  consumeNonce(input: { signer: string; nonce: string; expiresAt: number }): Promise<boolean>;
  /** Deletes nonces that expired before `now`; returns how many. */
  pruneNonces(now: number): Promise<number>;
}
