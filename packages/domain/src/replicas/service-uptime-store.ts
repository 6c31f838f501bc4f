/** One coordinator process's run: from its start to the last time it said it was alive (ms). */
export interface ServiceRun {
  /** The process's own id, new at every start. */
  instance: string;
  startedAt: number;
  aliveAt: number;
}

/**
 * How often a coordinator process records that it is alive ({@link ServiceUptimeStore.markAlive}):
 * a run counts as up until `aliveAt` plus this, so no outage shorter than it is ever seen.
 */
export const SERVICE_ALIVE_EVERY_MS = 10_000;

/**
 * Port: when the coordinator was up, as its processes record it (every replica marks its own
 * run). Deadlines that only the coordinator can receive answers for count the coordinator's
 * up time alone ({@link deadlineCountingUptime}): a node must not lose a dispute because the
 * coordinator it had to answer through was down. The SQL adapter is `createServiceUptimeStore`.
 */
export interface ServiceUptimeStore {
  /** Records that `instance`, started at `startedAt`, is alive at `at`: creates its run, or moves its `aliveAt` forward (never back). */
  markAlive(run: { instance: string; startedAt: number; at: number }): Promise<void>;
  /** The runs alive at or after `fromMs` that started by `toMs`, by start. */
  runs(window: { fromMs: number; toMs: number }): Promise<ServiceRun[]>;
  /** When the first run recorded began (undefined before any): no time before it is an outage, the record did not exist yet. */
  firstStartedAt(): Promise<number | undefined>;
}
