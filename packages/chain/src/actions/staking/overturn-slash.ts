import type { ErrorCode } from '@tensorgrid/protocol';
import type { Address } from 'viem';
import { mapStakingError } from '../../errors/staking-errors';
import { stakingAbi } from '../../generated/artifacts';
import { waitForSuccess, outcomeOf, type TxOutcome, type TxClients } from '../tx-receipt';

/** Parameters of {@link overturnSlash}. */
export interface OverturnSlashParams {
  /** The Staking contract. */
  staking: Address;
  /** The slash. */
  slashId: bigint;
}

/** Result of {@link overturnSlash}. */
export type OverturnSlashResult = TxOutcome;

/** Codes {@link overturnSlash} throws. */
export type OverturnSlashErrorCode = Extract<ErrorCode, 'FORBIDDEN' | 'NOT_FOUND' | 'APPEAL_WINDOW_CLOSED' | 'ALREADY_SETTLED' | 'CHAIN_ERROR' | 'NETWORK_ERROR' | 'TIMEOUT'>;

/**
 * Overturns a pending slash during its appeal window (APPEALS_ROLE): what it took becomes refundable to each account.
 * @param clients - public and wallet clients of the chain (the wallet's account sends)
 * @param params - the Staking contract and the call's arguments
 * @returns the transaction hash, block number and gas used
 * @throws BaseError with a {@link OverturnSlashErrorCode}
 */
export async function overturnSlash(clients: TxClients, params: OverturnSlashParams): Promise<OverturnSlashResult> {
  try {
    const txHash = await clients.walletClient.writeContract({ address: params.staking, abi: stakingAbi, functionName: 'overturnSlash', args: [params.slashId] });
    return outcomeOf(await waitForSuccess(clients, txHash, 'Staking.overturnSlash'));
  } catch (err) {
    throw mapStakingError(err);
  }
}
