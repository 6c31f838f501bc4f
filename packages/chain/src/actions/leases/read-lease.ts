import type { ErrorCode } from '@tensorgrid/protocol';
import type { Address, Chain, Hex, PublicClient, Transport } from 'viem';
import { BaseError } from '@tensorgrid/protocol';
import { mapLeasesError } from '../../errors/leases-errors';
import { leasesAbi } from '../../generated/artifacts';

/** Parameters of {@link readLease}. */
export interface ReadLeaseParams {
  /** The Leases contract. */
  leases: Address;
  /** The lease. */
  leaseId: bigint;
}

/** Where a lease is: `active` (its end may have passed), `terminated` (ended early, awaiting the final batch), `closed` (refunded). */
export type LeaseStatus = 'active' | 'terminated' | 'closed';

/** Result of {@link readLease}. */
export interface ReadLeaseResult {
  leaseId: bigint;
  buyer: Address;
  payToken: Address;
  /** Unix seconds. */
  start: bigint;
  /** Unix seconds; the termination time for a terminated lease. */
  end: bigint;
  status: LeaseStatus;
  /** Total price escrowed (with extensions). */
  price: bigint;
  /** Escrow not yet settled or refunded. */
  escrow: bigint;
  /** Settled to suppliers so far (gross, supplier fees included): price − escrow − refunded. */
  settled: bigint;
  /** Refunded to the buyer at close. */
  refunded: bigint;
  /** The devices and until when each one's usage is settled (unix seconds). */
  devices: { device: Hex; settledUntil: bigint }[];
}

/** Codes {@link readLease} throws. */
export type ReadLeaseErrorCode = Extract<ErrorCode, 'LEASE_NOT_FOUND' | 'CHAIN_ERROR' | 'NETWORK_ERROR' | 'TIMEOUT'>;

const STATUS: Record<number, LeaseStatus> = { 1: 'active', 2: 'terminated', 3: 'closed' };

/**
 * Reads a lease, its devices and each device's settled mark.
 * @param publicClient - a client of the chain
 * @param params - the contract and lease
 * @returns the lease
 * @throws BaseError with a {@link ReadLeaseErrorCode}
 */
export async function readLease(publicClient: PublicClient<Transport, Chain>, params: ReadLeaseParams): Promise<ReadLeaseResult> {
  const contract = { address: params.leases, abi: leasesAbi } as const;
  try {
    const [lease, devices] = await Promise.all([
      publicClient.readContract({ ...contract, functionName: 'getLease', args: [params.leaseId] }),
      publicClient.readContract({ ...contract, functionName: 'devicesOf', args: [params.leaseId] }),
    ]);
    const status = STATUS[lease.state];
    if (status === undefined) {
      throw new BaseError('LEASE_NOT_FOUND', `No lease ${params.leaseId}`, { data: { leaseId: params.leaseId.toString() } });
    }
    const marks = await Promise.all(devices.map((device) => publicClient.readContract({ ...contract, functionName: 'settledUntil', args: [params.leaseId, device] })));
    return {
      leaseId: params.leaseId,
      buyer: lease.buyer,
      payToken: lease.payToken,
      start: BigInt(lease.start),
      end: BigInt(lease.end),
      status,
      price: lease.price,
      escrow: lease.escrow,
      settled: lease.price - lease.escrow - lease.refunded,
      refunded: lease.refunded,
      devices: devices.map((device, i) => ({ device, settledUntil: BigInt(marks[i] ?? 0n) })),
    };
  } catch (err) {
    throw mapLeasesError(err);
  }
}
