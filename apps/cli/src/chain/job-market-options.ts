import type { Command } from 'commander';
import { z } from 'zod';
import { coordinatorFlagsSchema, withCoordinatorOptions } from '../coordinator-options';

/** The flags of every command that writes to the JobMarket (and reads the coordinator). */
export const jobMarketFlagsSchema = coordinatorFlagsSchema.extend({
  keyFile: z.string().optional(),
  rpcUrl: z.string().url().optional(),
  chainId: z.string().regex(/^\d+$/).optional(),
  jobMarket: z.string().optional(),
});

/**
 * Adds the coordinator options and `--key-file`, `--rpc-url`, `--chain-id`, `--job-market` to a
 * command that signs JobMarket transactions.
 * @param command - the command
 * @param signer - who signs, for the help text (e.g. "the requester")
 */
export function withJobMarketOptions(command: Command, signer: string): Command {
  return withCoordinatorOptions(command)
    .option('--key-file <file>', `private key file of ${signer} (default: $TG_PRIVATE_KEY)`)
    .option('--rpc-url <url>', 'chain JSON-RPC URL (default: $TG_RPC_URL, else the running devnet)')
    .option('--chain-id <id>', 'chain id (default: $TG_CHAIN_ID, else the devnet\'s)')
    .option('--job-market <address>', 'JobMarket contract (default: $TG_JOB_MARKET_ADDRESS, else the devnet\'s)');
}
