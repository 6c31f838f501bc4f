import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planJobShares, type NodeShares } from './plan-job-shares';

const node = (n: number) => `0x${n.toString(16).padStart(40, '0')}`;
const sharesArb = fc.uniqueArray(
  fc.record({ node: fc.integer({ min: 1, max: 1_000_000 }).map(node), shares: fc.bigInt({ min: 0n, max: 10n ** 24n }) }),
  { selector: (s) => s.node, maxLength: 30 },
);
const allowanceArb = fc.bigInt({ min: 0n, max: 10n ** 27n });
const sum = (xs: readonly NodeShares[]) => xs.reduce((s, x) => s + x.shares, 0n);

describe('planJobShares', () => {
  it('pays in proportion to shares and hands the rounding dust to the largest remainders', () => {
    // 100 over 1:1:1 = 33.33 each: floor 33 each, 1 unit of dust to the first by address (ties).
    const plan = planJobShares({ allowance: 100n, shares: [{ node: node(3), shares: 5n }, { node: node(1), shares: 5n }, { node: node(2), shares: 5n }], totalShares: 15n });
    expect(plan).toEqual({ kind: 'pay', total: 100n, leaves: [{ node: node(1), shares: 5n, amount: 34n }, { node: node(2), shares: 5n, amount: 33n }, { node: node(3), shares: 5n, amount: 33n }] });
    // 10 over 1:2 = 3.33 / 6.67: the larger remainder takes the dust.
    expect(planJobShares({ allowance: 10n, shares: [{ node: node(1), shares: 1n }, { node: node(2), shares: 2n }], totalShares: 3n })).toMatchObject({ leaves: [{ amount: 3n }, { amount: 7n }], total: 10n });
  });

  it('gives no leaf to a node with 0 shares (its jobs were slashed) nor to one whose part rounds to 0', () => {
    const plan = planJobShares({ allowance: 2n, shares: [{ node: node(1), shares: 0n }, { node: node(2), shares: 1_000n }, { node: node(3), shares: 1n }], totalShares: 1_001n });
    expect(plan).toEqual({ kind: 'pay', total: 2n, leaves: [{ node: node(2), shares: 1_000n, amount: 2n }] });
  });

  it('pays nothing when the day has no shares or no allowance', () => {
    expect(planJobShares({ allowance: 500n, shares: [{ node: node(1), shares: 0n }], totalShares: 0n })).toEqual({ kind: 'nothing', why: 'no-shares', unallocated: 500n });
    expect(planJobShares({ allowance: 500n, shares: [], totalShares: 0n })).toEqual({ kind: 'nothing', why: 'no-shares', unallocated: 500n });
    expect(planJobShares({ allowance: 0n, shares: [{ node: node(1), shares: 3n }], totalShares: 3n })).toEqual({ kind: 'nothing', why: 'no-allowance', unallocated: 0n });
  });

  it('refuses when the listed shares do not add up to the contract total (a node is missing)', () => {
    expect(planJobShares({ allowance: 500n, shares: [{ node: node(1), shares: 3n }], totalShares: 5n })).toEqual({ kind: 'mismatch', listed: 3n, total: 5n });
    expect(planJobShares({ allowance: 500n, shares: [], totalShares: 5n })).toEqual({ kind: 'mismatch', listed: 0n, total: 5n });
  });

  it('rejects negative amounts and a node listed twice (in any case)', () => {
    expect(() => planJobShares({ allowance: -1n, shares: [], totalShares: 0n })).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(() => planJobShares({ allowance: 1n, shares: [{ node: node(1), shares: -1n }], totalShares: -1n })).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(() => planJobShares({ allowance: 1n, shares: [{ node: node(10), shares: 1n }, { node: node(10).toUpperCase().replace('0X', '0x'), shares: 1n }], totalShares: 2n })).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
  });

  it('property: the leaves sum to the allowance exactly (never above) whenever any node has shares, each within one unit of its exact share', () => {
    fc.assert(
      fc.property(allowanceArb, sharesArb, (allowance, shares) => {
        const total = sum(shares);
        const plan = planJobShares({ allowance, shares, totalShares: total });
        if (total === 0n || allowance === 0n) {
          expect(plan.kind).toBe('nothing');
          return;
        }
        if (plan.kind !== 'pay') throw new Error(`expected pay, got ${plan.kind}`);
        expect(plan.total).toBe(allowance);
        expect(plan.leaves.reduce((s, l) => s + l.amount, 0n)).toBe(allowance);
        for (const leaf of plan.leaves) {
          expect(leaf.amount).toBeGreaterThan(0n);
          const exactFloor = (allowance * leaf.shares) / total;
          expect(leaf.amount === exactFloor || leaf.amount === exactFloor + 1n).toBe(true);
        }
        // Every node with shares and a non-zero floor part is paid.
        for (const s of shares) if ((allowance * s.shares) / total > 0n) expect(plan.leaves.some((l) => l.node === s.node)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('property: more shares never earn less (monotone), and the order of nodes does not matter', () => {
    fc.assert(
      fc.property(allowanceArb, sharesArb, (allowance, shares) => {
        const total = sum(shares);
        const plan = planJobShares({ allowance, shares, totalShares: total });
        const reversed = planJobShares({ allowance, shares: [...shares].reverse(), totalShares: total });
        expect(reversed).toEqual(plan);
        if (plan.kind !== 'pay') return;
        const byNode = new Map(plan.leaves.map((l) => [l.node, l]));
        for (const a of shares) {
          for (const b of shares) {
            if (a.shares > b.shares) expect(byNode.get(a.node)?.amount ?? 0n).toBeGreaterThanOrEqual(byNode.get(b.node)?.amount ?? 0n);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
