import type { ErrorCode } from '@tensorgrid/protocol';
import { parseEventLogs, type Address } from 'viem';
import { mapLeasesError } from '../../errors/leases-errors';
import { leasesAbi } from '../../generated/artifacts';
import { outcomeOf, sendContractTx, type TxClients, type TxOutcome } from '../tx-receipt';

/** Parameters of {@link terminateLease}. */
export interface TerminateLeaseParams {
  /** The Leases contract. */
  leases: Address;
  /** The lease (the wallet's account must be its buyer). */
  leaseId: bigint;
}

/** Result of {@link terminateLease}. */
export type TerminateLeaseResult = TxOutcome & {
  /** The moment the lease ended (unix seconds): usage after it is never settled. */
  endedAt: bigint;
  /** The refund paid now: zero unless the settlement grace is zero (else `expireLease` pays it after the grace). */
  refund: bigint;
};

/** Codes {@link terminateLease} throws. */
export type TerminateLeaseErrorCode = Extract<ErrorCode, 'FORBIDDEN' | 'LEASE_NOT_FOUND' | 'LEASE_ENDED' | 'CHAIN_ERROR' | 'NETWORK_ERROR' | 'TIMEOUT'>;

/**
 * Ends an unended lease early as its buyer.
 * @param clients - public and wallet clients of the chain
 * @param params - the contract and lease
 * @returns when it ended, the refund paid now, and the transaction's outcome
 * @throws BaseError with a {@link TerminateLeaseErrorCode}
 */
export async function terminateLease(clients: TxClients, params: TerminateLeaseParams): Promise<TerminateLeaseResult> {
  try {
    const receipt = await sendContractTx(clients, { address: params.leases, abi: leasesAbi, functionName: 'terminate', args: [params.leaseId] }, 'Terminating a lease');
    const [terminated] = parseEventLogs({ abi: leasesAbi, eventName: 'LeaseTerminated', logs: receipt.logs });
    if (!terminated) throw new Error('LeaseTerminated event missing from the receipt');
    return { endedAt: BigInt(terminated.args.endedAt), refund: terminated.args.refund, ...outcomeOf(receipt) };
  } catch (err) {
    throw mapLeasesError(err);
  }
}
