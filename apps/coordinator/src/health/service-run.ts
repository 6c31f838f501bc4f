import { randomUUID } from 'node:crypto';
import { SERVICE_ALIVE_EVERY_MS, type ServiceUptimeStore } from '@tensorgrid/domain';
import type { Clock } from '../clock';
import { periodicTask } from '../periodic-task';

/** Marks missed for longer than this (the database unreachable, the process stalled) end a run: the time after the last mark was an outage. */
const RUN_BREAKS_AFTER_MS = 2 * SERVICE_ALIVE_EVERY_MS;

/** What a service run marks alive with: the store, the clock, and optionally whether the coordinator serves what nodes need now. */
export interface ServiceRunDeps {
  store: ServiceUptimeStore;
  clock: Clock;
  /**
   * Whether this coordinator can serve nodes now (main.ts: its job index has caught up with the
   * chain lately). While it cannot, nothing is marked, and the next mark after begins a new run:
   * the stretch is an outage. Always ready when absent.
   */
  ready?: () => Promise<boolean>;
}

/**
 * This process's runs in the coordinator's up-time record: `mark()` records it alive now, and
 * begins a new run when the last successful mark is more than {@link RUN_BREAKS_AFTER_MS} old
 * (a stretch in which the process lived but could not mark, nor store anything) or when the
 * process was not ready since it (`ready`), so either stretch counts as an outage.
 * @param deps - the store, the clock and the readiness check
 */
export function createServiceRun(deps: ServiceRunDeps): { mark(): Promise<void> } {
  let run = { instance: randomUUID(), startedAt: deps.clock.now() };
  let lastMarked = run.startedAt;
  let wasUnready = false;
  return {
    async mark() {
      if (deps.ready && !(await deps.ready())) {
        wasUnready = true;
        return;
      }
      const at = deps.clock.now();
      if (wasUnready || at - lastMarked > RUN_BREAKS_AFTER_MS) run = { instance: randomUUID(), startedAt: at };
      await deps.store.markAlive({ ...run, at });
      lastMarked = at;
      wasUnready = false;
    },
  };
}

/**
 * Starts this process's run: marked alive once before it serves (so its own up time is never
 * reported as an outage; unless it is not ready yet, when the run begins once it is) and every
 * `SERVICE_ALIVE_EVERY_MS` after.
 * @param deps - the store, the clock, the readiness check and where a failed mark is reported (marks missed for long begin a new run: an outage)
 * @returns stop, which waits for a mark in flight
 */
export async function startServiceRun(deps: ServiceRunDeps & { onError: (err: unknown) => void }): Promise<() => Promise<void>> {
  const { mark } = createServiceRun(deps);
  await mark();
  return periodicTask(mark, deps.onError).start(SERVICE_ALIVE_EVERY_MS);
}
