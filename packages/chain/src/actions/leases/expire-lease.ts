import type { ErrorCode } from '@tensorgrid/protocol';
import { parseEventLogs, type Address } from 'viem';
import { mapLeasesError } from '../../errors/leases-errors';
import { leasesAbi } from '../../generated/artifacts';
import { outcomeOf, sendContractTx, type TxClients, type TxOutcome } from '../tx-receipt';

/** Parameters of {@link expireLease}. */
export interface ExpireLeaseParams {
  /** The Leases contract. */
  leases: Address;
  /** The ended (or terminated) lease. */
  leaseId: bigint;
}

/** Result of {@link expireLease}. */
export type ExpireLeaseResult = TxOutcome & {
  /** The unused escrow refunded to the buyer. */
  refund: bigint;
};

/** Codes {@link expireLease} throws. */
export type ExpireLeaseErrorCode = Extract<ErrorCode, 'LEASE_NOT_FOUND' | 'LEASE_ENDED' | 'LEASE_NOT_EXPIRED' | 'CHAIN_ERROR' | 'NETWORK_ERROR' | 'TIMEOUT'>;

/**
 * Closes an ended lease and refunds its unused escrow to the buyer: anyone after the end plus
 * the settlement grace, the oracle (ORACLE_ROLE) from the end.
 * @param clients - public and wallet clients of the chain
 * @param params - the contract and lease
 * @returns the refund and the transaction's outcome
 * @throws BaseError with an {@link ExpireLeaseErrorCode} (LEASE_ENDED: already closed)
 */
export async function expireLease(clients: TxClients, params: ExpireLeaseParams): Promise<ExpireLeaseResult> {
  try {
    const receipt = await sendContractTx(clients, { address: params.leases, abi: leasesAbi, functionName: 'expire', args: [params.leaseId] }, 'Expiring a lease');
    const [expired] = parseEventLogs({ abi: leasesAbi, eventName: 'LeaseExpired', logs: receipt.logs });
    if (!expired) throw new Error('LeaseExpired event missing from the receipt');
    return { refund: expired.args.refund, ...outcomeOf(receipt) };
  } catch (err) {
    throw mapLeasesError(err);
  }
}
