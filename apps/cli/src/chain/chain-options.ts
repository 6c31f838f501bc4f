import type { Command } from 'commander';
import { PRIVATE_KEY_ENV } from './resolve-chain';

/**
 * Adds the flags of commands that send transactions: chain, contracts, key, devnet data dir, --json.
 * @param command - the command
 */
export function withChainOptions(command: Command): Command {
  return command
    .option('--key-file <file>', `private key file of the account that signs (default: $${PRIVATE_KEY_ENV})`)
    .option('--rpc-url <url>', 'chain JSON-RPC URL (default: $TG_RPC_URL, else the running devnet)')
    .option('--chain-id <id>', 'chain id (default: $TG_CHAIN_ID, else the devnet\'s)')
    .option('--staking <address>', 'Staking contract (default: $TG_STAKING_ADDRESS, else the devnet\'s)')
    .option('--rewards <address>', 'Rewards contract (default: $TG_REWARDS_ADDRESS, else the devnet\'s)')
    .option('--data-dir <dir>', 'devnet data directory', '.tensorgrid')
    .option('--json', 'print JSON');
}
