import type { TickLock } from '@tensorgrid/domain';

/** Names held per database object, so that every lock over one database shares its holders. */
const heldByDatabase = new WeakMap<object, Set<string>>();

/**
 * The tick lock on embedded SQLite: an in-process mutex per database. One process opens an
 * embedded SQLite file (it is no shared server; a second coordinator on the same file is not a
 * supported deployment), so excluding the passes within this process is all the exclusion there
 * is to have; a table-based lease would add expiry and clock questions for no gain. Locks made
 * over the same database object share their holders; other databases are independent.
 * @param database - the database the lock guards (any object identifying it, e.g. its Kysely instance)
 */
export function createInProcessTickLock(database: object): TickLock {
  let held = heldByDatabase.get(database);
  if (!held) heldByDatabase.set(database, (held = new Set()));
  const names = held;
  return {
    async withExclusiveTick(name, fn) {
      if (names.has(name)) return { kind: 'held-elsewhere' };
      names.add(name);
      try {
        return { kind: 'ran', value: await fn() };
      } finally {
        names.delete(name);
      }
    },
  };
}
