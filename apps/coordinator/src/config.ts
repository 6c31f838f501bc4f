import { loadConfig } from '@tensorgrid/config';
import { SIGNATURE_TOLERANCE_S, addressSchema, bytes32Schema } from '@tensorgrid/protocol';
import { z } from 'zod';

/** The coordinator's options; every field has its default. */
export const coordinatorOptionsSchema = z.object({
  /** Interface to listen on. @default 127.0.0.1 */
  host: z.string().default('127.0.0.1'),
  /** Port to listen on; 0 picks a free one. @default 7070 */
  port: z.coerce.number().int().min(0).max(65535).default(7070),
  /** Where the SQLite database (with the stored datasets and job specs, when storage is sqlite) lives. @default .tensorgrid */
  dataDir: z.string().default('.tensorgrid'),
  /** Storage engine. @default sqlite */
  storage: z.enum(['sqlite', 'postgres']).default('sqlite'),
  /** PostgreSQL URL, required with storage=postgres. */
  databaseUrl: z.string().optional(),
  /** PostgreSQL schema to keep the tables in (created when missing); replicas of one network name the same one. @default the URL's search path (public) */
  databaseSchema: z.string().min(1).max(63).optional(),
  /** The network's id (32 bytes); with SQLite it is made once and kept in dataDir when absent. Required with PostgreSQL, where replicas share it. */
  networkId: bytes32Schema.optional(),
  /** Chain the network settles on. @default 31337 (anvil) */
  chainId: z.coerce.number().int().positive().default(31337),
  /** Heartbeat period announced to workers. @default 5000 */
  heartbeatIntervalMs: z.coerce.number().int().min(100).default(5000),
  /** A device silent this long is marked down. @default 40000 */
  downAfterMs: z.coerce.number().int().min(100).default(40_000),
  /** How often silent devices are swept. @default 5000 */
  sweepIntervalMs: z.coerce.number().int().min(50).default(5000),
  /** How long a WebSocket heartbeat waits to be committed with others (group commit), ms. @default 5 */
  heartbeatBatchMs: z.coerce.number().int().min(0).max(1000).default(5),
  /** How often device sessions are pinged. @default 10000 */
  pingIntervalMs: z.coerce.number().int().min(100).default(10_000),
  /** Scales the network probe's payload and every connectivity-tier threshold (tests: small). @default 1 */
  networkScale: z.coerce.number().positive().max(1).default(1),
  /** How often each connected device's network is measured. @default 3600000 (1 h) */
  networkProbeIntervalMs: z.coerce.number().int().min(100).default(3_600_000),
  /** Mean time between two hardware-challenge rounds of a device group. @default 3600000 (hourly) */
  challengeMeanIntervalMs: z.coerce.number().int().min(1000).default(3_600_000),
  /** Challenge rounds in flight at once (the devnet runs 1: its devices share one machine). @default 64 */
  challengeMaxConcurrentRounds: z.coerce.number().int().min(1).default(64),
  /** How often due challenge rounds are looked for. @default 5000 */
  challengeTickMs: z.coerce.number().int().min(100).default(5000),
  /**
   * How hardware challenges are sized: `production` to real hardware (GPU workers: all their
   * VRAM, 30 s of matmuls at their cards' rate, a one-minute puzzle; CPU workers: half their
   * RAM, 10 s at the measured per-core rate), `devnet` to one laptop running a whole network
   * (memory at 1/256, quarter-second challenges, half the per-core rate). Simulated devices
   * get the simulated policies in both. @default production
   */
  challengeProfile: z.enum(['production', 'devnet']).default('production'),
  /** A new device waits this long before it can be hired (the devnet: one minute). @default 43200000 (12 h) */
  trialMs: z.coerce.number().int().min(0).default(12 * 3_600_000),
  /** Devices whose quality score is below this are out of the market. @default 40 */
  scoreThreshold: z.coerce.number().min(0).max(100).default(40),
  /** Worker threads that recompute challenge answers (sampled tiles and pages), off the event loop. @default 1 */
  challengeCheckThreads: z.coerce.number().int().min(1).max(64).default(1),
  /** At most this much challenge load per device per hour, ms: a heavier round pushes the next one back. @default 900000 (15 min) */
  challengeMaxLoadMsPerHour: z.coerce.number().int().min(1000).max(3_600_000).default(900_000),
  /** Allowed clock skew of signed requests, seconds. @default 300 */
  signatureToleranceS: z.coerce.number().int().min(1).max(3600).default(SIGNATURE_TOLERANCE_S),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** JSON-RPC endpoint of the chain; with the contract addresses it enables block rewards. */
  rpcUrl: z.string().url().optional(),
  /** The Rewards contract. */
  rewardsAddress: addressSchema.optional(),
  /** The Staking contract. */
  stakingAddress: addressSchema.optional(),
  /** The oracle key that posts reward roots (anvil key 1 on the devnet). */
  oracleKey: bytes32Schema.optional(),
  /** How often closed reward blocks are built and posted. @default 60000 */
  rewardsIntervalMs: z.coerce.number().int().min(100).default(60_000),
  /** How often registered devices are recorded on Staking (with the chain configured). @default 5000 */
  stakingSyncIntervalMs: z.coerce.number().int().min(100).default(5000),
  /** The block the network's contracts were deployed at: event scans (job index, co-stakes, payouts, posted roots) start there, not at genesis. @default 0 */
  chainFromBlock: z.coerce.number().int().min(0).default(0),
  /** Blocks per `eth_getLogs` call of those scans: RPC providers cap the range of one call. @default 2000 */
  chainLogPageBlocks: z.coerce.number().int().min(1).max(1_000_000).default(2000),
  /** The JobMarket contract; with `rpcUrl` it enables the job index. */
  jobMarketAddress: addressSchema.optional(),
  /** How often the job index follows the chain. @default 2000 */
  jobIndexIntervalMs: z.coerce.number().int().min(100).default(2000),
  /** Blocks behind the head the job index stays (reorg safety; 0 on anvil). @default 0 */
  jobIndexConfirmations: z.coerce.number().int().min(0).max(1000).default(0),
  /** How often settleable UTC days of job shares are settled and their roots posted (needs JobMarket, Rewards and the oracle key). @default 60000 */
  jobSharesIntervalMs: z.coerce.number().int().min(100).default(60_000),
  /** Whether devnet-simulated devices may earn block rewards (devnet only). @default false */
  rewardsAllowSimulated: z.union([z.boolean(), z.stringbool()]).default(false),
  /** The most unclaimed dataset bytes one account may hold, in MiB (an upload is unclaimed until a node submits a result for a job that names it). @default 256 */
  datasetQuotaMb: z.coerce.number().int().min(1).max(1_048_576).default(256),
  /** The most unclaimed dataset bytes all accounts together may hold, in MiB. @default 4096 */
  datasetPoolMb: z.coerce.number().int().min(1).max(1_048_576).default(4096),
  /** Hours an unclaimed upload (dataset or job spec) that no live job names is kept before the sweeper removes it. @default 24 */
  datasetUnclaimedHours: z.coerce.number().positive().max(8760).default(24),
  /** How often uploads are swept (claimed by jobs with a result, or removed once expired). @default 600000 */
  datasetSweepIntervalMs: z.coerce.number().int().min(100).default(600_000),
})
  .refine((o) => o.storage !== 'postgres' || o.databaseUrl, { message: 'databaseUrl (TG_DATABASE_URL) is required with storage=postgres', path: ['databaseUrl'] })
  .refine((o) => o.storage !== 'postgres' || o.networkId, { message: 'networkId (TG_NETWORK_ID) is required with storage=postgres, so that replicas share it', path: ['networkId'] });

