import type { JobIndexStore, JobShareDayStore, TickLock } from '@tensorgrid/domain';
import type { Logger } from 'pino';
import { exclusivePass } from '../exclusive-pass';
import { periodicTask, type PeriodicTask } from '../periodic-task';
import type { JobShareBuilder, SettleDayOutcome } from './job-share-builder';

/** Options of the job-share scheduler. */
export interface JobShareSchedulerOptions {
  /** Most unsettled days tried per tick. @default 30 */
  maxDaysPerTick?: number;
}

/** One day's result in a tick: what settling did, or why it failed (retried next tick). */
export type JobShareTickItem = SettleDayOutcome | { kind: 'failed'; day: number; code: string; message: string };

/** The tick lock the job-share scheduler's passes run under: one replica settles days at a time. */
export const JOB_SHARE_TICK_LOCK = 'rewards.job-share-tick';

/** The job-share scheduler: each tick posts any pending root and settles every settleable day not stored yet. */
export type JobShareScheduler = PeriodicTask<JobShareTickItem[]>;

/**
 * Creates the scheduler that drives the job-share builder. The candidate days are the verdict
 * days the job index knows that are not stored yet, oldest first; a day that must wait (open,
 * in its challenge windows, a dispute pending) or fails does not hold back the others, and is
 * tried again on the next tick. With a tick lock, each pass runs under {@link JOB_SHARE_TICK_LOCK}:
 * of several replicas on one database, one settles at a time and the others skip the tick.
 * @param deps - builder, store, job index, log, and the tick lock (absent: every tick runs)
 * @param options - per-tick limit
 */
export function createJobShareScheduler(
  deps: { builder: JobShareBuilder; store: JobShareDayStore; index: Pick<JobIndexStore, 'verdictDays'>; log?: Pick<Logger, 'error' | 'warn' | 'debug'>; lock?: TickLock },
  options: JobShareSchedulerOptions = {},
): JobShareScheduler {
  const maxPerTick = options.maxDaysPerTick ?? 30;

  async function settle(day: number): Promise<JobShareTickItem> {
    try {
      return await deps.builder.settleDay(day);
    } catch (err) {
      deps.log?.warn({ err, day }, 'job-share day failed; retrying next tick');
      const e = err as { code?: unknown; message?: unknown };
      return { kind: 'failed', day, code: typeof e.code === 'string' ? e.code : 'INTERNAL', message: String(e.message ?? err) };
    }
  }

  async function pass(): Promise<JobShareTickItem[]> {
    const items: JobShareTickItem[] = [];
    for (const pending of await deps.store.listUnposted(100)) items.push(await settle(pending.day));
    const days = await deps.index.verdictDays();
    const stored = new Set(await deps.store.storedDays(days));
    for (const day of days.filter((d) => !stored.has(d)).slice(0, maxPerTick)) items.push(await settle(day));
    return items;
  }

  const guarded = exclusivePass(pass, { lock: deps.lock, name: JOB_SHARE_TICK_LOCK, skipped: () => [], log: deps.log });
  return periodicTask(guarded, (err) => deps.log?.error({ err }, 'job-share tick failed'));
}
