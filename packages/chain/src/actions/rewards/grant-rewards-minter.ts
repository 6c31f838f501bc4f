import type { ErrorCode } from '@tensorgrid/protocol';
import { keccak256, toHex, type Address, type Hash } from 'viem';
import type { WalletChainClients } from '../../clients';
import { mapContractError, REWARDS_ERROR_CODES } from '../../errors/rewards-errors';
import { gridTokenAbi } from '../../generated/artifacts';
import { sendContractTx } from '../tx-receipt';

/** GridToken's MINTER_ROLE id. */
export const MINTER_ROLE = keccak256(toHex('MINTER_ROLE'));

/** Parameters of {@link grantRewardsMinter}. */
export interface GrantRewardsMinterParams {
  /** The GridToken. */
  token: Address;
  /** The Rewards contract that will mint. */
  rewards: Address;
}

/** Result of {@link grantRewardsMinter}. */
export interface GrantRewardsMinterResult {
  /** The grant transaction. */
  txHash: Hash;
}

/** Codes {@link grantRewardsMinter} throws (FORBIDDEN: the wallet is not GRID's admin). */
export type GrantRewardsMinterErrorCode = Extract<ErrorCode, 'FORBIDDEN' | 'CHAIN_ERROR' | 'NETWORK_ERROR' | 'TIMEOUT'>;

/**
 * Grants Rewards the MINTER_ROLE of GRID (the wallet must hold GRID's DEFAULT_ADMIN_ROLE).
 * @param clients - public and wallet clients of the chain
 * @param params - the token and the Rewards contract
 * @returns the transaction hash
 * @throws BaseError with a {@link GrantRewardsMinterErrorCode}
 */
export async function grantRewardsMinter(clients: Pick<WalletChainClients, 'publicClient' | 'walletClient'>, params: GrantRewardsMinterParams): Promise<GrantRewardsMinterResult> {
  try {
    const receipt = await sendContractTx(clients, { address: params.token, abi: gridTokenAbi, functionName: 'grantRole', args: [MINTER_ROLE, params.rewards] }, 'GridToken.grantRole');
    return { txHash: receipt.transactionHash };
  } catch (err) {
    throw mapContractError(err, gridTokenAbi, REWARDS_ERROR_CODES);
  }
}
