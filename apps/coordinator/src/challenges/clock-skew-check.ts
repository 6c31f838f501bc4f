import type { Logger } from 'pino';

/** What the check needs. */
export interface ClockSkewCheckDeps {
  /** How far the shared database's clock is ahead of this process's (ms); undefined where there is no other clock. */
  measure: () => Promise<number | undefined>;
  /** The difference that breaks the schedule's assumption (half the scheduler's look-back, say). */
  toleranceMs: number;
  log: Pick<Logger, 'warn'>;
}

/** The clock check: a pass to run on a timer, and what the last pass found. */
export interface ClockSkewCheck {
  /** Measures, warns when beyond the tolerance, and returns the difference (undefined where there is no other clock). */
  check(): Promise<number | undefined>;
  /** The last measured difference when it was beyond the tolerance; undefined while in tolerance (or never measured). */
  offBy(): number | undefined;
}

/**
 * Checks this replica's clock against the database's. Replicas start a challenge round at the
 * claimer's clock and look back `lookBackMs` for rounds others claimed, so a replica whose
 * clock is off by more than that misses its part of other replicas' rounds (its devices sit
 * them out) or they miss its own; each replica checking itself against the clock they share
 * says which one is off, and {@link ClockSkewCheck.offBy} lets the scheduler stop this one
 * starting or joining rounds until its clock is back (a failed measurement keeps the last finding).
 * @param deps - the measurement, the tolerance and the log
 */
export function clockSkewCheck(deps: ClockSkewCheckDeps): ClockSkewCheck {
  let off: number | undefined;
  return {
    async check() {
      const skewMs = await deps.measure();
      off = skewMs !== undefined && Math.abs(skewMs) > deps.toleranceMs ? skewMs : undefined;
      if (off !== undefined) {
        deps.log.warn(
          { skewMs: Math.round(off), toleranceMs: deps.toleranceMs },
          `this replica's clock is ${Math.round(Math.abs(off) / 1000)} s ${off > 0 ? 'behind' : 'ahead of'} the database's: it starts and joins no challenge rounds until it is synced (NTP)`,
        );
      }
      return skewMs;
    },
    offBy: () => off,
  };
}
