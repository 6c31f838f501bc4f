/** CPU milliseconds (user + system, `process.cpuUsage`) of one call: holds with the second core busy. */
export function cpuMs(fn: () => void): number {
  const start = process.cpuUsage();
  fn();
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
}

/** The least CPU milliseconds over `reps` calls (the one least disturbed by GC and JIT). */
export function leastCpuMs(fn: () => void, reps = 5): number {
  return Math.min(...Array.from({ length: reps }, () => cpuMs(fn)));
}

/** CPU milliseconds of `reps` calls: the mean, the least and the most. */
export interface CpuRuns {
  mean: number;
  min: number;
  max: number;
}

/**
 * The mean CPU milliseconds over `reps` calls, with the spread. A 100-ms check pays a whole
 * garbage collection or none (on this VM every other verification ran about 25 ms over the
 * one before, with a mark-compact in it), where a 3-second training run pays its share; the
 * mean over several calls charges the short check its share too.
 * @param fn - the work
 * @param reps - how many calls (default 10)
 */
export function meanCpuMs(fn: () => void, reps = 10): CpuRuns {
  return cpuRuns(Array.from({ length: reps }, () => cpuMs(fn)));
}

/**
 * Mean, least and most of CPU timings.
 * @param runs - milliseconds, at least one
 */
export function cpuRuns(runs: readonly number[]): CpuRuns {
  return { mean: runs.reduce((a, b) => a + b, 0) / runs.length, min: Math.min(...runs), max: Math.max(...runs) };
}
