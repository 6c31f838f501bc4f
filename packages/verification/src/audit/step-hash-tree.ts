import { buildMerkleTree, merkleRootHex, type MerkleTree, type Sha256Digest } from '@tensorgrid/domain';
import { hexToBytes } from '@noble/hashes/utils';
import type { Commitment } from '../prover/solver-publication';
import type { CheckFailure } from '../verifier/verification-mode';

const withheld = (commitment: Commitment, detail: string): CheckFailure => ({ step: commitment.leafCount - 1, kind: 'leaves-withheld', detail });
const SHA256_HEX = /^[0-9a-f]{64}$/;

function countFailure(commitment: Commitment, hashes: readonly string[] | undefined): CheckFailure | undefined {
  if (!hashes) return withheld(commitment, 'the node did not publish its step hashes');
  if (hashes.length !== commitment.leafCount) return withheld(commitment, `${hashes.length} step hashes published, ${commitment.leafCount} committed`);
  const malformed = hashes.findIndex((h) => !SHA256_HEX.test(h));
  if (malformed >= 0) return withheld(commitment, `published step hash ${malformed} is not 64 lowercase hex characters`);
  return undefined;
}

/**
 * The Merkle tree over a node's published step hashes h_0 … h_T, if they are the committed
 * leaves (their count is the commitment's leaf count and their root its root), else the
 * `leaves-withheld` failure at leaf T: without them no whistleblower can audit the job, so a
 * verifier treats unpublished or wrong leaves as a withheld answer.
 * @param commitment - the committed root and leaf count
 * @param hashes - the published hashes (hex, no 0x), undefined when none are published
 * @param digest - the job's tree hash (the trainer's `digest`)
 */
export function stepHashTree(commitment: Commitment, hashes: readonly string[] | undefined, digest?: Sha256Digest): { tree: MerkleTree } | { failure: CheckFailure } {
  const failure = countFailure(commitment, hashes);
  if (failure) return { failure };
  const tree = buildMerkleTree(hashes!.map((h) => hexToBytes(h)), digest);
  return merkleRootHex(tree) === commitment.root ? { tree } : { failure: withheld(commitment, 'the published step hashes do not hash to the committed root') };
}
