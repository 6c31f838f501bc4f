/**
 * The coordinator's composition root: the only place that reads the environment, opens the
 * database and listens. Logs are JSON lines (pino) on stdout.
 */
import { join } from 'node:path';
import { createChainClients } from '@tensorgrid/chain';
import { createChallengeScheduleStore, createDatasetUploadStore, createDeviceStore, createJobChallengeStore, createJobIndexStore, createJobShareDayStore, createSqlBlobStore, createNonceStore, createRewardBlockStore, createServiceUptimeStore, createSupplyStores, createTickLock, databaseClockSkewMs, migrateToLatest, openDatabase } from '@tensorgrid/db';
import { DEFAULT_ELIGIBILITY_POLICY, DEFAULT_NOMINATION_POLICY, DEFAULT_SPLIT_POLICY } from '@tensorgrid/domain';
import { isBaseError } from '@tensorgrid/protocol';
import { pino } from 'pino';
import { createApp } from './app';
import { createChallengeScheduler } from './challenges/challenge-scheduler';
import { clockSkewCheck } from './challenges/clock-skew-check';
import { DEFAULT_CHALLENGE_POLICY } from './challenges/core/next-round-at';
import { createThreadedChallengeChecks } from './challenges/checks/threaded-challenge-checks';
import { challengeAdaptersFor } from './challenges/kinds/challenge-adapters-for';
import { systemClock } from './clock';
import { periodicTask } from './periodic-task';
import { loadCoordinatorOptions } from './config';
import { loadOrCreateNetworkId } from './identity/load-or-create-network-id';
import { startSilentDeviceSweeper } from './liveness/silent-device-sweeper';
import { createOracleClients } from './oracle-clients';
import { createBlockBuilder } from './rewards/block-builder';
import { createRewardScheduler } from './rewards/reward-scheduler';
import { rewardEvidenceSources } from './rewards/reward-evidence-sources';
import { rewardHistoryFromBlocks } from './rewards/reward-history';
import { createViemRewardChain } from './rewards/viem-reward-chain';
import { createJobShareBuilder } from './rewards/job-share-builder';
import { createJobShareScheduler } from './rewards/job-share-scheduler';
import { createViemJobShareChain } from './rewards/viem-job-share-chain';
import { createUploadSweeper } from './jobs/upload-sweeper';
import { createJobIndexer } from './jobs/job-indexer';
import { createViemJobMarketReader } from './jobs/viem-job-market-reader';
import { createViemVerifierRoles } from './jobs/viem-verifier-roles';
import { createDeviceChainRegistrar } from './registry/device-chain-registrar';
import { createViemJobMarketWorkers } from './registry/viem-job-market-workers';
import { createViemStakingRegistry } from './registry/viem-staking-registry';
import { clusterProbeOptions, supplyOptions } from './supply-options';
import { VERSION } from './version';

const MIB = 1024 * 1024;

const log = pino({ name: 'coordinator', level: process.env.TG_LOG_LEVEL ?? 'info' });

