import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DegradedModeStore, DeviceStore } from '@tensorgrid/domain';
import { DIALECTS, sampleHardware, type TestDatabase, openTestDatabase } from '@tensorgrid/test-utils';
import { createDegradedModeStore } from '../src/degraded-mode-store';
import { createDeviceStore } from '../src/device-store';

const T0 = 1_700_000_000_000;
const id = (n: number) => `0x${n.toString(16).padStart(40, '0')}`;

describe.each(DIALECTS)('DegradedModeStore on %s', (kind) => {
  let database: TestDatabase;
  let store: DegradedModeStore;
  let devices: DeviceStore;

  beforeEach(async () => {
    database = await openTestDatabase(kind);
    store = createDegradedModeStore(database.db);
    devices = createDeviceStore(database.db);
  });
  afterEach(async () => database.close());

  it('counts live and recently down devices per region, ignoring pending, blocked and long-gone ones', async () => {
    const add = async (n: number, country: string | undefined) =>
      devices.registerDevice({ id: id(n), operator: null, gpuModel: null, hardware: sampleHardware(), simulated: false, ...(country ? { location: { country } } : {}) }, T0);
    for (const [n, country] of [[1, 'DE'], [2, 'DE'], [3, 'DE'], [4, 'FR'], [5, undefined], [6, 'DE'], [7, 'DE']] as const) await add(n, country);
    for (const n of [1, 2, 3, 4, 5]) await devices.recordHeartbeat({ id: id(n), seq: 1, at: T0 + 1, expectedState: 'pending', state: 'available' });
    await devices.setDeviceState(id(2), 'down', T0 + 1000);
    await devices.setDeviceState(id(3), 'down', T0 + 10);
    await devices.setDeviceState(id(7), 'blocked', T0 + 1000);
    // 6 stays pending; 3 went down before recentSince.
    expect(await store.regionLiveness({ recentSince: T0 + 500 })).toEqual([
      { region: 'DE', devices: 2, down: 1, firstDownAt: T0 + 1000 },
      { region: 'FR', devices: 1, down: 0 },
      { region: 'ZZ', devices: 1, down: 0 },
    ]);
  });

  it('opens one interval per region, closes it, and returns intervals clipped to a window', async () => {
    await store.startDegraded('DE', T0 + 100);
    await store.startDegraded('DE', T0 + 150);
    await store.startDegraded('FR', T0 + 120);
    expect(await store.degradedRegions()).toEqual(['DE', 'FR']);
    await store.endDegraded('DE', T0 + 200);
    await store.endDegraded('DE', T0 + 250);
    await store.startDegraded('DE', T0 + 300);
    expect(await store.degradedRegions()).toEqual(['DE', 'FR']);
    expect(await store.degradedIntervals('DE', { fromMs: T0 + 150, toMs: T0 + 400 })).toEqual([{ from: T0 + 150, to: T0 + 200 }, { from: T0 + 300, to: T0 + 400 }]);
    expect(await store.degradedIntervals('DE', { fromMs: T0 + 200, toMs: T0 + 300 })).toEqual([]);
    expect(await store.degradedIntervals('IT', { fromMs: 0, toMs: T0 * 2 })).toEqual([]);
    await store.endDegraded('FR', T0 + 500);
    expect(await store.degradedRegions()).toEqual(['DE']);
  });

  it('keeps one open interval when replicas open it concurrently', async () => {
    await Promise.all([1, 2, 3, 4].map((i) => store.startDegraded('JP', T0 + i)));
    expect(await store.degradedIntervals('JP', { fromMs: 0, toMs: T0 + 10 })).toHaveLength(1);
  });
});
