import { describe, expect, it } from 'vitest';
import { splitDevicePayout } from './split-device-payout';

const [OWNER, A, B] = ['0x' + 'aa'.repeat(20), '0x' + 'bb'.repeat(20), '0x' + 'cc'.repeat(20)];

describe('splitDevicePayout (Rewards._payDevice in bigint)', () => {
  it('pays the owner everything while nobody co-stakes', () => {
    expect(splitDevicePayout(1000n, { owner: OWNER, shareBps: 0, coStakers: [] })).toEqual(new Map([[OWNER, 1000n]]));
    // An offer with no co-stakes: rewardSplit reports shareBps 0, but a share alone pays no one else either.
    expect(splitDevicePayout(1000n, { owner: OWNER, shareBps: 2500, coStakers: [] })).toEqual(new Map([[OWNER, 1000n]]));
  });

  it('gives co-stakers the share pro rata, rounding down, and the owner the rest with all rounding', () => {
    // share = ⌊1001 × 3000 / 10000⌋ = 300; A: ⌊300 × 1 / 3⌋ = 100, B: ⌊300 × 2 / 3⌋ = 200; owner 1001 − 300 = 701.
    const paid = splitDevicePayout(1001n, { owner: OWNER, shareBps: 3000, coStakers: [{ account: A, amount: 1n }, { account: B, amount: 2n }] });
    expect(paid).toEqual(new Map([[A, 100n], [B, 200n], [OWNER, 701n]]));
    // share = ⌊10 × 5000 / 10000⌋ = 5; each of 3 equal co-stakers ⌊5/3⌋ = 1; the owner keeps 10 − 3 = 7.
    const odd = splitDevicePayout(10n, { owner: OWNER, shareBps: 5000, coStakers: [{ account: A, amount: 7n }, { account: B, amount: 7n }, { account: '0x' + 'dd'.repeat(20), amount: 7n }] });
    expect(odd.get(OWNER)).toBe(7n);
    expect([...odd.values()].reduce((s, v) => s + v, 0n)).toBe(10n);
  });

  it('leaves out a co-staker whose part rounds to 0 and never pays more than the amount', () => {
    const paid = splitDevicePayout(3n, { owner: OWNER, shareBps: 10_000, coStakers: [{ account: A, amount: 1n }, { account: B, amount: 1_000_000n }] });
    expect(paid.has(A)).toBe(false);
    expect([...paid.values()].reduce((s, v) => s + v, 0n)).toBe(3n);
    expect(splitDevicePayout(3n, { owner: OWNER, shareBps: 10_000, coStakers: [{ account: A, amount: 5n }] })).toEqual(new Map([[A, 3n]]));
  });

  it('lower-cases accounts, so a checksummed address finds its part', () => {
    const paid = splitDevicePayout(100n, { owner: OWNER.toUpperCase().replace('0X', '0x'), shareBps: 1000, coStakers: [{ account: A, amount: 1n }] });
    expect(paid).toEqual(new Map([[A, 10n], [OWNER, 90n]]));
  });
});
