import { sql, type Kysely } from 'kysely';
import { keyColumnType } from './key-column-type';

/**
 * The hardware-challenge schedule in the database instead of each coordinator's memory, so
 * that a tick reads only what is due, replicas share one schedule, and a restart keeps it:
 * - `devices.first_round_at`: when the device was first part of a round (null: never), with a
 *   partial index over the devices never challenged (by state, then when it last changed), and an
 *   index by operator and state (a group's available members);
 * - `challenge_groups`: per device group (an operator's devices, or a lone device) when its next
 *   round is due, whether that one is the re-challenge after a miss, and its latest round's start
 *   and whether it was a re-challenge.
 */
export const challengeScheduleMigration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('devices').addColumn('first_round_at', 'bigint').execute();
    await db.schema.createIndex('devices_unchallenged_idx').on('devices').columns(['state', 'state_changed_at', 'id']).where(sql.ref('first_round_at'), 'is', null).execute();
    await db.schema.createIndex('devices_operator_idx').on('devices').columns(['operator', 'state', 'id']).execute();
    await db.schema
      .createTable('challenge_groups')
      .addColumn('group_key', keyColumnType(db), (c) => c.primaryKey())
      .addColumn('simulated', 'integer', (c) => c.notNull())
      .addColumn('next_round_at', 'bigint', (c) => c.notNull())
      .addColumn('retry_pending', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('round_at', 'bigint')
      .addColumn('round_is_retry', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.createIndex('challenge_groups_due_idx').on('challenge_groups').columns(['simulated', 'next_round_at', 'group_key']).execute();
    await db.schema.createIndex('challenge_groups_round_idx').on('challenge_groups').column('round_at').execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('challenge_groups').execute();
    await db.schema.dropIndex('devices_operator_idx').execute();
    await db.schema.dropIndex('devices_unchallenged_idx').execute();
    await db.schema.alterTable('devices').dropColumn('first_round_at').execute();
  },
};
