import type { ErrorCode } from '@tensorgrid/protocol';
import type { Address } from 'viem';
import { mapStakingError } from '../../errors/staking-errors';
import { stakingAbi } from '../../generated/artifacts';
import { waitForSuccess, outcomeOf, type TxOutcome, type TxClients } from '../tx-receipt';

/** Parameters of {@link claimRefund}. */
export interface ClaimRefundParams {
  /** The Staking contract. */
  staking: Address;
}

/** Result of {@link claimRefund}. */
export type ClaimRefundResult = TxOutcome;

/** Codes {@link claimRefund} throws. */
export type ClaimRefundErrorCode = Extract<ErrorCode, 'NOT_FOUND' | 'CHAIN_ERROR' | 'NETWORK_ERROR' | 'TIMEOUT'>;

/**
 * Pays the caller what overturned slashes returned to it.
 * @param clients - public and wallet clients of the chain (the wallet's account sends)
 * @param params - the Staking contract and the call's arguments
 * @returns the transaction hash, block number and gas used
 * @throws BaseError with a {@link ClaimRefundErrorCode}
 */
export async function claimRefund(clients: TxClients, params: ClaimRefundParams): Promise<ClaimRefundResult> {
  try {
    const txHash = await clients.walletClient.writeContract({ address: params.staking, abi: stakingAbi, functionName: 'claimRefund' });
    return outcomeOf(await waitForSuccess(clients, txHash, 'Staking.claimRefund'));
  } catch (err) {
    throw mapStakingError(err);
  }
}
