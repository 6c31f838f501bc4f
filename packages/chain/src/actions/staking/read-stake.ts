import type { ErrorCode } from '@tensorgrid/protocol';
import type { Address, Chain, Hex, PublicClient, Transport } from 'viem';
import { mapStakingError } from '../../errors/staking-errors';
import { stakingAbi } from '../../generated/artifacts';

/** Parameters of {@link readStake}. */
export interface ReadStakeParams {
  /** The Staking contract. */
  staking: Address;
  /** The device. */
  device: Hex;
}

/** One co-staker of a device. */
export interface CoStakerStake {
  /** The co-staker. */
  account: Address;
  /** Its active co-stake, in base units. */
  amount: bigint;
}

/** Result of {@link readStake}. */
export interface ReadStakeResult {
  /** The device's owner (the zero address when never registered). */
  owner: Address;
  /** Its hardware class. */
  hardwareClass: Hex;
  /** The co-stakers' share of rewards, basis points (0 while no one co-stakes). */
  shareBps: number;
  /** Whether new co-stakes are accepted. */
  offerOpen: boolean;
  /** The owner's active stake. */
  ownerStake: bigint;
  /** All active co-stakes together. */
  coStake: bigint;
  /** Active stake: owner stake plus co-stakes. */
  stake: bigint;
  /** Stake in open unstake requests (not counted, still slashable). */
  pendingUnstake: bigint;
  /** The device's minimum stake. */
  minimumStake: bigint;
  /** Whether the active stake reaches the minimum. */
  meetsMinimum: boolean;
  /** The co-stakers with an active co-stake, as the reward split sees them. */
  coStakers: CoStakerStake[];
}

/** Codes {@link readStake} throws. */
export type ReadStakeErrorCode = Extract<ErrorCode, 'CHAIN_ERROR' | 'NETWORK_ERROR' | 'TIMEOUT'>;

/**
 * Reads a device's stakes, co-stake terms and minimum in parallel.
 * @param publicClient - a client of the chain
 * @param params - the Staking contract and the device
 * @returns the device's owner, class, terms, stakes and co-stakers
 * @throws BaseError with a {@link ReadStakeErrorCode}
 */
export async function readStake(publicClient: PublicClient<Transport, Chain>, params: ReadStakeParams): Promise<ReadStakeResult> {
  const staking = { address: params.staking, abi: stakingAbi } as const;
  try {
    const [info, minimumStake, meetsMinimum, split] = await Promise.all([
      publicClient.readContract({ ...staking, functionName: 'deviceInfo', args: [params.device] }),
      publicClient.readContract({ ...staking, functionName: 'minimumStake', args: [params.device] }),
      publicClient.readContract({ ...staking, functionName: 'meetsMinimum', args: [params.device] }),
      publicClient.readContract({ ...staking, functionName: 'rewardSplit', args: [params.device] }),
    ]);
    const [, shareBps, accounts, amounts] = split;
    return {
      owner: info.owner,
      hardwareClass: info.hardwareClass,
      shareBps,
      offerOpen: info.offerOpen,
      ownerStake: info.ownerStake,
      coStake: info.coStake,
      stake: info.ownerStake + info.coStake,
      pendingUnstake: info.pendingUnstake,
      minimumStake,
      meetsMinimum,
      coStakers: accounts.map((account, i) => ({ account, amount: amounts[i] ?? 0n })),
    };
  } catch (err) {
    throw mapStakingError(err);
  }
}
