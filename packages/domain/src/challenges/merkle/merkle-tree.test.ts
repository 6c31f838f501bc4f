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
});
