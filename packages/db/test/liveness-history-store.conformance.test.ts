import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceStore, LivenessHistoryStore } from '@tensorgrid/domain';
import { DIALECTS, sampleHardware, type TestDatabase, openTestDatabase } from '@tensorgrid/test-utils';
import { createDeviceStore } from '../src/device-store';
import { createLivenessHistoryStore } from '../src/liveness-history-store';

const T0 = 1_700_000_000_000;
const A = `0x${'a'.repeat(40)}`;
const B = `0x${'b'.repeat(40)}`;
const all = { fromMs: 0, toMs: Number.MAX_SAFE_INTEGER };

describe.each(DIALECTS)('LivenessHistoryStore on %s', (kind) => {
  let database: TestDatabase;
  let history: LivenessHistoryStore;
  let devices: DeviceStore;

  beforeEach(async () => {
    database = await openTestDatabase(kind);
    history = createLivenessHistoryStore(database.db);
    devices = createDeviceStore(database.db);
  });
  afterEach(async () => database.close());

  it('appends changes and ignores a repeat of the latest', async () => {
    await history.recordChange(A, { at: T0, up: true });
    await history.recordChange(A, { at: T0 + 1, up: true });
    await history.recordChange(A, { at: T0 + 2, up: false });
    await history.recordChange(A, { at: T0 + 2, up: true });
    await history.recordChange(B, { at: T0 + 5, up: false });
    expect(await history.changes(A, all)).toEqual([{ at: T0, up: true }, { at: T0 + 2, up: false }, { at: T0 + 2, up: true }]);
    expect(await history.changes(B, all)).toEqual([{ at: T0 + 5, up: false }]);
    expect(await history.changes(`0x${'c'.repeat(40)}`, all)).toEqual([]);
  });

  it('returns a window preceded by the last change before it', async () => {
    for (const [i, up] of [true, false, true, false].entries()) await history.recordChange(A, { at: T0 + i * 100, up });
    expect(await history.changes(A, { fromMs: T0 + 150, toMs: T0 + 300 })).toEqual([{ at: T0 + 100, up: false }, { at: T0 + 200, up: true }]);
    expect(await history.changes(A, { fromMs: T0 + 100, toMs: T0 + 101 })).toEqual([{ at: T0, up: true }, { at: T0 + 100, up: false }]);
    expect(await history.changes(A, { fromMs: 0, toMs: T0 })).toEqual([]);
  });

  it('records a change stamped before the latest at the latest time, keeping the history in time order', async () => {
    await history.recordChange(A, { at: T0 + 10, up: true });
    await history.recordChange(A, { at: T0 + 5, up: false });
    expect(await history.changes(A, all)).toEqual([{ at: T0 + 10, up: true }, { at: T0 + 10, up: false }]);
  });

  it('keeps every concurrent append of one device (no lost or duplicate seq)', async () => {
    await Promise.all(Array.from({ length: 10 }, (_, i) => history.recordChange(A, { at: T0 + i, up: i % 2 === 0 })));
    const changes = await history.changes(A, all);
    expect(changes.length).toBeGreaterThan(0);
    for (let i = 1; i < changes.length; i++) expect(changes[i]!.up).not.toBe(changes[i - 1]!.up);
  });

  it('is written by the registry in the same transaction as each state change', async () => {
    await devices.registerDevice({ id: A, operator: null, gpuModel: null, hardware: sampleHardware(), simulated: false }, T0);
    expect(await history.changes(A, all)).toEqual([]);
    await devices.recordHeartbeat({ id: A, seq: 1, at: T0 + 10, expectedState: 'pending', state: 'available' });
    await devices.recordHeartbeat({ id: A, seq: 2, at: T0 + 20, expectedState: 'available', state: 'available' });
    expect(await devices.markSilentDevicesDown(T0 + 100, T0 + 140)).toEqual([A]);
    await devices.recordHeartbeat({ id: A, seq: 3, at: T0 + 150, expectedState: 'down', state: 'available' });
    await devices.setDeviceState(A, 'blocked', T0 + 160);
    expect(await history.changes(A, all)).toEqual([
      { at: T0 + 10, up: true },
      { at: T0 + 140, up: false },
      { at: T0 + 150, up: true },
      { at: T0 + 160, up: false },
    ]);
  });
});
