import type { ErrorCode } from '@tensorgrid/protocol';
import type { Address, Hex } from 'viem';
import type { ChainClients } from '../../clients';
import { mapContractError, REWARDS_ERROR_CODES } from '../../errors/rewards-errors';
import { rewardsAbi } from '../../generated/artifacts';
import { blockPages } from '../block-pages';

/** Parameters of {@link readRewardPayouts}. */
export interface ReadRewardPayoutsParams {
  /** The Rewards contract. */
  address: Address;
  /** The device id (pools 0, 1) or left-padded account (pool 2). */
  beneficiary: Hex;
  /** The first block to scan (default 0: the whole chain, fine on a devnet; pass Rewards' deployment block elsewhere). */
  fromBlock?: bigint;
  /** Blocks per `eth_getLogs` call. @default DEFAULT_LOG_PAGE_BLOCKS */
  pageBlocks?: number;
}

/** One payment of a claimed leaf. */
export interface RewardPayoutRecord {
  epoch: bigint;
  pool: number;
  /** Who received it (lower-case). */
  to: Address;
  amount: bigint;
}

/** Codes {@link readRewardPayouts} throws. */
export type ReadRewardPayoutsErrorCode = Extract<ErrorCode, 'CHAIN_ERROR' | 'NETWORK_ERROR' | 'TIMEOUT'>;

/**
 * Every payment made from a beneficiary's claimed leaves (Rewards' `RewardPaid` events, indexed
 * by beneficiary): to the device's owner and co-stakers under the split at each claim. Scans
 * from `fromBlock` to the head in pages of `pageBlocks`.
 * @param clients - a public client of the chain
 * @param params - the contract, the beneficiary and where to start
 * @returns the payments in chain order
 * @throws BaseError with a {@link ReadRewardPayoutsErrorCode}
 */
export async function readRewardPayouts(clients: Pick<ChainClients, 'publicClient'>, params: ReadRewardPayoutsParams): Promise<RewardPayoutRecord[]> {
  try {
    const paid: RewardPayoutRecord[] = [];
    for await (const page of blockPages(clients.publicClient, { fromBlock: params.fromBlock ?? 0n, pageBlocks: params.pageBlocks })) {
      const logs = await clients.publicClient.getContractEvents({ address: params.address, abi: rewardsAbi, eventName: 'RewardPaid', args: { beneficiary: params.beneficiary }, ...page, strict: true });
      paid.push(...logs.map((l) => ({ epoch: l.args.epoch, pool: l.args.pool, to: l.args.to.toLowerCase() as Address, amount: l.args.amount })));
    }
    return paid;
  } catch (err) {
    throw mapContractError(err, rewardsAbi, REWARDS_ERROR_CODES);
  }
}
