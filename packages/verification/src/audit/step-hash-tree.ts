import { buildMerkleTree, merkleRootHex, type MerkleTree, type Sha256Digest } from '@tensorgrid/domain';
import { hexToBytes } from '@noble/hashes/utils';
import type { Commitment } from '../prover/solver-publication';
import type { CheckFailure } from '../verifier/verification-mode';

/**
 * The Merkle tree over a node's published step hashes h_0 … h_T, if they are the committed
 * leaves (their count is the commitment's leaf count and their root its root), else the
 * `leaves-withheld` failure at leaf T: without them no whistleblower can audit the job, so a
 * verifier treats unpublished or wrong leaves as a withheld answer.
 * @param commitment - the committed root and leaf count
 * @param hashes - the published hashes (hex, no 0x), undefined when none are published
 * @param digest - the SHA-256 to build the tree with (e.g. the trainer's, native in the agents)
 */
export function stepHashTree(commitment: Commitment, hashes: readonly string[] | undefined, digest?: Sha256Digest): { tree: MerkleTree } | { failure: CheckFailure } {
  const T = commitment.leafCount - 1;
  const failure = (detail: string) => ({ failure: { step: T, kind: 'leaves-withheld' as const, detail } });
  if (!hashes) return failure('the node did not publish its step hashes');
  if (hashes.length !== commitment.leafCount) return failure(`${hashes.length} step hashes published, ${commitment.leafCount} committed`);
  const tree = buildMerkleTree(hashes.map((h) => hexToBytes(h)), digest);
  return merkleRootHex(tree) === commitment.root ? { tree } : failure('the published step hashes do not hash to the committed root');
}
