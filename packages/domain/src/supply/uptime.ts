/** A change of a device's liveness at a time (ms): it went up, or it went down. */
export interface LivenessChange {
  at: number;
  up: boolean;
}

const DAY_MS = 86_400_000;

/**
 * Milliseconds a device was up within [from, to), from its liveness changes (sorted by time;
 * the device is taken as down before its first change).
 * @param changes - the device's liveness changes, ascending
 * @param window - the interval to measure, ms
 */
export function upMillis(changes: readonly LivenessChange[], window: { from: number; to: number }): number {
  let total = 0;
  let up = false;
  let since = window.from;
  for (const change of changes) {
    if (change.at >= window.to) break;
    const at = Math.max(change.at, window.from);
    if (up) total += at - since;
    up = change.up;
    since = at;
  }
  if (up) total += window.to - since;
  return total;
}

/** Uptime fractions over the time score's windows. */
export interface TimeScore {
  last24h: number;
  last7d: number;
  last30d: number;
}

/**
 * The time score: uptime over the last 24 h, 7 d and 30 d (each 0..1), counting only the
 * time since the device registered.
 * @param changes - liveness changes, ascending
 * @param at - now and the registration time, ms
 */
export function timeScore(changes: readonly LivenessChange[], at: { now: number; registeredAt: number }): TimeScore {
  const fraction = (days: number) => {
    const from = Math.max(at.now - days * DAY_MS, at.registeredAt);
    return at.now > from ? upMillis(changes, { from, to: at.now }) / (at.now - from) : 0;
  };
  return { last24h: fraction(1), last7d: fraction(7), last30d: fraction(30) };
}

/**
 * Downtime per UTC day (ms), for the days that overlap [from, to).
 * @param changes - liveness changes, ascending
 * @param window - the interval, ms
 * @returns one entry per UTC day: the day's start (ms) and the milliseconds down in the window
 */
export function downtimePerDay(changes: readonly LivenessChange[], window: { from: number; to: number }): { day: number; downMs: number }[] {
  const days: { day: number; downMs: number }[] = [];
  for (let day = Math.floor(window.from / DAY_MS) * DAY_MS; day < window.to; day += DAY_MS) {
    const from = Math.max(day, window.from);
    const to = Math.min(day + DAY_MS, window.to);
    days.push({ day, downMs: to - from - upMillis(changes, { from, to }) });
  }
  return days;
}

/** The share of a region's devices that must look down at once to put it in degraded mode. */
export const DEGRADED_SHARE = 0.55;

/**
 * Whether a region is degraded: when 55% or more of its devices look down at once, the
 * likelier cause is the network or the coordinator, not the devices, so nobody is penalised
 * or loses rewards for that time.
 * @param region - how many devices the region has and how many look down
 * @param share - the threshold @default 0.55
 */
export function isRegionDegraded(region: { devices: number; down: number }, share = DEGRADED_SHARE): boolean {
  return region.devices > 0 && region.down / region.devices >= share;
}
