import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChallengeScheduleStore, DeviceStore } from '@tensorgrid/domain';
import { DIALECTS, sampleHardware, type TestDatabase, openTestDatabase } from '@tensorgrid/test-utils';
import { createChallengeScheduleStore } from '../src/challenge-schedule-store';
import { createDeviceStore } from '../src/device-store';

const T0 = 1_700_000_000_000;
const OP = `0x${'0a'.repeat(20)}`;
const id = (n: number) => `0x${n.toString(16).padStart(40, '0')}`;

describe.each(DIALECTS)('ChallengeScheduleStore on %s', (kind) => {
  let database: TestDatabase;
  let devices: DeviceStore;
  let store: ChallengeScheduleStore;

  /** Registers device n (of `operator`) at `at` and makes it available, or leaves it pending. */
  async function add(n: number, options: { operator?: string | null; at?: number; available?: boolean } = {}): Promise<string> {
    const at = options.at ?? T0;
    await devices.registerDevice({ id: id(n), operator: options.operator ?? null, gpuModel: null, hardware: sampleHardware(), simulated: false }, at);
    if (options.available !== false) await devices.setDeviceState(id(n), 'available', at);
    return id(n);
  }

  beforeEach(async () => {
    database = await openTestDatabase(kind);
    devices = createDeviceStore(database.db);
    store = createChallengeScheduleStore(database.db);
  });
  afterEach(async () => database.close());

  it('lists available devices never in a round, longest available first, in pages, until they are marked; a mark is had once', async () => {
    const late = await add(1, { at: T0 + 5 });
    const early = await add(2, { at: T0 });
    const alsoEarly = await add(3, { at: T0 });
    await add(4, { available: false });
    expect((await store.unchallengedDevices(10)).map((d) => d.id)).toEqual([early, alsoEarly, late]);
    const first = await store.unchallengedDevices(1);
    expect(first.map((d) => d.id)).toEqual([early]);
    expect((await store.unchallengedDevices(10, { stateChangedAt: first[0]!.stateChangedAt, id: first[0]!.id })).map((d) => d.id)).toEqual([alsoEarly, late]);
    expect(await store.markInRound([early], T0 + 10)).toEqual([early]);
    expect((await store.unchallengedDevices(10)).map((d) => d.id)).toEqual([alsoEarly, late]);
    // Marking again keeps the first time, and returns only what it newly marked.
    expect((await store.markInRound([early, late], T0 + 20)).sort()).toEqual([late]);
    const both = await Promise.all([store.markInRound([alsoEarly], T0 + 30), store.markInRound([alsoEarly], T0 + 31)]);
    expect(both.flat()).toEqual([alsoEarly]);
    expect(await store.unchallengedDevices(10)).toEqual([]);
    await expect(store.unchallengedDevices(0)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('lists the available members of many groups at once, by operator or by device, each device once', async () => {
    const a = await add(1, { operator: OP });
    const b = await add(2, { operator: OP });
    await add(3, { operator: OP, available: false });
    const lone = await add(4);
    const other = await add(5, { operator: `0x${'0b'.repeat(20)}` });
    const ids = async (...of: Parameters<ChallengeScheduleStore['availableMembers']>[0]) => (await store.availableMembers(of)).map((d) => d.id);
    expect(await ids({ operator: OP })).toEqual([a, b]);
    expect(await ids({ deviceId: lone })).toEqual([lone]);
    expect(await ids({ deviceId: id(3) })).toEqual([]);
    expect(await ids()).toEqual([]);
    // One read for several rounds: a device named by both its operator and its id comes once.
    expect(await ids({ deviceId: lone }, { operator: OP }, { deviceId: a }, { operator: OP })).toEqual([a, b, lone]);
    expect(await ids({ deviceId: other })).toEqual([other]);
  });

  it('reads the members of more groups than one statement holds', async () => {
    const lone = await Promise.all(Array.from({ length: 300 }, (_, n) => add(100 + n)));
    expect((await store.availableMembers(lone.map((deviceId) => ({ deviceId })))).map((d) => d.id)).toEqual(lone);
  });

  it('adds a group once, and lists due groups real first, then earliest due', async () => {
    await store.addGroup('device:sim', { simulated: true, dueAt: T0 - 100 });
    await store.addGroup('operator:b', { simulated: false, dueAt: T0 });
    await store.addGroup('operator:a', { simulated: false, dueAt: T0 - 1 });
    await store.addGroup('operator:a', { simulated: false, dueAt: T0 + 999 });
    await store.addGroup('operator:later', { simulated: false, dueAt: T0 + 1 });
    expect(await store.getGroup('operator:a')).toEqual({ group: 'operator:a', simulated: false, nextRoundAt: T0 - 1, retryPending: false, roundAt: null });
    expect(await store.getGroup('operator:none')).toBeUndefined();
    expect((await store.dueGroups(T0, 10)).map((g) => g.group)).toEqual(['operator:a', 'operator:b', 'device:sim']);
    expect((await store.dueGroups(T0, 2)).map((g) => g.group)).toEqual(['operator:a', 'operator:b']);
  });

  it('lets exactly one claim start a round, and lists the rounds started since a time', async () => {
    await store.addGroup('operator:a', { simulated: false, dueAt: T0 });
    const claim = { group: 'operator:a', expectedNextAt: T0, nextAt: T0 + 3_600_000 };
    const claims = await Promise.all([store.claimRounds([claim], T0 + 5), store.claimRounds([claim], T0 + 6)]);
    expect(claims.flat()).toEqual(['operator:a']);
    const roundAt = claims[0]!.length ? T0 + 5 : T0 + 6;
    expect(await store.getGroup('operator:a')).toMatchObject({ nextRoundAt: T0 + 3_600_000, roundAt, retryPending: false });
    expect(await store.dueGroups(T0 + 10, 10)).toEqual([]);
    expect(await store.roundsSince(T0)).toEqual([{ group: 'operator:a', roundAt }]);
    expect(await store.roundsSince(roundAt + 1)).toEqual([]);
    // The round is claimed: the same claim again wins nothing.
    expect(await store.claimRounds([claim], T0 + 7)).toEqual([]);
  });

  it('claims many rounds in one call: each group still due at its expected time, each with its own next round', async () => {
    const groups = Array.from({ length: 300 }, (_, n) => `device:${n}`);
    for (const [n, group] of groups.entries()) await store.addGroup(group, { simulated: false, dueAt: T0 + n });
    // Group 0 was claimed elsewhere since this replica read it; a missing group and a duplicate change nothing.
    expect(await store.claimRounds([{ group: 'device:0', expectedNextAt: T0, nextAt: T0 + 1 }], T0)).toEqual(['device:0']);
    const claims = groups.map((group, n) => ({ group, expectedNextAt: T0 + n, nextAt: T0 + 10_000 + n }));
    const won = await store.claimRounds([...claims, claims[5]!, { group: 'device:none', expectedNextAt: T0, nextAt: T0 }], T0 + 500);
    expect(won.sort()).toEqual(groups.slice(1).sort());
    expect(await store.getGroup('device:0')).toMatchObject({ roundAt: T0, nextRoundAt: T0 + 1 });
    expect(await store.getGroup('device:299')).toMatchObject({ roundAt: T0 + 500, nextRoundAt: T0 + 10_299 });
    expect(await store.roundsSince(T0 + 500)).toHaveLength(299);
    expect(await store.claimRounds([], T0)).toEqual([]);
  });

  it('gives each of many rounds to one of two replicas claiming them at once', async () => {
    const groups = Array.from({ length: 100 }, (_, n) => `device:${n}`);
    for (const group of groups) await store.addGroup(group, { simulated: false, dueAt: T0 });
    const claims = groups.map((group) => ({ group, expectedNextAt: T0, nextAt: T0 + 3_600_000 }));
    // On PostgreSQL both run at once (two connections); the held-row test below is the one that shows neither waits.
    const [first, second] = await Promise.all([store.claimRounds(claims, T0 + 1), store.claimRounds([...claims].reverse(), T0 + 2)]);
    expect([...first!, ...second!].sort()).toEqual([...groups].sort());
    const rounds = await store.roundsSince(T0);
    expect(rounds.filter((r) => r.roundAt === T0 + 1).map((r) => r.group).sort()).toEqual([...first!].sort());
  });

  it('turns the next round into a re-challenge after a miss, after every part, once', async () => {
    const HOUR = 3_600_000;
    await store.addGroup('operator:a', { simulated: false, dueAt: T0 });
    await store.claimRounds([{ group: 'operator:a', expectedNextAt: T0, nextAt: T0 + HOUR }], T0);
    const part = { group: 'operator:a', roundAt: T0 };
    await store.finishPart({ ...part, missed: false, retryAt: T0 + 200_000 });
    expect(await store.getGroup('operator:a')).toMatchObject({ nextRoundAt: T0 + HOUR, retryPending: false });
    await store.finishPart({ ...part, missed: true, retryAt: T0 + 300_000 });
    // A part that ends later, missed or not, pushes the re-challenge back; an earlier one does not.
    await store.finishPart({ ...part, missed: false, retryAt: T0 + 400_000 });
    await store.finishPart({ ...part, missed: true, retryAt: T0 + 350_000 });
    // A part of an older round changes nothing.
    await store.finishPart({ group: 'operator:a', roundAt: T0 - 1, missed: true, retryAt: T0 + 1 });
    expect(await store.getGroup('operator:a')).toMatchObject({ nextRoundAt: T0 + 400_000, retryPending: true, roundAt: T0 });
    // The re-challenge is claimed as one, and a miss in it asks no other.
    expect(await store.claimRounds([{ group: 'operator:a', expectedNextAt: T0 + 400_000, nextAt: T0 + 2 * HOUR }], T0 + 400_000)).toEqual(['operator:a']);
    expect(await store.getGroup('operator:a')).toMatchObject({ retryPending: false, roundAt: T0 + 400_000 });
    await store.finishPart({ group: 'operator:a', roundAt: T0 + 400_000, missed: true, retryAt: T0 + 700_000 });
    expect(await store.getGroup('operator:a')).toMatchObject({ nextRoundAt: T0 + 2 * HOUR, retryPending: false });
    // The next regular round is no re-challenge: a miss in it asks one.
    expect(await store.claimRounds([{ group: 'operator:a', expectedNextAt: T0 + 2 * HOUR, nextAt: T0 + 3 * HOUR }], T0 + 2 * HOUR)).toEqual(['operator:a']);
    await store.finishPart({ group: 'operator:a', roundAt: T0 + 2 * HOUR, missed: true, retryAt: T0 + 2 * HOUR + 300_000 });
    expect(await store.getGroup('operator:a')).toMatchObject({ nextRoundAt: T0 + 2 * HOUR + 300_000, retryPending: true });
  });

  it('puts the next regular round back to notBefore, never forward', async () => {
    await store.addGroup('operator:a', { simulated: false, dueAt: T0 });
    await store.claimRounds([{ group: 'operator:a', expectedNextAt: T0, nextAt: T0 + 1000 }], T0);
    await store.finishPart({ group: 'operator:a', roundAt: T0, missed: false, retryAt: T0 + 10, notBefore: T0 + 5000 });
    await store.finishPart({ group: 'operator:a', roundAt: T0, missed: false, retryAt: T0 + 10, notBefore: T0 + 2000 });
    expect(await store.getGroup('operator:a')).toMatchObject({ nextRoundAt: T0 + 5000, retryPending: false });
  });
});

describe('ChallengeScheduleStore on postgres, claims of replicas at once', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await openTestDatabase('postgres');
  });
  afterEach(async () => database.close());

  it('skips a group whose row another transaction holds, instead of waiting for it (so two claims cannot deadlock)', async () => {
    const store = createChallengeScheduleStore(database.db);
    for (const group of ['device:held', 'device:free']) await store.addGroup(group, { simulated: false, dueAt: T0 });
    const claims = ['device:held', 'device:free'].map((group) => ({ group, expectedNextAt: T0, nextAt: T0 + 1000 }));
    // Were the claim to wait for the held row, it would wait for this transaction, which waits for it: the test would hang.
    const won = await database.db.transaction().execute(async (tx) => {
      await sql`select group_key from challenge_groups where group_key = 'device:held' for update`.execute(tx);
      return store.claimRounds(claims, T0 + 1);
    });
    expect(won).toEqual(['device:free']);
    // Once the row is free it is claimed as usual.
    expect(await store.claimRounds(claims, T0 + 2)).toEqual(['device:held']);
  });
});
