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

  it('lists available devices never in a round, first registered first, until they are marked', async () => {
    const late = await add(1, { at: T0 + 5 });
    const early = await add(2, { at: T0 });
    await add(3, { available: false });
    expect((await store.unchallengedDevices(10)).map((d) => d.id)).toEqual([early, late]);
    expect((await store.unchallengedDevices(1)).map((d) => d.id)).toEqual([early]);
    await store.markInRound([early], T0 + 10);
    expect((await store.unchallengedDevices(10)).map((d) => d.id)).toEqual([late]);
    // Marking again keeps the first time; the device stays marked.
    await store.markInRound([early, late], T0 + 20);
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
    expect(await store.getGroup('operator:a')).toEqual({ group: 'operator:a', simulated: false, nextRoundAt: T0 - 1, retryPending: false, roundAt: null, roundLoadMs: 0 });
    expect(await store.getGroup('operator:none')).toBeUndefined();
    expect((await store.dueGroups(T0, 10)).map((g) => g.group)).toEqual(['operator:a', 'operator:b', 'device:sim']);
    expect((await store.dueGroups(T0, 2)).map((g) => g.group)).toEqual(['operator:a', 'operator:b']);
  });

  it('lets exactly one claim start a round, and lists the rounds started since a time', async () => {
    await store.addGroup('operator:a', { simulated: false, dueAt: T0 });
    const claim = { group: 'operator:a', expectedNextAt: T0, roundAt: T0 + 5, nextAt: T0 + 3_600_000 };
    const claims = await Promise.all([store.claimRound(claim), store.claimRound({ ...claim, roundAt: T0 + 6 })]);
    expect(claims.filter((c) => c !== undefined)).toHaveLength(1);
    const won = claims.find((c) => c !== undefined)!;
    expect(won).toMatchObject({ group: 'operator:a', retry: false });
    expect(await store.getGroup('operator:a')).toMatchObject({ nextRoundAt: T0 + 3_600_000, roundAt: won.roundAt, retryPending: false });
    expect(await store.dueGroups(T0 + 10, 10)).toEqual([]);
    expect(await store.roundsSince(T0)).toEqual([won]);
    expect(await store.roundsSince(won.roundAt + 1)).toEqual([]);
  });

  it('keeps the longest load of a round, and brings a re-challenge forward once', async () => {
    await store.addGroup('operator:a', { simulated: false, dueAt: T0 });
    const first = (await store.claimRound({ group: 'operator:a', expectedNextAt: T0, roundAt: T0, nextAt: T0 + 3_600_000 }))!;
    await store.finishPart({ group: 'operator:a', roundAt: T0, loadMs: 900 });
    await store.finishPart({ group: 'operator:a', roundAt: T0, loadMs: 400, retryAt: T0 + 300_000 });
    // A part of an older round changes nothing.
    await store.finishPart({ group: 'operator:a', roundAt: T0 - 1, loadMs: 9_999, retryAt: T0 + 1 });
    expect(await store.getGroup('operator:a')).toMatchObject({ nextRoundAt: T0 + 300_000, retryPending: true, roundAt: first.roundAt, roundLoadMs: 900 });
    // The re-challenge: claimed as a retry, its load starts again, and a miss in it asks no other.
    const retry = await store.claimRound({ group: 'operator:a', expectedNextAt: T0 + 300_000, roundAt: T0 + 300_000, nextAt: T0 + 4_000_000 });
    expect(retry).toEqual({ group: 'operator:a', roundAt: T0 + 300_000, retry: true });
    await store.finishPart({ group: 'operator:a', roundAt: T0 + 300_000, loadMs: 100, retryAt: T0 + 600_000 });
    expect(await store.getGroup('operator:a')).toMatchObject({ nextRoundAt: T0 + 4_000_000, retryPending: false, roundLoadMs: 100 });
    // The next regular round is not a retry.
    expect(await store.claimRound({ group: 'operator:a', expectedNextAt: T0 + 4_000_000, roundAt: T0 + 4_000_000, nextAt: T0 + 8_000_000 })).toMatchObject({ retry: false });
  });
});
