import type { ErrorCode } from '@tensorgrid/protocol';
import type { Address } from 'viem';
import { mapLeasesError } from '../../errors/leases-errors';
import { feeVaultAbi, feeVaultBytecode } from '../../generated/artifacts';
import { waitForDeployment, type TxClients, type TxOutcome } from '../tx-receipt';

/** Parameters of {@link deployFeeVault}. */
export interface DeployFeeVaultParams {
  /** The GRID token (burned on collection and after buybacks). */
  grid: Address;
  /** Gets DEFAULT_ADMIN_ROLE: sets the swap adapter, grants KEEPER_ROLE. */
  admin: Address;
}

/** Result of {@link deployFeeVault}. */
export type DeployFeeVaultResult = TxOutcome & { address: Address };

/** Codes {@link deployFeeVault} throws. */
export type DeployFeeVaultErrorCode = Extract<ErrorCode, 'VALIDATION_FAILED' | 'CHAIN_ERROR' | 'NETWORK_ERROR' | 'TIMEOUT'>;

/**
 * Deploys the FeeVault.
 * @param clients - public and wallet clients of the chain
 * @param params - GRID and the admin
 * @returns the contract address and the transaction's outcome
 * @throws BaseError with a {@link DeployFeeVaultErrorCode} (VALIDATION_FAILED: FeeVaultZeroAddress)
 */
export async function deployFeeVault(clients: TxClients, params: DeployFeeVaultParams): Promise<DeployFeeVaultResult> {
  try {
    const txHash = await clients.walletClient.deployContract({ abi: feeVaultAbi, bytecode: feeVaultBytecode, args: [params.grid, params.admin] });
    return await waitForDeployment(clients, txHash, 'FeeVault');
  } catch (err) {
    throw mapLeasesError(err);
  }
}
