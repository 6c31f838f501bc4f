import type { ErrorCode } from '@tensorgrid/protocol';
import type { Address, Hex } from 'viem';
import { mapStakingError } from '../../errors/staking-errors';
import { stakingAbi } from '../../generated/artifacts';
import { waitForSuccess, outcomeOf, type TxOutcome, type TxClients } from '../tx-receipt';

/** Parameters of {@link openCoStakeOffer}. */
export interface OpenCoStakeOfferParams {
  /** The Staking contract. */
  staking: Address;
  /** The device. */
  device: Hex;
  /** The co-stakers' share of the rewards, 1..10,000 basis points. */
  shareBps: number;
}

/** Result of {@link openCoStakeOffer}. */
export type OpenCoStakeOfferResult = TxOutcome;

/** Codes {@link openCoStakeOffer} throws. */
export type OpenCoStakeOfferErrorCode = Extract<ErrorCode, 'FORBIDDEN' | 'DEVICE_NOT_FOUND' | 'VALIDATION_FAILED' | 'CHAIN_ERROR' | 'NETWORK_ERROR' | 'TIMEOUT'>;

/**
 * Opens co-staking on a device for a share of its rewards (the owner only; the share cannot be lowered while co-stakes exist).
 * @param clients - public and wallet clients of the chain (the wallet's account sends)
 * @param params - the Staking contract and the call's arguments
 * @returns the transaction hash, block number and gas used
 * @throws BaseError with a {@link OpenCoStakeOfferErrorCode}
 */
export async function openCoStakeOffer(clients: TxClients, params: OpenCoStakeOfferParams): Promise<OpenCoStakeOfferResult> {
  try {
    const txHash = await clients.walletClient.writeContract({ address: params.staking, abi: stakingAbi, functionName: 'openCoStakeOffer', args: [params.device, params.shareBps] });
    return outcomeOf(await waitForSuccess(clients, txHash, 'Staking.openCoStakeOffer'));
  } catch (err) {
    throw mapStakingError(err);
  }
}
