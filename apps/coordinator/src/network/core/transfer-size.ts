/** How one direction of a measurement sizes its transfers. */
export interface TransferSizing {
  /** Bytes per binary frame. */
  chunkBytes: number;
  /** The first transfer (rounded up to whole chunks). */
  startBytes: number;
  /** The largest transfer (rounded down to whole chunks, at least one). */
  maxBytes: number;
  /** A transfer shorter than this is too short to time well: a bigger one follows. */
  minWindowMs: number;
  /** The window is at least this many of the device's round trips, so one round trip is a small part of it. @default 4 */
  rttsPerWindow?: number;
  /** A transfer at most this many times the previous one (the first ones are timed roughly). @default 16 */
  maxGrowth?: number;
}

/** One finished transfer of a direction. */
export interface TimedTransfer {
  bytes: number;
  elapsedMs: number;
}

/**
 * The size of the next transfer of one direction, or undefined when the last one stands as
 * the measurement. A transfer that lasted the window stands: its time is mostly bytes, not
 * the round trip and the ramp-up of the connection, both of which the time includes (so
 * speeds err low, never high). The window is `minWindowMs`, or `rttsPerWindow` of the
 * device's round trips (from its pings) when that is longer: the round trip only sizes
 * transfers, it is never subtracted from a time, so a device that delays its pongs only
 * earns bigger transfers. A shorter transfer is followed by one sized, at its speed, to last
 * 1.5 windows (at least twice, at most `maxGrowth` times as big), up to `maxBytes`; the
 * direction stops short of that when the next transfer would not fit `budgetLeft`, and the
 * last transfer stands.
 * @param sizing - chunk, first and largest sizes, the window
 * @param history - the direction's transfers so far, the bytes it may still move, and the device's round trip (ms) when known
 */
export function nextTransferBytes(sizing: TransferSizing, history: { last?: TimedTransfer; budgetLeft: number; rttMs?: number }): number | undefined {
  const chunk = sizing.chunkBytes;
  const cap = Math.max(chunk, Math.floor(sizing.maxBytes / chunk) * chunk);
  const wholeChunks = (bytes: number) => Math.min(cap, Math.max(chunk, Math.ceil(bytes / chunk) * chunk));
  const { last, budgetLeft } = history;
  let next: number;
  if (!last) next = wholeChunks(sizing.startBytes);
  else {
    const windowMs = Math.max(sizing.minWindowMs, (sizing.rttsPerWindow ?? 4) * (history.rttMs ?? 0));
    if (last.elapsedMs >= windowMs || last.bytes >= cap) return undefined;
    const toFillWindow = (last.bytes * 1.5 * windowMs) / Math.max(last.elapsedMs, 0.001);
    next = wholeChunks(Math.min(Math.max(toFillWindow, 2 * last.bytes), (sizing.maxGrowth ?? 16) * last.bytes));
  }
  return next <= budgetLeft ? next : undefined;
}
