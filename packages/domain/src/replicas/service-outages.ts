import { SERVICE_ALIVE_EVERY_MS, type ServiceRun, type ServiceUptimeStore } from './service-uptime-store';

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
 * The service's outages from `fromMs` until `toMs`, read from its runs: the window starts no
 * earlier than the first run recorded (the time before the record existed was no outage), and
 * reads the runs alive shortly before it, which cover its start until their next mark was due.
 * @param store - the runs
 * @param window - from when (any time), until when (now)
 * @returns the window as counted and its outages
 */
export async function outagesSince(store: Pick<ServiceUptimeStore, 'runs' | 'firstStartedAt'>, window: { fromMs: number; toMs: number }): Promise<{ fromMs: number; outages: Outage[] }> {
  const { toMs } = window;
  const fromMs = Math.min(Math.max(window.fromMs, (await store.firstStartedAt()) ?? toMs), toMs);
  const runs = await store.runs({ fromMs: fromMs - SERVICE_ALIVE_EVERY_MS, toMs });
  return { fromMs, outages: serviceOutages(runs, { fromMs, toMs }) };
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
