/**
 * The median of samples (the mean of the two middle ones for an even count); NaN when empty.
 * @param samples - any numbers
 */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Throughput in MB/s (10^6 bytes per second) of `bytes` moved in `elapsedMs`. The elapsed
 * time includes one round trip, so short transfers understate a link: that errs against the
 * device, never for it. A zero elapsed time counts as one microsecond.
 * @param transfer - bytes moved and the time it took, ms
 */
export function throughputMBps(transfer: { bytes: number; elapsedMs: number }): number {
  return transfer.bytes / 1e6 / (Math.max(transfer.elapsedMs, 0.001) / 1000);
}
