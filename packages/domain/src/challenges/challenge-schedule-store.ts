import type { DeviceRecord } from '../registry/device-record';

/** One device group's hardware-challenge schedule (a group: an operator's devices, or a lone device). */
export interface ChallengeGroupSchedule {
  /** `operator:<address>` or `device:<id>`. */
  group: string;
  /** Made for a simulated device: real groups go first when rounds are bounded. */
  simulated: boolean;
  /** When the next round is due. */
  nextRoundAt: number;
  /** The next round is the re-challenge after a deadline miss. */
  retryPending: boolean;
  /** Start of the latest round; null before the first. */
  roundAt: number | null;
}

/** A round as every replica sees it: its group and start. */
export interface ChallengeRound {
  group: string;
  roundAt: number;
}

/** Whose devices a group holds. */
export type ChallengeGroupMembers = { operator: string } | { deviceId: string };

/** One due round a replica claims ({@link ChallengeScheduleStore.claimRounds}). */
export interface RoundClaim {
  group: string;
  /** The due time the replica read: the claim holds only if it is still the group's. */
  expectedNextAt: number;
  /** When the round after this one is due. */
  nextAt: number;
}

/** Where a page of {@link ChallengeScheduleStore.unchallengedDevices} resumes: after this device. */
export interface UnchallengedCursor {
  stateChangedAt: number;
  id: string;
}

/** What one replica's part of a round came to ({@link ChallengeScheduleStore.finishPart}). */
export interface ChallengePartOutcome {
  group: string;
  roundAt: number;
  /** A device missed a deadline with right answers: the group is re-challenged, unless this round is itself a re-challenge. */
  missed: boolean;
  /** The earliest a re-challenge may start after this part (drawn after its end). */
  retryAt: number;
  /** The earliest the next regular round may start, when this part's load stretches the gap (the hourly load budget). */
  notBefore?: number;
}

/**
 * The hardware-challenge schedule, shared by the coordinator replicas of one database and kept
 * across restarts. Every replica reads the due groups; one claims each round (a compare-and-set
 * on the due time), and every replica then runs the round on the devices whose sessions it
 * holds. Implemented in packages/db for SQLite and PostgreSQL.
 */
export interface ChallengeScheduleStore {
  /** Available devices that were never part of a round, longest available first (by state change, then id), at most `limit` (1..1000), after `after`. */
  unchallengedDevices(limit: number, after?: UnchallengedCursor): Promise<DeviceRecord[]>;
  /** The available devices of any of these groups (one read for many rounds), by id; each device once. */
  availableMembers(of: readonly ChallengeGroupMembers[]): Promise<DeviceRecord[]>;
  /**
   * Records that these devices are part of a round at `at`, and returns those that were not
   * yet (a device's first round time is kept): of two callers marking one device, one gets it.
   */
  markInRound(ids: readonly string[], at: number): Promise<string[]>;
  /** A group's schedule, if it has one. */
  getGroup(group: string): Promise<ChallengeGroupSchedule | undefined>;
  /** Adds a group due at `dueAt`; nothing if it exists. */
  addGroup(group: string, input: { simulated: boolean; dueAt: number }): Promise<void>;
  /** Groups due at `now`, real ones first, then earliest due first; at most `limit` (1..1000). */
  dueGroups(now: number, limit: number): Promise<ChallengeGroupSchedule[]>;
  /**
   * Starts, at `roundAt`, the round of each claimed group that is still due at its
   * `expectedNextAt` (a compare-and-set: of replicas claiming one round, one wins), sets its next
   * one at `nextAt`, and returns the groups won, in any order. Claims go many to a statement.
   * A round is a re-challenge if one was pending (a miss in it then asks no other: {@link finishPart}).
   */
  claimRounds(claims: readonly RoundClaim[], roundAt: number): Promise<string[]>;
  /** Every round started at or after `since`, oldest first: callers keep `since` a few ticks back. */
  roundsSince(since: number): Promise<ChallengeRound[]>;
  /**
   * One replica's part of a round is over. After a miss (in a round that is not a re-challenge)
   * the group's next round becomes a re-challenge at `retryAt`, or later if another part ended
   * later; a pending re-challenge waits for every part's `retryAt`, so it starts after the whole
   * round; a regular next round waits for `notBefore`. Nothing if the group has moved on to
   * another round.
   */
  finishPart(outcome: ChallengePartOutcome): Promise<void>;
}
