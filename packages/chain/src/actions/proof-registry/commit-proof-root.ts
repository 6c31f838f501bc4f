import type { ErrorCode } from '@tensorgrid/protocol';
import type { Address, Hash, Hex } from 'viem';
import type { WalletChainClients } from '../../clients';
import { mapContractError, PROOF_REGISTRY_ERROR_CODES } from '../../errors/rewards-errors';
import { proofRegistryAbi } from '../../generated/artifacts';
import { outcomeOf, sendContractTx } from '../tx-receipt';

/** Parameters of {@link commitProofRoot}. */
export interface CommitProofRootParams {
  /** The ProofRegistry. */
  address: Address;
  /** The records' epoch. */
  epoch: bigint;
  /** The records' kind (0-255, the caller's meaning). */
  kind: number;
  /** Their Merkle root. */
  root: Hex;
  /** Where their leaves can be fetched. */
  uri: string;
}

/** Result of {@link commitProofRoot}. */
export interface CommitProofRootResult {
  /** The transaction. */
  txHash: Hash;
  /** The block that included it. */
  blockNumber: bigint;
  /** Gas the transaction used. */
  gasUsed: bigint;
}

/** Codes {@link commitProofRoot} throws. */
export type CommitProofRootErrorCode = Extract<ErrorCode, 'FORBIDDEN' | 'VALIDATION_FAILED' | 'PROOF_ALREADY_COMMITTED' | 'CHAIN_ERROR' | 'NETWORK_ERROR' | 'TIMEOUT'>;

/**
 * Commits the root of (epoch, kind) (the wallet must hold ORACLE_ROLE); simulated first.
 * @param clients - public and wallet clients of the chain
 * @param params - the registry, epoch, kind, root and URI
 * @returns the transaction hash, block and gas used
 * @throws BaseError with a {@link CommitProofRootErrorCode}
 */
export async function commitProofRoot(clients: Pick<WalletChainClients, 'publicClient' | 'walletClient'>, params: CommitProofRootParams): Promise<CommitProofRootResult> {
  try {
    const receipt = await sendContractTx(clients, { address: params.address, abi: proofRegistryAbi, functionName: 'commit', args: [params.epoch, params.kind, params.root, params.uri] }, 'ProofRegistry.commit');
    return { ...outcomeOf(receipt) };
  } catch (err) {
    throw mapContractError(err, proofRegistryAbi, PROOF_REGISTRY_ERROR_CODES);
  }
}
