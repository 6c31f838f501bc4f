import type { ErrorCode } from '@tensorgrid/protocol';
import type { Address, Hex } from 'viem';
import { mapLeasesError } from '../../errors/leases-errors';
import { leasesAbi } from '../../generated/artifacts';
import { outcomeOf, sendContractTx, type TxClients, type TxOutcome } from '../tx-receipt';

/** One metered period of one device of one lease. */
export interface UsageRecord {
  /** The lease. */
  leaseId: bigint;
  /** One of its devices (bytes32). */
  device: Hex;
  /** The device's owner, credited `amount` minus the supplier fee (withdrawn with `withdraw`). */
  payee: Address;
  /** The period [start, end) in unix seconds; after what is settled for the device, ending by min(lease end, now). */
  periodStart: bigint;
  periodEnd: bigint;
  /** The usage charged from the lease's escrow, in its pay token. */
  amount: bigint;
}

/** Parameters of {@link settleUsage}. */
export interface SettleUsageParams {
  /** The Leases contract. */
  leases: Address;
  /** The batch: any leases, devices and periods (not empty). */
  records: readonly UsageRecord[];
}

/** Result of {@link settleUsage}. */
export type SettleUsageResult = TxOutcome;

/** Codes {@link settleUsage} throws: the whole batch is refused when one record is invalid. */
export type SettleUsageErrorCode = Extract<
  ErrorCode,
  'FORBIDDEN' | 'LEASE_NOT_FOUND' | 'LEASE_ENDED' | 'ESCROW_EXCEEDED' | 'ALREADY_SETTLED' | 'VALIDATION_FAILED' | 'CHAIN_ERROR' | 'NETWORK_ERROR' | 'TIMEOUT'
>;

/**
 * Settles a batch of usage records (the wallet's account needs ORACLE_ROLE). Simulated first,
 * so an invalid record costs no gas; `data.errorName` and `data.args` name it.
 * @param clients - public and wallet clients of the chain
 * @param params - the contract and the records
 * @returns the transaction's outcome
 * @throws BaseError with a {@link SettleUsageErrorCode}
 */
export async function settleUsage(clients: TxClients, params: SettleUsageParams): Promise<SettleUsageResult> {
  try {
    const receipt = await sendContractTx(clients, { address: params.leases, abi: leasesAbi, functionName: 'settleUsage', args: [params.records] }, 'Settling usage');
    return { ...outcomeOf(receipt) };
  } catch (err) {
    throw mapLeasesError(err);
  }
}
