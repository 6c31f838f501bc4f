/** A pass that runs on demand and on a timer, never twice at once. */
export interface PeriodicTask<T> {
  /** Runs one pass; calls during a pass share the pass in flight. */
  tick(): Promise<T>;
  /** Runs a pass every `intervalMs` until the returned stop is awaited (it waits for a pass in flight). */
  start(intervalMs: number): () => Promise<void>;
}

/**
 * Wraps a background pass (reward blocks, the staking registrar, the job index): one pass at
 * a time, timer unref'd so it never keeps the process alive, failures reported and retried
 * on the next interval.
 * @param pass - one pass
 * @param onError - told of a failed timed pass (a `tick()` caller gets the rejection itself)
 */
export function periodicTask<T>(pass: () => Promise<T>, onError: (err: unknown) => void): PeriodicTask<T> {
  let running: Promise<T> | undefined;
  const tick = () => (running ??= pass().finally(() => (running = undefined)));
  return {
    tick,
    start(intervalMs) {
      const timer = setInterval(() => void tick().catch(onError), intervalMs);
      timer.unref();
      return async () => {
        clearInterval(timer);
        await running?.catch(() => undefined);
      };
    },
  };
}
