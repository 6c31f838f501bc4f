import type { ErrorCode } from '@tensorgrid/protocol';
import type { Address, Hex } from 'viem';
import { mapStakingError } from '../../errors/staking-errors';
import { stakingAbi } from '../../generated/artifacts';
import { waitForSuccess, outcomeOf, type TxOutcome, type TxClients } from '../tx-receipt';

/** Parameters of {@link closeCoStakeOffer}. */
export interface CloseCoStakeOfferParams {
  /** The Staking contract. */
  staking: Address;
  /** The device. */
  device: Hex;
}

/** Result of {@link closeCoStakeOffer}. */
export type CloseCoStakeOfferResult = TxOutcome;

/** Codes {@link closeCoStakeOffer} throws. */
export type CloseCoStakeOfferErrorCode = Extract<ErrorCode, 'FORBIDDEN' | 'DEVICE_NOT_FOUND' | 'CO_STAKE_CLOSED' | 'CHAIN_ERROR' | 'NETWORK_ERROR' | 'TIMEOUT'>;

/**
 * Stops new co-stakes on a device; existing co-stakes keep their share (the owner only).
 * @param clients - public and wallet clients of the chain (the wallet's account sends)
 * @param params - the Staking contract and the call's arguments
 * @returns the transaction hash, block number and gas used
 * @throws BaseError with a {@link CloseCoStakeOfferErrorCode}
 */
export async function closeCoStakeOffer(clients: TxClients, params: CloseCoStakeOfferParams): Promise<CloseCoStakeOfferResult> {
  try {
    const txHash = await clients.walletClient.writeContract({ address: params.staking, abi: stakingAbi, functionName: 'closeCoStakeOffer', args: [params.device] });
    return outcomeOf(await waitForSuccess(clients, txHash, 'Staking.closeCoStakeOffer'));
  } catch (err) {
    throw mapStakingError(err);
  }
}
