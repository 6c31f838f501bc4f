import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { describe, expect, it } from 'vitest';
import { encodeAbiParameters, keccak256, concat } from 'viem';
import { accountBeneficiary, buildRewardTree, REWARD_LEAF_ENCODING } from './build-reward-tree';

const DEVICE = accountBeneficiary('0x00000000000000000000000000000000000000A1');
const OTHER = accountBeneficiary('0x00000000000000000000000000000000000000b2');

describe('buildRewardTree', () => {
  it('builds the standard tree: root, total, proofs that verify, leaf hashes as Rewards computes them', () => {
    const tree = buildRewardTree([
      { epoch: 5n, pool: 0, beneficiary: DEVICE, amount: 7n },
      { epoch: 5n, pool: 0, beneficiary: OTHER, amount: 3n },
    ]);
    expect(tree.total).toBe(10n);
    for (const c of tree.claims) {
      expect(StandardMerkleTree.verify(tree.root, [...REWARD_LEAF_ENCODING], [c.epoch, c.pool, c.beneficiary, c.amount], c.proof)).toBe(true);
      const inner = keccak256(encodeAbiParameters([{ type: 'uint64' }, { type: 'uint8' }, { type: 'bytes32' }, { type: 'uint256' }], [c.epoch, c.pool, c.beneficiary, c.amount]));
      expect(c.leafHash).toBe(keccak256(concat([inner])));
    }
    expect(StandardMerkleTree.load(tree.dump as never).root).toBe(tree.root);
  });

  it('left-pads accounts to bytes32 in lower case', () => {
    expect(DEVICE).toBe('0x00000000000000000000000000000000000000000000000000000000000000a1');
  });

  it.each([
    ['no leaves', []],
    ['mixed epochs', [{ epoch: 1n, pool: 0, beneficiary: DEVICE, amount: 1n }, { epoch: 2n, pool: 0, beneficiary: OTHER, amount: 1n }]],
    ['mixed pools', [{ epoch: 1n, pool: 0, beneficiary: DEVICE, amount: 1n }, { epoch: 1n, pool: 1, beneficiary: OTHER, amount: 1n }]],
    ['a repeated beneficiary', [{ epoch: 1n, pool: 0, beneficiary: DEVICE, amount: 1n }, { epoch: 1n, pool: 0, beneficiary: DEVICE, amount: 2n }]],
    ['a zero amount', [{ epoch: 1n, pool: 0, beneficiary: DEVICE, amount: 0n }]],
    ['an unknown pool', [{ epoch: 1n, pool: 3, beneficiary: DEVICE, amount: 1n }]],
    ['a short beneficiary', [{ epoch: 1n, pool: 0, beneficiary: '0x1234', amount: 1n }]],
    ['a job-share account that is not an address', [{ epoch: 1n, pool: 2, beneficiary: `0x01${'0'.repeat(62)}`, amount: 1n }]],
    ['an epoch beyond uint64', [{ epoch: 2n ** 64n, pool: 0, beneficiary: DEVICE, amount: 1n }]],
  ] as const)('refuses %s with VALIDATION_FAILED', (_name, leaves) => {
    expect(() => buildRewardTree(leaves as never)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});
