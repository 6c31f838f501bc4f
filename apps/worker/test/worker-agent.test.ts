import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDeviceStore } from '@tensorgrid/db';
import { createCoordinatorClient, getDevice } from '@tensorgrid/sdk';
import { sampleGpu, sampleHardware, startTestCoordinator, type TestCoordinator, until } from '@tensorgrid/test-utils';
import { pino } from 'pino';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkerAgent } from '../src/agent/worker-agent';
import { loadWorkerOptions } from '../src/config';
import { startWorkers } from '../src/fleet/start-workers';
import type { HardwareProbe } from '../src/probe/core/hardware-for-worker';

const log = pino({ level: 'silent' });


describe('worker agent against a real coordinator', () => {
  let coord: TestCoordinator;
  beforeAll(async () => {
    coord = await startTestCoordinator('sqlite');
  });
  afterAll(async () => coord?.close());

  it('registers, sends advancing heartbeats, and stops cleanly', async () => {
    const client = createCoordinatorClient({ url: coord.url, account: privateKeyToAccount(generatePrivateKey()) });
    const agent = createWorkerAgent({ client, hardware: sampleHardware([sampleGpu(0)]), log, heartbeatIntervalMs: 20 });
    const device = await agent.start();
    expect(device).toMatchObject({ state: 'available', heartbeatSeq: 1 });
    expect(agent.state).toBe('IDLE');
    await until(async () => (await getDevice(client, { id: agent.deviceId })).heartbeatSeq >= 3, 'three heartbeats');
    expect((await getDevice(client, { id: agent.deviceId })).state).toBe('available');
    await agent.stop();
    expect(agent.state).toBe('STOPPED');
    const seqAfterStop = (await getDevice(client, { id: agent.deviceId })).heartbeatSeq;
    await new Promise((r) => setTimeout(r, 100));
    expect((await getDevice(client, { id: agent.deviceId })).heartbeatSeq).toBe(seqAfterStop);
  });

  it('leaves no session open when stopped right after it started', async () => {
    const client = createCoordinatorClient({ url: coord.url, account: privateKeyToAccount(generatePrivateKey()) });
    const agent = createWorkerAgent({ client, hardware: sampleHardware(), log, heartbeatIntervalMs: 1000 });
    await agent.start();
    await agent.stop();
    await until(async () => coord.app.wsSessionCount() === 0, 'the session to close');
    await new Promise((r) => setTimeout(r, 200));
    expect(coord.app.wsSessionCount()).toBe(0);
  });

  it('resumes the heartbeat sequence after a restart with the same key', async () => {
    const account = privateKeyToAccount(generatePrivateKey());
    const first = createWorkerAgent({ client: createCoordinatorClient({ url: coord.url, account }), hardware: sampleHardware(), log, heartbeatIntervalMs: 20 });
    await first.start();
    await until(async () => (await getDevice(createCoordinatorClient({ url: coord.url }), { id: first.deviceId })).heartbeatSeq >= 2, 'heartbeats');
    await first.stop();
    const before = (await getDevice(createCoordinatorClient({ url: coord.url }), { id: first.deviceId })).heartbeatSeq;
    const second = createWorkerAgent({ client: createCoordinatorClient({ url: coord.url, account }), hardware: sampleHardware(), log, heartbeatIntervalMs: 20 });
    const device = await second.start();
    expect(device.heartbeatSeq).toBe(before + 1);
    await until(async () => (await getDevice(createCoordinatorClient({ url: coord.url }), { id: second.deviceId })).heartbeatSeq > before + 1, 'resumed heartbeats');
    await second.stop();
  });

  it('fails, without retrying, on a refusal a retry cannot fix', async () => {
    const client = createCoordinatorClient({ url: coord.url, account: privateKeyToAccount(generatePrivateKey()) });
    const agent = createWorkerAgent({ client, hardware: sampleHardware([sampleGpu(0, 'A'), sampleGpu(1, 'B')]), log });
    await expect(agent.start()).rejects.toMatchObject({ code: 'MIXED_GPU_MODELS' });
    expect(agent.state).toBe('FAILED');
  });

  it('stops with FAILED when the network blocks its device', async () => {
    const client = createCoordinatorClient({ url: coord.url, account: privateKeyToAccount(generatePrivateKey()) });
    const agent = createWorkerAgent({ client, hardware: sampleHardware(), log, heartbeatIntervalMs: 20 });
    await agent.start();
    await createDeviceStore(coord.database.db).setDeviceState(agent.deviceId, 'blocked', Date.now());
    expect(await agent.done).toBe('FAILED');
    await agent.stop();
  });

  it('retries a retryable failure until the coordinator answers', async () => {
    const client = createCoordinatorClient({ url: 'http://127.0.0.1:9', account: privateKeyToAccount(generatePrivateKey()), domain: { chainId: 31337, networkId: `0x${'00'.repeat(32)}` }, timeoutMs: 200 });
    const agent = createWorkerAgent({ client, hardware: sampleHardware(), log, retry: { baseMs: 10, maxMs: 20 } });
    const starting = agent.start();
    await new Promise((r) => setTimeout(r, 100));
    expect(agent.state).toBe('REGISTERING');
    await agent.stop();
    await expect(starting).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
  });
});

