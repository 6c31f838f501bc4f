import { BaseError } from '@tensorgrid/protocol';
import { splitProportionally } from './split-proportionally';

/** A node's job shares of a UTC day (the gas of its passed jobs, as JobMarket counts them). */
export interface NodeShares {
  /** The node's address, lower-case. */
  node: string;
  shares: bigint;
}

/** One node's payout of a day. */
export interface JobShareLeaf {
  node: string;
  shares: bigint;
  /** Base units, above 0. */
  amount: bigint;
}

/** What {@link planJobShares} decided for a day. */
export type JobSharePlan =
  /** Pay these leaves; they sum to `total`, which is the day's allowance exactly. */
  | { kind: 'pay'; leaves: JobShareLeaf[]; total: bigint }
  /** Nothing to pay (no shares left, e.g. every job was slashed, or no allowance): post nothing; the allowance is never minted. */
  | { kind: 'nothing'; why: 'no-shares' | 'no-allowance'; unallocated: bigint }
  /** The listed nodes' shares do not add up to the day's total: some node is missing (the job index lags), so refuse. */
  | { kind: 'mismatch'; listed: bigint; total: bigint };

/**
 * Plans a UTC day's job-share rewards: the day's allowance (Rewards pool 2) split among the
 * nodes in proportion to their shares, in exact integer arithmetic. Each node gets
 * `floor(allowance × shares / total)`; the rounding dust (fewer base units than nodes) goes one
 * unit at a time to the largest remainders, ties by address, so the leaves sum to the
 * allowance exactly and never above it ({@link splitProportionally}). Nodes with 0 shares
 * (every job of theirs slashed) and parts that round to 0 get no leaf. A day whose total is 0
 * pays nothing: the contract refuses an empty root, and the allowance is left unminted.
 * @param input - the day's allowance, each listed node's shares and the contract's total
 * @throws BaseError VALIDATION_FAILED on a negative amount or a node listed twice
 */
export function planJobShares(input: { allowance: bigint; shares: readonly NodeShares[]; totalShares: bigint }): JobSharePlan {
  const { allowance, shares, totalShares } = input;
  if (allowance < 0n || totalShares < 0n) throw invalid('An allowance or total cannot be negative', { allowance: allowance.toString(), totalShares: totalShares.toString() });
  const seen = new Set<string>();
  let listed = 0n;
  for (const s of shares) {
    if (s.shares < 0n) throw invalid('Shares cannot be negative', { node: s.node });
    const key = s.node.toLowerCase();
    if (seen.has(key)) throw invalid('A node is listed twice', { node: s.node });
    seen.add(key);
    listed += s.shares;
  }
  if (listed !== totalShares) return { kind: 'mismatch', listed, total: totalShares };
  if (totalShares === 0n) return { kind: 'nothing', why: 'no-shares', unallocated: allowance };
  if (allowance === 0n) return { kind: 'nothing', why: 'no-allowance', unallocated: 0n };
  const parts = splitProportionally(allowance, shares.map((s) => ({ id: s.node.toLowerCase(), weight: s.shares })));
  return { kind: 'pay', leaves: parts.map((p) => ({ node: p.id, shares: p.weight, amount: p.amount })), total: parts.reduce((sum, p) => sum + p.amount, 0n) };
}

function invalid(message: string, data: Record<string, unknown>): BaseError {
  return new BaseError('VALIDATION_FAILED', message, { data });
}
