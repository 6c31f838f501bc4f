import { bytesToHex } from '@noble/hashes/utils';
import { buildMerkleTree, merkleProof, type MerkleTree } from '../merkle/merkle-tree';
import { computeLoopDigests } from './compute-matrices';
import type { ComputeChallengeSpec, ComputeOpening } from './compute-spec';

/**
 * The honest device's whole work in the reference kernel: every loop's tile digests, then
 * the Merkle tree over them (leaf order: loop, tile row, tile column). The worker runs this
 * (or the GPU helper's equivalent) and keeps the tree to answer openings.
 * @param spec - the challenge
 * @param digests - optional precomputed leaves (e.g. from the GPU helper or an adversary)
 */
export function buildComputeTree(spec: ComputeChallengeSpec, digests?: readonly Uint8Array[]): MerkleTree {
  if (digests) return buildMerkleTree(digests);
  const leaves: Uint8Array[] = [];
  for (let loop = 0; loop < spec.loops; loop++) leaves.push(...computeLoopDigests(spec, loop));
  return buildMerkleTree(leaves);
}

/**
 * Opens the sampled leaves of a built tree.
 * @param tree - the device's tree
 * @param indices - the coordinator's samples
 */
export function openComputeTiles(tree: MerkleTree, indices: readonly number[]): ComputeOpening[] {
  return indices.map((index) => ({ index, digest: bytesToHex(tree.leaves[index]!), proof: merkleProof(tree, index) }));
}
