import type { ErrorCode } from '@tensorgrid/protocol';
import type { Address, Hex } from 'viem';
import type { ChainClients } from '../../clients';
import { mapContractError, PROOF_REGISTRY_ERROR_CODES } from '../../errors/rewards-errors';
import { proofRegistryAbi } from '../../generated/artifacts';

/** Parameters of {@link readProofCommitment}. */
export interface ReadProofCommitmentParams {
  /** The ProofRegistry. */
  address: Address;
  /** The epoch. */
  epoch: bigint;
  /** The kind. */
  kind: number;
}

/** Result of {@link readProofCommitment}: the commitment, or undefined when none was made. */
export type ReadProofCommitmentResult = { root: Hex; uri: string; committedAt: bigint } | undefined;

/** Codes {@link readProofCommitment} throws. */
export type ReadProofCommitmentErrorCode = Extract<ErrorCode, 'CHAIN_ERROR' | 'NETWORK_ERROR' | 'TIMEOUT'>;

/**
 * Reads the root, URI and commit time of (epoch, kind).
 * @param clients - a public client of the chain
 * @param params - the registry, epoch and kind
 * @returns the commitment, or undefined when none
 * @throws BaseError with a {@link ReadProofCommitmentErrorCode}
 */
export async function readProofCommitment(clients: Pick<ChainClients, 'publicClient'>, params: ReadProofCommitmentParams): Promise<ReadProofCommitmentResult> {
  try {
    const [root, uri, committedAt] = await clients.publicClient.readContract({
      address: params.address,
      abi: proofRegistryAbi,
      functionName: 'commitmentOf',
      args: [params.epoch, params.kind],
    });
    return BigInt(root) === 0n ? undefined : { root, uri, committedAt: BigInt(committedAt) };
  } catch (err) {
    throw mapContractError(err, proofRegistryAbi, PROOF_REGISTRY_ERROR_CODES);
  }
}
