import { sql, type CreateTableBuilder, type Kysely } from 'kysely';
import { keyColumnType } from './key-column-type';

/** The tables keyed by round, with their columns besides `job_id` and `round`. */
const TABLES = {
  job_challenges: (t: CreateTableBuilder<string, never>, key: ReturnType<typeof keyColumnType>) =>
    t.addColumn('verifier', key, (c) => c.notNull()).addColumn('steps', 'text', (c) => c.notNull()).addColumn('beacon', 'text', (c) => c.notNull())
      .addColumn('issued_at', 'bigint', (c) => c.notNull()).addColumn('respond_by', 'bigint', (c) => c.notNull()),
  job_verdict_reports: (t: CreateTableBuilder<string, never>, key: ReturnType<typeof keyColumnType>) =>
    t.addColumn('verifier', key, (c) => c.notNull()).addColumn('body', 'text', (c) => c.notNull()).addColumn('received_at', 'bigint', (c) => c.notNull()),
};
const COLUMNS = { job_challenges: 'verifier, steps, beacon, issued_at, respond_by', job_verdict_reports: 'verifier, body, received_at' };

/**
 * Rebuilds a table keyed by `job_id, round` (up) or by `job_id` alone with round 0's rows
 * (down): SQLite cannot change a primary key in place.
 */
async function rebuild(db: Kysely<unknown>, table: keyof typeof TABLES, byRound: boolean): Promise<void> {
  const next = `${table}_next`;
  const base = db.schema.createTable(next).addColumn('job_id', 'bigint', (c) => (byRound ? c.notNull() : c.primaryKey()));
  const keyed = byRound ? base.addColumn('round', 'integer', (c) => c.notNull()).addPrimaryKeyConstraint(`${table}_round_pk`, ['job_id', 'round']) : base;
  await TABLES[table](keyed as CreateTableBuilder<string, never>, keyColumnType(db)).execute();
  const columns = sql.raw(COLUMNS[table]);
  await (byRound
    ? sql`insert into ${sql.table(next)} (job_id, round, ${columns}) select job_id, 0, ${columns} from ${sql.table(table)}`
    : sql`insert into ${sql.table(next)} (job_id, ${columns}) select job_id, ${columns} from ${sql.table(table)} where round = 0`
  ).execute(db);
  await db.schema.dropTable(table).execute();
  await db.schema.alterTable(next).renameTo(table).execute();
}

/**
 * Verification rounds: a job whose node wins a contest goes back to `submitted` for another
 * verdict, so `job_challenges` and `job_verdict_reports` hold one row per job and round
 * (primary key `job_id, round`); rows stored before are round 0. Openings stay one per job
 * and step. Down keeps round 0 only.
 */
export const challengeRoundsMigration = {
  async up(db: Kysely<unknown>): Promise<void> {
    for (const table of ['job_challenges', 'job_verdict_reports'] as const) await rebuild(db, table, true);
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of ['job_challenges', 'job_verdict_reports'] as const) await rebuild(db, table, false);
  },
};
