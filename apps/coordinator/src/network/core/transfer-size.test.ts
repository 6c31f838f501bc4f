import { describe, expect, it } from 'vitest';
import { nextTransferBytes, type TransferSizing } from './transfer-size';

const MiB = 1024 * 1024;
const sizing: TransferSizing = { chunkBytes: MiB / 2, startBytes: 4 * MiB, maxBytes: 512 * MiB, minWindowMs: 200 };

/** The sizes a direction goes through when every transfer runs at `MBps`, plus a fixed `rttMs` (known to the sizing or not). */
function sizesAt(MBps: number, link: { rttMs?: number; budget?: number; knownRttMs?: number } = {}): number[] {
  const { rttMs = 0, budget = 2048 * MiB, knownRttMs } = link;
  const sizes: number[] = [];
  let budgetLeft = budget;
  let last;
  const rtt = knownRttMs === undefined ? {} : { rttMs: knownRttMs };
  for (let bytes = nextTransferBytes(sizing, { budgetLeft, ...rtt }); bytes !== undefined; bytes = nextTransferBytes(sizing, { last, budgetLeft, ...rtt })) {
    sizes.push(bytes / MiB);
    budgetLeft -= bytes;
    last = { bytes, elapsedMs: rttMs + (bytes / (MBps * 1e6)) * 1000 };
  }
  return sizes;
}

describe('nextTransferBytes', () => {
  it('starts with the first size, in whole chunks', () => {
    expect(nextTransferBytes(sizing, { budgetLeft: Infinity })).toBe(4 * MiB);
    expect(nextTransferBytes({ ...sizing, startBytes: MiB + 1 }, { budgetLeft: Infinity })).toBe(1.5 * MiB);
  });

  it('stops at once on a slow link: the first transfer already fills the window', () => {
    expect(sizesAt(10)).toEqual([4]);
  });

  it('grows a fast link’s transfers until one lasts the window', () => {
    // 100 MB/s: 4 MiB takes 42 ms; the next is sized to last 1.5 windows (~300 ms).
    expect(sizesAt(100)).toEqual([4, 29]);
    // 1600 MB/s (tier 1): 4 MiB takes 2.6 ms; growth is capped at 16× per step, then the window is reached.
    expect(sizesAt(1600)).toEqual([4, 64, 458]);
  });

  it('stops at the largest size even when it was still too short', () => {
    expect(sizesAt(100_000)).toEqual([4, 64, 512]);
  });

  it('grows at least twofold, so a transfer just short of the window does not creep', () => {
    // 4 MiB in 190 ms: 1.5 windows would be 6.6 MiB; twice is 8.
    expect(nextTransferBytes(sizing, { last: { bytes: 4 * MiB, elapsedMs: 190 }, budgetLeft: Infinity })).toBe(8 * MiB);
  });

  it('stops when the next transfer would exceed the budget, and the last one stands', () => {
    expect(sizesAt(1600, { budget: 100 * MiB })).toEqual([4, 64]);
    expect(sizesAt(1600, { budget: 3 * MiB })).toEqual([]);
  });

  it('lengthens the window to four round trips of the device when they are known', () => {
    // Unknown, a 250 ms round trip ends the growth at once (the speed errs far too low)…
    expect(sizesAt(1600, { rttMs: 250 })).toEqual([4]);
    // …known (from pings), transfers grow until the round trip is at most a quarter of the time, or the cap.
    expect(sizesAt(1600, { rttMs: 250, knownRttMs: 250 })).toEqual([4, 24, 135.5, 512]);
    // A short round trip leaves the minimum window in charge.
    expect(sizesAt(100, { rttMs: 1, knownRttMs: 1 })).toEqual([4, 28]);
  });
});
