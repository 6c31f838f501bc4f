import type { JobState } from '@tensorgrid/protocol';

/** A UTC day lasts 86,400 s; JobMarket and Rewards (pool 2) number days as `floor(unixSeconds / 86400)`. */
export const JOB_SHARE_DAY_SECONDS = 86_400;
/** The Rewards pool of job shares. */
export const JOB_SHARES_POOL = 2;

/**
 * The UTC day that contains a time, as JobMarket counts it.
 * @param unixSeconds - seconds since the Unix epoch
 */
export function utcDayOf(unixSeconds: number): number {
  return Math.floor(unixSeconds / JOB_SHARE_DAY_SECONDS);
}

/** A job verified on the day, as far as settling needs it. */
export interface DayJob {
  jobId: bigint;
  state: JobState;
}

/** Whether a day's job shares can be settled now. */
export type JobShareDayReadiness =
  | { kind: 'ready' }
  /** The day has not ended (`until`: its end, Unix seconds). */
  | { kind: 'wait'; why: 'day-open'; until: number }
  /** A job verified that day may still be disputed until `until` (day end + challenge window). */
  | { kind: 'wait'; why: 'challenge-window-open'; until: number }
  /** A dispute is pending: the referee may still take the job's shares back. */
  | { kind: 'wait'; why: 'dispute-pending'; jobIds: bigint[] };

/**
 * Decides whether a UTC day's shares are final, so that nothing is paid for work later proven
 * wrong: the day has ended, every job verified that day is out of its challenge window (a
 * verdict at the day's last second stays open until day end + window, so the whole day waits
 * that long) and none of them is disputed. After that, no dispute can open and the shares on
 * chain never change again (a slashed job's shares were already removed).
 * @param input - the day, the chain's time (Unix seconds, of the block the shares are read at), the market's challenge window (s) and the day's jobs
 */
export function jobShareDayReadiness(input: { day: number; chainTime: number; challengeWindow: number; jobs: readonly DayJob[] }): JobShareDayReadiness {
  const dayEnd = (input.day + 1) * JOB_SHARE_DAY_SECONDS;
  if (input.chainTime < dayEnd) return { kind: 'wait', why: 'day-open', until: dayEnd };
  const windowsClose = dayEnd + input.challengeWindow;
  if (input.chainTime < windowsClose) return { kind: 'wait', why: 'challenge-window-open', until: windowsClose };
  const disputed = input.jobs.filter((j) => j.state === 'disputed').map((j) => j.jobId);
  if (disputed.length > 0) return { kind: 'wait', why: 'dispute-pending', jobIds: disputed };
  return { kind: 'ready' };
}
