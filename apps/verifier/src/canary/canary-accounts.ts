import type { WalletChainClients } from '@tensorgrid/chain';
import { BaseError } from '@tensorgrid/protocol';
import type { CoordinatorClient } from '@tensorgrid/sdk';

/** One of the canary bot's accounts: its chain clients, and a coordinator client signing as it. */
export interface CanaryAccount {
  chain: WalletChainClients;
  coordinator: CoordinatorClient;
}

/** The canary bot's pools of accounts, and each account by its address. */
export interface CanaryAccounts {
  nodes: readonly CanaryAccount[];
  requesters: readonly CanaryAccount[];
  /** A coordinator client for reads, which need no signer in particular (the first node's). */
  reader: CoordinatorClient;
  /** Whether `address` is one of the bot's nodes (any case). */
  isNode(address: string | null | undefined): boolean;
  /** Whether `address` is one of the bot's requesters (any case). */
  isRequester(address: string | null | undefined): boolean;
  /** The bot's node of a canary. @throws BaseError CONFIG_INVALID when it is not in the pool */
  node(address: string): CanaryAccount;
  /** The bot's requester of a canary. @throws BaseError CONFIG_INVALID when it is not in the pool */
  requester(address: string): CanaryAccount;
}

const addressOf = (account: CanaryAccount) => account.chain.account.address.toLowerCase();

function byAddress(pool: readonly CanaryAccount[], role: 'node' | 'requester'): Map<string, CanaryAccount> {
  if (pool.length === 0) throw new BaseError('CONFIG_INVALID', `The canary bot needs at least one ${role} account`);
  const map = new Map<string, CanaryAccount>();
  for (const account of pool) {
    const address = addressOf(account);
    if (map.has(address)) throw new BaseError('CONFIG_INVALID', `The canary bot's ${role} ${address} is listed twice`, { data: { role, address } });
    map.set(address, account);
  }
  return map;
}

/**
 * The canary bot's accounts (issue #5 part 6), checked: at least one node and one requester,
 * none listed twice, and no account in both pools (a job's node may not dispute it, and the
 * requester of a canary is its whistleblower). Each canary draws its node and requester from
 * the pools, so a verifier cannot tell canaries by one fixed account.
 * @param pools - the node accounts (each needs workers on the JobMarket) and the requester accounts (GRID for fees and dispute bonds)
 * @throws BaseError CONFIG_INVALID when a pool is empty or an account repeats
 */
export function canaryAccounts(pools: { nodes: readonly CanaryAccount[]; requesters: readonly CanaryAccount[] }): CanaryAccounts {
  const nodes = byAddress(pools.nodes, 'node');
  const requesters = byAddress(pools.requesters, 'requester');
  const both = [...nodes.keys()].find((a) => requesters.has(a));
  if (both) throw new BaseError('CONFIG_INVALID', `The canary bot's account ${both} is both a node and a requester: a job's node may not dispute it`, { data: { address: both } });
  const lookup = (map: Map<string, CanaryAccount>, role: 'node' | 'requester') => (address: string): CanaryAccount => {
    const account = map.get(address.toLowerCase());
    if (!account) {
      throw new BaseError('CONFIG_INVALID', `${address} is not one of the canary bot's ${role}s`, {
        data: { role, address },
        details: `A canary's ${role} must stay in the bot's pool until its canaries close: add its key back.`,
      });
    }
    return account;
  };
  return {
    nodes: pools.nodes,
    requesters: pools.requesters,
    reader: pools.nodes[0]!.coordinator,
    isNode: (address) => !!address && nodes.has(address.toLowerCase()),
    isRequester: (address) => !!address && requesters.has(address.toLowerCase()),
    node: lookup(nodes, 'node'),
    requester: lookup(requesters, 'requester'),
  };
}
