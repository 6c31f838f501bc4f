import type { Kysely } from 'kysely';

/**
 * A device's challenge results in keyset order: the index covers `(device_id, issued_at, id)`,
 * the order `ChallengeResultStore.list` pages in (newest first, then by id), so a page after a
 * key is one index range with no sort. Down restores the index without `id`.
 */
export const challengeResultsKeysetMigration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex('challenge_results_device_idx').execute();
    await db.schema.createIndex('challenge_results_device_idx').on('challenge_results').columns(['device_id', 'issued_at', 'id']).execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex('challenge_results_device_idx').execute();
    await db.schema.createIndex('challenge_results_device_idx').on('challenge_results').columns(['device_id', 'issued_at']).execute();
  },
};
