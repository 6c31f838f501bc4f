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

/** CPU milliseconds of `reps` calls: the median, the least and the most. */
export interface CpuRuns {
  median: number;
  min: number;
  max: number;
}

/**
 * The median CPU milliseconds over `reps` calls (odd), with the spread: one 100-ms run's CPU
 * varies by about ±10 % on this VM (GC, a neighbour's cache), so a short check is timed
 * several times and reported at its median, neither its best nor its worst.
 * @param fn - the work
 * @param reps - how many calls (default 5)
 */
export function medianCpuMs(fn: () => void, reps = 5): CpuRuns {
  const runs = Array.from({ length: reps }, () => cpuMs(fn)).sort((a, b) => a - b);
  return { median: runs[Math.floor(reps / 2)]!, min: runs[0]!, max: runs[reps - 1]! };
}
