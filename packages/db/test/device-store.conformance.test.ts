import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceRegistration, DeviceStore } from '@tensorgrid/domain';
import type { Hardware } from '@tensorgrid/protocol';
import { DIALECTS, type TestDatabase, openTestDatabase } from '@tensorgrid/test-utils';
import { createDeviceStore } from '../src/device-store';

const T0 = 1_700_000_000_000;

const hardware: Hardware = {
  kind: 'gpu',
  cpu: { model: 'AMD EPYC 7763 64-Core Processor', cores: 64, threads: 128 },
  memoryBytes: 540_000_000_000,
  disk: { totalBytes: 4_000_000_000_000, freeBytes: 3_210_987_654_321 },
  os: { platform: 'linux', distro: 'Ubuntu "Jammy" ü', release: '22.04', arch: 'x64' },
  gpus: [0, 1].map((index) => ({
    index,
    vendor: 'nvidia' as const,
    model: 'NVIDIA H100 80GB HBM3',
    uuid: `GPU-${index}`,
    vramMiB: 81_559,
    busId: `00000000:0${index}:00.0`,
    nvlink: true,
  })),
  driverVersion: '550.54.15',
  cudaVersion: '12.4',
};

const cpuHardware: Hardware = { ...hardware, kind: 'cpu', gpus: [] };

function address(n: number): string {
  return `0x${n.toString(16).padStart(40, '0')}`;
}

function registration(n: number, overrides: Partial<DeviceRegistration> = {}): DeviceRegistration {
  return { id: address(n), operator: address(1000 + n), gpuModel: 'NVIDIA H100 80GB HBM3', hardware, simulated: false, ...overrides };
}

