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
    // Uploaded again (unclaimed): its expiry starts over.
    expect(await store.uploadOf(sha(1))).toEqual({ uploader: ALICE, bytes: 600, uploadedAt: T0 + 2, claimedAt: null });
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
    let specs: BlobStore;
    let jobs: JobIndexStore;
    const NOTHING = { claimed: 0, removed: [], specsClaimed: 0, specsRemoved: [] };
    /** A dataset blob stored and uploaded by `uploader` at `at`; returns its SHA-256. */
    const upload = async (text: string, uploader: string, at: number): Promise<string> => {
      const bytes = new TextEncoder().encode(text);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      expect(await reserve({ uploader, sha256, bytes: bytes.length, at })).toMatchObject({ kind: 'reserved' });
      await blobs.putBlob(bytes);
      return sha256;
    };
    /** A job spec's bytes stored at `at` as the route does; returns its spec hash. */
    const storeSpec = async (text: string, at: number, poolBytes = NO_LIMIT): Promise<string> => {
      const bytes = new TextEncoder().encode(text);
      const specHash = `0x${createHash('sha256').update(bytes).digest('hex')}`;
      expect(await store.reserveSpec({ specHash, bytes: bytes.length, poolBytes, at })).toEqual({ kind: 'reserved' });
      await specs.putBlob(bytes);
      return specHash;
    };
    const specHash = (n: number) => `0x${n.toString(16).padStart(64, '0')}`;
    /** Stores spec `spec` (counted as 0 bytes) naming the stored dataset `sha256`, as the spec route does. */
    const name = async (spec: string, sha256: string, at: number) => expect(await store.reserveSpec({ specHash: spec, bytes: 0, poolBytes: NO_LIMIT, at, dataset: sha256 })).toMatchObject({ kind: expect.stringMatching(/^(reserved|exists)$/) });
    const DEADLINE = Math.floor(T0 / 1000) + 100 * 3600;
    let block = 0;
    /** Indexes job `id` of `spec` (a new block each time): posted before its deadline unless told otherwise. */
    const index = async (id: number, spec: string, state: Partial<Pick<IndexedJob, 'state' | 'node' | 'resultRoot' | 'deadline'>> = {}) => {
      block += 1;
      const job: IndexedJob = {
        jobId: BigInt(id), state: 'posted', requester: ALICE, node: null, verifier: null, whistleblower: null, specHash: spec, resultRoot: null, evidence: null,
        fee: 10n, gas: 1n, deposit: 0n, bond: 0n, deadline: DEADLINE, challengeEndsAt: null, verdictDay: null, postedBlock: 1, updatedBlock: block, ...state,
      };
      expect(await jobs.applyBatch({ cursor: { contract: '0x00000000000000000000000000000000000000f1', block }, jobs: [job], events: [] })).toBe('applied');
    };
    const sweepAt = (hours: number, limit = 100) => store.sweep({ at: T0 + hours * HOUR, uploadedBefore: T0 + (hours - 24) * HOUR, limit });

    beforeEach(() => {
      blobs = createSqlBlobStore(database.db, 'datasets');
      specs = createSqlBlobStore(database.db, 'job-specs');
      jobs = createJobIndexStore(database.db);
    });

    it('claims an upload once a node submits a result for a job of a spec naming it; a live job keeps it meanwhile, still counted', async () => {
      const named = await upload('1,2,0\n', ALICE, T0);
      // Recorded in upper case, matched against the index's lower case.
      await name(specHash(0xab).toUpperCase().replace('0X', '0x'), named, T0);
      await index(1, specHash(0xab));
      expect(await sweepAt(25)).toEqual(NOTHING);
      await index(1, specHash(0xab), { state: 'accepted', node: BOB });
      expect(await sweepAt(26)).toEqual(NOTHING);
      expect(await store.usedBytes(ALICE)).toBe(6);
      await index(1, specHash(0xab), { state: 'submitted', node: BOB, resultRoot: `0x${'cd'.repeat(32)}` });
      expect(await sweepAt(27)).toEqual({ ...NOTHING, claimed: 1, specsClaimed: 1 });
      expect(await store.uploadOf(named)).toMatchObject({ claimedAt: T0 + 27 * HOUR });
      expect(await store.usedBytes(ALICE)).toBe(0);
      expect(await store.unclaimedBytes()).toBe(0);
      // Claimed for good: later sweeps leave it be, whatever becomes of the job.
      await index(1, specHash(0xab), { state: 'settled', node: BOB, resultRoot: `0x${'cd'.repeat(32)}` });
      expect(await sweepAt(500)).toEqual(NOTHING);
      expect(await blobs.hasBlob(named)).toBe(true);
    });

    it('lets an upload expire when its only job was cancelled, declined back and past its deadline, or taken and not finished in time', async () => {
      const cancelled = await upload('5,6,0\n', BOB, T0);
      const stale = await upload('7,8,1\n', BOB, T0);
      const late = await upload('9,9,1\n', BOB, T0);
      for (const [n, sha256] of [[1, cancelled], [2, stale], [3, late]] as const) await name(specHash(n), sha256, T0);
      await index(1, specHash(1), { state: 'cancelled' });
      await index(2, specHash(2), { deadline: Math.floor(T0 / 1000) + 3600 });
      await index(3, specHash(3), { state: 'accepted', node: ALICE, deadline: Math.floor(T0 / 1000) + 3600 });
      const sweep = await sweepAt(25);
      expect(sweep.removed.map((r) => r.sha256).sort()).toEqual([cancelled, late, stale].sort());
      expect(await store.unclaimedBytes()).toBe(0);
    });

    it('removes expired unclaimed uploads with their blobs, oldest first up to the limit, and gives their bytes back', async () => {
      const oldest = await upload('a\n', ALICE, T0);
      const older = await upload('bb\n', BOB, T0 + 1);
      const old = await upload('ccc\n', ALICE, T0 + 2);
      const young = await upload('dddd\n', BOB, T0 + 25 * HOUR);
      // A blob stored without an upload (before migration 0016), and a spec blob of the same bytes: not the sweep's.
      const seeded = await blobs.putBlob(new TextEncoder().encode('seeded\n'));
      await specs.putBlob(new TextEncoder().encode('a\n'));

      // A limit of 0 removes nothing (the sweeper's pass while the job index is behind).
      expect(await sweepAt(26, 0)).toEqual(NOTHING);
      expect(await sweepAt(26, 2)).toEqual({ ...NOTHING, removed: [{ sha256: oldest, uploader: ALICE, bytes: 2 }, { sha256: older, uploader: BOB, bytes: 3 }] });
      expect(await blobs.hasBlob(oldest)).toBe(false);
      expect(await blobs.hasBlob(older)).toBe(false);
      expect(await store.uploadOf(oldest)).toBeUndefined();
      expect(await sweepAt(26, 2)).toEqual({ ...NOTHING, removed: [{ sha256: old, uploader: ALICE, bytes: 4 }] });
      expect(await sweepAt(26, 2)).toEqual(NOTHING);
      expect(await blobs.hasBlob(young)).toBe(true);
      expect(await blobs.hasBlob(seeded.sha256)).toBe(true);
      expect(await specs.hasBlob(oldest)).toBe(true);
      expect(await store.usedBytes(ALICE)).toBe(0);
      expect(await store.usedBytes(BOB)).toBe(5);
      expect(await store.unclaimedBytes()).toBe(5);
      // A removed dataset can be uploaded again, charged anew.
      expect(await reserve({ uploader: BOB, sha256: oldest, bytes: 2, at: T0 + 27 * HOUR })).toEqual({ kind: 'reserved', usedBytes: 7 });
    });

    it('starts an unclaimed upload\'s expiry over when it is uploaded again or a spec names it, so no sweep removes it under either', async () => {
      const again = await upload('e\n', ALICE, T0);
      const named = await upload('f\n', ALICE, T0);
      expect(await reserve({ uploader: BOB, sha256: again, bytes: 2, at: T0 + 20 * HOUR })).toEqual({ kind: 'exists', uploader: ALICE });
      await name(specHash(9), named, T0 + 20 * HOUR);
      expect(await sweepAt(30)).toEqual(NOTHING);
      expect(await store.uploadOf(again)).toMatchObject({ uploadedAt: T0 + 20 * HOUR });
      expect((await sweepAt(45)).removed.map((r) => r.sha256).sort()).toEqual([again, named].sort());
    });

    it('records nothing of a refused spec: no reference, no new expiry for its dataset, nothing counted', async () => {
      const dataset = await upload('h\n', BOB, T0);
      expect(await store.reserveSpec({ specHash: specHash(5), bytes: 10, poolBytes: 5, at: T0 + 20 * HOUR, dataset })).toEqual({ kind: 'pool-full', unclaimedBytes: 2 });
      expect(await store.reserveSpec({ specHash: specHash(6), bytes: 10, poolBytes: NO_LIMIT, at: T0 + 20 * HOUR, dataset: 'ee'.repeat(32) })).toEqual({ kind: 'dataset-missing' });
      expect(await store.uploadOf(dataset)).toMatchObject({ uploadedAt: T0 });
      expect(await store.unclaimedBytes()).toBe(2);
      // Neither spec was recorded: a job of it with a result claims nothing, and the dataset expires on time.
      await index(1, specHash(5), { state: 'submitted', node: ALICE, resultRoot: `0x${'ab'.repeat(32)}` });
      expect(await sweepAt(25)).toEqual({ ...NOTHING, removed: [{ sha256: dataset, uploader: BOB, bytes: 2 }] });
      expect(await store.reserveSpec({ specHash: specHash(6), bytes: 10, poolBytes: NO_LIMIT, at: T0 + 26 * HOUR })).toEqual({ kind: 'reserved' });
    });

    it('keeps an upload whose job is accepted until an hour past its deadline, the index\'s grace for a submission at the deadline', async () => {
      const dataset = await upload('i\n', ALICE, T0);
      await name(specHash(8), dataset, T0);
      await index(1, specHash(8), { state: 'accepted', node: BOB, deadline: Math.floor(T0 / 1000) + 25 * 3600 });
      expect(await sweepAt(25.5)).toEqual(NOTHING);
      expect(await sweepAt(26.5)).toEqual({ ...NOTHING, removed: [{ sha256: dataset, uploader: ALICE, bytes: 2 }], specsRemoved: [specHash(8)] });
    });

    it('counts stored job specs against the pool alone, claims them with a result, and removes expired ones with their blobs and dataset references', async () => {
      const kept = await storeSpec('{"spec":1}', T0);
      const dropped = await storeSpec('{"spec":2}', T0);
      const dataset = await upload('g\n', ALICE, T0 + 30 * HOUR);
      await name(dropped, dataset, T0);
      expect(await store.unclaimedBytes()).toBe(10 + 10 + 2);
      expect(await store.reserveSpec({ specHash: kept, bytes: 10, poolBytes: 0, at: T0 + HOUR })).toEqual({ kind: 'exists' });
      expect(await store.reserveSpec({ specHash: specHash(7), bytes: 100, poolBytes: 100, at: T0 })).toEqual({ kind: 'pool-full', unclaimedBytes: 22 });
      await index(1, kept, { state: 'verified', node: BOB, resultRoot: `0x${'ef'.repeat(32)}` });
      expect(await sweepAt(30)).toEqual({ ...NOTHING, specsClaimed: 1, specsRemoved: [dropped] });
      expect(await specs.hasBlob(kept.slice(2))).toBe(true);
      expect(await specs.hasBlob(dropped.slice(2))).toBe(false);
      expect(await store.unclaimedBytes()).toBe(2);
      // The removed spec no longer names the dataset: a job of it (were it ever posted) would not keep or claim it.
      await index(2, dropped, { state: 'verified', node: BOB, resultRoot: `0x${'ef'.repeat(32)}` });
      expect((await sweepAt(60)).removed.map((r) => r.sha256)).toEqual([dataset]);
    });
  });
});
