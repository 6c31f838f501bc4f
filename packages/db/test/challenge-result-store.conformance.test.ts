import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChallengeResult, ChallengeResultStore } from '@tensorgrid/domain';
import { DIALECTS, type TestDatabase, openTestDatabase } from '@tensorgrid/test-utils';
import { createChallengeResultStore } from '../src/challenge-result-store';

const T0 = 1_700_000_000_000;
const A = `0x${'a'.repeat(40)}`;
const result = (n: number, overrides: Partial<ChallengeResult> = {}): ChallengeResult => ({
  id: `c-${n}`, deviceId: A, kind: 'memory', issuedAt: T0 + n * 1000, finishedAt: T0 + n * 1000 + 250, passed: true, reason: null, metrics: { elapsedMs: 250, bytes: 1 << 30 }, ...overrides,
});

describe.each(DIALECTS)('ChallengeResultStore on %s', (kind) => {
  let database: TestDatabase;
  let store: ChallengeResultStore;
  beforeEach(async () => {
    database = await openTestDatabase(kind);
    store = createChallengeResultStore(database.db);
  });
  afterEach(async () => database.close());

  it('round-trips results, newest first, within a window and a limit', async () => {
    await store.record(result(1));
    await store.record(result(2, { kind: 'pow', passed: false, reason: 'deadline-missed', metrics: { elapsedMs: 9000.5 } }));
    await store.record(result(3, { deviceId: `0x${'b'.repeat(40)}` }));
    await store.record(result(4, { kind: 'compute' }));
    expect(await store.list(A, { fromMs: 0, toMs: T0 * 2, limit: 10 })).toEqual([result(4, { kind: 'compute' }), result(2, { kind: 'pow', passed: false, reason: 'deadline-missed', metrics: { elapsedMs: 9000.5 } }), result(1)]);
    expect((await store.list(A, { fromMs: T0 + 1000, toMs: T0 + 4000, limit: 10 })).map((r) => r.id)).toEqual(['c-2', 'c-1']);
    expect((await store.list(A, { fromMs: 0, toMs: T0 * 2, limit: 1 })).map((r) => r.id)).toEqual(['c-4']);
  });

  it('keeps the first write of an id', async () => {
    await store.record(result(1));
    await store.record(result(1, { passed: false }));
    expect(await store.list(A, { fromMs: 0, toMs: T0 * 2, limit: 10 })).toEqual([result(1)]);
  });
});
