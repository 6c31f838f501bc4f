import { isRewardClaimed, jobMarketCallAbi, mapJobMarketError, mapContractError, postRewardRoot, readDayShares, REWARDS_ERROR_CODES, rewardsAbi, type WalletChainClients } from '@tensorgrid/chain';
import { JOB_SHARES_POOL } from '@tensorgrid/domain';
import type { Address, Hex } from 'viem';
import type { JobShareChain } from './core/job-share-chain';
import { readPostedRoot } from './read-posted-root';

/** Where JobMarket and Rewards live, and who posts. */
export interface ViemJobShareChainParams {
  clients: Pick<WalletChainClients, 'publicClient' | 'walletClient'>;
  jobMarket: Address;
  rewards: Address;
  /** The block the contracts were deployed at: event scans start there. @default 0n */
  fromBlock?: bigint;
  /** Blocks per `eth_getLogs` call of a scan. @default DEFAULT_LOG_PAGE_BLOCKS */
  pageBlocks?: number;
}

/**
 * The {@link JobShareChain} port over viem: reads JobMarket's shares at a given block and
 * Rewards' pool 2, posts roots with the wallet's key (it must hold Rewards' ORACLE_ROLE).
 * @param params - clients and contract addresses
 */
export function createViemJobShareChain(params: ViemJobShareChainParams): JobShareChain {
  const { clients, jobMarket, rewards } = params;
  const scan = { fromBlock: params.fromBlock ?? 0n, pageBlocks: params.pageBlocks };
  const { publicClient } = clients;
  let window: Promise<number> | undefined;
  return {
    async blockTime(block) {
      return Number((await publicClient.getBlock({ blockNumber: BigInt(block) })).timestamp);
    },
    challengeWindow() {
      window ??= publicClient
        .readContract({ address: jobMarket, abi: jobMarketCallAbi, functionName: 'challengeWindow' })
        .then(Number)
        .catch((err: unknown) => {
          window = undefined;
          throw mapJobMarketError(err);
        });
      return window;
    },
    async shares({ day, nodes, block }) {
      const r = await readDayShares(publicClient, { address: jobMarket, day: BigInt(day), nodes: nodes as Address[], blockNumber: BigInt(block) });
      return { byNode: r.shares.map((s) => ({ node: s.node.toLowerCase(), shares: s.shares })), total: r.totalShares };
    },
    async allowance(day) {
      try {
        return await publicClient.readContract({ address: rewards, abi: rewardsAbi, functionName: 'allowanceOf', args: [BigInt(day), JOB_SHARES_POOL] });
      } catch (err) {
        throw mapContractError(err, rewardsAbi, REWARDS_ERROR_CODES);
      }
    },
    postedRoot(day) {
      return readPostedRoot(clients, { rewards, epoch: BigInt(day), pool: JOB_SHARES_POOL, ...scan });
    },
    async postRoot({ day, root, total }) {
      const { txHash } = await postRewardRoot(clients, { address: rewards, epoch: BigInt(day), pool: JOB_SHARES_POOL, root: root as Hex, total });
      return { txHash };
    },
    isClaimed(leaf) {
      return isRewardClaimed(clients, { address: rewards, epoch: BigInt(leaf.day), pool: JOB_SHARES_POOL, beneficiary: leaf.beneficiary as Hex, amount: leaf.amount });
    },
  };
}
