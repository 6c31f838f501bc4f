import { sql, type Kysely } from 'kysely';

const RENAMES: readonly (readonly [string, string])[] = [
  ['open', 'posted'],
  ['passed', 'verified'],
];

/**
 * The job index's states take the names users see (issue #5): the contract's `Open` is
 * `posted` and its `Passed` is `verified`. Rows the index wrote before are renamed in place.
 */
export const jobStateNamesMigration = {
  async up(db: Kysely<unknown>): Promise<void> {
    for (const [from, to] of RENAMES) await sql`update jobs set state = ${to} where state = ${from}`.execute(db);
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const [from, to] of RENAMES) await sql`update jobs set state = ${from} where state = ${to}`.execute(db);
  },
};