describe.each(DIALECTS)('DeviceStore on %s', (kind) => {
  let database: TestDatabase;
  let store: DeviceStore;

  beforeEach(async () => {
    database = await openTestDatabase(kind);
    store = createDeviceStore(database.db);
  });
  afterEach(async () => {
    await database.close();
  });

  it('creates a pending device on first registration', async () => {
    const result = await store.registerDevice(registration(1, { simulated: true }), T0);
    expect(result).toEqual({
      kind: 'created',
      device: {
        id: address(1),
        operator: address(1001),
        state: 'pending',
        gpuModel: 'NVIDIA H100 80GB HBM3',
        hardware,
        simulated: true,
        registeredAt: T0,
        stateChangedAt: T0,
        lastHeartbeatAt: null,
        heartbeatSeq: 0,
        location: null,
      },
    });
    expect(await store.getDevice(address(1))).toEqual(result.kind === 'created' ? result.device : undefined);
    expect(await store.getDevice(address(2))).toBeUndefined();
  });

  it('round-trips hardware JSON exactly', async () => {
    await store.registerDevice(registration(1), T0);
    await store.registerDevice(registration(2, { gpuModel: null, hardware: cpuHardware }), T0);
    const gpu = await store.getDevice(address(1));
    const cpu = await store.getDevice(address(2));
    expect(gpu?.hardware).toStrictEqual(hardware);
    expect(JSON.stringify(gpu?.hardware)).toBe(JSON.stringify(hardware));
    expect(cpu?.hardware).toStrictEqual(cpuHardware);
    expect(cpu?.gpuModel).toBeNull();
    expect(typeof gpu?.registeredAt).toBe('number');
    expect(typeof gpu?.heartbeatSeq).toBe('number');
  });

  it('refreshes a known device, keeping its state and heartbeat history', async () => {
    await store.registerDevice(registration(1), T0);
    await store.recordHeartbeat({ id: address(1), seq: 7, at: T0 + 1_000, expectedState: 'pending', state: 'available' });
    const refreshed = await store.registerDevice(
      registration(1, { operator: null, gpuModel: null, hardware: cpuHardware, simulated: true }),
      T0 + 5_000,
    );
    expect(refreshed).toEqual({
      kind: 'refreshed',
      device: {
        id: address(1),
        operator: address(1001),
        state: 'available',
        gpuModel: null,
        hardware: cpuHardware,
        simulated: true,
        registeredAt: T0,
        stateChangedAt: T0 + 1_000,
        lastHeartbeatAt: T0 + 1_000,
        heartbeatSeq: 7,
        location: null,
      },
    });
    expect(await store.getDevice(address(1))).toEqual(refreshed.kind === 'refreshed' ? refreshed.device : undefined);
  });

  it('sets an operator once: kept without attestation, refused when another one claims the device', async () => {
    await store.registerDevice(registration(1, { operator: null }), T0);
    expect(await store.registerDevice(registration(1, { operator: address(7) }), T0 + 1)).toMatchObject({ kind: 'refreshed', device: { operator: address(7) } });
    expect(await store.registerDevice(registration(1, { operator: null }), T0 + 2)).toMatchObject({ kind: 'refreshed', device: { operator: address(7) } });
    expect(await store.registerDevice(registration(1, { operator: address(8), gpuModel: 'other' }), T0 + 3)).toEqual({ kind: 'operator-conflict', operator: address(7) });
    expect(await store.getDevice(address(1))).toMatchObject({ operator: address(7), gpuModel: 'NVIDIA H100 80GB HBM3' });
  });

  it('never loses an attested operator to a concurrent registration without one', async () => {
    for (let round = 0; round < 10; round++) {
      const id = 100 + round;
      await store.registerDevice(registration(id, { operator: null }), T0);
      await Promise.all([store.registerDevice(registration(id, { operator: null }), T0 + 1), store.registerDevice(registration(id, { operator: address(9) }), T0 + 1)]);
      expect((await store.getDevice(address(id)))?.operator).toBe(address(9));
    }
  });

  it('keeps a blocked device blocked when it registers again', async () => {
    await store.registerDevice(registration(1), T0);
    await store.setDeviceState(address(1), 'blocked', T0 + 10);
    const again = await store.registerDevice(registration(1), T0 + 20);
    expect(again.kind).toBe('refreshed');
    expect(again).toMatchObject({ kind: 'refreshed', device: { state: 'blocked', stateChangedAt: T0 + 10 } });
  });

  it('tells creation from refresh under concurrent registrations of one id', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => store.registerDevice(registration(1), T0 + i)));
    expect(results.filter((r) => r.kind === 'created')).toHaveLength(1);
    expect(results.filter((r) => r.kind === 'refreshed')).toHaveLength(7);
  });

  it('records a heartbeat with a rising sequence and sets the state', async () => {
    await store.registerDevice(registration(1), T0);
    const first = await store.recordHeartbeat({ id: address(1), seq: 1, at: T0 + 1_000, expectedState: 'pending', state: 'available' });
    expect(first).toEqual({
      kind: 'recorded',
      device: expect.objectContaining({ state: 'available', heartbeatSeq: 1, lastHeartbeatAt: T0 + 1_000, stateChangedAt: T0 + 1_000 }),
    });
    const second = await store.recordHeartbeat({ id: address(1), seq: 5, at: T0 + 2_000, expectedState: 'available', state: 'available' });
    expect(second).toEqual({
      kind: 'recorded',
      device: expect.objectContaining({ state: 'available', heartbeatSeq: 5, lastHeartbeatAt: T0 + 2_000, stateChangedAt: T0 + 1_000 }),
    });
    const third = await store.recordHeartbeat({ id: address(1), seq: 6, at: T0 + 3_000, expectedState: 'available', state: 'busy' });
    expect(third.kind === 'recorded' && third.device.stateChangedAt).toBe(T0 + 3_000);
  });

  it('rejects an equal or lower sequence as stale, changing nothing', async () => {
    await store.registerDevice(registration(1), T0);
    await store.recordHeartbeat({ id: address(1), seq: 5, at: T0 + 1_000, expectedState: 'pending', state: 'available' });
    expect(await store.recordHeartbeat({ id: address(1), seq: 5, at: T0 + 2_000, expectedState: 'available', state: 'busy' })).toEqual({ kind: 'stale-sequence', lastSeq: 5 });
    expect(await store.recordHeartbeat({ id: address(1), seq: 2, at: T0 + 2_000, expectedState: 'available', state: 'busy' })).toEqual({ kind: 'stale-sequence', lastSeq: 5 });
    expect(await store.getDevice(address(1))).toMatchObject({ state: 'available', heartbeatSeq: 5, lastHeartbeatAt: T0 + 1_000 });
  });

  it('accepts exactly one of concurrent heartbeats with the same sequence', async () => {
    await store.registerDevice(registration(1), T0);
    const results = await Promise.all(Array.from({ length: 10 }, () => store.recordHeartbeat({ id: address(1), seq: 1, at: T0 + 1, expectedState: 'pending', state: 'available' })));
    expect(results.filter((r) => r.kind === 'recorded')).toHaveLength(1);
    expect(results.filter((r) => r.kind === 'stale-sequence')).toHaveLength(9);
  });

  it('never overwrites a state that changed since the caller decided (compare-and-set)', async () => {
    await store.registerDevice(registration(1), T0);
    await store.setDeviceState(address(1), 'blocked', T0 + 500);
    expect(await store.recordHeartbeat({ id: address(1), seq: 1, at: T0 + 1_000, expectedState: 'pending', state: 'available' })).toEqual({ kind: 'state-changed', current: 'blocked' });
    expect(await store.getDevice(address(1))).toMatchObject({ state: 'blocked', heartbeatSeq: 0, lastHeartbeatAt: null });
  });

  it('reports a heartbeat of an unknown device as not-found', async () => {
    expect(await store.recordHeartbeat({ id: address(9), seq: 1, at: T0, expectedState: 'pending', state: 'available' })).toEqual({ kind: 'not-found' });
  });

  it('marks only silent live devices down and returns their ids', async () => {
    // 1: available, silent. 2: busy, fresh. 3: pending, never heartbeated, registered long ago.
    // 4: pending, registered recently. 5: blocked and silent. 6: already down and silent.
    for (let n = 1; n <= 6; n++) await store.registerDevice(registration(n), n === 4 ? T0 + 9_000 : T0);
    await store.recordHeartbeat({ id: address(1), seq: 1, at: T0 + 1_000, expectedState: 'pending', state: 'available' });
    await store.recordHeartbeat({ id: address(2), seq: 1, at: T0 + 9_500, expectedState: 'pending', state: 'busy' });
    await store.setDeviceState(address(5), 'blocked', T0 + 100);
    await store.setDeviceState(address(6), 'down', T0 + 100);

    const cutoff = T0 + 5_000;
    expect(await store.markSilentDevicesDown(cutoff, T0 + 10_000)).toEqual([address(1), address(3)]);
    expect(await store.getDevice(address(1))).toMatchObject({ state: 'down', stateChangedAt: T0 + 10_000 });
    expect(await store.getDevice(address(3))).toMatchObject({ state: 'down', stateChangedAt: T0 + 10_000 });
    expect(await store.getDevice(address(2))).toMatchObject({ state: 'busy' });
    expect(await store.getDevice(address(4))).toMatchObject({ state: 'pending' });
    expect(await store.getDevice(address(5))).toMatchObject({ state: 'blocked', stateChangedAt: T0 + 100 });
    expect(await store.getDevice(address(6))).toMatchObject({ state: 'down', stateChangedAt: T0 + 100 });
    expect(await store.markSilentDevicesDown(cutoff, T0 + 11_000)).toEqual([]);
  });

  it('sets a state unconditionally, and returns undefined for an unknown id', async () => {
    await store.registerDevice(registration(1), T0);
    expect(await store.setDeviceState(address(1), 'blocked', T0 + 5)).toMatchObject({ state: 'blocked', stateChangedAt: T0 + 5 });
    expect(await store.setDeviceState(address(1), 'blocked', T0 + 9)).toMatchObject({ state: 'blocked', stateChangedAt: T0 + 5 });
    expect(await store.setDeviceState(address(1), 'available', T0 + 10)).toMatchObject({ state: 'available', stateChangedAt: T0 + 10 });
    expect(await store.setDeviceState(address(2), 'available', T0)).toBeUndefined();
  });

  it('lists devices by id with state and GPU model filters', async () => {
    for (const n of [5, 3, 1, 4, 2]) {
      await store.registerDevice(registration(n, n % 2 === 0 ? { gpuModel: 'NVIDIA GeForce RTX 4090' } : {}), T0);
    }
    await store.recordHeartbeat({ id: address(3), seq: 1, at: T0 + 1, expectedState: 'pending', state: 'available' });
    await store.recordHeartbeat({ id: address(4), seq: 1, at: T0 + 1, expectedState: 'pending', state: 'available' });

    const ids = (devices: { id: string }[]) => devices.map((d) => d.id);
    expect(ids(await store.listDevices({ limit: 100 }))).toEqual([1, 2, 3, 4, 5].map(address));
    expect(ids(await store.listDevices({ limit: 100, state: 'available' }))).toEqual([3, 4].map(address));
    expect(ids(await store.listDevices({ limit: 100, gpuModel: 'NVIDIA GeForce RTX 4090' }))).toEqual([2, 4].map(address));
    expect(ids(await store.listDevices({ limit: 100, gpuModel: 'NVIDIA H100 80GB HBM3', state: 'pending' }))).toEqual([1, 5].map(address));
    expect(await store.listDevices({ limit: 100, state: 'blocked' })).toEqual([]);
  });

  it('pages through devices with a keyset cursor', async () => {
    for (let n = 1; n <= 7; n++) await store.registerDevice(registration(n), T0);
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await store.listDevices({ limit: 3, ...(after === undefined ? {} : { after }) });
      seen.push(...page.map((d) => d.id));
      if (page.length < 3) break;
      after = page.at(-1)?.id;
    }
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7].map(address));
    expect((await store.listDevices({ limit: 2, after: address(5) })).map((d) => d.id)).toEqual([6, 7].map(address));
  });

  it('rejects a page size outside 1..1000', async () => {
    await expect(store.listDevices({ limit: 0 })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(store.listDevices({ limit: 1001 })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
