import { BaseError, type ErrorCode } from '@tensorgrid/protocol';
import type { Address, Hash } from 'viem';
import type { WalletChainClients } from '../clients';
import { mapChainError } from '../errors/map-revert';
import { gridTokenAbi, gridTokenBytecode } from '../generated/artifacts';

/** Parameters of {@link deployGridToken}. */
export interface DeployGridTokenParams {
  /** Receives the 500,000,000 GRID genesis supply. */
  treasury: Address;
  /** Gets DEFAULT_ADMIN_ROLE (grants MINTER_ROLE later). */
  admin: Address;
}

/** Result of {@link deployGridToken}. */
export interface DeployGridTokenResult {
  /** The new GridToken's address. */
  address: Address;
  /** The deployment transaction. */
  txHash: Hash;
  /** The block that included it. */
  blockNumber: bigint;
}

/** Codes {@link deployGridToken} throws. */
export type DeployGridTokenErrorCode = Extract<ErrorCode, 'CHAIN_ERROR' | 'NETWORK_ERROR' | 'TIMEOUT'>;

/**
 * Deploys GridToken from the wallet's account and waits for the receipt.
 * @param clients - public and wallet clients of the chain
 * @param params - the treasury and admin accounts
 * @returns the contract address, transaction hash and block number
 * @throws BaseError with a {@link DeployGridTokenErrorCode}
 */
export async function deployGridToken(
  clients: Pick<WalletChainClients, 'publicClient' | 'walletClient'>,
  params: DeployGridTokenParams,
): Promise<DeployGridTokenResult> {
  try {
    const txHash = await clients.walletClient.deployContract({
      abi: gridTokenAbi,
      bytecode: gridTokenBytecode,
      args: [params.treasury, params.admin],
    });
    const receipt = await clients.publicClient.waitForTransactionReceipt({ hash: txHash });
    if (receipt.status !== 'success' || !receipt.contractAddress) {
      throw new BaseError('CHAIN_ERROR', 'GridToken deployment reverted', {
        data: { txHash, blockNumber: receipt.blockNumber.toString() },
        retryable: false,
      });
    }
    return { address: receipt.contractAddress, txHash, blockNumber: receipt.blockNumber };
  } catch (err) {
    throw mapChainError(err, gridTokenAbi);
  }
}
