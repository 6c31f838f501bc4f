/** An hourly reward block lasts one hour. */
export const REWARD_BLOCK_MS = 3_600_000;

/**
 * The UTC hour that contains a time: `floor(ms / 3,600,000)` hours since the Unix epoch.
 * @param ms - milliseconds since the Unix epoch
 */
export function hourIndex(ms: number): number {
  return Math.floor(ms / REWARD_BLOCK_MS);
}

/**
 * The reward block that contains a time, counted as the Rewards contract counts it: whole
 * hours since its genesis (midnight UTC of the deployment day), so block n is the UTC hour
 * `hourIndex(genesis) + n`. Negative before genesis.
 * @param ms - milliseconds since the Unix epoch
 * @param genesisMs - the Rewards contract's genesis, ms (a whole UTC hour)
 */
export function rewardBlockAt(ms: number, genesisMs: number): number {
  return hourIndex(ms) - hourIndex(genesisMs);
}

/**
 * The interval a reward block covers: [fromMs, toMs), one UTC hour.
 * @param block - the block number (from genesis)
 * @param genesisMs - the Rewards contract's genesis, ms
 */
export function rewardBlockWindow(block: number, genesisMs: number): { fromMs: number; toMs: number } {
  const fromMs = (hourIndex(genesisMs) + block) * REWARD_BLOCK_MS;
  return { fromMs, toMs: fromMs + REWARD_BLOCK_MS };
}

/**
 * The newest block that has ended at `nowMs` (the one before the current block), or -1 when none has.
 * @param nowMs - now, ms
 * @param genesisMs - the Rewards contract's genesis, ms
 */
export function lastClosedBlock(nowMs: number, genesisMs: number): number {
  return Math.max(-1, rewardBlockAt(nowMs, genesisMs) - 1);
}
