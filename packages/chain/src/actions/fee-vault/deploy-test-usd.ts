import type { ErrorCode } from '@tensorgrid/protocol';
import { mapLeasesError } from '../../errors/leases-errors';
import { testUSDAbi, testUSDBytecode } from '../../generated/artifacts';
import { waitForDeployment, type TxClients, type TxOutcome } from '../tx-receipt';

/** Parameters of {@link deployTestUsd}: none (tUSD has no constructor arguments). */
export type DeployTestUsdParams = Record<string, never>;

/** Result of {@link deployTestUsd}: the address of the DEVNET-ONLY tUSD. */
export type DeployTestUsdResult = TxOutcome & { address: `0x${string}` };

/** Codes {@link deployTestUsd} throws. */
export type DeployTestUsdErrorCode = Extract<ErrorCode, 'CHAIN_ERROR' | 'NETWORK_ERROR' | 'TIMEOUT'>;

/**
 * Deploys TestUSD ("Test USD", tUSD, 6 decimals, public faucet `mint`): DEVNET ONLY.
 * @param clients - public and wallet clients of the chain
 * @param _params - none
 * @returns the contract address and the transaction's outcome
 * @throws BaseError with a {@link DeployTestUsdErrorCode}
 */
export async function deployTestUsd(clients: TxClients, _params: DeployTestUsdParams = {}): Promise<DeployTestUsdResult> {
  try {
    const txHash = await clients.walletClient.deployContract({ abi: testUSDAbi, bytecode: testUSDBytecode });
    return await waitForDeployment(clients, txHash, 'TestUSD');
  } catch (err) {
    throw mapLeasesError(err);
  }
}
