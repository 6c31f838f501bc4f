/**
 * Mutual exclusion between coordinator replicas that share one database, for work that must
 * not overlap but must not be skipped either: a holder waits its turn, unlike {@link TickLock}
 * whose caller skips a pass another replica is running. What it is for: the transactions the
 * replicas send from one shared key (the oracle's), whose nonces come from the chain's pending
 * count, so two replicas sending at once can take the same one.
 *
 * Adapters: a transaction-scoped PostgreSQL advisory lock keyed by the name (and the schema),
 * which holds across processes and goes with the holder's session if it dies; an in-process
 * queue on embedded SQLite, which only one process opens.
 */
export interface ReplicaMutex {
  /**
   * Runs `fn` holding the lock `name`, waiting while another holder (of this replica or
   * another) has it, and releases it when `fn` settles (a throw is passed on). Holders of one
   * name run one at a time; different names do not exclude each other.
   * @param name - the lock's name, e.g. `chain.sends:31337:0xabc…`
   * @param fn - what to run while holding it
   * @param options - `waitMs`: how long to wait for the lock (default 60 s)
   * @throws BaseError TIMEOUT (retryable) when the lock was not had within `waitMs`; `fn` did not run
   */
  withLock<T>(name: string, fn: () => Promise<T>, options?: { waitMs?: number }): Promise<T>;
}

/** How long {@link ReplicaMutex.withLock} waits by default. */
export const DEFAULT_MUTEX_WAIT_MS = 60_000;
