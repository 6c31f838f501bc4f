import type { Clock } from '../clock';
import { CAUGHT_UP_EVERY_MS } from './job-indexer';

/**
 * How old the job index's last catch-up may be while it keeps up: a replica at the head records
 * one every {@link CAUGHT_UP_EVERY_MS}, at the end of a tick, so twice that plus three ticks.
 * @param indexIntervalMs - the indexer's tick interval
 */
export const jobIndexLagsAfterMs = (indexIntervalMs: number): number => 2 * CAUGHT_UP_EVERY_MS + 3 * indexIntervalMs;

/**
 * Whether the job index has caught up with the chain lately (its last catch-up, shared by the
 * replicas, is at most {@link jobIndexLagsAfterMs} old). A coordinator whose index lags serves
 * nodes an old chain: a node sees no new dispute and cannot open the disputed step through it, so
 * main.ts counts the lag as an outage of the coordinator (`ServiceRunDeps.ready`), which a
 * tolerant dispute's opening window does not count. Replicas compare their own clocks with the
 * record's, which assumes they agree within seconds (each checks its clock against the database's).
 * @param deps - the index's last catch-up (`JobIndexStore.caughtUpAt`) and the clock it is recorded by
 * @param options - the indexer's tick interval
 */
export function jobIndexCaughtUpLately(
  deps: { caughtUpAt: () => Promise<number | undefined>; clock: Clock },
  options: { indexIntervalMs: number },
): () => Promise<boolean> {
  const lagsAfterMs = jobIndexLagsAfterMs(options.indexIntervalMs);
  return async () => {
    const at = await deps.caughtUpAt();
    return at !== undefined && deps.clock.now() - at <= lagsAfterMs;
  };
}
