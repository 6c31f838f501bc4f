import { randomUUID } from 'node:crypto';
import { SERVICE_ALIVE_EVERY_MS, type ServiceUptimeStore } from '@tensorgrid/domain';
import type { Clock } from '../clock';
import { periodicTask } from '../periodic-task';

/** Marks missed for longer than this (the database unreachable, the process stalled) end a run: the time after the last mark was an outage. */
const RUN_BREAKS_AFTER_MS = 2 * SERVICE_ALIVE_EVERY_MS;

/**
 * This process's runs in the coordinator's up-time record: `mark()` records it alive now, and
 * begins a new run when the last successful mark is more than {@link RUN_BREAKS_AFTER_MS} old,
 * so a stretch in which the process lived but could not mark (nor store anything) counts as
 * an outage too.
 * @param deps - the store and the clock
 */
export function createServiceRun(deps: { store: ServiceUptimeStore; clock: Clock }): { mark(): Promise<void> } {
  let run = { instance: randomUUID(), startedAt: deps.clock.now() };
  let lastMarked = run.startedAt;
  return {
    async mark() {
      const at = deps.clock.now();
      if (at - lastMarked > RUN_BREAKS_AFTER_MS) run = { instance: randomUUID(), startedAt: at };
      await deps.store.markAlive({ ...run, at });
      lastMarked = at;
    },
  };
}

/**
 * Starts this process's run: marked alive once before it serves (so its own up time is never
 * reported as an outage) and every `SERVICE_ALIVE_EVERY_MS` after.
 * @param deps - the store, the clock and where a failed mark is reported (marks missed for long begin a new run: an outage)
 * @returns stop, which waits for a mark in flight
 */
export async function startServiceRun(deps: { store: ServiceUptimeStore; clock: Clock; onError: (err: unknown) => void }): Promise<() => Promise<void>> {
  const { mark } = createServiceRun(deps);
  await mark();
  return periodicTask(mark, deps.onError).start(SERVICE_ALIVE_EVERY_MS);
}
