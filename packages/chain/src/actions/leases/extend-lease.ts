import type { ErrorCode } from '@tensorgrid/protocol';
import { parseEventLogs, type Address } from 'viem';
import { mapLeasesError } from '../../errors/leases-errors';
import { leasesAbi } from '../../generated/artifacts';
import { outcomeOf, sendContractTx, type TxClients, type TxOutcome } from '../tx-receipt';

/** Parameters of {@link extendLease}. */
export interface ExtendLeaseParams {
  /** The Leases contract. */
  leases: Address;
  /** The lease (the wallet's account must be its buyer). */
  leaseId: bigint;
  /** Seconds added to its end. */
  extraSeconds: bigint;
  /** Price added to its escrow; the buyer pays it plus the fees (approve Leases first). */
  extraPrice: bigint;
}

/** Result of {@link extendLease}. */
export type ExtendLeaseResult = TxOutcome & {
  /** The lease's new end (unix seconds). */
  newEnd: bigint;
  /** The booking fee paid on the extra price. */
  bookingFee: bigint;
  /** The stablecoin fee paid on it (zero in GRID). */
  stablecoinFee: bigint;
};

/** Codes {@link extendLease} throws. */
export type ExtendLeaseErrorCode = Extract<
  ErrorCode,
  'FORBIDDEN' | 'LEASE_NOT_FOUND' | 'LEASE_ENDED' | 'VALIDATION_FAILED' | 'INSUFFICIENT_FUNDS' | 'CHAIN_ERROR' | 'NETWORK_ERROR' | 'TIMEOUT'
>;

/**
 * Extends an unended lease as its buyer, escrowing more and paying the fees on it.
 * @param clients - public and wallet clients of the chain
 * @param params - the contract, lease, extra time and extra price
 * @returns the new end, the fees and the transaction's outcome
 * @throws BaseError with an {@link ExtendLeaseErrorCode}
 */
export async function extendLease(clients: TxClients, params: ExtendLeaseParams): Promise<ExtendLeaseResult> {
  try {
    const receipt = await sendContractTx(clients, { address: params.leases, abi: leasesAbi, functionName: 'extend', args: [params.leaseId, params.extraSeconds, params.extraPrice] }, 'Extending a lease');
    const [extended] = parseEventLogs({ abi: leasesAbi, eventName: 'LeaseExtended', logs: receipt.logs });
    if (!extended) throw new Error('LeaseExtended event missing from the receipt');
    const { newEnd, bookingFee, stablecoinFee } = extended.args;
    return { newEnd: BigInt(newEnd), bookingFee, stablecoinFee, ...outcomeOf(receipt) };
  } catch (err) {
    throw mapLeasesError(err);
  }
}
