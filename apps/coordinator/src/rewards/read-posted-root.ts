import { mapContractError, readRewardRoot, REWARDS_ERROR_CODES, rewardsAbi, type ChainClients } from '@tensorgrid/chain';
import type { Address } from 'viem';
import type { PostedRoot } from './core/job-share-chain';

/**
 * The root Rewards holds for (epoch, pool) with the transaction that posted it, or null when
 * none is posted. Shared by the reward-block and job-share adapters.
 * @param clients - a public client
 * @param params - the Rewards contract, epoch, pool and the block to scan from (the deployment's)
 */
export async function readPostedRoot(clients: Pick<ChainClients, 'publicClient'>, params: { rewards: Address; epoch: bigint; pool: number; fromBlock: bigint }): Promise<PostedRoot | null> {
  const state = await readRewardRoot(clients, { address: params.rewards, epoch: params.epoch, pool: params.pool });
  if (!state.posted) return null;
  try {
    const logs = await clients.publicClient.getContractEvents({ address: params.rewards, abi: rewardsAbi, eventName: 'RootPosted', args: { epoch: params.epoch, pool: params.pool }, fromBlock: params.fromBlock });
    return { root: state.root, txHash: logs[0]?.transactionHash ?? null };
  } catch (err) {
    throw mapContractError(err, rewardsAbi, REWARDS_ERROR_CODES);
  }
}
