import type { ErrorCode } from '@tensorgrid/protocol';
import { parseEventLogs, type Address, type Hex } from 'viem';
import { mapLeasesError } from '../../errors/leases-errors';
import { leasesAbi } from '../../generated/artifacts';
import { outcomeOf, sendContractTx, type TxClients, type TxOutcome } from '../tx-receipt';

/** Parameters of {@link openLease}. */
export interface OpenLeaseParams {
  /** The Leases contract. */
  leases: Address;
  /** Device ids (bytes32: the worker's address left-padded), 1 to 256, distinct. */
  devices: readonly Hex[];
  /** The lease's length in seconds. */
  durationSeconds: bigint;
  /** The price escrowed, in `payToken` base units. */
  price: bigint;
  /** GRID or an allowed stablecoin; the buyer must have approved Leases for price + fees. */
  payToken: Address;
}

/** Result of {@link openLease}. */
export type OpenLeaseResult = TxOutcome & {
  /** The new lease's id. */
  leaseId: bigint;
  /** When it started and ends (unix seconds). */
  start: bigint;
  end: bigint;
  /** The booking fee paid to the FeeVault. */
  bookingFee: bigint;
  /** The stablecoin fee paid (zero in GRID). */
  stablecoinFee: bigint;
};

/** Codes {@link openLease} throws. */
export type OpenLeaseErrorCode = Extract<
  ErrorCode,
  'VALIDATION_FAILED' | 'PAY_TOKEN_NOT_ALLOWED' | 'INSUFFICIENT_FUNDS' | 'CHAIN_ERROR' | 'NETWORK_ERROR' | 'TIMEOUT'
>;

/**
 * Opens a lease as the wallet's account (the buyer): escrows the price and pays the fees.
 * Simulated first, so a refusal costs no gas.
 * @param clients - public and wallet clients of the chain
 * @param params - the contract, devices, duration, price and pay token
 * @returns the lease id, its times and fees, and the transaction's outcome
 * @throws BaseError with an {@link OpenLeaseErrorCode}
 */
export async function openLease(clients: TxClients, params: OpenLeaseParams): Promise<OpenLeaseResult> {
  try {
    const receipt = await sendContractTx(clients, { address: params.leases, abi: leasesAbi, functionName: 'open', args: [params.devices, params.durationSeconds, params.price, params.payToken] }, 'Opening a lease');
    const [opened] = parseEventLogs({ abi: leasesAbi, eventName: 'LeaseOpened', logs: receipt.logs });
    if (!opened) throw new Error('LeaseOpened event missing from the receipt');
    const { leaseId, start, end, bookingFee, stablecoinFee } = opened.args;
    return { leaseId, start: BigInt(start), end: BigInt(end), bookingFee, stablecoinFee, ...outcomeOf(receipt) };
  } catch (err) {
    throw mapLeasesError(err);
  }
}