describe('startWorkers', () => {
  let coord: TestCoordinator;
  beforeAll(async () => {
    coord = await startTestCoordinator('sqlite');
  });
  afterAll(async () => coord?.close());

  const mixedMachine: HardwareProbe = {
    machine: (({ kind: _k, gpus: _g, ...machine }) => machine)(sampleHardware()),
    gpus: [sampleGpu(0, 'NVIDIA GeForce RTX 4090'), sampleGpu(1, 'NVIDIA GeForce RTX 3090')],
    driverVersion: '550.54.15',
    cudaVersion: '12.4',
  };

  it('runs one worker per GPU model with its own kept identity', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tg-workers-'));
    const options = loadWorkerOptions({}, { coordinatorUrl: coord.url, dataDir, heartbeatIntervalMs: 1000 });
    const first = await startWorkers(options, { log, probe: async () => mixedMachine });
    expect(first.map((w) => w.device.gpuModel)).toEqual(['NVIDIA GeForce RTX 4090', 'NVIDIA GeForce RTX 3090']);
    expect(first.map((w) => w.keyFile)).toEqual([join(dataDir, 'nvidia-geforce-rtx-4090', 'worker.key'), join(dataDir, 'nvidia-geforce-rtx-3090', 'worker.key')]);
    expect(new Set(first.map((w) => w.device.id)).size).toBe(2);
    await Promise.all(first.map((w) => w.agent.stop()));

    const again = await startWorkers(options, { log, probe: async () => mixedMachine });
    expect(again.map((w) => w.device.id)).toEqual(first.map((w) => w.device.id));
    expect(again.every((w) => !w.keyCreated)).toBe(true);
    await Promise.all(again.map((w) => w.agent.stop()));
  });

  it('offers the CPU cores the operator chose: the report says so and one compute thread runs per core', async () => {
    const cpuMachine: HardwareProbe = { machine: mixedMachine.machine, gpus: [] };
    const options = loadWorkerOptions({ TG_CPU_CORES: '2' }, { coordinatorUrl: coord.url, dataDir: mkdtempSync(join(tmpdir(), 'tg-workers-')) });
    const [worker] = await startWorkers(options, { log, probe: async () => cpuMachine });
    expect(worker!.device.hardware.cpu).toMatchObject({ cores: 2, threads: 4 });
    expect(worker!.challenges.path).toEqual({ kind: 'cpu', computeThreads: 2 });
    await worker!.agent.stop();
    await worker!.challenges.close();

    const tooMany = loadWorkerOptions({}, { coordinatorUrl: coord.url, cpuCores: 17 });
    await expect(startWorkers(tooMany, { log, probe: async () => cpuMachine })).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  });

  it('refuses to put two models in one worker when the operator asks for it', async () => {
    const options = loadWorkerOptions({}, { coordinatorUrl: coord.url, dataDir: mkdtempSync(join(tmpdir(), 'tg-workers-')), gpuIndices: '0,1' });
    await expect(startWorkers(options, { log, probe: async () => mixedMachine })).rejects.toMatchObject({ code: 'MIXED_GPU_MODELS' });
  });

  it('refuses one configured key for several workers', async () => {
    const options = loadWorkerOptions({}, { coordinatorUrl: coord.url, privateKey: generatePrivateKey() });
    await expect(startWorkers(options, { log, probe: async () => mixedMachine })).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  });
});
