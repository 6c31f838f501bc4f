import type { ErrorCode } from '@tensorgrid/protocol';
import { parseEventLogs, type Address } from 'viem';
import { mapLeasesError } from '../../errors/leases-errors';
import { leasesAbi } from '../../generated/artifacts';
import { outcomeOf, sendContractTx, type TxClients, type TxOutcome } from '../tx-receipt';

/** Parameters of {@link withdrawEarnings}. */
export interface WithdrawEarningsParams {
  /** The Leases contract. */
  leases: Address;
  /** The pay token to withdraw. */
  token: Address;
}

/** Result of {@link withdrawEarnings}. */
export type WithdrawEarningsResult = TxOutcome & {
  /** What was sent to the wallet's account. */
  amount: bigint;
};

/** Codes {@link withdrawEarnings} throws (NOT_FOUND: nothing is credited). */
export type WithdrawEarningsErrorCode = Extract<ErrorCode, 'NOT_FOUND' | 'CHAIN_ERROR' | 'NETWORK_ERROR' | 'TIMEOUT'>;

/**
 * Withdraws the wallet account's settled earnings (credits of usage, minus the supplier fee) in one token.
 * @param clients - public and wallet clients of the chain
 * @param params - the contract and token
 * @returns the amount and the transaction's outcome
 * @throws BaseError with a {@link WithdrawEarningsErrorCode}
 */
export async function withdrawEarnings(clients: TxClients, params: WithdrawEarningsParams): Promise<WithdrawEarningsResult> {
  try {
    const receipt = await sendContractTx(clients, { address: params.leases, abi: leasesAbi, functionName: 'withdraw', args: [params.token] }, 'Withdrawing earnings');
    const [withdrawn] = parseEventLogs({ abi: leasesAbi, eventName: 'EarningsWithdrawn', logs: receipt.logs });
    return { amount: withdrawn?.args.amount ?? 0n, ...outcomeOf(receipt) };
  } catch (err) {
    throw mapLeasesError(err);
  }
}
