import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { privateKeyToAccount } from 'viem/accounts';
import { ANVIL_DEV_KEYS, startAnvil, type AnvilInstance } from '@tensorgrid/chain';
import { COORDINATOR_MAIN_PATH } from '@tensorgrid/coordinator';
import { BaseError, type Hardware } from '@tensorgrid/protocol';
import { createCoordinatorClient, getDevice } from '@tensorgrid/sdk';
import { VERIFIER_MAIN_PATH } from '@tensorgrid/verifier';
import { FLEET_MAIN_PATH, WORKER_MAIN_PATH } from '@tensorgrid/worker';
import { z } from 'zod';
import type { CliContext } from '../context';
import { isProcessAlive, readDevnetInfo, writeDevnetInfo, type DevnetInfo } from './devnet-info';
import { seedDevnetDatasets } from './devnet-datasets';
import { formatSummary } from './format-summary';
import { enableLocalWorkerJobs } from './enable-local-worker-jobs';
import { fundLocalWorkers } from './fund-local-workers';
import { DEVNET_CANARY_KEYS, DEVNET_CANARY_NODE_KEYS, DEVNET_ORACLE_KEY, DEVNET_REFEREE_KEY, DEVNET_VERIFIER_KEY, prepareContracts } from './prepare-contracts';
import { reapStaleAnvil } from './reap-stale-anvil';
import { startRequesterBot } from './requester-bot';
import { spawnService, type RunningService } from './spawn-service';

/** Options of `tgrid devnet`. */
export interface DevnetOptions {
  /** Absolute data directory. */
  dataDir: string;
  port: number;
  rpcPort: number;
  chainId: number;
  storage: 'sqlite' | 'postgres';
  databaseUrl?: string;
  heartbeatIntervalMs?: number;
  worker: boolean;
  /** Simulated devices to start beside the real worker (0: none). */
  simulate: number;
  /** Seed of the simulated fleet: the same seed brings back the same devices. */
  simulateSeed: number;
  /** Jobs the requester bot keeps posted from examples/jobs/ (0: no bot). */
  requesterJobs: number;
  json: boolean;
}

/** The ready job specs the requester bot posts round-robin. */
export const EXAMPLE_JOBS_DIR = join(import.meta.dirname, '../../../../examples/jobs');
/** The requester bot's account: a funded anvil dev key that is neither the admin nor the oracle. */
export const DEVNET_REQUESTER_KEY = ANVIL_DEV_KEYS[9]!;

/** A running devnet. */
export interface RunningDevnet {
  info: DevnetInfo;
  /** Resolves with the name of the first service that exits on its own. */
  unexpectedExit: Promise<string>;
  stop(): Promise<void>;
}

/** What the coordinator sends over IPC once it listens. */
const readyMessageSchema = z.object({ type: z.literal('ready'), url: z.string() });
/** What the fleet simulator sends over IPC once its devices registered. */
const fleetReadySchema = z.object({ type: z.literal('ready'), devices: z.number(), profiles: z.record(z.string(), z.number()) });
/** What the worker sends over IPC once its agents registered. */
/** What the verifier agent sends over IPC once it has bonded and started. */
const verifierReadySchema = z.object({ type: z.literal('ready'), market: z.string() });
const workersReadySchema = z.object({ type: z.literal('ready'), workers: z.array(z.object({ deviceId: z.string(), state: z.string() })) });

/**
 * Starts the devnet: anvil with its kept state, the contracts, the coordinator on SQLite and
 * a worker for this machine, each as a child process; prints progress and the summary and
 * writes `devnet.json`.
 * @param ctx - the CLI context
 * @param options - ports, data directory, storage
 * @throws {BaseError} DEVNET_ALREADY_RUNNING, UNAVAILABLE (a service failed to start), CHAIN_ERROR
 */
