import { describe, expect, it } from 'vitest';
import { decodeJobCursor, encodeJobCursor } from './job-list-cursor';
import { feePerGas } from './job-index-store';

describe('job list cursor', () => {
  it.each([
    ['fee-per-gas', { key: 2.5e-7, jobId: 12n }],
    ['fee-per-gas', { key: 3, jobId: 1n }],
    ['deadline', { key: 1_900_000_000, jobId: 7n }],
    ['newest', { key: 2n ** 70n, jobId: 2n ** 70n }],
  ] as const)('round-trips a %s position', (sort, position) => {
    expect(decodeJobCursor(encodeJobCursor(position), sort)).toEqual(position);
  });

  it.each([
    ['0.5~3', 'deadline'],
    ['x~3', 'fee-per-gas'],
    ['-1~3', 'fee-per-gas'],
    ['5~0', 'newest'],
    ['5', 'newest'],
  ] as const)('refuses %s for %s with VALIDATION_FAILED', (cursor, sort) => {
    expect(() => decodeJobCursor(cursor, sort)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});

describe('feePerGas', () => {
  it('divides exactly enough to order, even for amounts beyond 2^64', () => {
    expect(feePerGas({ fee: 90n * 10n ** 18n, gas: 30n * 10n ** 18n })).toBe(3);
    expect(feePerGas({ fee: 2n ** 200n, gas: 2n ** 199n })).toBe(2);
    expect(feePerGas({ fee: 1n, gas: 3n })).toBeCloseTo(1 / 3, 15);
    expect(feePerGas({ fee: 5n, gas: 0n })).toBe(0);
  });
});
