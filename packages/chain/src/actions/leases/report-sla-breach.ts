import type { ErrorCode } from '@tensorgrid/protocol';
import { parseEventLogs, type Address, type Hex } from 'viem';
import { mapLeasesError } from '../../errors/leases-errors';
import { leasesAbi } from '../../generated/artifacts';
import { CHECKPOINT_GAS_HEADROOM } from '../checkpoint-gas';
import { outcomeOf, sendContractTx, type TxClients, type TxOutcome } from '../tx-receipt';

/** Parameters of {@link reportSlaBreach}. */
export interface ReportSlaBreachParams {
  /** The Leases contract. */
  leases: Address;
  /** The lease whose SLA was broken. */
  leaseId: bigint;
  /** The device that broke it (one of the lease's). */
  device: Hex;
  /** The stake to slash, in GRID base units (paid to the buyer after the appeal window). */
  penalty: bigint;
  /** A unique hash of the evidence (each evidence once). */
  evidence: Hex;
}

/** Result of {@link reportSlaBreach}. */
export type ReportSlaBreachResult = TxOutcome & {
  /** Staking's id of the pending slash. */
  slashId: bigint;
};

/** Codes {@link reportSlaBreach} throws. */
export type ReportSlaBreachErrorCode = Extract<
  ErrorCode,
  'FORBIDDEN' | 'LEASE_NOT_FOUND' | 'ALREADY_SETTLED' | 'VALIDATION_FAILED' | 'CHAIN_ERROR' | 'NETWORK_ERROR' | 'TIMEOUT'
>;

/**
 * Reports an SLA breach (the wallet's account needs ORACLE_ROLE; Leases needs Staking's SLASHER_ROLE).
 * @param clients - public and wallet clients of the chain
 * @param params - the contract, lease, device, penalty and evidence hash
 * @returns the slash id and the transaction's outcome
 * @throws BaseError with a {@link ReportSlaBreachErrorCode}
 */
export async function reportSlaBreach(clients: TxClients, params: ReportSlaBreachParams): Promise<ReportSlaBreachResult> {
  try {
    const receipt = await sendContractTx(clients, { address: params.leases, abi: leasesAbi, functionName: 'reportSlaBreach', args: [params.leaseId, params.device, params.penalty, params.evidence] }, {
      what: 'Reporting an SLA breach',
      // Staking.slash checkpoints the owner and every co-stake it takes from.
      extraGas: (estimate) => estimate + CHECKPOINT_GAS_HEADROOM,
    });
    const [reported] = parseEventLogs({ abi: leasesAbi, eventName: 'SlaBreachReported', logs: receipt.logs });
    if (!reported) throw new Error('SlaBreachReported event missing from the receipt');
    return { slashId: reported.args.slashId, ...outcomeOf(receipt) };
  } catch (err) {
    throw mapLeasesError(err);
  }
}
