/**
 * Two coordinator replicas as separate processes on one PostgreSQL schema, as a deployment
 * runs them behind a load balancer: a real worker process registers through one, the other
 * serves its device and its heartbeats from the shared database; the periodic passes (staking
 * registrar, job index, silent-device sweep) run under the advisory tick lock, so each on-chain
 * record and each stored fact is made once; when one replica is killed, the other carries on.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accountBeneficiary, ANVIL_DEV_ADDRESSES, ANVIL_DEV_KEYS, createChainClients, deployNetwork, postJob, readStake, stakingAbi, type NetworkContracts, type WalletChainClients } from '@tensorgrid/chain';
import { spawnService, type RunningService } from '@tensorgrid/cli/spawn-service';
import { COORDINATOR_MAIN_PATH } from '@tensorgrid/coordinator';
import { createCoordinatorClient, getDataset, getDevice, listJobs, uploadDataset } from '@tensorgrid/sdk';
import { openTestDatabase, TEST_PG_URL, until, withAnvil, type AnvilFixture, type TestDatabase } from '@tensorgrid/test-utils';
import { WORKER_MAIN_PATH } from '@tensorgrid/worker';
import { erc20Abi, keccak256, toHex, type Address } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const GRID = 10n ** 18n;
const DOWN_AFTER_MS = 1500;

describe('two coordinator replicas on one PostgreSQL database', () => {
  let anvil: AnvilFixture;
  let database: TestDatabase;
  let contracts: NetworkContracts;
  let requester: WalletChainClients;
  let replicas: RunningService<string>[] = [];
  let worker: RunningService<{ deviceId: string }[]>;
  let deviceId: string;
  const dir = mkdtempSync(join(tmpdir(), 'tg-replicas-'));
  const logOf = (name: string) => join(dir, `${name}.log`);
  const client = (i: number) => createCoordinatorClient({ url: replicas[i]!.ready });

  const startReplica = (name: string) =>
    spawnService({
      name: `coordinator ${name}`,
      script: COORDINATOR_MAIN_PATH,
      logFile: logOf(name),
      timeoutMs: 60_000,
      env: {
        PATH: process.env.PATH,
        TG_COORDINATOR_PORT: '0',
        TG_DATA_DIR: join(dir, name),
        TG_STORAGE: 'postgres',
        TG_DATABASE_URL: TEST_PG_URL,
        TG_DATABASE_SCHEMA: database.location,
        TG_NETWORK_ID: `0x${'5e'.repeat(32)}`,
        TG_RPC_URL: anvil.rpcUrl,
        TG_CHAIN_ID: String(anvil.chainId),
        TG_STAKING_ADDRESS: contracts.Staking,
        TG_REWARDS_ADDRESS: contracts.Rewards,
        TG_JOB_MARKET_ADDRESS: contracts.JobMarket,
        TG_ORACLE_KEY: ANVIL_DEV_KEYS[1],
        TG_HEARTBEAT_INTERVAL_MS: '300',
        TG_DOWN_AFTER_MS: String(DOWN_AFTER_MS),
        TG_SWEEP_INTERVAL_MS: '100',
        TG_STAKING_SYNC_INTERVAL_MS: '200',
        TG_JOB_INDEX_INTERVAL_MS: '200',
        TG_LOG_LEVEL: 'debug',
        // The worker shares this machine: challenges sized to a laptop, not to its whole RAM and cores.
        TG_CHALLENGE_PROFILE: 'devnet',
      },
      ready: (m) => (typeof m === 'object' && m !== null && (m as { type?: unknown }).type === 'ready' ? (m as { url: string }).url : undefined),
    });

  beforeAll(async () => {
    anvil = await withAnvil();
    const admin = createChainClients({ rpcUrl: anvil.rpcUrl, chainId: anvil.chainId, privateKey: ANVIL_DEV_KEYS[0]!, pollingIntervalMs: 20 });
    requester = createChainClients({ rpcUrl: anvil.rpcUrl, chainId: anvil.chainId, privateKey: ANVIL_DEV_KEYS[2]!, pollingIntervalMs: 20 });
    contracts = await deployNetwork(admin, { admin: ANVIL_DEV_ADDRESSES[0]!, oracle: ANVIL_DEV_ADDRESSES[1]! });
    const funded = await admin.walletClient.writeContract({ address: contracts.GridToken, abi: erc20Abi, functionName: 'transfer', args: [requester.account.address, 1_000n * GRID] });
    await admin.publicClient.waitForTransactionReceipt({ hash: funded });
    database = await openTestDatabase('postgres');
    replicas = await Promise.all([startReplica('a'), startReplica('b')]);
    worker = await spawnService({
      name: 'worker',
      script: WORKER_MAIN_PATH,
      logFile: logOf('worker'),
      timeoutMs: 60_000,
      env: { PATH: process.env.PATH, TG_COORDINATOR_URL: replicas[0]!.ready, TG_WORKER_DATA_DIR: join(dir, 'worker'), TG_CPU_CORES: '1' },
      ready: (m) => (m as { type?: string; workers?: { deviceId: string }[] }).type === 'ready' ? (m as { workers: { deviceId: string }[] }).workers : undefined,
    });
    deviceId = worker.ready[0]!.deviceId;
  }, 180_000);

  afterAll(async () => {
    await worker?.stop();
    await Promise.all(replicas.map((r) => r.stop()));
    await database?.close();
    await anvil?.stop();
  });

  it('serves a device registered through one replica, with its heartbeats, from the other', async () => {
    await until(async () => (await getDevice(client(1), { id: deviceId })).heartbeatSeq >= 3, 'heartbeats sent to A seen through B');
    const [viaA, viaB] = await Promise.all([getDevice(client(0), { id: deviceId }), getDevice(client(1), { id: deviceId })]);
    expect(viaB).toMatchObject({ id: viaA.id, hardware: viaA.hardware, registeredAt: viaA.registeredAt });
    expect(viaB.hardware.cpu.cores).toBe(1);
  });

  it('serves a dataset uploaded through one replica from the other (blobs live in the shared database)', async () => {
    const bytes = new TextEncoder().encode('x,y,label\n0.5,1.5,0\n2.5,0.5,1\n');
    const signed = createCoordinatorClient({ url: replicas[0]!.ready, account: privateKeyToAccount(ANVIL_DEV_KEYS[2]!) });
    const { sha256 } = await uploadDataset(signed, { bytes });
    expect(await getDataset(client(1), { sha256 })).toEqual(bytes);
  });

  it('records the device on Staking once, though both replicas run the registrar with the same key', async () => {
    const staking = () => readStake(requester.publicClient, { staking: contracts.Staking, device: accountBeneficiary(deviceId as Address) });
    await until(async () => (await staking()).owner.toLowerCase() === deviceId, 'the device recorded on Staking', 30_000);
    const recorded = await requester.publicClient.getContractEvents({ address: contracts.Staking, abi: stakingAbi, eventName: 'DeviceSet', args: { device: accountBeneficiary(deviceId as Address) }, fromBlock: 0n });
    expect(recorded).toHaveLength(1);
  });

  it('indexes each job and event once, and both replicas serve the index', async () => {
    const { timestamp } = await requester.publicClient.getBlock();
    const posted = [];
    for (const fee of [10n, 20n, 30n]) posted.push(await postJob(requester, { address: contracts.JobMarket, specHash: keccak256(toHex(`replicas ${fee}`)), fee: fee * GRID, gas: 5n * GRID, deadline: timestamp + 3600n }));
    const ids = posted.map((p) => p.jobId.toString()).sort();
    for (const i of [0, 1]) await until(async () => (await listJobs(client(i), { state: 'posted' })).jobs.length === 3, `the jobs through replica ${i}`);
    expect((await listJobs(client(1), { state: 'posted' })).jobs.map((j) => j.id).sort()).toEqual(ids);
    const events = await database.db.selectFrom('job_events').select(['job_id', 'name']).execute();
    expect(events.map((e) => `${e.job_id}:${e.name}`).sort()).toEqual(ids.map((id) => `${id}:JobPosted`));
  });

  it('marks a silent device down once, though both replicas sweep', async () => {
    worker.child.kill('SIGKILL');
    await worker.exited;
    await until(async () => (await getDevice(client(1), { id: deviceId })).state === 'down', 'the silent device down', 20_000);
    // Many more sweeps come and go on both replicas; none records the change again.
    await new Promise((resolve) => setTimeout(resolve, DOWN_AFTER_MS));
    const changes = await database.db.selectFrom('liveness_changes').select(['seq', 'up']).where('device_id', '=', deviceId).orderBy('seq').execute();
    expect(changes.map((c) => c.up)).toEqual([1, 0]);
  });

  it('carries on with the passes when the other replica is killed', async () => {
    replicas[0]!.child.kill('SIGKILL');
    await replicas[0]!.exited;
    const { timestamp } = await requester.publicClient.getBlock();
    const late = await postJob(requester, { address: contracts.JobMarket, specHash: keccak256(toHex('after a replica died')), fee: 40n * GRID, gas: 5n * GRID, deadline: timestamp + 3600n });
    await until(async () => (await listJobs(client(1), { state: 'posted' })).jobs.some((j) => j.id === late.jobId.toString()), 'the job indexed by the surviving replica', 20_000);
  });

  it('logged no warning or error on either replica (two senders on one key would have raced for its nonces)', () => {
    // The worker is SIGKILLed mid-test: a challenge or network probe in flight then may fail, which is the device's failure, not a replica's.
    const theDevicesOwn = new Set(['device failed a hardware challenge', 'network measurement failed']);
    for (const name of ['a', 'b']) {
      const lines = readFileSync(logOf(name), 'utf8').split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { level: number; msg: string });
      expect(lines.length, `replica ${name} logged`).toBeGreaterThan(0);
      expect(lines.filter((l) => l.level >= 40 && !(l.level < 50 && theDevicesOwn.has(l.msg))), `replica ${name}`).toEqual([]);
    }
  });
});
