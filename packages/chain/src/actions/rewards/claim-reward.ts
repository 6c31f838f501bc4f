import type { ErrorCode } from '@tensorgrid/protocol';
import { parseEventLogs, type Address, type Hash, type Hex } from 'viem';
import type { WalletChainClients } from '../../clients';
import { mapContractError, REWARDS_ERROR_CODES } from '../../errors/rewards-errors';
import { rewardsAbi } from '../../generated/artifacts';
import { outcomeOf, sendContractTx } from '../tx-receipt';

/** Parameters of {@link claimReward}: one leaf and its proof. */
export interface ClaimRewardParams {
  /** The Rewards contract. */
  address: Address;
  /** The leaf's epoch. */
  epoch: bigint;
  /** The leaf's pool. */
  pool: number;
  /** The device id (pools 0, 1) or the left-padded account (pool 2). */
  beneficiary: Hex;
  /** The leaf's amount, in base units. */
  amount: bigint;
  /** The leaf's Merkle proof. */
  proof: readonly Hex[];
}

/** One payment of a claim. */
export interface RewardPayout {
  /** Who received GRID: the owner, a co-staker or the job-share account. */
  to: Address;
  /** How much, in base units. */
  amount: bigint;
}

/** Result of {@link claimReward}. */
export interface ClaimRewardResult {
  /** The transaction. */
  txHash: Hash;
  /** The block that included it. */
  blockNumber: bigint;
  /** Gas the transaction used. */
  gasUsed: bigint;
  /** What each recipient was minted (from the RewardPaid events); they sum to the leaf's amount. */
  payouts: RewardPayout[];
}

/** Codes {@link claimReward} throws. */
export type ClaimRewardErrorCode = Extract<
  ErrorCode,
  | 'VALIDATION_FAILED'
  | 'DEVICE_NOT_FOUND'
  | 'REWARD_ROOT_NOT_POSTED'
  | 'REWARD_ALREADY_CLAIMED'
  | 'REWARD_PROOF_INVALID'
  | 'REWARD_ALLOWANCE_EXCEEDED'
  | 'CHAIN_ERROR'
  | 'NETWORK_ERROR'
  | 'TIMEOUT'
>;

/**
 * Claims one reward leaf; any wallet may send it, the GRID goes to the leaf's beneficiaries.
 * Simulated first, so a refusal throws its code without spending gas.
 * @param clients - public and wallet clients of the chain
 * @param params - the contract, the leaf and its proof
 * @returns the transaction, gas used and the payouts
 * @throws BaseError with a {@link ClaimRewardErrorCode}
 */
export async function claimReward(clients: Pick<WalletChainClients, 'publicClient' | 'walletClient'>, params: ClaimRewardParams): Promise<ClaimRewardResult> {
  try {
    const receipt = await sendContractTx(clients, { address: params.address, abi: rewardsAbi, functionName: 'claim', args: [params.epoch, params.pool, params.beneficiary, params.amount, [...params.proof]] }, 'Rewards.claim');
    const paid = parseEventLogs({ abi: rewardsAbi, eventName: 'RewardPaid', logs: receipt.logs });
    return {
      ...outcomeOf(receipt),
      payouts: paid.map((log) => ({ to: log.args.to, amount: log.args.amount })),
    };
  } catch (err) {
    throw mapContractError(err, rewardsAbi, REWARDS_ERROR_CODES);
  }
}
