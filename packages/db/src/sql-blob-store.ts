import { createHash } from 'node:crypto';
import type { BlobStore, StoredBlob } from '@tensorgrid/domain';
import { parseOrThrow, sha256HexSchema } from '@tensorgrid/protocol';
import type { Kysely } from 'kysely';
import type { Database } from './schema';

/** What a store holds: each kind is its own namespace of hashes. */
export type BlobKind = 'datasets' | 'job-specs';

/**
 * A {@link BlobStore} in the coordinator's database, so every replica on one PostgreSQL
 * database serves every blob, whichever replica stored it. A put is one INSERT … ON CONFLICT
 * DO NOTHING of the whole blob: a crash leaves the whole row or none, and concurrent puts of
 * the same bytes store it once.
 * @param db - an open, migrated database
 * @param kind - the namespace (datasets and job specs are kept apart)
 */
export function createSqlBlobStore(db: Kysely<Database>, kind: BlobKind): BlobStore {
  const checked = (sha256: string): string => parseOrThrow(sha256HexSchema, sha256, 'blob name');
  const hasBlob = async (sha256: string): Promise<boolean> => {
    const row = await db.selectFrom('blobs').select('size').where('kind', '=', kind).where('sha256', '=', checked(sha256)).executeTakeFirst();
    return row !== undefined;
  };
  return {
    hasBlob,
    async putBlob(bytes: Uint8Array): Promise<StoredBlob> {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      // Uploads of a known blob (the devnet re-seeds at every start) do not send its bytes again.
      if (await hasBlob(sha256)) return { sha256, size: bytes.length };
      // A Buffer view (no copy): better-sqlite3 binds Buffers, not plain Uint8Arrays, as BLOBs.
      const blob = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      await db.insertInto('blobs').values({ kind, sha256, size: bytes.length, bytes: blob }).onConflict((oc) => oc.columns(['kind', 'sha256']).doNothing()).execute();
      return { sha256, size: bytes.length };
    },
    async getBlob(sha256: string): Promise<Uint8Array | null> {
      const row = await db.selectFrom('blobs').select('bytes').where('kind', '=', kind).where('sha256', '=', checked(sha256)).executeTakeFirst();
      // Both drivers answer a Buffer, which for a small blob may sit in Node's shared pool: hand out a copy.
      return row ? new Uint8Array(row.bytes) : null;
    },
  };
}
