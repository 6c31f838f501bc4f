import type { Logger } from 'pino';

/** What the check needs. */
export interface ClockSkewCheckDeps {
  /** How far the shared database's clock is ahead of this process's (ms); undefined where there is no other clock. */
  measure: () => Promise<number | undefined>;
  /** The difference that breaks the schedule's assumption (half the scheduler's look-back, say). */
  toleranceMs: number;
  log: Pick<Logger, 'warn'>;
}

/**
 * One check of this replica's clock against the database's. Replicas start a challenge round
 * at the claimer's clock and look back `lookBackMs` for rounds others claimed, so a replica
 * whose clock is off by more than that misses its part of other replicas' rounds (its devices
 * sit them out) or they miss its own; each replica checking itself against the clock they
 * share says which one is off, before it shows as missing rounds.
 * @param deps - the measurement, the tolerance and the log
 * @returns a pass that warns when the difference is beyond the tolerance, and returns it
 */
export function clockSkewCheck(deps: ClockSkewCheckDeps): () => Promise<number | undefined> {
  return async () => {
    const skewMs = await deps.measure();
    if (skewMs !== undefined && Math.abs(skewMs) > deps.toleranceMs) {
      deps.log.warn(
        { skewMs: Math.round(skewMs), toleranceMs: deps.toleranceMs },
        `this replica's clock is ${Math.round(Math.abs(skewMs) / 1000)} s ${skewMs > 0 ? 'behind' : 'ahead of'} the database's: challenge rounds between replicas can be missed; sync it (NTP)`,
      );
    }
    return skewMs;
  };
}