async function main(): Promise<void> {
  const options = loadCoordinatorOptions(process.env);
  const database = await openDatabase(
    options.storage === 'postgres' ? { kind: 'postgres', url: options.databaseUrl ?? '', ...(options.databaseSchema ? { schema: options.databaseSchema } : {}) } : { kind: 'sqlite', file: join(options.dataDir, 'coordinator.sqlite') },
  );
  await migrateToLatest(database.db);

  const nonces = createNonceStore(database.db);
  // Block rewards: the public routes always; claim status and the block builder when the chain is configured.
  const oracle =
    options.rpcUrl && options.stakingAddress && options.oracleKey
      ? { clients: createOracleClients({ rpcUrl: options.rpcUrl, chainId: options.chainId, oracleKey: options.oracleKey as `0x${string}` }, database.db), staking: options.stakingAddress as `0x${string}` }
      : undefined;
  // Event scans start at the contracts' deployment block, not at genesis, and go in pages the RPC accepts.
  const scan = { fromBlock: BigInt(options.chainFromBlock), pageBlocks: options.chainLogPageBlocks };
  const rewardChain = oracle && options.rewardsAddress ? createViemRewardChain({ ...oracle, rewards: options.rewardsAddress as `0x${string}`, ...scan }) : undefined;
  const rewardStore = createRewardBlockStore(database.db);
  const supply = createSupplyStores(database.db);
  // Replicas on one PostgreSQL database take turns at the periodic passes (an advisory lock per pass):
  // sweeps, the staking registrar, the job index, reward blocks and job shares.
  const tickLock = createTickLock(database.db);
  const devices = createDeviceStore(database.db);
  const jobIndex = createJobIndexStore(database.db);
  const uploads = createDatasetUploadStore(database.db);
  // Job shares of UTC days: the public routes always; claim status and settling when JobMarket, Rewards and the oracle key are configured.
  const jobShareStore = createJobShareDayStore(database.db);
  const jobShareChain =
    oracle && options.rewardsAddress && options.jobMarketAddress
      ? createViemJobShareChain({ clients: oracle.clients, jobMarket: options.jobMarketAddress as `0x${string}`, rewards: options.rewardsAddress as `0x${string}`, ...scan })
      : undefined;
  // The JobMarket is read without a key: the job index and the verifier roles of the challenge exchange.
  const market = options.rpcUrl && options.jobMarketAddress ? { clients: createChainClients({ rpcUrl: options.rpcUrl, chainId: options.chainId }), market: options.jobMarketAddress as `0x${string}` } : undefined;
  // Recomputing sampled tiles and pages takes seconds at production sizes: off the event loop.
  const challengeChecks = createThreadedChallengeChecks({ threads: options.challengeCheckThreads });
  const app = await createApp({
    devices,
    nonces,
    supply,
    supplyOptions: supplyOptions({ networkScale: options.networkScale, probeIntervalMs: options.networkProbeIntervalMs }),
    clusterOptions: clusterProbeOptions({ scale: options.networkScale }),
    clock: systemClock,
    chainId: options.chainId,
    networkId: (options.networkId as `0x${string}` | undefined) ?? loadOrCreateNetworkId(options.dataDir),
    storage: options.storage,
    version: VERSION,
    challengeAdapters: challengeAdaptersFor(options.challengeProfile, challengeChecks),
    eligibility: { ...DEFAULT_ELIGIBILITY_POLICY, trialMs: options.trialMs, scoreThreshold: options.scoreThreshold },
    logger: log,
    rewards: { store: rewardStore, ...(rewardChain ? { chain: rewardChain } : {}) },
    rewardHistory: rewardHistoryFromBlocks(rewardStore),
    jobs: jobIndex,
    // Every replica marks its run: the gaps are the coordinator's outages, which a tolerant dispute's opening window does not count.
    uptime: createServiceUptimeStore(database.db),
    jobShares: { store: jobShareStore, ...(jobShareChain ? { chain: jobShareChain } : {}) },
    ...(market ? { jobChallenges: { store: createJobChallengeStore(database.db), roles: createViemVerifierRoles({ ...market, clock: systemClock }) } } : {}),
    // Datasets and specs are immutable blobs named by their hash, kept in the database (so every replica serves them); uploads (specs: unsigned) are charged to their signers and a shared pool until a node submits a result for a job naming them.
    jobContent: { datasets: createSqlBlobStore(database.db, 'datasets'), specs: createSqlBlobStore(database.db, 'job-specs'), uploads, quotaBytes: options.datasetQuotaMb * MIB, poolBytes: options.datasetPoolMb * MIB },
    options: { ...options, heartbeatBatch: { maxDelayMs: options.heartbeatBatchMs } },
  });
  const stopSweeper = startSilentDeviceSweeper(app.liveness, { graceMs: options.downAfterMs, intervalMs: options.sweepIntervalMs, now: systemClock.now, lock: tickLock }, log);
  // Rounds another replica claimed show up at this replica's next tick, within a minute of clock difference.
  const lookBackMs = Math.max(60_000, 3 * options.challengeTickMs);
  // The rounds assume the replicas' clocks agree within the look-back: each replica checks its own against the
  // database's, at start and every minute, and starts and joins no rounds while it is off by more than half of it.
  const clockSkew = clockSkewCheck({ measure: () => databaseClockSkewMs(database.db, systemClock.now), toleranceMs: lookBackMs / 2, log });
  const clockCheckFailed = (err: unknown) => log.warn({ err }, 'checking the clock against the database failed');
  const clockCheck = periodicTask(clockSkew.check, clockCheckFailed);
  void clockCheck.tick().catch(clockCheckFailed);
  const stopClockCheck = clockCheck.start(60_000);
  const challengeScheduler = createChallengeScheduler({
    store: createChallengeScheduleStore(database.db),
    runner: app.challenges,
    hasSession: (deviceId) => app.gateway.hasSession(deviceId),
    lookBackMs,
    now: systemClock.now,
    log,
    policy: { ...DEFAULT_CHALLENGE_POLICY, meanIntervalMs: options.challengeMeanIntervalMs, maxLoadMsPerHour: options.challengeMaxLoadMsPerHour },
    maxConcurrentRounds: options.challengeMaxConcurrentRounds,
    clockOffBy: clockSkew.offBy,
  });
  const challengeTimer = setInterval(() => void challengeScheduler.tick().catch((err: unknown) => log.error({ err }, 'challenge scheduling failed')), options.challengeTickMs);
  challengeTimer.unref();
  // Block rewards: every closed hour, once its evidence has settled (20 min), is nominated, split (class weight × the explorer's quality score at the block's end), stored and its roots posted (needs the chain).
  const stopRewards = rewardChain
    ? createRewardScheduler({
        builder: createBlockBuilder({
          store: rewardStore,
          chain: rewardChain,
          sources: rewardEvidenceSources({ devices, liveness: app.liveness, challenges: supply.challenges, explorer: app.explorer }),
          clock: systemClock,
          policy: { nomination: { ...DEFAULT_NOMINATION_POLICY, allowSimulated: options.rewardsAllowSimulated, scoreThreshold: options.scoreThreshold }, split: DEFAULT_SPLIT_POLICY },
          log,
        }),
        store: rewardStore,
        log,
        lock: tickLock,
      }).start(options.rewardsIntervalMs)
    : async () => undefined;
  // Every registered device is recorded on Staking (owner and class), so its owner can stake on it,
  // and, with the JobMarket configured, may run one job at a time there once live (none when blocked).
  const stopRegistrar = oracle
    ? createDeviceChainRegistrar({
        devices,
        staking: createViemStakingRegistry(oracle),
        market: options.jobMarketAddress ? createViemJobMarketWorkers({ clients: oracle.clients, jobMarket: options.jobMarketAddress as `0x${string}` }) : undefined,
        log,
        lock: tickLock,
      }).start(options.stakingSyncIntervalMs)
    : async () => undefined;
  const stopJobIndex = market
    ? createJobIndexer({ store: jobIndex, reader: createViemJobMarketReader(market), log, lock: tickLock, now: systemClock.now }, { confirmations: options.jobIndexConfirmations, fromBlock: options.chainFromBlock, maxBlocksPerPass: options.chainLogPageBlocks }).start(options.jobIndexIntervalMs)
    : async () => undefined;
  // Uploads named by jobs with a result are claimed; unclaimed ones expire (claims need the job index, so without a JobMarket every upload expires),
  // but none while the index has not caught up with the chain lately: a job posted meanwhile may name them.
  const stopUploadSweeper = createUploadSweeper(
    { uploads, clock: systemClock, log, lock: tickLock, ...(market ? { jobIndexCaughtUpAt: () => jobIndex.caughtUpAt() } : {}) },
    { unclaimedMs: options.datasetUnclaimedHours * 3_600_000, jobIndexStaleMs: Math.max(5 * 60_000, 10 * options.jobIndexIntervalMs) },
  ).start(options.datasetSweepIntervalMs);
  // Each UTC day whose challenge windows closed (no dispute pending) is settled from the job index and its root posted.
  const stopJobShares = jobShareChain
    ? createJobShareScheduler({
        builder: createJobShareBuilder({ store: jobShareStore, index: jobIndex, chain: jobShareChain, clock: systemClock, log }),
        store: jobShareStore,
        index: jobIndex,
        log,
        lock: tickLock,
      }).start(options.jobSharesIntervalMs)
    : async () => undefined;
  const pruneTimer = setInterval(() => void nonces.pruneNonces(Date.now()).catch((err: unknown) => log.error({ err }, 'nonce prune failed')), 60_000);
  pruneTimer.unref();

  const address = await app.http.listen({ host: options.host, port: options.port });
  log.info({ url: address, storage: options.storage, chainId: options.chainId, challengeProfile: options.challengeProfile }, 'coordinator listening');
  // Spawned by a devnet: tell it over IPC that the coordinator is ready.
  process.send?.({ type: 'ready', url: address });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'coordinator stopping');
    // A stop never hangs: a peer that died mid-connection must not keep the process alive.
    setTimeout(() => {
      log.error('coordinator did not stop within 5 s; exiting');
      process.exit(1);
    }, 5000).unref();
    clearInterval(pruneTimer);
    clearInterval(challengeTimer);
    await stopRewards();
    await stopRegistrar();
    await stopJobIndex();
    await stopUploadSweeper();
    await stopJobShares();
    await stopSweeper();
    await stopClockCheck();
    await app.http.close();
    await challengeChecks.close();
    log.info({ heartbeats: app.heartbeats.stats() }, 'heartbeat ingest');
    await database.close();
    log.info('coordinator stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  // Spawned by a devnet (with an IPC channel): stop when it goes away, however it died.
  if (process.send) process.on('disconnect', () => void shutdown('parent exited'));
}

main().catch((err: unknown) => {
  log.fatal({ err, code: isBaseError(err) ? err.code : undefined }, isBaseError(err) ? err.message : 'coordinator failed to start');
  process.exit(1);
});
