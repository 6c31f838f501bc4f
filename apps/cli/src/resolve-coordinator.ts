import { resolve } from 'node:path';
import { BaseError } from '@tensorgrid/protocol';
import type { CliContext } from './context';
import { isProcessAlive, readDevnetInfo } from './devnet/devnet-info';

/** The default data directory of a devnet, relative to the working directory. */
export const DEFAULT_DATA_DIR = '.tensorgrid';

/**
 * Finds the coordinator to talk to: `--coordinator`, else `TG_COORDINATOR_URL`, else the
 * running devnet recorded in `<data-dir>/devnet.json`.
 * @param ctx - the CLI context
 * @param flags - the command's `--coordinator` and `--data-dir`
 * @throws {BaseError} DEVNET_NOT_RUNNING when none is given and no devnet runs here
 */
export function resolveCoordinatorUrl(ctx: CliContext, flags: { coordinator?: string; dataDir?: string }): string {
  if (flags.coordinator) return flags.coordinator;
  if (ctx.env.TG_COORDINATOR_URL) return ctx.env.TG_COORDINATOR_URL;
  const dataDir = resolve(ctx.cwd, flags.dataDir ?? DEFAULT_DATA_DIR);
  const info = readDevnetInfo(dataDir);
  if (!info) {
    throw new BaseError('DEVNET_NOT_RUNNING', `No devnet was started in ${dataDir}`, {
      details: 'Start one with `npm start` (or `tgrid devnet`), or name a coordinator with --coordinator <url>.',
    });
  }
  if (!isProcessAlive(info.pid)) {
    throw new BaseError('DEVNET_NOT_RUNNING', `The devnet in ${dataDir} is not running (its process ${info.pid} has exited)`, {
      details: 'Start it again with `npm start`: it resumes with the same data.',
    });
  }
  return info.coordinatorUrl;
}
