import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { BaseError } from '@tensorgrid/protocol';
import { isHex, pad, type Address, type Hex } from 'viem';

/** The standard-tree encoding of a Rewards leaf. */
export const REWARD_LEAF_ENCODING = ['uint64', 'uint8', 'bytes32', 'uint256'] as const;

/** One payout: a device's (pools 0, 1) or an account's (pool 2) amount for one epoch. */
export interface RewardLeaf {
  /** The hourly block from genesis (pools 0, 1) or the UTC day (pool 2). */
  epoch: bigint;
  /** 0 GPU, 1 CPU, 2 job shares. */
  pool: number;
  /** The device id, or the account left-padded ({@link accountBeneficiary}). */
  beneficiary: Hex;
  /** In base units, above 0. */
  amount: bigint;
}

/** A leaf with what a claim needs. */
export interface RewardClaim extends RewardLeaf {
  /** Its Merkle proof. */
  proof: Hex[];
  /** Its leaf hash, as Rewards computes it. */
  leafHash: Hex;
}

/** Result of {@link buildRewardTree}. */
export interface RewardTree {
  /** The root to post. */
  root: Hex;
  /** The sum of the amounts: the total to post. */
  total: bigint;
  /** Every leaf with its proof, in the order given. */
  claims: RewardClaim[];
  /** The tree's JSON-safe dump (`StandardMerkleTree.load` reads it back), for the explorer. */
  dump: unknown;
}

type Value = [bigint, number, Hex, bigint];

/**
 * A device id or job-share beneficiary from an address: `bytes32(uint256(uint160(account)))`.
 * @param account - an EVM address
 */
export function accountBeneficiary(account: Address): Hex {
  return pad(account.toLowerCase() as Address, { size: 32 });
}

/**
 * Builds the OpenZeppelin standard Merkle tree of one (epoch, pool)'s payouts, whose root and
 * proofs Rewards checks with `MerkleProof`.
 * @param leaves - the payouts: one epoch and pool, no beneficiary twice, amounts above 0
 * @returns the root, the total and each leaf's proof
 * @throws BaseError VALIDATION_FAILED on an empty list, mixed epochs or pools, a repeated
 *   beneficiary, a bad beneficiary or a non-positive amount
 */
export function buildRewardTree(leaves: readonly RewardLeaf[]): RewardTree {
  const first = leaves[0];
  if (first === undefined) throw invalid('A reward tree needs at least one leaf', {});
  const seen = new Set<string>();
  let total = 0n;
  for (const leaf of leaves) {
    if (leaf.epoch !== first.epoch || leaf.pool !== first.pool) {
      throw invalid('All leaves of a reward tree share one epoch and pool', { epoch: leaf.epoch.toString(), pool: leaf.pool });
    }
    if (!Number.isInteger(leaf.pool) || leaf.pool < 0 || leaf.pool > 2) throw invalid('The pool is 0, 1 or 2', { pool: leaf.pool });
    if (leaf.epoch < 0n || leaf.epoch >= 2n ** 64n) throw invalid('The epoch is a uint64', { epoch: leaf.epoch.toString() });
    if (!isHex(leaf.beneficiary, { strict: true }) || leaf.beneficiary.length !== 66) {
      throw invalid('The beneficiary is a 32-byte hex value', { beneficiary: leaf.beneficiary });
    }
    if (leaf.pool === 2 && BigInt(leaf.beneficiary) >> 160n !== 0n) {
      throw invalid('A job-share beneficiary is a left-padded address', { beneficiary: leaf.beneficiary });
    }
    if (leaf.amount <= 0n) throw invalid('A leaf pays more than 0', { beneficiary: leaf.beneficiary, amount: leaf.amount.toString() });
    const key = leaf.beneficiary.toLowerCase();
    if (seen.has(key)) throw invalid('A beneficiary appears twice in one reward tree', { beneficiary: leaf.beneficiary });
    seen.add(key);
    total += leaf.amount;
  }
  const values: Value[] = leaves.map((l) => [l.epoch, l.pool, l.beneficiary.toLowerCase() as Hex, l.amount]);
  const tree = StandardMerkleTree.of<Value>(values, [...REWARD_LEAF_ENCODING]);
  const claims: RewardClaim[] = leaves.map((leaf, i) => ({
    ...leaf,
    proof: tree.getProof(i) as Hex[],
    leafHash: tree.leafHash(values[i] as Value) as Hex,
  }));
  return { root: tree.root as Hex, total, claims, dump: JSON.parse(JSON.stringify(tree.dump(), (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))) };
}

function invalid(message: string, data: Record<string, unknown>): BaseError {
  return new BaseError('VALIDATION_FAILED', message, { data });
}
