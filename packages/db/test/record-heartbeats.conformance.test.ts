import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceStore } from '@tensorgrid/domain';
import { DIALECTS, sampleHardware, type TestDatabase, openTestDatabase } from '@tensorgrid/test-utils';
import { createDeviceStore } from '../src/device-store';
import { createLivenessHistoryStore } from '../src/liveness-history-store';

const T0 = 1_700_000_000_000;

function address(n: number): string {
  return `0x${n.toString(16).padStart(40, '0')}`;
}

describe.each(DIALECTS)('DeviceStore.recordHeartbeats on %s', (kind) => {
  let database: TestDatabase;
  let store: DeviceStore;

  beforeEach(async () => {
    database = await openTestDatabase(kind);
    store = createDeviceStore(database.db);
  });
  afterEach(async () => {
    await database.close();
  });

  async function register(...ns: number[]): Promise<void> {
    for (const n of ns) await store.registerDevice({ id: address(n), operator: null, gpuModel: null, hardware: sampleHardware(), simulated: true }, T0);
  }

  it('records a batch of heartbeats in one call, one result per item in order', async () => {
    await register(1, 2, 3);
    await store.setDeviceState(address(3), 'busy', T0);
    const results = await store.recordHeartbeats([
      { id: address(1), seq: 4, at: T0 + 10, expectedState: 'pending', state: 'available' },
      { id: address(2), seq: 1, at: T0 + 20, expectedState: 'pending', state: 'available' },
      { id: address(3), seq: 9, at: T0 + 30, expectedState: 'busy', state: 'busy' },
    ]);
    expect(results).toEqual([
      { kind: 'recorded', seq: 4, state: 'available', stateChanged: true },
      { kind: 'recorded', seq: 1, state: 'available', stateChanged: true },
      { kind: 'recorded', seq: 9, state: 'busy', stateChanged: false },
    ]);
    expect(await store.getDevice(address(1))).toMatchObject({ heartbeatSeq: 4, lastHeartbeatAt: T0 + 10, state: 'available', stateChangedAt: T0 + 10 });
    expect(await store.getDevice(address(3))).toMatchObject({ heartbeatSeq: 9, lastHeartbeatAt: T0 + 30, state: 'busy', stateChangedAt: T0 });
  });

  it('appends a state change to the liveness history in the same write, and nothing for a heartbeat that keeps the state', async () => {
    await register(1);
    await store.recordHeartbeats([{ id: address(1), seq: 1, at: T0 + 10, expectedState: 'pending', state: 'available' }]);
    await store.recordHeartbeats([{ id: address(1), seq: 2, at: T0 + 20, expectedState: 'available', state: 'available' }]);
    await store.markSilentDevicesDown(T0 + 1000, T0 + 1000);
    await store.recordHeartbeats([{ id: address(1), seq: 3, at: T0 + 2000, expectedState: 'down', state: 'available' }]);
    const history = createLivenessHistoryStore(database.db);
    expect(await history.changes(address(1), { fromMs: 0, toMs: T0 + 10_000 })).toEqual([
      { at: T0 + 10, up: true },
      { at: T0 + 1000, up: false },
      { at: T0 + 2000, up: true },
    ]);
  });

  it('says why each refused heartbeat was refused and changes nothing for it', async () => {
    await register(1, 2, 3);
    await store.recordHeartbeat({ id: address(1), seq: 5, at: T0 + 1, expectedState: 'pending', state: 'available' });
    await store.setDeviceState(address(2), 'blocked', T0 + 2);
    const results = await store.recordHeartbeats([
      { id: address(1), seq: 5, at: T0 + 100, expectedState: 'available', state: 'available' },
      { id: address(2), seq: 1, at: T0 + 100, expectedState: 'pending', state: 'available' },
      { id: address(9), seq: 1, at: T0 + 100, expectedState: 'pending', state: 'available' },
      { id: address(3), seq: 1, at: T0 + 100, expectedState: 'pending', state: 'available' },
    ]);
    expect(results).toEqual([
      { kind: 'stale-sequence', lastSeq: 5 },
      { kind: 'state-changed', current: 'blocked' },
      { kind: 'not-found' },
      { kind: 'recorded', seq: 1, state: 'available', stateChanged: true },
    ]);
    expect(await store.getDevice(address(1))).toMatchObject({ heartbeatSeq: 5, lastHeartbeatAt: T0 + 1 });
    expect(await store.getDevice(address(2))).toMatchObject({ heartbeatSeq: 0, lastHeartbeatAt: null, state: 'blocked' });
  });

  it('applies several heartbeats of one device in their order', async () => {
    await register(1);
    const results = await store.recordHeartbeats([
      { id: address(1), seq: 2, at: T0 + 1, expectedState: 'pending', state: 'available' },
      { id: address(1), seq: 1, at: T0 + 2, expectedState: 'available', state: 'available' },
      { id: address(1), seq: 3, at: T0 + 3, expectedState: 'available', state: 'available' },
      { id: address(1), seq: 3, at: T0 + 4, expectedState: 'available', state: 'available' },
    ]);
    expect(results).toEqual([
      { kind: 'recorded', seq: 2, state: 'available', stateChanged: true },
      { kind: 'stale-sequence', lastSeq: 2 },
      { kind: 'recorded', seq: 3, state: 'available', stateChanged: false },
      { kind: 'stale-sequence', lastSeq: 3 },
    ]);
    expect(await store.getDevice(address(1))).toMatchObject({ heartbeatSeq: 3, lastHeartbeatAt: T0 + 3 });
  });

  it('records batches larger than one statement', async () => {
    const n = 2500;
    await database.db
      .insertInto('devices')
      .values(Array.from({ length: n }, (_, i) => ({
        id: address(i + 1), operator: null, state: 'available' as const, gpu_model: null, hardware: '{}', simulated: 1,
        registered_at: T0, state_changed_at: T0, last_heartbeat_at: null, heartbeat_seq: 0,
      })))
      .execute();
    const results = await store.recordHeartbeats(Array.from({ length: n }, (_, i) => ({ id: address(i + 1), seq: i + 1, at: T0 + 5, expectedState: 'available' as const, state: 'available' as const })));
    expect(results.every((r, i) => r.kind === 'recorded' && r.seq === i + 1)).toBe(true);
    const { total } = await database.db.selectFrom('devices').select((eb) => eb.fn.sum<number>('heartbeat_seq').as('total')).executeTakeFirstOrThrow();
    expect(Number(total)).toBe((n * (n + 1)) / 2);
  });

  it('records a batch mixing kept and changed states across chunk sizes, each item with its own result', async () => {
    const n = 343; // 256 + 64 + 16 + 4 + 1 + 1 + 1: every chunk size below the largest, for both kinds
    await database.db
      .insertInto('devices')
      .values(Array.from({ length: 2 * n }, (_, i) => ({
        id: address(i + 1), operator: null, state: i < n ? ('available' as const) : ('down' as const), gpu_model: null, hardware: '{}', simulated: 1,
        registered_at: T0, state_changed_at: T0, last_heartbeat_at: null, heartbeat_seq: 10,
      })))
      .execute();
    // Devices 1..n keep 'available'; n+1..2n come back from 'down'; every 10th sends a stale seq.
    const writes = Array.from({ length: 2 * n }, (_, i) => ({
      id: address(i + 1), seq: i % 10 === 0 ? 10 : 11, at: T0 + 7, expectedState: i < n ? ('available' as const) : ('down' as const), state: 'available' as const,
    }));
    const results = await store.recordHeartbeats(writes);
    results.forEach((r, i) => {
      if (i % 10 === 0) expect(r).toEqual({ kind: 'stale-sequence', lastSeq: 10 });
      else expect(r).toEqual({ kind: 'recorded', seq: 11, state: 'available', stateChanged: i >= n });
    });
    expect(await store.getDevice(address(2))).toMatchObject({ heartbeatSeq: 11, lastHeartbeatAt: T0 + 7, state: 'available', stateChangedAt: T0 });
    expect(await store.getDevice(address(n + 2))).toMatchObject({ heartbeatSeq: 11, lastHeartbeatAt: T0 + 7, state: 'available', stateChangedAt: T0 + 7 });
    expect(await store.getDevice(address(351))).toMatchObject({ heartbeatSeq: 10, lastHeartbeatAt: null, state: 'down' }); // i = 350: stale, still down
    const history = createLivenessHistoryStore(database.db);
    expect(await history.changes(address(n + 2), { fromMs: 0, toMs: T0 + 10 })).toEqual([{ at: T0 + 7, up: true }]);
    expect(await history.changes(address(2), { fromMs: 0, toMs: T0 + 10 })).toEqual([]);
  });

  it('returns nothing for an empty batch', async () => {
    expect(await store.recordHeartbeats([])).toEqual([]);
  });
});
