import type { ErrorCode } from '@tensorgrid/protocol';
import type { Address } from 'viem';
import { mapLeasesError } from '../../errors/leases-errors';
import { fixedPriceSwapAdapterAbi, fixedPriceSwapAdapterBytecode } from '../../generated/artifacts';
import { waitForDeployment, type TxClients, type TxOutcome } from '../tx-receipt';

/** Parameters of {@link deployFixedPriceSwapAdapter}. */
export interface DeployFixedPriceSwapAdapterParams {
  /** The GRID token it pays out (fund it by a transfer). */
  grid: Address;
  /** Gets DEFAULT_ADMIN_ROLE: sets prices (`setPrice`), withdraws. */
  admin: Address;
}

/** Result of {@link deployFixedPriceSwapAdapter}. */
export type DeployFixedPriceSwapAdapterResult = TxOutcome & { address: Address };

/** Codes {@link deployFixedPriceSwapAdapter} throws. */
export type DeployFixedPriceSwapAdapterErrorCode = Extract<ErrorCode, 'VALIDATION_FAILED' | 'CHAIN_ERROR' | 'NETWORK_ERROR' | 'TIMEOUT'>;

/**
 * Deploys the devnet's FixedPriceSwapAdapter (GRID at an admin-set price, from its own balance).
 * @param clients - public and wallet clients of the chain
 * @param params - GRID and the admin
 * @returns the contract address and the transaction's outcome
 * @throws BaseError with a {@link DeployFixedPriceSwapAdapterErrorCode}
 */
export async function deployFixedPriceSwapAdapter(clients: TxClients, params: DeployFixedPriceSwapAdapterParams): Promise<DeployFixedPriceSwapAdapterResult> {
  try {
    const txHash = await clients.walletClient.deployContract({
      abi: fixedPriceSwapAdapterAbi,
      bytecode: fixedPriceSwapAdapterBytecode,
      args: [params.grid, params.admin],
    });
    return await waitForDeployment(clients, txHash, 'FixedPriceSwapAdapter');
  } catch (err) {
    throw mapLeasesError(err);
  }
}
