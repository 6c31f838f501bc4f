import type { Command } from 'commander';
import { z } from 'zod';
import { DEFAULT_DATA_DIR } from './resolve-coordinator';

/** The flags of every command that reads the coordinator and prints data. */
export const coordinatorFlagsSchema = z.object({
  coordinator: z.string().url().optional(),
  dataDir: z.string().optional(),
  json: z.boolean().optional(),
});

/**
 * Adds `--coordinator`, `--data-dir` and `--json` to a command that reads the coordinator.
 * @param command - the command
 */
export function withCoordinatorOptions(command: Command): Command {
  return command
    .option('--coordinator <url>', 'coordinator URL (default: $TG_COORDINATOR_URL, else the running devnet)')
    .option('--data-dir <dir>', 'devnet data directory', DEFAULT_DATA_DIR)
    .option('--json', 'print JSON');
}
