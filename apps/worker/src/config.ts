import { loadConfig } from '@tensorgrid/config';
import type { DeviceLocation } from '@tensorgrid/protocol';
import { z } from 'zod';
import { JOB_KERNELS } from './jobs/core/job-kernel';
import { JOB_PRIORITIES } from './jobs/core/select-jobs';

/** The worker's options; every field has its default. */
export const workerOptionsSchema = z.object({
  /** The coordinator to register with. @default http://127.0.0.1:7070 */
  coordinatorUrl: z.string().url().default('http://127.0.0.1:7070'),
  /** Where the worker keeps its identity (one folder per GPU model). @default .tensorgrid/worker */
  dataDir: z.string().default('.tensorgrid/worker'),
  /** A worker key given explicitly; otherwise one is generated and kept in dataDir. */
  privateKey: z.string().optional(),
  /** The operator ("master") key: only ever taken from configuration, never generated. */
  operatorKey: z.string().optional(),
  /** Serve only this GPU model (exact name or part of it). */
  gpuModel: z.string().min(1).optional(),
  /** Serve only these GPU indices, e.g. "0,1". */
  gpuIndices: z.union([z.array(z.number().int().min(0)), z.string().regex(/^\d+(,\d+)*$/, 'must be a comma-separated list of GPU indices').transform((s) => s.split(',').map(Number))]).optional(),
  /**
   * CPU cores to offer (at most the machine's physical cores): a CPU worker's compute claim
   * and compute threads follow it. @default all of them
   */
  cpuCores: z.coerce.number().int().min(1).max(4096).optional(),
  /** Overrides the heartbeat period the coordinator announces. */
  heartbeatIntervalMs: z.coerce.number().int().min(50).optional(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Declared location: ISO 3166-1 alpha-2 country (also the device's region), city, coordinates. */
  country: z.string().transform((s) => s.toUpperCase()).pipe(z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code, e.g. DE')).optional(),
  city: z.string().trim().min(1).max(100).optional(),
  latitude: z.coerce.number().min(-90).max(90).optional(),
  longitude: z.coerce.number().min(-180).max(180).optional(),
  /** Chain JSON-RPC URL: with `jobMarketAddress`, the worker takes training jobs from the JobMarket. */
  rpcUrl: z.string().url().optional(),
  /** The chain id the RPC serves. @default 31337 (anvil) */
  chainId: z.coerce.number().int().min(1).default(31337),
  /** The JobMarket contract. */
  jobMarketAddress: z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'must be a 0x-prefixed 20-byte address').optional(),
  /** Which open jobs the worker takes first. @default fee-per-gas */
  jobPriority: z.enum(JOB_PRIORITIES).default('fee-per-gas'),
  /** How often the job runner looks at the market and at challenges. @default 2000 */
  jobIntervalMs: z.coerce.number().int().min(100).default(2000),
  /** Memory the worker lends to jobs, bytes. @default half the free RAM at start */
  jobMemoryBytes: z.coerce.number().int().min(1).optional(),
  /**
   * The training kernel: `canonical` (bit-exact with verifiers, takes every job) or `lanes4`
   * (a non-canonical, PyTorch-like summation order: takes only tolerant jobs). @default canonical
   */
  jobKernel: z.enum(JOB_KERNELS).default('canonical'),
})
  .refine((o) => (o.latitude === undefined) === (o.longitude === undefined), { message: 'give latitude and longitude together (TG_LAT, TG_LON)', path: ['latitude'] })
  .refine((o) => o.country !== undefined || (o.city === undefined && o.latitude === undefined), { message: 'a city or coordinates need a country (TG_COUNTRY)', path: ['country'] });

/** Compiled worker options. */
export type WorkerOptions = z.output<typeof workerOptionsSchema>;

/** Environment variables of the worker. */
export const WORKER_ENV = {
  coordinatorUrl: 'TG_COORDINATOR_URL',
  dataDir: 'TG_WORKER_DATA_DIR',
  privateKey: 'TG_WORKER_KEY',
  operatorKey: 'TG_OPERATOR_KEY',
  gpuModel: 'TG_GPU_MODEL',
  gpuIndices: 'TG_GPU_INDICES',
  cpuCores: 'TG_CPU_CORES',
  heartbeatIntervalMs: 'TG_HEARTBEAT_INTERVAL_MS',
  logLevel: 'TG_LOG_LEVEL',
  country: 'TG_COUNTRY',
  city: 'TG_CITY',
  latitude: 'TG_LAT',
  longitude: 'TG_LON',
  rpcUrl: 'TG_RPC_URL',
  chainId: 'TG_CHAIN_ID',
  jobMarketAddress: 'TG_JOB_MARKET_ADDRESS',
  jobPriority: 'TG_JOB_PRIORITY',
  jobIntervalMs: 'TG_JOB_INTERVAL_MS',
  jobMemoryBytes: 'TG_JOB_MEMORY_BYTES',
  jobKernel: 'TG_JOB_KERNEL',
} as const satisfies Partial<Record<keyof WorkerOptions, string>>;

/**
 * Loads the worker's options: defaults < environment < flags.
 * @param env - the environment (process.env in a main.ts)
 * @param flags - command-line options
 */
export function loadWorkerOptions(env: Record<string, string | undefined>, flags: Partial<Record<keyof WorkerOptions, unknown>> = {}): WorkerOptions {
  return loadConfig(workerOptionsSchema, { env, envMap: WORKER_ENV, flags });
}

/**
 * The declared location in the options, or undefined when no country is set.
 * @param options - compiled worker options
 */
export function locationOf(options: WorkerOptions): DeviceLocation | undefined {
  if (options.country === undefined) return undefined;
  return {
    country: options.country,
    ...(options.city === undefined ? {} : { city: options.city }),
    ...(options.latitude === undefined || options.longitude === undefined ? {} : { latitude: options.latitude, longitude: options.longitude }),
  };
}
