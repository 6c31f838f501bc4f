import type { RewardBlockStore, TickLock } from '@tensorgrid/domain';
import type { Logger } from 'pino';
import { exclusivePass } from '../exclusive-pass';
import { periodicTask, type PeriodicTask } from '../periodic-task';
import type { BlockBuilder, BuildBlockOutcome } from './block-builder';

/** Options of the reward scheduler. */
export interface RewardSchedulerOptions {
  /** On a first run, how many closed blocks back to start from. @default 24 */
  backfillBlocks?: number;
  /** Most blocks built per tick, so a long outage catches up over several ticks. @default 24 */
  maxBlocksPerTick?: number;
}

/** The tick lock the reward scheduler's passes run under: one replica builds blocks at a time. */
export const REWARD_BLOCK_TICK_LOCK = 'rewards.block-tick';

/** The reward scheduler: each tick builds every settled block not stored yet and posts any pending root. */
export type RewardScheduler = PeriodicTask<BuildBlockOutcome[]>;

/**
 * Creates the scheduler that drives the block builder. Time comes from the builder's clock, so
 * tests drive it tick by tick.
 * With a tick lock, each pass runs under {@link REWARD_BLOCK_TICK_LOCK}: of several replicas on
 * one database, one builds at a time and the others skip the tick (returning no outcomes).
 * @param deps - builder, store, log, and the tick lock (absent: every tick runs)
 * @param options - backfill and per-tick limits
 */
export function createRewardScheduler(
  deps: { builder: BlockBuilder; store: RewardBlockStore; log?: Pick<Logger, 'error' | 'debug'>; lock?: TickLock },
  options: RewardSchedulerOptions = {},
): RewardScheduler {
  const backfill = options.backfillBlocks ?? 24;
  const maxPerTick = options.maxBlocksPerTick ?? 24;

  async function pass(): Promise<BuildBlockOutcome[]> {
    const outcomes: BuildBlockOutcome[] = [];
    for (const pending of await deps.store.listUnposted(100)) outcomes.push(await deps.builder.buildBlock(pending.block));
    const last = await deps.builder.lastSettledBlock();
    if (last < 0) return outcomes;
    const latest = await deps.store.latestBlock();
    const first = latest === undefined ? Math.max(0, last - backfill + 1) : latest + 1;
    for (let block = first; block <= last && block < first + maxPerTick; block++) outcomes.push(await deps.builder.buildBlock(block));
    return outcomes;
  }

  const guarded = exclusivePass(pass, { lock: deps.lock, name: REWARD_BLOCK_TICK_LOCK, skipped: () => [], log: deps.log });
  return periodicTask(guarded, (err) => deps.log?.error({ err }, 'reward block tick failed'));
}
