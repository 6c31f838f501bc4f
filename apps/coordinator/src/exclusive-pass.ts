import type { TickLock } from '@tensorgrid/domain';
import type { Logger } from 'pino';

/** How a pass is guarded: the tick lock (none: the pass always runs), its name, and what a skipped tick returns. */
export interface ExclusivePassGuard<T> {
  lock: TickLock | undefined;
  name: string;
  /** The result of a tick that another replica runs. */
  skipped: () => T;
  log?: Pick<Logger, 'debug'> | undefined;
}

/**
 * Wraps a periodic pass so it runs only while this replica holds the named tick lock; a replica
 * that does not get it skips the tick (the holder does the same work) and logs at debug.
 * @param pass - one pass
 * @param guard - the lock, its name, the skipped result and the log
 */
export function exclusivePass<T>(pass: () => Promise<T>, guard: ExclusivePassGuard<T>): () => Promise<T> {
  const { lock } = guard;
  if (!lock) return pass;
  return async () => {
    const run = await lock.withExclusiveTick(guard.name, pass);
    if (run.kind === 'ran') return run.value;
    guard.log?.debug({ lock: guard.name }, 'tick skipped: another replica holds its lock');
    return guard.skipped();
  };
}
