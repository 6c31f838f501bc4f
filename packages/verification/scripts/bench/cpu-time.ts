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
