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

  it('lists a group\'s available members by operator or by device', async () => {
    const a = await add(1, { operator: OP });
    const b = await add(2, { operator: OP });
    await add(3, { operator: OP, available: false });
    const lone = await add(4);
    expect((await store.availableMembers({ operator: OP })).map((d) => d.id)).toEqual([a, b]);
    expect((await store.availableMembers({ deviceId: lone })).map((d) => d.id)).toEqual([lone]);
    expect(await store.availableMembers({ deviceId: id(3) })).toEqual([]);
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
    const claim = { group: 'operator:a', expectedNextAt: T0, roundAt: T0 + 5, nextAt: T0 + 3_600_000 };
    const claims = await Promise.all([store.claimRound(claim), store.claimRound({ ...claim, roundAt: T0 + 6 })]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    const roundAt = claims[0] ? T0 + 5 : T0 + 6;
    expect(await store.getGroup('operator:a')).toMatchObject({ nextRoundAt: T0 + 3_600_000, roundAt, retryPending: false });
    expect(await store.dueGroups(T0 + 10, 10)).toEqual([]);
    expect(await store.roundsSince(T0)).toEqual([{ group: 'operator:a', roundAt }]);
    expect(await store.roundsSince(roundAt + 1)).toEqual([]);
  });

  it('turns the next round into a re-challenge after a miss, after every part, once', async () => {
    const HOUR = 3_600_000;
    await store.addGroup('operator:a', { simulated: false, dueAt: T0 });
    await store.claimRound({ group: 'operator:a', expectedNextAt: T0, roundAt: T0, nextAt: T0 + HOUR });
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
    expect(await store.claimRound({ group: 'operator:a', expectedNextAt: T0 + 400_000, roundAt: T0 + 400_000, nextAt: T0 + 2 * HOUR })).toBe(true);
    expect(await store.getGroup('operator:a')).toMatchObject({ retryPending: false, roundAt: T0 + 400_000 });
    await store.finishPart({ group: 'operator:a', roundAt: T0 + 400_000, missed: true, retryAt: T0 + 700_000 });
    expect(await store.getGroup('operator:a')).toMatchObject({ nextRoundAt: T0 + 2 * HOUR, retryPending: false });
    // The next regular round is no re-challenge: a miss in it asks one.
    expect(await store.claimRound({ group: 'operator:a', expectedNextAt: T0 + 2 * HOUR, roundAt: T0 + 2 * HOUR, nextAt: T0 + 3 * HOUR })).toBe(true);
    await store.finishPart({ group: 'operator:a', roundAt: T0 + 2 * HOUR, missed: true, retryAt: T0 + 2 * HOUR + 300_000 });
    expect(await store.getGroup('operator:a')).toMatchObject({ nextRoundAt: T0 + 2 * HOUR + 300_000, retryPending: true });
  });

  it('puts the next regular round back to notBefore, never forward', async () => {
    await store.addGroup('operator:a', { simulated: false, dueAt: T0 });
    await store.claimRound({ group: 'operator:a', expectedNextAt: T0, roundAt: T0, nextAt: T0 + 1000 });
    await store.finishPart({ group: 'operator:a', roundAt: T0, missed: false, retryAt: T0 + 10, notBefore: T0 + 5000 });
    await store.finishPart({ group: 'operator:a', roundAt: T0, missed: false, retryAt: T0 + 10, notBefore: T0 + 2000 });
    expect(await store.getGroup('operator:a')).toMatchObject({ nextRoundAt: T0 + 5000, retryPending: false });
  });
});
