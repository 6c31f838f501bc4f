import type { ErrorCode } from '@tensorgrid/protocol';
import type { Address } from 'viem';
import { mapStakingError } from '../../errors/staking-errors';
import { stakingAbi } from '../../generated/artifacts';
import { waitForSuccess, outcomeOf, type TxOutcome, type TxClients } from '../tx-receipt';

/** Parameters of {@link withdraw}. */
export interface WithdrawParams {
  /** The Staking contract. */
  staking: Address;
  /** The unstake request. */
  requestId: bigint;
}

/** Result of {@link withdraw}. */
export type WithdrawResult = TxOutcome;

/** Codes {@link withdraw} throws. */
export type WithdrawErrorCode = Extract<ErrorCode, 'FORBIDDEN' | 'NOT_FOUND' | 'COOLDOWN_ACTIVE' | 'ALREADY_SETTLED' | 'CHAIN_ERROR' | 'NETWORK_ERROR' | 'TIMEOUT'>;

/**
 * Pays out an unstake request after its cooldown (the requester only, once): what is left of it after slashes.
 * @param clients - public and wallet clients of the chain (the wallet's account sends)
 * @param params - the Staking contract and the call's arguments
 * @returns the transaction hash, block number and gas used
 * @throws BaseError with a {@link WithdrawErrorCode}
 */
export async function withdraw(clients: TxClients, params: WithdrawParams): Promise<WithdrawResult> {
  try {
    const txHash = await clients.walletClient.writeContract({ address: params.staking, abi: stakingAbi, functionName: 'withdraw', args: [params.requestId] });
    return outcomeOf(await waitForSuccess(clients, txHash, 'Staking.withdraw'));
  } catch (err) {
    throw mapStakingError(err);
  }
}
