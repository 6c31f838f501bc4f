import type { ErrorCode } from '@tensorgrid/protocol';
import type { Address, Hex } from 'viem';
import type { ChainClients } from '../../clients';
import { mapContractError, PROOF_REGISTRY_ERROR_CODES } from '../../errors/rewards-errors';
import { proofRegistryAbi } from '../../generated/artifacts';

/** Parameters of {@link verifyProof}. */
export interface VerifyProofParams {
  /** The ProofRegistry. */
  address: Address;
  /** The record's epoch. */
  epoch: bigint;
  /** The record's kind. */
  kind: number;
  /** The record's leaf hash (for a standard tree: `tree.leafHash(value)`). */
  leaf: Hex;
  /** Its Merkle proof. */
  proof: readonly Hex[];
}

/** Result of {@link verifyProof}: whether the leaf is under the committed root (false when none). */
export type VerifyProofResult = boolean;

/** Codes {@link verifyProof} throws. */
export type VerifyProofErrorCode = Extract<ErrorCode, 'CHAIN_ERROR' | 'NETWORK_ERROR' | 'TIMEOUT'>;

/**
 * Checks a record against the root committed on chain for (epoch, kind).
 * @param clients - a public client of the chain
 * @param params - the registry, epoch, kind, leaf and proof
 * @returns true when the proof holds
 * @throws BaseError with a {@link VerifyProofErrorCode}
 */
export async function verifyProof(clients: Pick<ChainClients, 'publicClient'>, params: VerifyProofParams): Promise<VerifyProofResult> {
  try {
    return await clients.publicClient.readContract({
      address: params.address,
      abi: proofRegistryAbi,
      functionName: 'verify',
      args: [params.epoch, params.kind, params.leaf, [...params.proof]],
    });
  } catch (err) {
    throw mapContractError(err, proofRegistryAbi, PROOF_REGISTRY_ERROR_CODES);
  }
}
