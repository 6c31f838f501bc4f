import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BaseError, addressSchema, safeJson } from '@tensorgrid/protocol';
import { z } from 'zod';

/** The file, in the devnet's data directory, where the CLI finds the running devnet. */
export const DEVNET_INFO_FILE = 'devnet.json';

/** What `.tensorgrid/devnet.json` holds. */
export const devnetInfoSchema = z.object({
  version: z.literal(1),
  /** The process running the devnet; the devnet is up while it lives. */
  pid: z.number().int().positive(),
  /** The chain's process, so that a devnet killed outright leaves no chain behind. */
  anvilPid: z.number().int().positive().optional(),
  startedAt: z.string(),
  coordinatorUrl: z.string().url(),
  wsUrl: z.string(),
  rpcUrl: z.string().url(),
  chainId: z.number().int(),
  /** Every deployed contract, by name. */
  contracts: z.record(z.string(), addressSchema),
  /** The first block of the contracts' deployment (absent in files from before it was recorded: 0). */
  deployBlock: z.number().int().min(0).optional(),
  /** The contracts' sources at deployment (`CONTRACTS_SOURCE_HASH`); a run from other sources deploys afresh (absent in older files: it does too). */
  contractsSourceHash: z.string().optional(),
  workers: z.array(z.object({ id: addressSchema, kind: z.enum(['gpu', 'cpu']), gpuModel: z.string().nullable(), gpus: z.number().int() })),
  dataDir: z.string(),
});
/** What `.tensorgrid/devnet.json` holds. */
export type DevnetInfo = z.infer<typeof devnetInfoSchema>;

/**
 * Reads a devnet's facts, or undefined when none was ever started in this data directory.
 * @param dataDir - the devnet's data directory
 * @throws {BaseError} CONFIG_INVALID when the file exists but is corrupt
 */
export function readDevnetInfo(dataDir: string): DevnetInfo | undefined {
  const file = join(dataDir, DEVNET_INFO_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const parsed = devnetInfoSchema.safeParse(safeJson(text));
  if (!parsed.success) throw new BaseError('CONFIG_INVALID', `${file} is corrupt`, { details: 'Start the devnet again with `npm start`; it rewrites the file.' });
  return parsed.data;
}

/**
 * Writes the devnet's facts atomically (a temp file renamed over the old one).
 * @param dataDir - the devnet's data directory
 * @param info - the facts
 */
export function writeDevnetInfo(dataDir: string, info: DevnetInfo): void {
  const file = join(dataDir, DEVNET_INFO_FILE);
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(info, null, 2)}\n`);
  renameSync(temp, file);
}

/**
 * Whether a process is alive.
 * @param pid - the process id
 */
export function isProcessAlive(pid: number): boolean {
  // 0 and negative pids name process groups, not a process
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
