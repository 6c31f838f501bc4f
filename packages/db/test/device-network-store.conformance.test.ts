import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceDirectory, DeviceNetworkStore, DeviceStore } from '@tensorgrid/domain';
import { DIALECTS, sampleHardware, type TestDatabase, openTestDatabase } from '@tensorgrid/test-utils';
import { createDeviceDirectory } from '../src/device-directory';
import { createDeviceNetworkStore } from '../src/device-network-store';
import { createDeviceStore } from '../src/device-store';

const T0 = 1_700_000_000_000;
const id = (n: number) => `0x${n.toString(16).padStart(40, '0')}`;

describe.each(DIALECTS)('DeviceNetworkStore and DeviceDirectory on %s', (kind) => {
  let database: TestDatabase;
  let network: DeviceNetworkStore;
  let directory: DeviceDirectory;
  let devices: DeviceStore;

  beforeEach(async () => {
    database = await openTestDatabase(kind);
    network = createDeviceNetworkStore(database.db);
    directory = createDeviceDirectory(database.db);
    devices = createDeviceStore(database.db);
  });
  afterEach(async () => database.close());

  it('keeps the latest throughput and latency, each on its own', async () => {
    expect(await network.getNetwork(id(1))).toEqual({ throughput: null, latency: null });
    await network.saveLatency(id(1), { latestMs: 12.5, medianMs: 10.25, measuredAt: T0 });
    await network.saveThroughput(id(1), { downMBps: 812.5, upMBps: 650, tier: 2, measuredAt: T0 + 1 });
    await network.saveThroughput(id(1), { downMBps: 5, upMBps: 1, tier: 'unranked', measuredAt: T0 + 2 });
    expect(await network.getNetwork(id(1))).toEqual({
      throughput: { downMBps: 5, upMBps: 1, tier: 'unranked', measuredAt: T0 + 2 },
      latency: { latestMs: 12.5, medianMs: 10.25, measuredAt: T0 },
    });
  });

  it('lists devices with their network, filtered and paged by id', async () => {
    const countries = ['DE', 'DE', 'FR', 'DE', 'US'];
    for (const [i, country] of countries.entries()) {
      await devices.registerDevice({ id: id(i + 1), operator: null, gpuModel: i === 2 ? null : 'RTX 4090', hardware: sampleHardware(), simulated: i === 3, location: { country, city: 'X', latitude: 1.5, longitude: -2.25 } }, T0);
    }
    await network.saveThroughput(id(1), { downMBps: 2000, upMBps: 2000, tier: 1, measuredAt: T0 });
    await network.saveThroughput(id(4), { downMBps: 2000, upMBps: 2000, tier: 1, measuredAt: T0 });
    const ids = async (filter: Parameters<DeviceDirectory['findDevices']>[0]) => (await directory.findDevices(filter)).map((l) => l.device.id);
    expect(await ids({ limit: 10, country: 'DE' })).toEqual([id(1), id(2), id(4)]);
    expect(await ids({ limit: 10, country: 'DE', tier: 1 })).toEqual([id(1), id(4)]);
    expect(await ids({ limit: 10, country: 'DE', simulated: false })).toEqual([id(1), id(2)]);
    expect(await ids({ limit: 10, gpuModel: 'RTX 4090', after: id(2) })).toEqual([id(4), id(5)]);
    expect(await ids({ limit: 2 })).toEqual([id(1), id(2)]);
    const listing = await directory.getListing(id(1));
    expect(listing?.device.location).toEqual({ country: 'DE', city: 'X', latitude: 1.5, longitude: -2.25 });
    expect(listing?.network.throughput?.tier).toBe(1);
    expect((await directory.getListing(id(2)))?.network).toEqual({ throughput: null, latency: null });
    expect(await directory.getListing(id(99))).toBeUndefined();
    await expect(directory.findDevices({ limit: 0 })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('keeps a declared location when a registration omits it, and replaces it when given', async () => {
    const reg = { id: id(1), operator: null, gpuModel: null, hardware: sampleHardware(), simulated: false };
    await devices.registerDevice({ ...reg, location: { country: 'DE', city: 'Berlin' } }, T0);
    expect((await devices.registerDevice(reg, T0 + 1)).kind === 'refreshed' && (await devices.getDevice(id(1)))?.location).toEqual({ country: 'DE', city: 'Berlin' });
    await devices.registerDevice({ ...reg, location: { country: 'FR' } }, T0 + 2);
    expect((await devices.getDevice(id(1)))?.location).toEqual({ country: 'FR' });
  });
});
