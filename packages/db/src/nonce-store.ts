import type { Kysely } from 'kysely';
import type { NonceStore } from '@tensorgrid/domain';
import type { Database } from './schema';

/**
 * Single-use nonces over Kysely. Consumption is one `INSERT ... ON CONFLICT DO NOTHING`:
 * the primary key (signer, nonce) lets exactly one of concurrent consumers insert.
 * @param db - an open, migrated database
 */
export function createNonceStore(db: Kysely<Database>): NonceStore {
  return {
    async consumeNonce({ signer, nonce, expiresAt }): Promise<boolean> {
      const result = await db
        .insertInto('request_nonces')
        .values({ signer, nonce, expires_at: expiresAt })
        .onConflict((oc) => oc.columns(['signer', 'nonce']).doNothing())
        .executeTakeFirst();
      return result.numInsertedOrUpdatedRows === 1n;
    },

    async pruneNonces(now): Promise<number> {
      const result = await db.deleteFrom('request_nonces').where('expires_at', '<', now).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
