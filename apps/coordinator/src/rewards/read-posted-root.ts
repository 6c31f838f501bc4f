import { blockPages, mapContractError, readRewardRoot, REWARDS_ERROR_CODES, rewardsAbi, type ChainClients } from '@tensorgrid/chain';
import type { Address } from 'viem';
import type { PostedRoot } from './core/job-share-chain';

/**
 * The root Rewards holds for (epoch, pool) with the transaction that posted it, or null when
 * none is posted (the transaction is null if its event was not found). Shared by the
 * reward-block and job-share adapters. The event is looked for page by page from the head
 * back to the deployment block, stopping at the page that holds it (roots asked about are
 * mostly recent ones).
 * @param clients - a public client
 * @param params - the Rewards contract, epoch, pool, the block to scan from (the deployment's) and blocks per page
 */
export async function readPostedRoot(clients: Pick<ChainClients, 'publicClient'>, params: { rewards: Address; epoch: bigint; pool: number; fromBlock: bigint; pageBlocks?: number }): Promise<PostedRoot | null> {
  const state = await readRewardRoot(clients, { address: params.rewards, epoch: params.epoch, pool: params.pool });
  if (!state.posted) return null;
  try {
    for await (const page of blockPages(clients.publicClient, { fromBlock: params.fromBlock, pageBlocks: params.pageBlocks, newestFirst: true })) {
      const logs = await clients.publicClient.getContractEvents({ address: params.rewards, abi: rewardsAbi, eventName: 'RootPosted', args: { epoch: params.epoch, pool: params.pool }, ...page });
      if (logs[0]) return { root: state.root, txHash: logs[0].transactionHash };
    }
    return { root: state.root, txHash: null };
  } catch (err) {
    throw mapContractError(err, rewardsAbi, REWARDS_ERROR_CODES);
  }
}