/** Compiled coordinator options. */
export type CoordinatorOptions = z.output<typeof coordinatorOptionsSchema>;

/** Environment variables of the coordinator. */
export const COORDINATOR_ENV = {
  host: 'TG_COORDINATOR_HOST',
  port: 'TG_COORDINATOR_PORT',
  dataDir: 'TG_DATA_DIR',
  storage: 'TG_STORAGE',
  databaseUrl: 'TG_DATABASE_URL',
  databaseSchema: 'TG_DATABASE_SCHEMA',
  networkId: 'TG_NETWORK_ID',
  chainId: 'TG_CHAIN_ID',
  heartbeatIntervalMs: 'TG_HEARTBEAT_INTERVAL_MS',
  downAfterMs: 'TG_DOWN_AFTER_MS',
  sweepIntervalMs: 'TG_SWEEP_INTERVAL_MS',
  pingIntervalMs: 'TG_PING_INTERVAL_MS',
  networkScale: 'TG_NETWORK_SCALE',
  networkProbeIntervalMs: 'TG_NETWORK_PROBE_INTERVAL_MS',
  heartbeatBatchMs: 'TG_HEARTBEAT_BATCH_MS',
  signatureToleranceS: 'TG_SIGNATURE_TOLERANCE_S',
  challengeMeanIntervalMs: 'TG_CHALLENGE_MEAN_INTERVAL_MS',
  challengeTickMs: 'TG_CHALLENGE_TICK_MS',
  challengeCheckThreads: 'TG_CHALLENGE_CHECK_THREADS',
  trialMs: 'TG_TRIAL_MS',
  scoreThreshold: 'TG_SCORE_THRESHOLD',
  challengeMaxConcurrentRounds: 'TG_CHALLENGE_MAX_CONCURRENT_ROUNDS',
  challengeProfile: 'TG_CHALLENGE_PROFILE',
  challengeMaxLoadMsPerHour: 'TG_CHALLENGE_MAX_LOAD_MS_PER_HOUR',
  logLevel: 'TG_LOG_LEVEL',
  rpcUrl: 'TG_RPC_URL',
  rewardsAddress: 'TG_REWARDS_ADDRESS',
  stakingAddress: 'TG_STAKING_ADDRESS',
  oracleKey: 'TG_ORACLE_KEY',
  rewardsIntervalMs: 'TG_REWARDS_INTERVAL_MS',
  stakingSyncIntervalMs: 'TG_STAKING_SYNC_INTERVAL_MS',
  rewardsAllowSimulated: 'TG_REWARDS_ALLOW_SIMULATED',
  chainFromBlock: 'TG_CHAIN_FROM_BLOCK',
  chainLogPageBlocks: 'TG_CHAIN_LOG_PAGE_BLOCKS',
  jobMarketAddress: 'TG_JOB_MARKET_ADDRESS',
  jobIndexIntervalMs: 'TG_JOB_INDEX_INTERVAL_MS',
  jobIndexConfirmations: 'TG_JOB_INDEX_CONFIRMATIONS',
  jobSharesIntervalMs: 'TG_JOB_SHARES_INTERVAL_MS',
  datasetQuotaMb: 'TG_DATASET_QUOTA_MB',
  datasetPoolMb: 'TG_DATASET_POOL_MB',
  datasetUnclaimedHours: 'TG_DATASET_UNCLAIMED_HOURS',
  datasetSweepIntervalMs: 'TG_DATASET_SWEEP_INTERVAL_MS',
} as const satisfies Partial<Record<keyof CoordinatorOptions, string>>;

/**
 * Loads the coordinator's options from the environment.
 * @param env - the environment (process.env in main.ts)
 */
export function loadCoordinatorOptions(env: Record<string, string | undefined>): CoordinatorOptions {
  return loadConfig(coordinatorOptionsSchema, { env, envMap: COORDINATOR_ENV, ...(env.TG_CONFIG_FILE ? { file: env.TG_CONFIG_FILE } : {}) });
}
