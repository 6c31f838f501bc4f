import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, concatBytes } from '@noble/hashes/utils';
import { buildMerkleTree, merkleProof, type MerkleTree } from '../merkle/merkle-tree';
import { computeLoopDigests } from './compute-matrices';
import { computeLeafCount, type ComputeChallengeSpec, type ComputeOpening } from './compute-spec';

/**
 * A loop's Merkle leaf: the SHA-256 of its tile digests, concatenated in tile order. One
 * leaf a loop keeps the tree (and what a worker holds until the openings) to 32 bytes a loop,
 * and lets a GPU send one digest a loop off the card instead of one a tile.
 * @param tiles - the loop's tile digests, tile row-major
 */
export function computeLoopLeaf(tiles: readonly Uint8Array[]): Uint8Array {
  return sha256(concatBytes(...tiles));
}

/**
 * One loop's leaf as the reference kernel computes it: its tile digests, folded.
 * @param spec - the challenge
 * @param loop - which loop
 */
export function referenceLoopLeaf(spec: Pick<ComputeChallengeSpec, 'seed' | 'n' | 'tile'>, loop: number): Uint8Array {
  return computeLoopLeaf(computeLoopDigests(spec, loop));
}

/**
 * Every loop's leaf, in loop order, from the reference kernel: the honest device's whole work.
 * @param spec - the challenge
 */
export function referenceLoopLeaves(spec: ComputeChallengeSpec): Uint8Array[] {
  return Array.from({ length: spec.loops }, (_, loop) => referenceLoopLeaf(spec, loop));
}

/**
 * The Merkle tree over the loops' leaves in loop order (the reference kernel's unless given).
 * The worker keeps it to answer openings.
 * @param spec - the challenge
 * @param leaves - optional precomputed loop leaves (e.g. from the GPU helper or an adversary)
 */
export function buildComputeTree(spec: ComputeChallengeSpec, leaves?: readonly Uint8Array[]): MerkleTree {
  return buildMerkleTree(leaves ?? referenceLoopLeaves(spec));
}

/**
 * The loops the sampled tiles fall in, each once, ascending; samples out of range are left out.
 * @param spec - the challenge
 * @param samples - the coordinator's tile indices (loop · tilesPerLoop + tile)
 */
export function sampledLoops(spec: Pick<ComputeChallengeSpec, 'n' | 'tile' | 'loops'>, samples: readonly unknown[]): number[] {
  const { tilesPerLoop, tiles } = computeLeafCount(spec);
  const loops = new Set<number>();
  for (const s of samples) if (Number.isSafeInteger(s) && (s as number) >= 0 && (s as number) < tiles) loops.add(Math.floor((s as number) / tilesPerLoop));
  return [...loops].sort((a, b) => a - b);
}

/**
 * Opens loops of a built tree: each loop's tile digests and its leaf's Merkle path.
 * @param tree - the device's tree over loop leaves
 * @param loops - the loops to open, with their tile digests (recomputed or kept)
 */
export function openComputeLoops(tree: MerkleTree, loops: readonly { loop: number; tiles: readonly Uint8Array[] }[]): ComputeOpening[] {
  return loops.map(({ loop, tiles }) => ({ loop, tiles: tiles.map(bytesToHex), proof: merkleProof(tree, loop) }));
}

/**
 * The reference kernel's answer to the coordinator's samples: the loops they fall in,
 * recomputed, opened from the tree.
 * @param spec - the challenge
 * @param tree - the tree {@link buildComputeTree} built
 * @param samples - the coordinator's tile indices
 */
export function openComputeSamples(spec: ComputeChallengeSpec, tree: MerkleTree, samples: readonly unknown[]): ComputeOpening[] {
  return openComputeLoops(tree, sampledLoops(spec, samples).map((loop) => ({ loop, tiles: computeLoopDigests(spec, loop) })));
}
