import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitBlockRewards, type Nominee } from './split-block-rewards';

const nomineeArb = fc.record({
  deviceId: fc.integer({ min: 0, max: 1_000_000 }).map((n) => `0x${n.toString(16).padStart(6, "0")}`),
  pool: fc.constantFrom('gpu' as const, 'cpu' as const),
  weight: fc.bigInt({ min: 0n, max: 10n ** 12n }),
});
const nomineesArb = fc.uniqueArray(nomineeArb, { selector: (n) => n.deviceId, maxLength: 40 });
const amountArb = fc.bigInt({ min: 0n, max: 10n ** 27n });

const paid = (s: ReturnType<typeof splitBlockRewards>) => [...s.gpu.leaves, ...s.cpu.leaves].reduce((sum, l) => sum + l.amount, 0n);

describe('splitBlockRewards', () => {
  it('splits 95/5 like the contract and pays in proportion to weight', () => {
    const s = splitBlockRewards(1_000n, [
      { deviceId: 'a', pool: 'gpu', weight: 3n },
      { deviceId: 'b', pool: 'gpu', weight: 1n },
      { deviceId: 'c', pool: 'cpu', weight: 7n },
    ]);
    expect(s.gpu.allowance).toBe(950n);
    expect(s.cpu.allowance).toBe(50n);
    expect(s.gpu.leaves.map((l) => [l.deviceId, l.amount])).toEqual([['a', 713n], ['b', 237n]]);
    expect(s.cpu.leaves).toEqual([{ deviceId: 'c', pool: 'cpu', weight: 7n, amount: 50n }]);
  });

  it('leaves an empty pool unallocated (never minted)', () => {
    const s = splitBlockRewards(1_000n, [{ deviceId: 'a', pool: 'gpu', weight: 1n }, { deviceId: 'z', pool: 'cpu', weight: 0n }]);
    expect(s.cpu).toEqual({ allowance: 50n, leaves: [], unallocated: 50n });
    expect(s.gpu.unallocated).toBe(0n);
  });

  it('gives the remainder to the largest fractional parts, ties by device id, and drops zero leaves', () => {
    const s = splitBlockRewards(40n, [
      { deviceId: 'c', pool: 'gpu', weight: 1n },
      { deviceId: 'b', pool: 'gpu', weight: 1n },
      { deviceId: 'a', pool: 'gpu', weight: 1n },
      { deviceId: 'd', pool: 'gpu', weight: 100n },
    ]);
    // GPU pool 38: d 36 (rest 92/103), a b c 0 (rest 38/103 each); 2 wei left → d, then the tie goes to 'a'.
    expect(s.gpu.leaves.map((l) => [l.deviceId, l.amount])).toEqual([['a', 1n], ['d', 37n]]);
    // A pool of 1 wei among three equal weights pays only the first id.
    expect(splitBlockRewards(2n, [{ deviceId: 'c', pool: 'gpu', weight: 1n }, { deviceId: 'a', pool: 'gpu', weight: 1n }]).gpu.leaves).toEqual([{ deviceId: 'a', pool: 'gpu', weight: 1n, amount: 1n }]);
  });

  it('refuses repeated devices and negative inputs', () => {
    expect(() => splitBlockRewards(1n, [{ deviceId: 'a', pool: 'gpu', weight: 1n }, { deviceId: 'a', pool: 'cpu', weight: 1n }])).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(() => splitBlockRewards(-1n, [])).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(() => splitBlockRewards(1n, [{ deviceId: 'a', pool: 'gpu', weight: -1n }])).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });

  it('conserves: every pool with weight pays exactly its allowance, an empty one exactly nothing', () => {
    fc.assert(
      fc.property(amountArb, nomineesArb, (amount, nominees) => {
        const s = splitBlockRewards(amount, nominees);
        expect(s.gpu.allowance + s.cpu.allowance).toBe(amount);
        for (const pool of [s.gpu, s.cpu]) {
          const sum = pool.leaves.reduce((acc, l) => acc + l.amount, 0n);
          expect(sum + pool.unallocated).toBe(pool.allowance);
          expect(pool.leaves.every((l) => l.amount > 0n)).toBe(true);
        }
        expect(paid(s) + s.gpu.unallocated + s.cpu.unallocated).toBe(amount);
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic and independent of the nominees order; no one is off its exact share by 1 wei or more', () => {
    fc.assert(
      fc.property(amountArb, nomineesArb, fc.nat(), (amount, nominees, seed) => {
        const shuffled = [...nominees].sort((a, b) => ((Number.parseInt(a.deviceId.slice(2), 16) * 31 + seed) % 7) - ((Number.parseInt(b.deviceId.slice(2), 16) * 31 + seed) % 7));
        const a = splitBlockRewards(amount, nominees);
        expect(splitBlockRewards(amount, shuffled)).toEqual(a);
        for (const pool of [a.gpu, a.cpu]) {
          const members: Nominee[] = nominees.filter((n) => n.pool === pool.leaves[0]?.pool && n.weight > 0n);
          const total = members.reduce((s, n) => s + n.weight, 0n);
          for (const leaf of pool.leaves) {
            const exactFloor = (pool.allowance * leaf.weight) / total;
            expect(leaf.amount - exactFloor >= 0n && leaf.amount - exactFloor <= 1n).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
