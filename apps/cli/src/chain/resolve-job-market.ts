import { resolve } from 'node:path';
import { createChainClients, type WalletChainClients } from '@tensorgrid/chain';
import { BaseError, addressSchema, parseOrThrow } from '@tensorgrid/protocol';
import type { Address } from 'viem';
import type { CliContext } from '../context';
import { readDevnetInfo } from '../devnet/devnet-info';
import { DEFAULT_DATA_DIR } from '../resolve-coordinator';
import { readPrivateKey } from './resolve-chain';

/** Flags of commands that write to the JobMarket. */
export interface JobMarketFlags {
  rpcUrl?: string;
  chainId?: string;
  keyFile?: string;
  dataDir?: string;
  jobMarket?: string;
}

/** The JobMarket a command writes to, with the user's signing key. */
export interface ResolvedJobMarket {
  clients: WalletChainClients;
  account: Address;
  jobMarket: Address;
}

/**
 * Finds the chain, the JobMarket and the key: flags, else `TG_RPC_URL` / `TG_CHAIN_ID` /
 * `TG_JOB_MARKET_ADDRESS`, else the running devnet's `devnet.json`; the key from `--key-file`,
 * else `TG_PRIVATE_KEY`.
 * @param ctx - the CLI context
 * @param flags - the command's flags
 * @throws {BaseError} CONFIG_INVALID (no chain or JobMarket found), KEY_INVALID (no or bad key)
 */
export function resolveJobMarket(ctx: CliContext, flags: JobMarketFlags): ResolvedJobMarket {
  const info = readDevnetInfo(resolve(ctx.cwd, flags.dataDir ?? DEFAULT_DATA_DIR));
  const rpcUrl = flags.rpcUrl ?? ctx.env.TG_RPC_URL ?? info?.rpcUrl;
  const chainId = Number(flags.chainId ?? ctx.env.TG_CHAIN_ID ?? info?.chainId ?? 31337);
  const jobMarket = flags.jobMarket ?? ctx.env.TG_JOB_MARKET_ADDRESS ?? info?.contracts.JobMarket;
  if (!rpcUrl || !jobMarket) {
    throw new BaseError('CONFIG_INVALID', 'No JobMarket to post to', {
      details: 'Start a devnet (`npm start`) or pass --rpc-url and --job-market (or TG_RPC_URL and TG_JOB_MARKET_ADDRESS).',
    });
  }
  const clients = createChainClients({ rpcUrl, chainId, privateKey: readPrivateKey(ctx, flags.keyFile), pollingIntervalMs: 100 });
  return { clients, account: clients.account.address, jobMarket: parseOrThrow(addressSchema, jobMarket, 'JobMarket address') as Address };
}
