import { SERVICE_ALIVE_EVERY_MS, type ServiceRun } from './service-uptime-store';

/** An interval, ms (or any one unit), `from` < `to`. */
export interface Outage {
  from: number;
  to: number;
}

/**
 * The parts of [fromMs, toMs] that no run covers: the service's outages. A run covers
 * [startedAt, aliveAt + aliveEveryMs] (it was alive at aliveAt and says so again within that,
 * unless it died).
 * @param runs - the runs overlapping the window, any order
 * @param window - the window, ms
 * @param aliveEveryMs - how often a run marks itself alive @default SERVICE_ALIVE_EVERY_MS
 */
export function serviceOutages(runs: readonly ServiceRun[], window: { fromMs: number; toMs: number }, aliveEveryMs = SERVICE_ALIVE_EVERY_MS): Outage[] {
  const covered = runs.map((r) => ({ from: r.startedAt, to: r.aliveAt + aliveEveryMs })).sort((a, b) => a.from - b.from);
  const outages: Outage[] = [];
  let cursor = window.fromMs;
  for (const c of covered) {
    if (cursor >= window.toMs) break;
    if (c.from > cursor) outages.push({ from: cursor, to: Math.min(c.from, window.toMs) });
    cursor = Math.max(cursor, c.to);
  }
  if (cursor < window.toMs) outages.push({ from: cursor, to: window.toMs });
  return outages;
}

/**
 * The end of a window that counts only the time outside `outages`: from `start`, `window` of
 * up time. An outage inside the window moves its end by its length, and one the moved end
 * reaches moves it again.
 * @param start - the window's start (ms, or seconds: one unit throughout)
 * @param window - its length, counted in up time
 * @param outages - outages, any order (overlapping ones are merged)
 */
export function deadlineCountingUptime(start: number, window: number, outages: readonly Outage[]): number {
  let cursor = start;
  let remaining = window;
  for (const o of [...outages].sort((a, b) => a.from - b.from)) {
    if (o.to <= cursor) continue;
    const from = Math.max(o.from, cursor);
    if (from >= cursor + remaining) break;
    remaining -= from - cursor;
    cursor = o.to;
  }
  return cursor + remaining;
}
