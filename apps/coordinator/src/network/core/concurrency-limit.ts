/**
 * Runs at most `limit` tasks at once; the rest wait in arrival order. A task's failure is
 * its caller's: the slot is freed either way.
 * @param limit - tasks in flight at most (≥ 1)
 */
export function concurrencyLimit(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}
