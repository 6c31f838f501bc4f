import { describe, expect, it } from 'vitest';
import { hourIndex, lastClosedBlock, rewardBlockAt, rewardBlockWindow } from './reward-block';

const H = 3_600_000;
const GENESIS = Date.UTC(2026, 0, 5);

describe('reward blocks', () => {
  it('numbers UTC hours from genesis, as the Rewards contract does', () => {
    expect(hourIndex(0)).toBe(0);
    expect(hourIndex(H - 1)).toBe(0);
    expect(rewardBlockAt(GENESIS, GENESIS)).toBe(0);
    expect(rewardBlockAt(GENESIS + 3 * H + 59 * 60_000, GENESIS)).toBe(3);
    expect(rewardBlockAt(GENESIS - 1, GENESIS)).toBe(-1);
  });

  it('gives each block its hour and the last closed block', () => {
    expect(rewardBlockWindow(2, GENESIS)).toEqual({ fromMs: GENESIS + 2 * H, toMs: GENESIS + 3 * H });
    expect(lastClosedBlock(GENESIS + 30 * 60_000, GENESIS)).toBe(-1);
    expect(lastClosedBlock(GENESIS + H, GENESIS)).toBe(0);
    expect(lastClosedBlock(GENESIS + 5 * H + 1, GENESIS)).toBe(4);
  });
});
