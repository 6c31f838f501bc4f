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

  it('pages by keyset after a (issuedAt, id) key, through ties in one millisecond, in byte order of ids', async () => {
    // Ids that byte order and a locale order sort differently ('Z' < 'a' < 'b' in bytes; 'c-10' < 'c-9').
    const tied = ['c-9', 'c-10', 'b', 'Z', 'a'].map((id) => result(0, { id, issuedAt: T0 + 5000 }));
    for (const r of [result(1), ...tied, result(7), result(3, { deviceId: `0x${'b'.repeat(40)}` })]) await store.record(r);
    const seen: string[] = [];
    let before: { issuedAt: number; id: string } | undefined;
    for (let page = 0; page < 10; page++) {
      const rows = await store.list(A, { fromMs: 0, toMs: T0 * 2, limit: 2, ...(before ? { before } : {}) });
      seen.push(...rows.map((r) => r.id));
      if (rows.length < 2) break;
      before = { issuedAt: rows.at(-1)!.issuedAt, id: rows.at(-1)!.id };
    }
    expect(seen).toEqual(['c-7', 'c-9', 'c-10', 'b', 'a', 'Z', 'c-1']);
    // The window still applies: a key inside it, a window that ends before the key.
    expect((await store.list(A, { fromMs: T0 + 2000, toMs: T0 * 2, limit: 10, before: { issuedAt: T0 + 5000, id: 'b' } })).map((r) => r.id)).toEqual(['a', 'Z']);
    expect((await store.list(A, { fromMs: 0, toMs: T0 + 5000, limit: 10, before: { issuedAt: T0 + 7000, id: 'c-7' } })).map((r) => r.id)).toEqual(['c-1']);
  });

  it('keeps the first write of an id', async () => {
    await store.record(result(1));
    await store.record(result(1, { passed: false }));
    expect(await store.list(A, { fromMs: 0, toMs: T0 * 2, limit: 10 })).toEqual([result(1)]);
  });
});
