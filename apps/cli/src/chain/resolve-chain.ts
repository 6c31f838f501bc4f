import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createChainClients, type WalletChainClients } from '@tensorgrid/chain';
import { BaseError, addressSchema, bytes32Schema, parseOrThrow } from '@tensorgrid/protocol';
import type { Address, Hex } from 'viem';
import type { CliContext } from '../context';
import { readDevnetInfo } from '../devnet/devnet-info';
import { DEFAULT_DATA_DIR } from '../resolve-coordinator';

/** Flags of commands that send transactions. */
export interface ChainFlags {
  rpcUrl?: string;
  chainId?: string;
  keyFile?: string;
  dataDir?: string;
  staking?: string;
  rewards?: string;
}

/** The chain a command talks to, with the user's signing key. */
export interface ResolvedChain {
  clients: WalletChainClients;
  /** The signer's address. */
  account: Address;
  staking: Address;
  rewards: Address;
}

/** The environment variable holding the supplier's (or delegator's) private key. */
export const PRIVATE_KEY_ENV = 'TG_PRIVATE_KEY';

/**
 * Finds the chain, contracts and key: flags, else `TG_RPC_URL` / `TG_CHAIN_ID` / `TG_STAKING_ADDRESS` /
 * `TG_REWARDS_ADDRESS`, else the running devnet's `devnet.json`; the key from `--key-file`, else `TG_PRIVATE_KEY`.
 * @param ctx - the CLI context
 * @param flags - the command's flags
 * @throws {BaseError} CONFIG_INVALID (no chain or contracts found), KEY_INVALID (no or bad key)
 */
export function resolveChain(ctx: CliContext, flags: ChainFlags): ResolvedChain {
  const info = readDevnetInfo(resolve(ctx.cwd, flags.dataDir ?? DEFAULT_DATA_DIR));
  const rpcUrl = flags.rpcUrl ?? ctx.env.TG_RPC_URL ?? info?.rpcUrl;
  const chainId = Number(flags.chainId ?? ctx.env.TG_CHAIN_ID ?? info?.chainId ?? 31337);
  const staking = flags.staking ?? ctx.env.TG_STAKING_ADDRESS ?? info?.contracts.Staking;
  const rewards = flags.rewards ?? ctx.env.TG_REWARDS_ADDRESS ?? info?.contracts.Rewards;
  if (!rpcUrl || !staking || !rewards) {
    throw new BaseError('CONFIG_INVALID', 'No chain to talk to', {
      details: 'Start a devnet (`npm start`) or pass --rpc-url, --staking and --rewards (or TG_RPC_URL, TG_STAKING_ADDRESS, TG_REWARDS_ADDRESS).',
    });
  }
  const privateKey = readPrivateKey(ctx, flags.keyFile);
  const clients = createChainClients({ rpcUrl, chainId, privateKey, pollingIntervalMs: 100 });
  return {
    clients,
    account: clients.account.address,
    staking: parseOrThrow(addressSchema, staking, 'Staking address') as Address,
    rewards: parseOrThrow(addressSchema, rewards, 'Rewards address') as Address,
  };
}

/**
 * The signing key: `--key-file`, else `TG_PRIVATE_KEY`.
 * @param ctx - the CLI context
 * @param keyFile - the --key-file flag
 * @throws {BaseError} KEY_INVALID
 */
export function readPrivateKey(ctx: CliContext, keyFile: string | undefined): Hex {
  let text: string | undefined = ctx.env[PRIVATE_KEY_ENV];
  if (keyFile) {
    try {
      text = readFileSync(resolve(ctx.cwd, keyFile), 'utf8').trim();
    } catch (cause) {
      throw new BaseError('KEY_INVALID', `Cannot read the key file ${keyFile}`, { cause, details: 'Check the path and its permissions.' });
    }
  }
  if (!text) {
    throw new BaseError('KEY_INVALID', 'No private key to sign with', {
      details: `Pass --key-file <file> (a 0x-prefixed 32-byte hex key) or set $${PRIVATE_KEY_ENV}. A worker's key is in <worker-data-dir>/<gpu-model>/worker.key.`,
    });
  }
  if (!bytes32Schema.safeParse(text).success) throw new BaseError('KEY_INVALID', 'The private key is not 0x-prefixed 32-byte hex', { details: 'Check the key file or $TG_PRIVATE_KEY.' });
  return text as Hex;
}
