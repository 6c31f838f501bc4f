/**
 * The device chain registrar on a real anvil with every contract deployed and a real SQLite
 * registry: registered devices are recorded on Staking with their owner and class, and get
 * their JobMarket worker count, once.
 */
import { accountBeneficiary, ANVIL_DEV_ADDRESSES, ANVIL_DEV_KEYS, createChainClients, deployNetwork, jobMarketCallAbi, readStake } from '@tensorgrid/chain';
import { createDeviceStore } from '@tensorgrid/db';
import { openTestDatabase, sampleGpu, sampleHardware, withAnvil, type AnvilFixture, type TestDatabase } from '@tensorgrid/test-utils';
import { pino } from 'pino';
import type { Address } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hardwareClassOf } from '@tensorgrid/domain';
import { createDeviceChainRegistrar } from '../src/registry/device-chain-registrar';
import { createViemJobMarketWorkers } from '../src/registry/viem-job-market-workers';
import { createViemStakingRegistry } from '../src/registry/viem-staking-registry';

describe('device chain registrar on anvil', () => {
  let anvil: AnvilFixture;
  let database: TestDatabase;

  beforeAll(async () => {
    anvil = await withAnvil();
    database = await openTestDatabase('sqlite');
  }, 60_000);
  afterAll(async () => {
    await database?.close();
    await anvil?.stop();
  });

  it('records each registered device with its owner (operator or itself) and class, lets the live ones take one job at a time, and only once', async () => {
    const admin = createChainClients({ rpcUrl: anvil.rpcUrl, chainId: anvil.chainId, privateKey: ANVIL_DEV_KEYS[0]!, pollingIntervalMs: 20 });
    const oracle = createChainClients({ rpcUrl: anvil.rpcUrl, chainId: anvil.chainId, privateKey: ANVIL_DEV_KEYS[1]!, pollingIntervalMs: 20 });
    const contracts = await deployNetwork(admin, { admin: ANVIL_DEV_ADDRESSES[0]!, oracle: ANVIL_DEV_ADDRESSES[1]! });
    const devices = createDeviceStore(database.db);
    const [gpuWorker, cpuWorker, operator, pendingWorker] = [ANVIL_DEV_ADDRESSES[5]!, ANVIL_DEV_ADDRESSES[6]!, ANVIL_DEV_ADDRESSES[7]!, ANVIL_DEV_ADDRESSES[8]!].map((a) => a.toLowerCase());
    await devices.registerDevice({ id: gpuWorker!, operator: operator!, gpuModel: 'NVIDIA GeForce RTX 4090', hardware: sampleHardware([sampleGpu(0)]), simulated: false }, Date.now());
    await devices.registerDevice({ id: cpuWorker!, operator: null, gpuModel: null, hardware: sampleHardware(), simulated: false }, Date.now());

    await devices.registerDevice({ id: pendingWorker!, operator: null, gpuModel: null, hardware: sampleHardware(), simulated: false }, Date.now());
    for (const id of [gpuWorker!, cpuWorker!]) await devices.setDeviceState(id, 'available', Date.now());

    const registrar = createDeviceChainRegistrar({
      devices, staking: createViemStakingRegistry({ clients: oracle, staking: contracts.Staking }), market: createViemJobMarketWorkers({ clients: oracle, jobMarket: contracts.JobMarket }), log: pino({ level: 'silent' }),
    });
    const first = await registrar.tick();
    expect(first.staking.sort()).toEqual([gpuWorker, cpuWorker, pendingWorker].sort());
    expect(first.workers.sort((a, b) => a.deviceId.localeCompare(b.deviceId))).toEqual([gpuWorker, cpuWorker].sort().map((deviceId) => ({ deviceId, workers: 1 })));
    const workersOf = (id: string) => admin.publicClient.readContract({ address: contracts.JobMarket, abi: jobMarketCallAbi, functionName: 'workersOf', args: [id as Address] });
    expect([await workersOf(gpuWorker!), await workersOf(cpuWorker!), await workersOf(pendingWorker!)]).toEqual([1, 1, 0]);
    const onChain = (id: string) => readStake(admin.publicClient, { staking: contracts.Staking, device: accountBeneficiary(id as Address) });
    expect(await onChain(gpuWorker!)).toMatchObject({ owner: expect.stringMatching(new RegExp(operator!, 'i')), hardwareClass: hardwareClassOf({ gpuModel: 'NVIDIA GeForce RTX 4090' }) });
    expect(await onChain(cpuWorker!)).toMatchObject({ owner: expect.stringMatching(new RegExp(cpuWorker!, 'i')), hardwareClass: hardwareClassOf({ gpuModel: null }) });
    expect(await registrar.tick()).toEqual({ staking: [], workers: [] });
  }, 120_000);
});
