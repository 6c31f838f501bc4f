/** What an exclusive run did: it ran `fn` (with its result), or another holder had the lock and `fn` did not run. */
export type ExclusiveTick<T> = { kind: 'ran'; value: T } | { kind: 'held-elsewhere' };

/**
 * Mutual exclusion of periodic passes (the hourly reward block, the daily job shares) between
 * coordinator replicas that share one database. Non-blocking: a caller that does not get the
 * named lock skips its pass rather than waiting, since the holder does the same work.
 *
 * Adapters: a PostgreSQL advisory lock keyed by the lock's name (and the schema), which holds
 * across processes; an in-process mutex on embedded SQLite, which only one process opens.
 */
export interface TickLock {
  /**
   * Runs `fn` only if this caller can take the lock `name` now, and releases the lock when
   * `fn` settles (returns or throws; a throw is passed on). Two calls with the same name never
   * run at once, whether from one replica or two; different names do not exclude each other.
   * @param name - the lock's name, e.g. `rewards.block-tick`
   * @param fn - the pass to run while holding it
   */
  withExclusiveTick<T>(name: string, fn: () => Promise<T>): Promise<ExclusiveTick<T>>;
}
