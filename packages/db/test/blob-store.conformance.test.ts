/**
 * The BlobStore port's conformance suite, run against its adapter on every dialect (the
 * coordinator keeps datasets and job specs in its database, shared by its replicas).
 */
import { createHash } from 'node:crypto';
import type { BlobStore } from '@tensorgrid/domain';
import { DIALECTS, openTestDatabase, type TestDatabase } from '@tensorgrid/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqlBlobStore } from '../src/sql-blob-store';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe.each(DIALECTS)('BlobStore conformance: SQL on %s', (kind) => {
  let database: TestDatabase;
  let store: BlobStore;
  beforeEach(async () => {
    database = await openTestDatabase(kind);
    store = createSqlBlobStore(database.db, 'datasets');
  });
  afterEach(async () => {
    await database.close();
  });

  it('stores bytes under their SHA-256 and gives them back', async () => {
    const bytes = new TextEncoder().encode('5.1,3.5,0\n');
    expect(await store.putBlob(bytes)).toEqual({ sha256: sha(bytes), size: bytes.length });
    const back = await store.getBlob(sha(bytes));
    expect(back).toEqual(bytes);
    expect(Object.getPrototypeOf(back)).toBe(Uint8Array.prototype);
    expect(await store.hasBlob(sha(bytes))).toBe(true);
  });

  it('is idempotent, also under concurrent puts of the same bytes', async () => {
    const bytes = new Uint8Array(100_000).map((_, i) => i % 251);
    const results = await Promise.all(Array.from({ length: 8 }, () => store.putBlob(bytes)));
    expect(new Set(results.map((r) => r.sha256)).size).toBe(1);
    expect(await store.getBlob(sha(bytes))).toEqual(bytes);
  });

  it('stores a view of a larger buffer as just its bytes', async () => {
    const backing = new Uint8Array(64).map((_, i) => i);
    const view = backing.subarray(10, 20);
    await store.putBlob(view);
    expect(await store.getBlob(sha(view))).toEqual(Uint8Array.from(view));
  });

  it('answers null for a blob it does not hold, and refuses a name that is not a SHA-256', async () => {
    expect(await store.getBlob('0'.repeat(64))).toBeNull();
    expect(await store.hasBlob('0'.repeat(64))).toBe(false);
    await expect(store.getBlob('../etc/passwd')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(store.hasBlob('A'.repeat(64))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('keeps an empty blob apart from a missing one', async () => {
    const empty = new Uint8Array(0);
    await store.putBlob(empty);
    expect(await store.getBlob(sha(empty))).toEqual(empty);
    expect(await store.hasBlob(sha(empty))).toBe(true);
  });

  it('keeps kinds apart, and a second store on the same database (another replica) serves what the first stored', async () => {
    const bytes = new TextEncoder().encode('{"version":1}');
    await store.putBlob(bytes);
    expect(await createSqlBlobStore(database.db, 'job-specs').hasBlob(sha(bytes))).toBe(false);
    expect(await createSqlBlobStore(database.db, 'datasets').getBlob(sha(bytes))).toEqual(bytes);
  });
});
