import type { ErrorCode } from '@tensorgrid/protocol';
import { zeroAddress, type Address } from 'viem';
import { mapLeasesError } from '../../errors/leases-errors';
import { leasesAbi, leasesBytecode } from '../../generated/artifacts';
import { waitForDeployment, type TxClients, type TxOutcome } from '../tx-receipt';

/** Parameters of {@link deployLeases}. Rates are basis points (10,000 = 100%). */
export interface DeployLeasesParams {
  /** The GRID token (always a pay token, free of the stablecoin fee). */
  grid: Address;
  /** The FeeVault fees are paid to. */
  feeVault: Address;
  /** Staking for SLA slashes; zero (the default) to set it later with `setStaking`. */
  staking?: Address;
  /** Gets DEFAULT_ADMIN_ROLE: allows pay tokens, grants ORACLE_ROLE. */
  admin: Address;
  /** Booking fee charged to buyers; default 25 (0.25%). */
  bookingFeeBps?: number;
  /** Supplier fee taken from settled usage; default 25 (0.25%). */
  supplierFeeBps?: number;
  /** Fee charged to buyers paying in a stablecoin; default 200 (2%). */
  stablecoinFeeBps?: number;
  /** Seconds the oracle has after a lease's end for its final usage batch; default 3,600. */
  settlementGraceSeconds?: bigint;
}

/** Result of {@link deployLeases}. */
export type DeployLeasesResult = TxOutcome & { address: Address };

/** Codes {@link deployLeases} throws. */
export type DeployLeasesErrorCode = Extract<ErrorCode, 'VALIDATION_FAILED' | 'CHAIN_ERROR' | 'NETWORK_ERROR' | 'TIMEOUT'>;

/** The defaults of {@link DeployLeasesParams}: the network's fee rates and a one-hour grace. */
export const LEASES_DEFAULTS = { bookingFeeBps: 25, supplierFeeBps: 25, stablecoinFeeBps: 200, settlementGraceSeconds: 3_600n } as const;

/**
 * Deploys Leases, the rental escrow.
 * @param clients - public and wallet clients of the chain
 * @param params - tokens, vault, staking, admin, fee rates and grace
 * @returns the contract address and the transaction's outcome
 * @throws BaseError with a {@link DeployLeasesErrorCode} (VALIDATION_FAILED: LeasesZeroAddress, LeasesRateTooHigh)
 */
export async function deployLeases(clients: TxClients, params: DeployLeasesParams): Promise<DeployLeasesResult> {
  try {
    const txHash = await clients.walletClient.deployContract({
      abi: leasesAbi,
      bytecode: leasesBytecode,
      args: [
        params.grid,
        params.feeVault,
        params.staking ?? zeroAddress,
        params.admin,
        params.bookingFeeBps ?? LEASES_DEFAULTS.bookingFeeBps,
        params.supplierFeeBps ?? LEASES_DEFAULTS.supplierFeeBps,
        params.stablecoinFeeBps ?? LEASES_DEFAULTS.stablecoinFeeBps,
        params.settlementGraceSeconds ?? LEASES_DEFAULTS.settlementGraceSeconds,
      ],
    });
    return await waitForDeployment(clients, txHash, 'Leases');
  } catch (err) {
    throw mapLeasesError(err);
  }
}
