import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatasetUploadStore } from '@tensorgrid/domain';
import { DIALECTS, type TestDatabase, openTestDatabase } from '@tensorgrid/test-utils';
import { createDatasetUploadStore } from '../src/dataset-upload-store';

const T0 = 1_700_000_000_000;
const ALICE = '0x00000000000000000000000000000000000a11ce';
const BOB = '0x0000000000000000000000000000000000000b0b';
const sha = (n: number) => n.toString(16).padStart(64, '0');

describe.each(DIALECTS)('DatasetUploadStore on %s', (kind) => {
  let database: TestDatabase;
  let store: DatasetUploadStore;

  beforeEach(async () => {
    database = await openTestDatabase(kind);
    store = createDatasetUploadStore(database.db);
  });
  afterEach(async () => {
    await database.close();
  });

  it('charges a new blob to its uploader, and a known one to nobody', async () => {
    expect(await store.reserve({ uploader: ALICE.toUpperCase().replace('0X', '0x'), sha256: sha(1), bytes: 600, quotaBytes: 1000, at: T0 })).toEqual({ kind: 'reserved', usedBytes: 600 });
    expect(await store.reserve({ uploader: BOB, sha256: sha(1), bytes: 600, quotaBytes: 1000, at: T0 + 1 })).toEqual({ kind: 'exists', uploader: ALICE });
    expect(await store.reserve({ uploader: ALICE, sha256: sha(1), bytes: 600, quotaBytes: 1000, at: T0 + 2 })).toEqual({ kind: 'exists', uploader: ALICE });
    expect(await store.usedBytes(ALICE)).toBe(600);
    expect(await store.usedBytes(BOB)).toBe(0);
    expect(await store.uploadOf(sha(1))).toEqual({ uploader: ALICE, bytes: 600, uploadedAt: T0 });
    expect(await store.uploadOf(sha(2))).toBeUndefined();
  });

  it('refuses what would pass the quota and records nothing of it; the quota is filled exactly', async () => {
    await store.reserve({ uploader: ALICE, sha256: sha(1), bytes: 600, quotaBytes: 1000, at: T0 });
    expect(await store.reserve({ uploader: ALICE, sha256: sha(2), bytes: 401, quotaBytes: 1000, at: T0 })).toEqual({ kind: 'over-quota', usedBytes: 600 });
    expect(await store.uploadOf(sha(2))).toBeUndefined();
    expect(await store.reserve({ uploader: ALICE, sha256: sha(2), bytes: 400, quotaBytes: 1000, at: T0 })).toEqual({ kind: 'reserved', usedBytes: 1000 });
    // A first upload larger than the quota alone is refused too, and leaves no quota row behind that counts.
    expect(await store.reserve({ uploader: BOB, sha256: sha(3), bytes: 2000, quotaBytes: 1000, at: T0 })).toEqual({ kind: 'over-quota', usedBytes: 0 });
    expect(await store.uploadOf(sha(3))).toBeUndefined();
  });

  it('lets concurrent uploads of one account together fill at most its quota', async () => {
    const outcomes = await Promise.all(Array.from({ length: 8 }, (_, i) => store.reserve({ uploader: ALICE, sha256: sha(10 + i), bytes: 300, quotaBytes: 1000, at: T0 + i })));
    expect(outcomes.filter((o) => o.kind === 'reserved')).toHaveLength(3);
    expect(outcomes.filter((o) => o.kind === 'over-quota')).toHaveLength(5);
    expect(await store.usedBytes(ALICE)).toBe(900);
    const recorded = await Promise.all(Array.from({ length: 8 }, (_, i) => store.uploadOf(sha(10 + i))));
    expect(recorded.filter(Boolean)).toHaveLength(3);
  });

  it('records one uploader for concurrent uploads of the same blob, charged once', async () => {
    const outcomes = await Promise.all([ALICE, BOB, ALICE, BOB].map((uploader) => store.reserve({ uploader, sha256: sha(7), bytes: 100, quotaBytes: 1000, at: T0 })));
    expect(outcomes.filter((o) => o.kind === 'reserved')).toHaveLength(1);
    expect((await store.usedBytes(ALICE)) + (await store.usedBytes(BOB))).toBe(100);
  });
});
