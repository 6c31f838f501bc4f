import { loadConfig } from '@tensorgrid/config';
import { z } from 'zod';

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
  /** Overrides the heartbeat period the coordinator announces. */
  heartbeatIntervalMs: z.coerce.number().int().min(50).optional(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

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
  heartbeatIntervalMs: 'TG_HEARTBEAT_INTERVAL_MS',
  logLevel: 'TG_LOG_LEVEL',
} as const satisfies Partial<Record<keyof WorkerOptions, string>>;

/**
 * Loads the worker's options: defaults < environment < flags.
 * @param env - the environment (process.env in a main.ts)
 * @param flags - command-line options
 */
export function loadWorkerOptions(env: Record<string, string | undefined>, flags: Partial<Record<keyof WorkerOptions, unknown>> = {}): WorkerOptions {
  return loadConfig(workerOptionsSchema, { env, envMap: WORKER_ENV, flags });
}
