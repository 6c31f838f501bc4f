import { bytesToHex, hexToBytes } from '@noble/hashes/utils';
import { sha256Short } from './sha256-compress';

/**
 * A binary SHA-256 Merkle tree over 32-byte leaves (the compute challenge's loop leaves).
 *
 * - node of a leaf: SHA-256(0x00 ‖ leaf); inner node: SHA-256(0x01 ‖ left ‖ right). The
 *   prefixes keep an inner node from passing for a leaf (second-preimage safety).
 * - the leaf level is padded to a power of two with 32 zero bytes, so a proof for any index
 *   is exactly `depth` siblings and the verifier, knowing the leaf count, knows the depth.
 *
 * Not the OpenZeppelin (keccak, sorted pairs) tree of the reward roots: this one never goes
 * on chain, and position binding (which loop) matters here, so pairs are ordered.
 */
export interface MerkleTree {
  /** levels[0] are the leaf nodes (padded), the last level is [root]. */
  levels: Uint8Array[][];
  /** The raw leaves, as given. */
  leaves: readonly Uint8Array[];
  leafCount: number;
}

const ZERO = new Uint8Array(32);

/**
 * A one-shot SHA-256 (bytes → 32-byte digest); {@link sha256Short} by default, the fastest for
 * a node's 33 or 65 bytes. It must return a fresh digest and not keep `bytes`: the tree hands
 * every node's input in the same scratch buffer.
 */
export type Sha256Digest = (bytes: Uint8Array) => Uint8Array;

// Every leaf node's input goes in one buffer, every inner node's in another: a fresh 33- or
// 65-byte array a node cost as much as the node's hash (a 2,001-leaf tree: 2.2 of 4.8 ms, this repo's VM).
const LEAF_INPUT = new Uint8Array(33);
const INNER_INPUT = new Uint8Array(65);
INNER_INPUT[0] = 1;

function leafNode(leaf: Uint8Array, digest: Sha256Digest = sha256Short): Uint8Array {
  // A shorter leaf would hash the previous leaf's tail from the shared buffer.
  if (leaf.length !== 32) throw new RangeError(`a Merkle leaf is 32 bytes, got ${leaf.length}`);
  LEAF_INPUT.set(leaf, 1);
  return digest(LEAF_INPUT);
}

function innerNode(left: Uint8Array, right: Uint8Array, digest: Sha256Digest = sha256Short): Uint8Array {
  INNER_INPUT.set(left, 1);
  INNER_INPUT.set(right, 33);
  return digest(INNER_INPUT);
}

/**
 * The number of sibling hashes in a proof for a tree of `leafCount` leaves.
 * @param leafCount - >= 1
 */
export function merkleDepth(leafCount: number): number {
  let depth = 0;
  while (2 ** depth < leafCount) depth++;
  return depth;
}

/**
 * Builds the whole tree (kept by the prover to answer openings).
 * @param leaves - 32-byte leaves, at least one
 * @param digest - the hash to hash nodes with (SHA-256 by default; a job's trees use its state hash)
 */
export function buildMerkleTree(leaves: readonly Uint8Array[], digest: Sha256Digest = sha256Short): MerkleTree {
  if (leaves.length === 0) throw new RangeError('a Merkle tree needs at least one leaf');
  const width = 2 ** merkleDepth(leaves.length);
  let level: Uint8Array[] = [];
  for (let i = 0; i < width; i++) level.push(i < leaves.length ? leafNode(leaves[i]!, digest) : ZERO);
  const levels = [level];
  // The padding's subtrees are all alike: hash one per level (up to half the nodes when T+1 is just over a power of two).
  let zero: Uint8Array = ZERO;
  while (level.length > 1) {
    const next: Uint8Array[] = [];
    const parentOfZeros = innerNode(zero, zero, digest);
    for (let i = 0; i < level.length; i += 2) next.push(level[i] === zero && level[i + 1] === zero ? parentOfZeros : innerNode(level[i]!, level[i + 1]!, digest));
    levels.push(next);
    level = next;
    zero = parentOfZeros;
  }
  return { levels, leaves, leafCount: leaves.length };
}

/**
 * The tree's root as hex.
 * @param tree - a built tree
 */
export function merkleRootHex(tree: MerkleTree): string {
  return bytesToHex(tree.levels[tree.levels.length - 1]![0]!);
}

/**
 * The sibling hashes (hex, leaf level first) proving leaf `index`.
 * @param tree - a built tree
 * @param index - 0 <= index < leafCount
 */
export function merkleProof(tree: MerkleTree, index: number): string[] {
  if (!Number.isSafeInteger(index) || index < 0 || index >= tree.leafCount) throw new RangeError(`no leaf ${index}`);
  const proof: string[] = [];
  let i = index;
  for (let l = 0; l < tree.levels.length - 1; l++) {
    proof.push(bytesToHex(tree.levels[l]![i ^ 1]!));
    i >>= 1;
  }
  return proof;
}

/**
 * Whether `proof` shows that `leaf` sits at `index` under `root`. Never throws: malformed
 * input (bad hex, wrong length) is just `false`.
 * @param opening - root and leaf as hex, the leaf's index, the proof, and the tree's leaf count
 * @param digest - the SHA-256 to hash nodes with (as for {@link buildMerkleTree})
 */
export function verifyMerkleProof(opening: { root: string; leaf: string; index: number; proof: readonly string[]; leafCount: number }, digest: Sha256Digest = sha256Short): boolean {
  const { root, leaf, index, proof, leafCount } = opening;
  if (!Number.isSafeInteger(index) || index < 0 || index >= leafCount) return false;
  if (!Array.isArray(proof) || proof.length !== merkleDepth(leafCount)) return false;
  const hex32 = /^[0-9a-f]{64}$/;
  if (!hex32.test(root) || !hex32.test(leaf) || !proof.every((p) => typeof p === 'string' && hex32.test(p))) return false;
  let node = leafNode(hexToBytes(leaf), digest);
  let i = index;
  for (const sibling of proof) {
    const s = hexToBytes(sibling);
    node = i & 1 ? innerNode(s, node, digest) : innerNode(node, s, digest);
    i >>= 1;
  }
  return bytesToHex(node) === root;
}