export async function runDevnet(ctx: CliContext, options: DevnetOptions): Promise<RunningDevnet> {
  const previous = readDevnetInfo(options.dataDir);
  if (previous && previous.pid !== process.pid && isProcessAlive(previous.pid)) {
    throw new BaseError('DEVNET_ALREADY_RUNNING', `A devnet already runs from ${options.dataDir} (pid ${previous.pid})`, {
      details: `Use it (npx tgrid devices list), stop it with Ctrl-C in its terminal or \`kill ${previous.pid}\`, or start another with --data-dir.`,
    });
  }
  mkdirSync(options.dataDir, { recursive: true });
  if (previous?.anvilPid && (await reapStaleAnvil(previous.anvilPid))) ctx.stderr.write(`  ✓ stopped the chain a killed devnet left behind (pid ${previous.anvilPid})\n`);
  const progress = (step: string, since: number) => ctx.stderr.write(`  ✓ ${step} (${Math.round(performance.now() - since)} ms)\n`);
  const services: RunningService<unknown>[] = [];
  let anvil: AnvilInstance | undefined;
  let requester: { stop(): Promise<void> } | undefined;
  const stop = async () => {
    await requester?.stop();
    for (const service of [...services].reverse()) await service.stop();
    await anvil?.stop();
  };

  try {
    ctx.stderr.write(`Starting the Tensorgrid devnet in ${options.dataDir}\n`);
    let t = performance.now();
    anvil = await startAnvil({ port: options.rpcPort, chainId: options.chainId, statePath: join(options.dataDir, 'chain', 'anvil-state.json') }).catch((cause: unknown) => {
      throw new BaseError('CHAIN_ERROR', 'The local chain (anvil) did not start', {
        cause,
        details: `${cause instanceof Error ? cause.message : ''}\nIf its saved state is damaged, move ${join(options.dataDir, 'chain')} away to start a fresh chain.`,
      });
    });
    progress(`chain ${anvil.rpcUrl}, chain id ${anvil.chainId}`, t);

    t = performance.now();
    const prepared = await prepareContracts({ rpcUrl: anvil.rpcUrl, chainId: anvil.chainId, ...(previous ? { previous: { contracts: previous.contracts as Record<string, `0x${string}`>, deployBlock: previous.deployBlock, sourceHash: previous.contractsSourceHash } } : {}) });
    const rebuilt = previous !== undefined && previous.contractsSourceHash !== prepared.sourceHash;
    progress(`contracts compiled and ${prepared.reused ? 'found on the chain' : rebuilt ? 'deployed afresh (their sources changed since the last run)' : 'deployed'}`, t);

    // The canary bot's accounts: ETH for gas, GRID for fees, deposits and dispute bonds, and a worker on the market for each node
    // (set before the coordinator starts: it sends with the same oracle key, and two senders would race for its nonces).
    const canaryRequesters = DEVNET_CANARY_KEYS.map((key) => privateKeyToAccount(key).address);
    const canaryNodes = DEVNET_CANARY_NODE_KEYS.map((key) => privateKeyToAccount(key).address);
    await fundLocalWorkers({ rpcUrl: anvil.rpcUrl, chainId: anvil.chainId, gridToken: prepared.contracts.GridToken as `0x${string}`, workers: [...canaryRequesters, ...canaryNodes] });
    await enableLocalWorkerJobs({ rpcUrl: anvil.rpcUrl, chainId: anvil.chainId, jobMarket: prepared.contracts.JobMarket as `0x${string}`, oracleKey: DEVNET_ORACLE_KEY, workers: canaryNodes, jobsEach: 1 });

    t = performance.now();
    const coordinator = await spawnService({
      name: 'coordinator',
      script: COORDINATOR_MAIN_PATH,
      logFile: join(options.dataDir, 'logs', 'coordinator.log'),
      timeoutMs: 30_000,
      env: {
        ...ctx.env,
        TG_COORDINATOR_PORT: String(options.port),
        TG_DATA_DIR: options.dataDir,
        TG_CHAIN_ID: String(anvil.chainId),
        TG_STORAGE: options.storage,
        TG_DATABASE_URL: options.databaseUrl,
        TG_HEARTBEAT_INTERVAL_MS: options.heartbeatIntervalMs === undefined ? ctx.env.TG_HEARTBEAT_INTERVAL_MS : String(options.heartbeatIntervalMs),
        // Every device of a devnet shares this machine: one challenge round at a time, sized to a laptop.
        TG_CHALLENGE_MAX_CONCURRENT_ROUNDS: ctx.env.TG_CHALLENGE_MAX_CONCURRENT_ROUNDS ?? '1',
        TG_CHALLENGE_PROFILE: ctx.env.TG_CHALLENGE_PROFILE ?? 'devnet',
        // Its datasets are uploaded once, at its start: keep them unclaimed for a year, not 24 h, so a devnet left without jobs still has them.
        TG_DATASET_UNCLAIMED_HOURS: ctx.env.TG_DATASET_UNCLAIMED_HOURS ?? '8760',
        // A one-minute trial instead of 12 hours, so a devnet's devices can be hired while it runs.
        TG_TRIAL_MS: ctx.env.TG_TRIAL_MS ?? '60000',
        // Block rewards: the coordinator reads Rewards/Staking and posts roots with the oracle key (anvil key 1).
        TG_RPC_URL: anvil.rpcUrl,
        TG_REWARDS_ADDRESS: prepared.contracts.Rewards,
        TG_STAKING_ADDRESS: prepared.contracts.Staking,
        // With Rewards and the oracle key, JobMarket also enables the job index and the job-share days (pool 2).
        TG_JOB_MARKET_ADDRESS: prepared.contracts.JobMarket,
        TG_CHAIN_FROM_BLOCK: String(prepared.deployBlock),
        TG_ORACLE_KEY: DEVNET_ORACLE_KEY,
        TG_REWARDS_ALLOW_SIMULATED: ctx.env.TG_REWARDS_ALLOW_SIMULATED ?? 'true',
      },
      ready: (message) => readyMessageSchema.safeParse(message).data?.url,
    });
    services.push(coordinator);
    progress(`coordinator ${coordinator.ready} on ${options.storage}`, t);
    t = performance.now();
    // Real datasets for job specs to name by hash (examples/jobs/ uses them).
    const datasets = await seedDevnetDatasets(createCoordinatorClient({ url: coordinator.ready, account: privateKeyToAccount(DEVNET_REQUESTER_KEY), timeoutMs: 30_000 }));
    progress(`datasets stored: ${datasets.map((d) => `${d.name} (${d.size} rows, sha256 ${d.sha256.slice(0, 12)}…)`).join(', ')}`, t);

    const workers: { id: string; state: string; hardware: Hardware }[] = [];
    if (options.worker) {
      t = performance.now();
      const worker = await spawnService({
        name: 'worker',
        script: WORKER_MAIN_PATH,
        logFile: join(options.dataDir, 'logs', 'worker.log'),
        timeoutMs: 30_000,
        env: {
          ...ctx.env,
          TG_COORDINATOR_URL: coordinator.ready,
          TG_WORKER_DATA_DIR: join(options.dataDir, 'worker'),
          // The chain, the coordinator and the fleet share this machine: the local worker offers one core.
          TG_CPU_CORES: ctx.env.TG_CPU_CORES ?? '1',
          // The worker takes training jobs from the JobMarket, signing with its own key.
          TG_RPC_URL: anvil.rpcUrl,
          TG_CHAIN_ID: String(anvil.chainId),
          TG_JOB_MARKET_ADDRESS: prepared.contracts.JobMarket,
        },
        ready: (message) => workersReadySchema.safeParse(message).data?.workers,
      });
      services.push(worker);
      const client = createCoordinatorClient({ url: coordinator.ready });
      for (const w of worker.ready) {
        const device = await getDevice(client, { id: w.deviceId });
        workers.push({ id: w.deviceId, state: w.state, hardware: device.hardware });
      }
      progress(`worker${workers.length > 1 ? 's' : ''} registered: ${workers.map((w) => w.id).join(', ')}`, t);
      t = performance.now();
      const funded = await fundLocalWorkers({ rpcUrl: anvil.rpcUrl, chainId: anvil.chainId, gridToken: prepared.contracts.GridToken as `0x${string}`, workers: workers.map((w) => w.id as `0x${string}`) });
      if (funded.length) progress(`funded ${funded.length} local worker${funded.length > 1 ? 's' : ''} with ETH for gas and 10,000 GRID to stake (devnet only)`, t);
      // The coordinator sets each live worker's JobMarket slot (one job at a time) with its oracle key within a registrar pass.
    }

    t = performance.now();
    // The verifier agent: challenges submitted jobs, replays the answers and posts verdicts, with its own key and bond.
    const verifier = await spawnService({
      name: 'verifier',
      script: VERIFIER_MAIN_PATH,
      logFile: join(options.dataDir, 'logs', 'verifier.log'),
      timeoutMs: 30_000,
      env: {
        ...ctx.env,
        TG_COORDINATOR_URL: coordinator.ready,
        TG_RPC_URL: anvil.rpcUrl,
        TG_CHAIN_ID: String(anvil.chainId),
        TG_JOB_MARKET_ADDRESS: prepared.contracts.JobMarket,
        TG_VERIFIER_KEY: DEVNET_VERIFIER_KEY,
        // Bond 50 verdicts at a time: a top-up (approve and bond) every 50 verdicts, not every 4.
        TG_VERIFIER_BOND_VERDICTS: '50',
        // The same loop referees contested rejections, with the referee's key.
        TG_REFEREE_KEY: DEVNET_REFEREE_KEY,
        // …and keeps 2 % of the verification work canaries with planted errors.
        TG_CANARY_KEYS: DEVNET_CANARY_KEYS.join(','),
        TG_CANARY_NODE_KEYS: DEVNET_CANARY_NODE_KEYS.join(','),
      },
      ready: (message) => verifierReadySchema.safeParse(message).data,
    });
    services.push(verifier);
    progress(`verifier ${privateKeyToAccount(DEVNET_VERIFIER_KEY).address} challenges submitted jobs and posts verdicts; referee ${privateKeyToAccount(DEVNET_REFEREE_KEY).address} resolves contests; canary bot posts 2 % canaries from ${canaryRequesters.join(', ')}, taken by its nodes ${canaryNodes.join(', ')} (tgrid job canaries --node …) (logs/verifier.log)`, t);

    if (options.requesterJobs > 0) {
      t = performance.now();
      const account = privateKeyToAccount(DEVNET_REQUESTER_KEY).address;
      const chainUrl = anvil.rpcUrl;
      const chainId = anvil.chainId;
      // Each job escrows about 10 GRID: the treasury tops the bot up whenever it falls below half of its 10,000.
      const topUp = () => fundLocalWorkers({ rpcUrl: chainUrl, chainId, gridToken: prepared.contracts.GridToken as `0x${string}`, workers: [account] });
      await topUp();
      const files = readdirSync(EXAMPLE_JOBS_DIR).filter((f) => f.endsWith('.json')).sort().map((f) => join(EXAMPLE_JOBS_DIR, f));
      requester = await startRequesterBot({
        coordinatorUrl: coordinator.ready, rpcUrl: anvil.rpcUrl, chainId: anvil.chainId, jobMarket: prepared.contracts.JobMarket as `0x${string}`,
        privateKey: DEVNET_REQUESTER_KEY, files, minPosted: options.requesterJobs, logFile: join(options.dataDir, 'logs', 'requester.log'), beforePass: topUp,
      });
      progress(`requester bot ${account} keeps ${options.requesterJobs} jobs posted from examples/jobs/ (logs/requester.log)`, t);
    }

    if (options.simulate > 0) {
      t = performance.now();
      const fleet = await spawnService({
        name: 'fleet simulator',
        script: FLEET_MAIN_PATH,
        logFile: join(options.dataDir, 'logs', 'fleet.log'),
        timeoutMs: 60_000 + options.simulate * 1000,
        env: { ...ctx.env, TG_COORDINATOR_URL: coordinator.ready, TG_SIMULATE_COUNT: String(options.simulate), TG_SIMULATE_SEED: String(options.simulateSeed) },
        ready: (message) => fleetReadySchema.safeParse(message).data,
      });
      services.push(fleet);
      const profiles = Object.entries(fleet.ready.profiles).map(([profile, n]) => `${n} ${profile}`).join(', ');
      progress(`simulated fleet registered: ${fleet.ready.devices} devices (${profiles}), flagged simulated`, t);
    }

    const info: DevnetInfo = {
      version: 1,
      pid: process.pid,
      anvilPid: anvil.pid,
      startedAt: new Date().toISOString(),
      coordinatorUrl: coordinator.ready,
      wsUrl: `${coordinator.ready.replace(/^http/, 'ws')}/v1/ws`,
      rpcUrl: anvil.rpcUrl,
      chainId: anvil.chainId,
      contracts: prepared.contracts,
      deployBlock: prepared.deployBlock,
      contractsSourceHash: prepared.sourceHash,
      workers: workers.map((w) => ({ id: w.id, kind: w.hardware.kind, gpuModel: w.hardware.gpus[0]?.model ?? null, gpus: w.hardware.gpus.length })),
      dataDir: options.dataDir,
    };
    writeDevnetInfo(options.dataDir, info);
    // performance.now() counts from this process's start, so module loading is included.
    const readyMs = performance.now();
    ctx.stdout.write(options.json ? `${JSON.stringify({ ...info, readyMs: Math.round(readyMs) })}\n` : formatSummary(info, { workers, readyMs, reused: prepared.reused }));

    const unexpectedExit = Promise.race(services.map((s) => s.exited.then(() => s.name)));
    return { info, unexpectedExit, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
