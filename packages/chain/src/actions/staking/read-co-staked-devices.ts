import type { ErrorCode } from '@tensorgrid/protocol';
import type { Address, Chain, Hex, PublicClient, Transport } from 'viem';
import { mapStakingError } from '../../errors/staking-errors';
import { stakingAbi } from '../../generated/artifacts';
import { blockPages } from '../block-pages';

/** Parameters of {@link readCoStakedDevices}. */
export interface ReadCoStakedDevicesParams {
  /** The Staking contract. */
  staking: Address;
  /** The co-staker. */
  account: Address;
  /** The first block to scan (default 0: the whole chain, fine on a devnet; pass Staking's deployment block elsewhere). */
  fromBlock?: bigint;
  /** Blocks per `eth_getLogs` call. @default DEFAULT_LOG_PAGE_BLOCKS */
  pageBlocks?: number;
}

/** Codes {@link readCoStakedDevices} throws. */
export type ReadCoStakedDevicesErrorCode = Extract<ErrorCode, 'CHAIN_ERROR' | 'NETWORK_ERROR' | 'TIMEOUT'>;

/**
 * The devices an account has ever co-staked on, from Staking's `CoStaked` events (indexed by
 * account), in the order of its first co-stake on each. Whether a co-stake is still active is
 * `readStake`'s (or `rewardSplit`'s) to say. Scans from `fromBlock` to the head in pages of
 * `pageBlocks`.
 * @param publicClient - a client of the chain
 * @param params - the Staking contract, the account and where to start
 * @returns the devices as bytes32, each once
 * @throws BaseError with a {@link ReadCoStakedDevicesErrorCode}
 */
export async function readCoStakedDevices(publicClient: PublicClient<Transport, Chain>, params: ReadCoStakedDevicesParams): Promise<Hex[]> {
  try {
    const devices = new Set<Hex>();
    for await (const page of blockPages(publicClient, { fromBlock: params.fromBlock ?? 0n, pageBlocks: params.pageBlocks })) {
      const logs = await publicClient.getContractEvents({ address: params.staking, abi: stakingAbi, eventName: 'CoStaked', args: { account: params.account }, ...page, strict: true });
      for (const log of logs) devices.add(log.args.device.toLowerCase() as Hex);
    }
    return [...devices];
  } catch (err) {
    throw mapStakingError(err);
  }
}
