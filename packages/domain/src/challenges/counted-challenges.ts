import type { ChallengeResult } from './challenge-result';

/**
 * How long after a deadline miss the device's next challenge of that kind may come and still
 * decide it: the coordinator re-challenges a group 2.5-7.5 minutes after a round with a miss
 * (`missRetryMs` of the challenge policy), and a round takes a few minutes more.
 */
export const MISS_CONFIRMATION_WINDOW_MS = 15 * 60_000;

/**
 * A late answer whose every checked value was right (`deadline-missed`): the one failure that
 * a passed re-challenge forgives, and after which the scheduler re-challenges.
 * @param result - a challenge result
 */
export function isLateAnswer(result: Pick<ChallengeResult, 'reason'>): boolean {
  return result.reason === 'deadline-missed';
}

/** What {@link countedChallenges} reads of a result. */
export type CountableChallenge = Pick<ChallengeResult, 'kind' | 'issuedAt' | 'passed' | 'reason'>;

/**
 * The challenge results that count against (and for) a device: all of them except a deadline
 * miss that the device's next challenge of the same kind, issued within the window after it,
 * passed. A late answer whose every checked value was right is evidence of a slow moment (a
 * noisy neighbour, a stalled link), not of missing hardware: a device that really holds less
 * than it claims misses the re-challenge too, and one that fakes work answers wrongly, which is
 * never forgiven. A miss with no later challenge of its kind in the window (the device went
 * away, or the re-challenge has not happened yet) counts.
 * @param results - one device's results, any order
 * @param options - the confirmation window @default MISS_CONFIRMATION_WINDOW_MS
 */
export function countedChallenges<T extends CountableChallenge>(results: readonly T[], options: { windowMs: number } = { windowMs: MISS_CONFIRMATION_WINDOW_MS }): T[] {
  const forgiven = new Set<T>();
  // Newest first, remembering the next (later) result of each kind seen so far.
  const nextOfKind = new Map<string, T>();
  for (const result of [...results].sort((a, b) => b.issuedAt - a.issuedAt)) {
    const next = nextOfKind.get(result.kind);
    if (isLateAnswer(result) && next?.passed && next.issuedAt > result.issuedAt && next.issuedAt - result.issuedAt <= options.windowMs) forgiven.add(result);
    nextOfKind.set(result.kind, result);
  }
  return results.filter((result) => !forgiven.has(result));
}
