/** One claimant of a proportional split. */
export interface WeightedClaim {
  /** Its key; the tie-break order (ascending) and the order of the result. */
  id: string;
  /** Its weight, 0 or more. */
  weight: bigint;
}

/** One claimant's part of a proportional split. */
export interface ProportionalPart {
  id: string;
  weight: bigint;
  /** Base units, above 0. */
  amount: bigint;
}

/**
 * Splits `amount` in proportion to the weights, in exact integer arithmetic (Hamilton's
 * largest-remainder method): each gets `floor(amount × weight / total)`, then the remainder
 * (fewer base units than claimants) goes one unit at a time to the largest fractional parts,
 * ties by id ascending. The parts sum to `amount` exactly, unless every weight is 0 (then
 * there are none). Claimants with weight 0 and parts that come to 0 are left out (a zero
 * leaf cannot be claimed). The result is sorted by id and does not depend on input order.
 * Shared by the device pools of a block and the job shares of a day.
 * @param amount - what to split, 0 or more (the caller validates)
 * @param claims - the claimants, each id once (the caller validates), weights 0 or more
 */
export function splitProportionally(amount: bigint, claims: readonly WeightedClaim[]): ProportionalPart[] {
  const sorted = claims.filter((c) => c.weight > 0n).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const totalWeight = sorted.reduce((sum, c) => sum + c.weight, 0n);
  if (totalWeight === 0n || amount === 0n) return [];
  const shares = sorted.map((c, index) => ({ c, index, amount: (amount * c.weight) / totalWeight, rest: (amount * c.weight) % totalWeight }));
  let remainder = amount - shares.reduce((sum, s) => sum + s.amount, 0n);
  const byRest = [...shares].sort((a, b) => (a.rest > b.rest ? -1 : a.rest < b.rest ? 1 : a.index - b.index));
  for (const share of byRest) {
    if (remainder === 0n) break;
    share.amount += 1n;
    remainder -= 1n;
  }
  return shares.filter((s) => s.amount > 0n).map((s) => ({ id: s.c.id, weight: s.c.weight, amount: s.amount }));
}
