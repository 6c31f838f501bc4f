import { DEFAULT_MUTEX_WAIT_MS, type ReplicaMutex } from '@tensorgrid/domain';
import { BaseError } from '@tensorgrid/protocol';

/** The queue of each name, per database object: every mutex over one database shares them. */
const queuesByDatabase = new WeakMap<object, Map<string, Promise<void>>>();

/** Resolves true when `turn` settles, false after `ms` (whichever comes first). */
function waitFor(turn: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  return Promise.race([turn.then(() => true), timedOut]).finally(() => clearTimeout(timer));
}

/**
 * The replica mutex on embedded SQLite: a queue per name in this process (one process opens
 * an embedded SQLite file, so there is no other replica to exclude). Each holder waits for the
 * one before it; one that gives up waiting passes its turn straight on.
 * @param database - the database the mutex guards (any object identifying it, e.g. its Kysely instance)
 */
export function createInProcessReplicaMutex(database: object): ReplicaMutex {
  let queues = queuesByDatabase.get(database);
  if (!queues) queuesByDatabase.set(database, (queues = new Map()));
  const tails = queues;
  return {
    async withLock(name, fn, options) {
      const before = tails.get(name) ?? Promise.resolve();
      let release!: () => void;
      const done = new Promise<void>((resolve) => (release = resolve));
      const tail = before.then(() => done);
      tails.set(name, tail);
      try {
        const waitMs = options?.waitMs ?? DEFAULT_MUTEX_WAIT_MS;
        if (!(await waitFor(before, waitMs))) {
          throw new BaseError('TIMEOUT', `Lock ${name} was not free within ${waitMs} ms`, { details: 'Another holder kept it; the caller may retry.' });
        }
        return await fn();
      } finally {
        release();
        if (tails.get(name) === tail) tails.delete(name);
      }
    },
  };
}
