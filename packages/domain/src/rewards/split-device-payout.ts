/** A device's reward split as Staking's `rewardSplit` reports it. */
export interface DeviceRewardSplit {
  /** The device's owner (lower-case). */
  owner: string;
  /** The co-stakers' share in basis points (0 while nobody co-stakes). */
  shareBps: number;
  /** The co-stakers with an active co-stake, in the contract's order. */
  coStakers: readonly { account: string; amount: bigint }[];
}

const BPS = 10_000n;

/**
 * What each account receives when a device's leaf of `amount` is claimed, exactly as
 * Rewards' `_payDevice` pays it: the co-stakers' share is ⌊amount × shareBps / 10,000⌋, each
 * co-staker gets ⌊share × its co-stake / all co-stakes⌋ (nothing when that is 0), and the owner
 * the rest, rounding included. Accounts are lower-case; an account listed twice sums.
 * @param amount - the leaf's amount, base units
 * @param split - the device's split at claim time
 * @returns each paid account's amount (only those above 0)
 */
export function splitDevicePayout(amount: bigint, split: DeviceRewardSplit): Map<string, bigint> {
  const paid = new Map<string, bigint>();
  const add = (account: string, part: bigint) => {
    const key = account.toLowerCase();
    if (part > 0n) paid.set(key, (paid.get(key) ?? 0n) + part);
  };
  const coTotal = split.coStakers.reduce((sum, c) => sum + c.amount, 0n);
  let ownerAmount = amount;
  if (coTotal > 0n && split.shareBps > 0) {
    const coShare = (amount * BigInt(split.shareBps)) / BPS;
    for (const c of split.coStakers) {
      const part = (coShare * c.amount) / coTotal;
      ownerAmount -= part;
      add(c.account, part);
    }
  }
  add(split.owner, ownerAmount);
  return paid;
}
