import type { ErrorCode } from '@tensorgrid/protocol';
import type { Address, Hash, Hex } from 'viem';
import type { WalletChainClients } from '../../clients';
import { mapContractError, REWARDS_ERROR_CODES } from '../../errors/rewards-errors';
import { rewardsAbi } from '../../generated/artifacts';
import { outcomeOf, sendContractTx } from '../tx-receipt';

/** Parameters of {@link postRewardRoot}. */
export interface PostRewardRootParams {
  /** The Rewards contract. */
  address: Address;
  /** The hourly block from genesis (pools 0, 1) or the UTC day (pool 2). */
  epoch: bigint;
  /** 0 GPU, 1 CPU, 2 job shares. */
  pool: number;
  /** The standard Merkle tree root ({@link buildRewardTree}). */
  root: Hex;
  /** The sum of the leaves, in base units. */
  total: bigint;
}

/** Result of {@link postRewardRoot}. */
export interface PostRewardRootResult {
  /** The transaction. */
  txHash: Hash;
  /** The block that included it. */
  blockNumber: bigint;
  /** Gas the transaction used. */
  gasUsed: bigint;
}

/** Codes {@link postRewardRoot} throws. */
export type PostRewardRootErrorCode = Extract<
  ErrorCode,
  | 'FORBIDDEN'
  | 'VALIDATION_FAILED'
  | 'REWARD_ROOT_ALREADY_POSTED'
  | 'REWARD_EPOCH_NOT_ENDED'
  | 'REWARD_ALLOWANCE_EXCEEDED'
  | 'CHAIN_ERROR'
  | 'NETWORK_ERROR'
  | 'TIMEOUT'
>;

/**
 * Posts the root of an epoch's payouts for one pool (the wallet must hold ORACLE_ROLE).
 * Simulated first, so a refusal throws its code without spending gas.
 * @param clients - public and wallet clients of the chain
 * @param params - the contract, epoch, pool, root and total
 * @returns the transaction hash, block and gas used
 * @throws BaseError with a {@link PostRewardRootErrorCode}
 */
export async function postRewardRoot(clients: Pick<WalletChainClients, 'publicClient' | 'walletClient'>, params: PostRewardRootParams): Promise<PostRewardRootResult> {
  try {
    const receipt = await sendContractTx(clients, { address: params.address, abi: rewardsAbi, functionName: 'postRoot', args: [params.epoch, params.pool, params.root, params.total] }, 'Rewards.postRoot');
    return { ...outcomeOf(receipt) };
  } catch (err) {
    throw mapContractError(err, rewardsAbi, REWARDS_ERROR_CODES);
  }
}
