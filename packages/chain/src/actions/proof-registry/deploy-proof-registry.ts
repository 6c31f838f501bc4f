import type { ErrorCode } from '@tensorgrid/protocol';
import type { Address, Hash } from 'viem';
import type { WalletChainClients } from '../../clients';
import { mapContractError, PROOF_REGISTRY_ERROR_CODES } from '../../errors/rewards-errors';
import { proofRegistryAbi, proofRegistryBytecode } from '../../generated/artifacts';
import { waitForSuccess } from '../tx-receipt';

/** Parameters of {@link deployProofRegistry}. */
export interface DeployProofRegistryParams {
  /** Gets DEFAULT_ADMIN_ROLE. */
  admin: Address;
  /** Gets ORACLE_ROLE (the coordinator). */
  oracle: Address;
}

/** Result of {@link deployProofRegistry}. */
export interface DeployProofRegistryResult {
  /** The new ProofRegistry. */
  address: Address;
  /** The deployment transaction. */
  txHash: Hash;
  /** The block that included it. */
  blockNumber: bigint;
}

/** Codes {@link deployProofRegistry} throws. */
export type DeployProofRegistryErrorCode = Extract<ErrorCode, 'VALIDATION_FAILED' | 'CHAIN_ERROR' | 'NETWORK_ERROR' | 'TIMEOUT'>;

/**
 * Deploys ProofRegistry from the wallet's account and waits for the receipt.
 * @param clients - public and wallet clients of the chain
 * @param params - the admin and oracle accounts
 * @returns the contract address, transaction hash and block number
 * @throws BaseError with a {@link DeployProofRegistryErrorCode}
 */
export async function deployProofRegistry(
  clients: Pick<WalletChainClients, 'publicClient' | 'walletClient'>,
  params: DeployProofRegistryParams,
): Promise<DeployProofRegistryResult> {
  try {
    const txHash = await clients.walletClient.deployContract({ abi: proofRegistryAbi, bytecode: proofRegistryBytecode, args: [params.admin, params.oracle] });
    const receipt = await waitForSuccess(clients, txHash, 'ProofRegistry deployment');
    if (!receipt.contractAddress) throw new Error('ProofRegistry deployment has no contract address');
    return { address: receipt.contractAddress, txHash, blockNumber: receipt.blockNumber };
  } catch (err) {
    throw mapContractError(err, proofRegistryAbi, PROOF_REGISTRY_ERROR_CODES);
  }
}
