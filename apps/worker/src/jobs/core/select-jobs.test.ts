import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { selectJobs, type JobCandidate, type NodeCapacity } from './select-jobs';

const GRID = 10n ** 18n;
const NOW = 1_000_000;
/** A candidate posted with its spec's gas unless `over` says otherwise. */
const job = (id: number, over: Partial<JobCandidate> = {}): JobCandidate => {
  const terms = { jobId: BigInt(id), fee: 10n * GRID, gas: 10n * GRID, deadline: NOW + 3_600, flops: 1e9, timeLimitSeconds: 600, memoryBytes: 1 << 20, verification: 'exact' as const, ...over };
  return { specGas: terms.gas, ...terms };
};
const capacity = (over: Partial<NodeCapacity> = {}): NodeCapacity => ({ workers: 4, running: 0, flopsPerSecond: 1e9, freeMemoryBytes: 1 << 30, ...over });
const ids = (jobs: readonly JobCandidate[]) => jobs.map((j) => Number(j.jobId));

describe('selectJobs', () => {
  it('orders by the configured priority, ties by job id', () => {
    const jobs = [job(1, { fee: 20n * GRID, gas: 40n * GRID, deadline: NOW + 900 }), job(2, { fee: 30n * GRID, gas: 10n * GRID, deadline: NOW + 7_200 }), job(3, { fee: 50n * GRID, gas: 100n * GRID, deadline: NOW + 600 }), job(4, { fee: 3n * GRID, gas: GRID, deadline: NOW + 7_200 })];
    const pick = (priority: 'fee-per-gas' | 'deadline' | 'fee') => ids(selectJobs(jobs, { capacity: capacity(), priority, nowSeconds: NOW }).picked);
    expect(pick('fee-per-gas')).toEqual([2, 4, 1, 3]); // 3, 3, 0.5, 0.5
    expect(pick('deadline')).toEqual([3, 1, 2, 4]);
    expect(pick('fee')).toEqual([3, 2, 1, 4]);
  });

  it('never takes a job posted with other gas than its spec costs (verifiers reject it, at the node\'s cost)', () => {
    const r = selectJobs([job(1, { gas: 10n * GRID, specGas: GRID }), job(2, { gas: GRID / 2n, specGas: GRID }), job(3)], { capacity: capacity(), priority: 'fee-per-gas', nowSeconds: NOW });
    expect(ids(r.picked)).toEqual([3]);
    expect(r.skipped).toEqual([{ jobId: 2n, reason: 'gas-mismatch' }, { jobId: 1n, reason: 'gas-mismatch' }]);
  });

  it('never takes more jobs than free workers, and says why it left the rest', () => {
    const r = selectJobs([job(1), job(2), job(3)], { capacity: capacity({ workers: 3, running: 1 }), priority: 'fee', nowSeconds: NOW });
    expect(ids(r.picked)).toEqual([1, 2]);
    expect(r.skipped).toEqual([{ jobId: 3n, reason: 'no-free-worker' }]);
    expect(selectJobs([job(1)], { capacity: capacity({ workers: 1, running: 2 }), priority: 'fee', nowSeconds: NOW }).picked).toEqual([]);
  });

  it('only jobs it can finish within the time limit and the deadline at its speed, with the margin', () => {
    const r = selectJobs(
      [job(1, { flops: 400e9 }), job(2, { flops: 301e9 }), job(3, { flops: 100e9, deadline: NOW + 150 }), job(4, { flops: 100e9, deadline: NOW + 250 })],
      { capacity: capacity(), priority: 'fee', nowSeconds: NOW },
    );
    // 1e9 FLOP/s × margin 2: job 1 needs 800 s > 600, job 2 602 s > 600, job 3 200 s after a 150 s deadline.
    expect(r.skipped).toEqual([{ jobId: 1n, reason: 'over-time-limit' }, { jobId: 2n, reason: 'over-time-limit' }, { jobId: 3n, reason: 'misses-deadline' }]);
    expect(ids(r.picked)).toEqual([4]);
    expect(selectJobs([job(1)], { capacity: capacity({ flopsPerSecond: 0 }), priority: 'fee', nowSeconds: NOW }).skipped[0]?.reason).toBe('over-time-limit');
  });

  it('a node on a non-canonical kernel takes only tolerant jobs; a canonical node takes both', () => {
    const jobs = [job(1), job(2, { verification: 'tolerant' }), job(3, { fee: 90n * GRID }), job(4, { verification: 'tolerant', fee: 5n * GRID })];
    const lanes = selectJobs(jobs, { capacity: capacity(), priority: 'fee', nowSeconds: NOW, kernel: 'lanes4' });
    expect(ids(lanes.picked)).toEqual([2, 4]);
    expect(lanes.skipped).toEqual([{ jobId: 3n, reason: 'needs-exact-kernel' }, { jobId: 1n, reason: 'needs-exact-kernel' }]);
    // A skipped exact job uses no worker: the tolerant ones still get them.
    expect(ids(selectJobs(jobs, { capacity: capacity({ workers: 1 }), priority: 'fee', nowSeconds: NOW, kernel: 'lanes4' }).picked)).toEqual([2]);
    expect(ids(selectJobs(jobs, { capacity: capacity(), priority: 'fee', nowSeconds: NOW }).picked)).toEqual([3, 1, 2, 4]);
    expect(ids(selectJobs(jobs, { capacity: capacity(), priority: 'fee', nowSeconds: NOW, kernel: 'canonical' }).picked)).toEqual([3, 1, 2, 4]);
  });

  it('jobs must fit together in the free memory', () => {
    const r = selectJobs([job(1, { memoryBytes: 600 }), job(2, { memoryBytes: 500 }), job(3, { memoryBytes: 400 })], { capacity: capacity({ freeMemoryBytes: 1_000 }), priority: 'fee', nowSeconds: NOW });
    expect(ids(r.picked)).toEqual([1, 3]);
    expect(r.skipped).toEqual([{ jobId: 2n, reason: 'over-memory' }]);
  });

  it('property: picks fit the workers and the memory, and every job is either picked or skipped once', () => {
    const arbJob = fc.record({ id: fc.nat(1_000), fee: fc.bigInt({ min: 1n, max: 10n ** 21n }), gas: fc.bigInt({ min: 1n, max: 10n ** 21n }), dl: fc.nat(10_000), flops: fc.nat(1e12), mem: fc.nat(1 << 20) });
    fc.assert(
      fc.property(fc.uniqueArray(arbJob, { selector: (j) => j.id, maxLength: 30 }), fc.record({ workers: fc.nat(8), running: fc.nat(8), freeMemoryBytes: fc.nat(1 << 22) }), (raw, { workers, running, freeMemoryBytes }) => {
        const jobs = raw.map((j) => job(j.id, { fee: j.fee, gas: j.gas, deadline: NOW + j.dl, flops: j.flops, memoryBytes: j.mem }));
        const r = selectJobs(jobs, { capacity: capacity({ workers, running, freeMemoryBytes }), priority: 'fee-per-gas', nowSeconds: NOW });
        expect(r.picked.length).toBeLessThanOrEqual(Math.max(0, workers - running));
        expect(r.picked.reduce((s, j) => s + j.memoryBytes, 0)).toBeLessThanOrEqual(freeMemoryBytes);
        expect([...ids(r.picked), ...r.skipped.map((s) => Number(s.jobId))].sort((a, b) => a - b)).toEqual(ids(jobs).sort((a, b) => a - b));
        for (let i = 1; i < r.picked.length; i++) {
          const [a, b] = [r.picked[i - 1]!, r.picked[i]!];
          expect(a.fee * b.gas >= b.fee * a.gas).toBe(true);
        }
      }),
    );
  });
});
