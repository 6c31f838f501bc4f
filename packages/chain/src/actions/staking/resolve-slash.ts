import type { ErrorCode } from '@tensorgrid/protocol';
import type { Address } from 'viem';
import { mapStakingError } from '../../errors/staking-errors';
import { stakingAbi } from '../../generated/artifacts';
import { waitForSuccess, outcomeOf, type TxOutcome, type TxClients } from '../tx-receipt';

/** Parameters of {@link resolveSlash}. */
export interface ResolveSlashParams {
  /** The Staking contract. */
  staking: Address;
  /** The slash. */
  slashId: bigint;
}

/** Result of {@link resolveSlash}. */
export type ResolveSlashResult = TxOutcome;

/** Codes {@link resolveSlash} throws. */
export type ResolveSlashErrorCode = Extract<ErrorCode, 'NOT_FOUND' | 'APPEAL_WINDOW_OPEN' | 'ALREADY_SETTLED' | 'CHAIN_ERROR' | 'NETWORK_ERROR' | 'TIMEOUT'>;

/**
 * Resolves a pending slash after its appeal window (anyone): pays the beneficiary, or burns when there is none.
 * @param clients - public and wallet clients of the chain (the wallet's account sends)
 * @param params - the Staking contract and the call's arguments
 * @returns the transaction hash, block number and gas used
 * @throws BaseError with a {@link ResolveSlashErrorCode}
 */
export async function resolveSlash(clients: TxClients, params: ResolveSlashParams): Promise<ResolveSlashResult> {
  try {
    const txHash = await clients.walletClient.writeContract({ address: params.staking, abi: stakingAbi, functionName: 'resolveSlash', args: [params.slashId] });
    return outcomeOf(await waitForSuccess(clients, txHash, 'Staking.resolveSlash'));
  } catch (err) {
    throw mapStakingError(err);
  }
}
