/** Why a hardware challenge failed; `ChallengeResult.reason` carries one of these. */
export type ChallengeFailureReason =
  /** Every checked answer was right, but it came after the deadline. */
  | 'deadline-missed'
  /** A checked answer (probe word, tile digest, Merkle path, hash share) was wrong. */
  | 'wrong-answer'
  /** Fewer answers than asked for (or none). */
  | 'no-answer'
  /** An answer was not in the expected shape (bad hex, wrong length, duplicate nonce). */
  | 'malformed-answer';

/**
 * The coordinator's verdict on one challenge. `metrics` are plain numbers (elapsedMs,
 * deadlineMs, bytes, probes, pagesChecked, flops, rate, ...) so they fit `ChallengeResult`.
 */
export interface ChallengeVerdict {
  passed: boolean;
  reason: ChallengeFailureReason | null;
  metrics: Record<string, number>;
}

/**
 * Builds a verdict: a wrong answer outranks a late one (it is evidence of cheating, not of
 * a slow link), and a late one outranks a pass.
 * @param failure - the first failure found, or null
 * @param metrics - what was measured
 */
export function challengeVerdict(failure: ChallengeFailureReason | null, metrics: Record<string, number>): ChallengeVerdict {
  return { passed: failure === null, reason: failure, metrics };
}
