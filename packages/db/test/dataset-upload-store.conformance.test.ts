import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BlobStore, DatasetUploadReservation, DatasetUploadStore, IndexedJob, JobIndexStore } from '@tensorgrid/domain';
import { DIALECTS, type TestDatabase, openTestDatabase } from '@tensorgrid/test-utils';
import { createDatasetUploadStore } from '../src/dataset-upload-store';
import { createJobIndexStore } from '../src/job-index-store';
import { createSqlBlobStore } from '../src/sql-blob-store';

const T0 = 1_700_000_000_000;
const HOUR = 3_600_000;
const ALICE = '0x00000000000000000000000000000000000a11ce';
const BOB = '0x0000000000000000000000000000000000000b0b';
const sha = (n: number) => n.toString(16).padStart(64, '0');
const NO_LIMIT = 2 ** 40;

describe.each(DIALECTS)('DatasetUploadStore on %s', (kind) => {
  let database: TestDatabase;
  let store: DatasetUploadStore;
  /** A reservation with room everywhere unless a limit is given. */
  const reserve = (r: Omit<DatasetUploadReservation, 'quotaBytes' | 'poolBytes' | 'at'> & Partial<DatasetUploadReservation>) => store.reserve({ quotaBytes: 1000, poolBytes: NO_LIMIT, at: T0, ...r });

  beforeEach(async () => {
    database = await openTestDatabase(kind);
    store = createDatasetUploadStore(database.db);
  });
  afterEach(async () => {
    await database.close();
  });

  it('charges a new blob to its uploader and the pool, and a known one to nobody', async () => {
    expect(await reserve({ uploader: ALICE.toUpperCase().replace('0X', '0x'), sha256: sha(1), bytes: 600 })).toEqual({ kind: 'reserved', usedBytes: 600 });
    expect(await reserve({ uploader: BOB, sha256: sha(1), bytes: 600, at: T0 + 1 })).toEqual({ kind: 'exists', uploader: ALICE });
    expect(await reserve({ uploader: ALICE, sha256: sha(1), bytes: 600, at: T0 + 2 })).toEqual({ kind: 'exists', uploader: ALICE });
    expect(await store.usedBytes(ALICE)).toBe(600);
    expect(await store.usedBytes(BOB)).toBe(0);
    expect(await store.unclaimedBytes()).toBe(600);
    expect(await store.uploadOf(sha(1))).toEqual({ uploader: ALICE, bytes: 600, uploadedAt: T0, claimedAt: null });
    expect(await store.uploadOf(sha(2))).toBeUndefined();
  });

  it('refuses what would pass the quota and records nothing of it; the quota is filled exactly', async () => {
    await reserve({ uploader: ALICE, sha256: sha(1), bytes: 600 });
    expect(await reserve({ uploader: ALICE, sha256: sha(2), bytes: 401 })).toEqual({ kind: 'over-quota', usedBytes: 600 });
    expect(await store.uploadOf(sha(2))).toBeUndefined();
    expect(await reserve({ uploader: ALICE, sha256: sha(2), bytes: 400 })).toEqual({ kind: 'reserved', usedBytes: 1000 });
    // A first upload larger than the quota alone is refused too, and leaves no quota row behind that counts.
    expect(await reserve({ uploader: BOB, sha256: sha(3), bytes: 2000 })).toEqual({ kind: 'over-quota', usedBytes: 0 });
    expect(await store.uploadOf(sha(3))).toBeUndefined();
    expect(await store.unclaimedBytes()).toBe(1000);
  });

  it('refuses what would pass the shared pool, whoever uploads it, and records nothing of it', async () => {
    await reserve({ uploader: ALICE, sha256: sha(1), bytes: 600, poolBytes: 1000 });
    expect(await reserve({ uploader: BOB, sha256: sha(2), bytes: 401, poolBytes: 1000 })).toEqual({ kind: 'pool-full', unclaimedBytes: 600 });
    expect(await store.uploadOf(sha(2))).toBeUndefined();
    expect(await store.usedBytes(BOB)).toBe(0);
    expect(await reserve({ uploader: BOB, sha256: sha(2), bytes: 400, poolBytes: 1000 })).toEqual({ kind: 'reserved', usedBytes: 400 });
    expect(await store.unclaimedBytes()).toBe(1000);
  });

  it('lets concurrent uploads of one account together fill at most its quota', async () => {
    const outcomes = await Promise.all(Array.from({ length: 8 }, (_, i) => reserve({ uploader: ALICE, sha256: sha(10 + i), bytes: 300, at: T0 + i })));
    expect(outcomes.filter((o) => o.kind === 'reserved')).toHaveLength(3);
    expect(outcomes.filter((o) => o.kind === 'over-quota')).toHaveLength(5);
    expect(await store.usedBytes(ALICE)).toBe(900);
    const recorded = await Promise.all(Array.from({ length: 8 }, (_, i) => store.uploadOf(sha(10 + i))));
    expect(recorded.filter(Boolean)).toHaveLength(3);
  });

  it('lets concurrent uploads of many accounts together fill at most the pool', async () => {
    const uploader = (i: number) => `0x${(i + 1).toString(16).padStart(40, '0')}`;
    const outcomes = await Promise.all(Array.from({ length: 8 }, (_, i) => reserve({ uploader: uploader(i), sha256: sha(20 + i), bytes: 300, poolBytes: 1000 })));
    expect(outcomes.filter((o) => o.kind === 'reserved')).toHaveLength(3);
    expect(outcomes.filter((o) => o.kind === 'pool-full')).toHaveLength(5);
    expect(await store.unclaimedBytes()).toBe(900);
    const held = await Promise.all(Array.from({ length: 8 }, (_, i) => store.usedBytes(uploader(i))));
    expect(held.reduce((a, b) => a + b, 0)).toBe(900);
  });

  it('records one uploader for concurrent uploads of the same blob, charged once', async () => {
    const outcomes = await Promise.all([ALICE, BOB, ALICE, BOB].map((uploader) => reserve({ uploader, sha256: sha(7), bytes: 100 })));
    expect(outcomes.filter((o) => o.kind === 'reserved')).toHaveLength(1);
    expect((await store.usedBytes(ALICE)) + (await store.usedBytes(BOB))).toBe(100);
    expect(await store.unclaimedBytes()).toBe(100);
  });

  describe('sweeps', () => {
    let blobs: BlobStore;
    let jobs: JobIndexStore;
    /** A dataset blob stored and uploaded by `uploader` at `at`; returns its SHA-256. */
    const upload = async (text: string, uploader: string, at: number): Promise<string> => {
      const bytes = new TextEncoder().encode(text);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      expect(await reserve({ uploader, sha256, bytes: bytes.length, at })).toMatchObject({ kind: 'reserved' });
      await blobs.putBlob(bytes);
      return sha256;
    };
    const specHash = (n: number) => `0x${n.toString(16).padStart(64, '0')}`;
    let block = 0;
    /** Indexes job `id` naming `spec` (a new block each time), open unless taken by a node or in another state. */
    const index = async (id: number, spec: string, state: Partial<Pick<IndexedJob, 'state' | 'node'>> = {}) => {
      const job: IndexedJob = {
        jobId: BigInt(id), state: 'posted', requester: ALICE, node: null, ...state, verifier: null, whistleblower: null, specHash: spec, resultRoot: null, evidence: null,
        fee: 10n, gas: 1n, deposit: 0n, bond: 0n, deadline: 1_900_000_000, challengeEndsAt: null, verdictDay: null, postedBlock: id, updatedBlock: id,
      };
      job.state = state.state ?? job.state;
      block += 1;
      expect(await jobs.applyBatch({ cursor: { contract: '0x00000000000000000000000000000000000000f1', block }, jobs: [{ ...job, updatedBlock: block }], events: [] })).toBe('applied');
    };

    beforeEach(() => {
      blobs = createSqlBlobStore(database.db, 'datasets');
      jobs = createJobIndexStore(database.db);
    });

    it('claims an upload once a node takes a job whose spec names it: its bytes leave the quota and the pool, and it no longer expires', async () => {
      const named = await upload('1,2,0\n', ALICE, T0);
      const other = await upload('3,4,1\n', ALICE, T0);
      // The spec hash is matched whatever its case.
      await store.recordSpecDataset({ specHash: specHash(0xab).toUpperCase().replace('0X', '0x'), sha256: named });
      await store.recordSpecDataset({ specHash: specHash(0xab), sha256: named });
      expect(await store.sweep({ at: T0 + HOUR, uploadedBefore: T0 - HOUR, limit: 100 })).toEqual({ claimed: 0, removed: [] });
      // Open (posted, nobody took it): kept past its expiry, but still counted, since its requester may cancel for a refund.
      await index(1, specHash(0xab));
      expect(await store.sweep({ at: T0 + 25 * HOUR, uploadedBefore: T0 + HOUR, limit: 100 })).toEqual({ claimed: 0, removed: [{ sha256: other, uploader: ALICE, bytes: 6 }] });
      expect(await blobs.hasBlob(named)).toBe(true);
      expect(await store.usedBytes(ALICE)).toBe(6);
      await index(1, specHash(0xab), { state: 'accepted', node: BOB });
      expect(await store.sweep({ at: T0 + 26 * HOUR, uploadedBefore: T0 + HOUR, limit: 100 })).toEqual({ claimed: 1, removed: [] });
      expect(await store.uploadOf(named)).toMatchObject({ claimedAt: T0 + 26 * HOUR });
      expect(await store.usedBytes(ALICE)).toBe(0);
      expect(await store.unclaimedBytes()).toBe(0);
      // Later sweeps leave it be, however old it gets.
      expect(await store.sweep({ at: T0 + 480 * HOUR, uploadedBefore: T0 + 400 * HOUR, limit: 100 })).toEqual({ claimed: 0, removed: [] });
      expect(await blobs.hasBlob(named)).toBe(true);
    });

    it('lets an upload whose only job was cancelled expire', async () => {
      const named = await upload('5,6,0\n', BOB, T0);
      await store.recordSpecDataset({ specHash: specHash(0xcd), sha256: named });
      await index(2, specHash(0xcd), { state: 'cancelled' });
      expect(await store.sweep({ at: T0 + 25 * HOUR, uploadedBefore: T0 + HOUR, limit: 100 })).toEqual({ claimed: 0, removed: [{ sha256: named, uploader: BOB, bytes: 6 }] });
      expect(await blobs.hasBlob(named)).toBe(false);
    });

    it('removes expired unclaimed uploads with their blobs, oldest first up to the limit, and gives their bytes back', async () => {
      const oldest = await upload('a\n', ALICE, T0);
      const older = await upload('bb\n', BOB, T0 + 1);
      const old = await upload('ccc\n', ALICE, T0 + 2);
      const young = await upload('dddd\n', BOB, T0 + 25 * HOUR);
      // A blob stored without an upload (seeded), and a spec blob: not the sweep's.
      const seeded = await blobs.putBlob(new TextEncoder().encode('seeded\n'));
      const specs = createSqlBlobStore(database.db, 'job-specs');
      await specs.putBlob(new TextEncoder().encode('a\n'));
      const sweep = (limit: number) => store.sweep({ at: T0 + 26 * HOUR, uploadedBefore: T0 + 2 * HOUR, limit });

      expect(await sweep(2)).toEqual({ claimed: 0, removed: [{ sha256: oldest, uploader: ALICE, bytes: 2 }, { sha256: older, uploader: BOB, bytes: 3 }] });
      expect(await blobs.hasBlob(oldest)).toBe(false);
      expect(await blobs.hasBlob(older)).toBe(false);
      expect(await store.uploadOf(oldest)).toBeUndefined();
      expect(await sweep(2)).toEqual({ claimed: 0, removed: [{ sha256: old, uploader: ALICE, bytes: 4 }] });
      expect(await sweep(2)).toEqual({ claimed: 0, removed: [] });
      expect(await blobs.hasBlob(young)).toBe(true);
      expect(await blobs.hasBlob(seeded.sha256)).toBe(true);
      expect(await specs.hasBlob(oldest)).toBe(true);
      expect(await store.usedBytes(ALICE)).toBe(0);
      expect(await store.usedBytes(BOB)).toBe(5);
      expect(await store.unclaimedBytes()).toBe(5);
      // A removed dataset can be uploaded again, charged anew.
      expect(await reserve({ uploader: BOB, sha256: oldest, bytes: 2, at: T0 + 27 * HOUR })).toEqual({ kind: 'reserved', usedBytes: 7 });
    });
  });
});
