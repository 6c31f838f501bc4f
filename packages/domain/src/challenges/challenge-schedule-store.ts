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
  /** The longest load one device had in the latest round, ms. */
  roundLoadMs: number;
}

/** A round as every replica sees it: its group, start, and whether it is a re-challenge. */
export interface ChallengeRound {
  group: string;
  roundAt: number;
  retry: boolean;
}

/** Whose devices a group holds. */
export type ChallengeGroupMembers = { operator: string } | { deviceId: string };

/**
 * The hardware-challenge schedule, shared by the coordinator replicas of one database and kept
 * across restarts. Every replica reads the due groups; one claims each round (a compare-and-set
 * on the due time), and every replica then runs the round on the devices whose sessions it
 * holds. Implemented in packages/db for SQLite and PostgreSQL.
 */
export interface ChallengeScheduleStore {
  /** Available devices that were never part of a round, first registered first, at most `limit`. */
  unchallengedDevices(limit: number): Promise<DeviceRecord[]>;
  /** The available devices of a group, by id. */
  availableMembers(of: ChallengeGroupMembers): Promise<DeviceRecord[]>;
  /** Records that these devices are part of a round at `at` (a device's first round time is kept). */
  markInRound(ids: readonly string[], at: number): Promise<void>;
  getGroup(group: string): Promise<ChallengeGroupSchedule | undefined>;
  /** Adds a group due at `dueAt`; nothing if it exists. */
  addGroup(group: string, input: { simulated: boolean; dueAt: number }): Promise<void>;
  /** Groups due at `now`, real ones first, then earliest due first; at most `limit` (1..1000). */
  dueGroups(now: number, limit: number): Promise<ChallengeGroupSchedule[]>;
  /**
   * Starts the group's round at `roundAt` if it is still due at `expectedNextAt` (else another
   * replica claimed it: undefined), and sets the next one at `nextAt`. The round is a
   * re-challenge if one was pending; its load starts at 0.
   */
  claimRound(input: { group: string; expectedNextAt: number; roundAt: number; nextAt: number }): Promise<ChallengeRound | undefined>;
  /** Every round started at or after `since`, oldest first: callers keep `since` a few ticks back. */
  roundsSince(since: number): Promise<ChallengeRound[]>;
  /**
   * One replica's part of a round is over: raises the round's load to `loadMs` if higher and,
   * given `retryAt` and unless the round is itself a re-challenge, brings the group's next
   * round forward to `retryAt` as a re-challenge. Nothing if the group has moved to another round.
   */
  finishPart(input: { group: string; roundAt: number; loadMs: number; retryAt?: number }): Promise<void>;
}
