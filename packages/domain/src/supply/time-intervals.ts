import type { LivenessChange } from './uptime';

/** A half-open time interval [from, to), in ms. */
export interface TimeInterval {
  from: number;
  to: number;
}

/**
 * Sorts and merges overlapping or touching intervals; empty ones are dropped.
 * @param intervals - any intervals
 */
export function mergeIntervals(intervals: readonly TimeInterval[]): TimeInterval[] {
  const sorted = intervals.filter((i) => i.to > i.from).sort((a, b) => a.from - b.from);
  const merged: TimeInterval[] = [];
  for (const i of sorted) {
    const last = merged.at(-1);
    if (last && i.from <= last.to) last.to = Math.max(last.to, i.to);
    else merged.push({ ...i });
  }
  return merged;
}

/**
 * Milliseconds of `window` covered by the intervals (overlaps counted once).
 * @param intervals - e.g. a region's degraded intervals
 * @param window - the interval to measure
 */
export function overlapMillis(intervals: readonly TimeInterval[], window: TimeInterval): number {
  return mergeIntervals(intervals).reduce((sum, i) => sum + Math.max(0, Math.min(i.to, window.to) - Math.max(i.from, window.from)), 0);
}

/**
 * The liveness history with downtime inside `forgiven` intervals turned into uptime: the
 * device is counted up wherever it was up, or down since a moment inside the interval that
 * covers it (it went down with the region). A device already down when the interval began
 * stays down: a region's outage does not pay devices that were switched off before it. Feed
 * the result to `timeScore`, `downtimePerDay` or `upMillis` so that time the network itself was
 * degraded (≥ 55% of a region down at once) never counts against a device.
 * @param changes - the device's changes, ascending
 * @param forgiven - intervals whose downtime is forgiven (e.g. degraded intervals)
 */
export function forgiveDowntime(changes: readonly LivenessChange[], forgiven: readonly TimeInterval[]): LivenessChange[] {
  const intervals = mergeIntervals(forgiven);
  if (intervals.length === 0) return [...changes];
  const points = [...new Set([...changes.map((c) => c.at), ...intervals.flatMap((i) => [i.from, i.to])])].sort((a, b) => a - b);
  const result: LivenessChange[] = [];
  let c = 0;
  let actual = false;
  // When the current down stretch began (-∞ before the history: nothing is known of it). A
  // history that opens with a down change (the last one before a window) went down then.
  let downSince = Number.NEGATIVE_INFINITY;
  for (const at of points) {
    while (c < changes.length && changes[c]!.at <= at) {
      const change = changes[c++]!;
      if (!change.up && (actual || c === 1)) downSince = change.at;
      actual = change.up;
    }
    const up = actual || intervals.some((i) => i.from <= at && at < i.to && downSince >= i.from);
    if (result.length === 0 ? up || changes.some((x) => x.at <= at) : result.at(-1)!.up !== up) result.push({ at, up });
  }
  return result;
}
