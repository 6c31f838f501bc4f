import { randomUUID } from 'node:crypto';
import { SERVICE_ALIVE_EVERY_MS, type ServiceUptimeStore } from '@tensorgrid/domain';
import type { Clock } from '../clock';
import { periodicTask } from '../periodic-task';

/**
 * This process's run in the coordinator's up-time record: marked alive once before it serves
 * (so its own up time is never reported as an outage) and every `SERVICE_ALIVE_EVERY_MS` after.
 * @param deps - the store, the clock and where a failed mark is reported (a missed mark only looks like a short outage, which lengthens deadlines)
 * @returns stop, which waits for a mark in flight
 */
export async function startServiceRun(deps: { store: ServiceUptimeStore; clock: Clock; onError: (err: unknown) => void }): Promise<() => Promise<void>> {
  const run = { instance: randomUUID(), startedAt: deps.clock.now() };
  const mark = () => deps.store.markAlive({ ...run, at: deps.clock.now() });
  await mark();
  return periodicTask(mark, deps.onError).start(SERVICE_ALIVE_EVERY_MS);
}
