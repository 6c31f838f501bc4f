import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex } from '@noble/hashes/utils';
import { describe, expect, it } from 'vitest';
import { buildMerkleTree, merkleDepth, merkleProof, merkleRootHex, verifyMerkleProof } from './merkle-tree';

const leaves = (n: number) => Array.from({ length: n }, (_, i) => sha256(new Uint8Array([i, i >> 8])));

describe('merkle tree', () => {
  it('has the expected depth', () => {
    expect([1, 2, 3, 4, 5, 1024, 1025].map(merkleDepth)).toEqual([0, 1, 2, 2, 3, 10, 11]);
  });

  it('matches a hand-computed root for two leaves (known-answer)', () => {
    const [a, b] = leaves(2) as [Uint8Array, Uint8Array];
    const node = (prefix: number, ...parts: Uint8Array[]) => sha256(new Uint8Array([prefix, ...parts.flatMap((p) => [...p])]));
    expect(merkleRootHex(buildMerkleTree([a, b]))).toBe(bytesToHex(node(1, node(0, a), node(0, b))));
  });

  it('takes only 32-byte leaves (a shorter one would hash stale bytes of the shared input buffer)', () => {
    expect(() => buildMerkleTree([new Uint8Array(32), new Uint8Array(31)])).toThrow(RangeError);
  });

  it.each([1, 2, 3, 7, 8, 33])('proves every leaf of a %i-leaf tree', (n) => {
    const ls = leaves(n);
    const tree = buildMerkleTree(ls);
    const root = merkleRootHex(tree);
    for (let i = 0; i < n; i++) {
      expect(verifyMerkleProof({ root, leaf: bytesToHex(ls[i]!), index: i, proof: merkleProof(tree, i), leafCount: n })).toBe(true);
    }
  });

  it('rejects a tampered leaf, sibling, index, root or proof length', () => {
    const ls = leaves(10);
    const tree = buildMerkleTree(ls);
    const root = merkleRootHex(tree);
    const proof = merkleProof(tree, 5);
    const leaf = bytesToHex(ls[5]!);
    const ok = { root, leaf, index: 5, proof, leafCount: 10 };
    expect(verifyMerkleProof(ok)).toBe(true);
    expect(verifyMerkleProof({ ...ok, leaf: bytesToHex(ls[4]!) })).toBe(false);
    expect(verifyMerkleProof({ ...ok, index: 4 })).toBe(false);
    expect(verifyMerkleProof({ ...ok, index: 10 })).toBe(false);
    expect(verifyMerkleProof({ ...ok, proof: [...proof.slice(0, 2), '00'.repeat(32), ...proof.slice(3)] })).toBe(false);
    expect(verifyMerkleProof({ ...ok, proof: proof.slice(1) })).toBe(false);
    expect(verifyMerkleProof({ ...ok, root: '11'.repeat(32) })).toBe(false);
    expect(verifyMerkleProof({ ...ok, leaf: 'zz' })).toBe(false);
  });

  it('does not accept an inner node as a leaf', () => {
    const ls = leaves(4);
    const tree = buildMerkleTree(ls);
    const inner = bytesToHex(tree.levels[1]![0]!);
    expect(verifyMerkleProof({ root: merkleRootHex(tree), leaf: inner, index: 0, proof: [bytesToHex(tree.levels[1]![1]!)], leafCount: 2 })).toBe(false);
  });

  it.each([1, 3, 5, 9, 17, 33, 1025])('pads a %i-leaf tree with zero leaves whose subtrees hash like any other', (n) => {
    const node = (prefix: number, ...parts: Uint8Array[]) => sha256(new Uint8Array([prefix, ...parts.flatMap((p) => [...p])]));
    const rootOf = (level: Uint8Array[]): Uint8Array => (level.length === 1 ? level[0]! : rootOf(Array.from({ length: level.length / 2 }, (_, i) => node(1, level[2 * i]!, level[2 * i + 1]!))));
    const ls = leaves(n);
    const padded = Array.from({ length: 2 ** merkleDepth(n) }, (_, i) => (i < n ? node(0, ls[i]!) : new Uint8Array(32)));
    expect(merkleRootHex(buildMerkleTree(ls))).toBe(bytesToHex(rootOf(padded)));
  });

  it('verifies proofs with an injected SHA-256 exactly as with the default', () => {
    const ls = leaves(9);
    const tree = buildMerkleTree(ls);
    const calls: number[] = [];
    const counting = (bytes: Uint8Array): Uint8Array => (calls.push(bytes.length), sha256(bytes));
    const opening = { root: merkleRootHex(tree), leaf: bytesToHex(ls[6]!), index: 6, proof: merkleProof(tree, 6), leafCount: 9 };
    expect(verifyMerkleProof(opening, counting)).toBe(true);
    expect(calls).toEqual([33, 65, 65, 65, 65]);
    expect(verifyMerkleProof({ ...opening, index: 5 }, counting)).toBe(false);
  });
});
