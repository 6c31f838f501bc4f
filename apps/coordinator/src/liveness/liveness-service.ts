import type { DegradedModeStore, LivenessChange, LivenessHistoryStore, TimeInterval } from '@tensorgrid/domain';
import type { Logger } from 'pino';
import type { Clock } from '../clock';
import type { RegistryService } from '../registry/registry-service';
import { decideDegradedRegions } from './core/decide-degraded-regions';

/** Liveness: the silent-device sweep with degraded-mode detection, and the history readers. */
export interface LivenessService {
  /** Marks devices silent past the grace as down, then updates every region's degraded mode; returns the ids marked down. */
  sweepSilent(graceMs: number): Promise<string[]>;
  /** Opens or closes regions' degraded intervals from the registry's state now; returns the decision. */
  updateDegradedMode(graceMs: number): Promise<{ start: string[]; end: string[] }>;
  /**
   * The region's degraded intervals within the window: downtime inside them is forgiven.
   * This is what the rewards code reads (feed them to `forgiveDowntime`).
   */
  degradedIntervals(region: string, window: { fromMs: number; toMs: number }): Promise<TimeInterval[]>;
  /** The device's liveness changes in the window (preceded by the last one before it). */
  history(deviceId: string, window: { fromMs: number; toMs: number }): Promise<LivenessChange[]>;
  /**
   * The device's changes in the window, and its region's degraded intervals from the first of
   * them (the last change before the window) to the window's end: what `forgiveDowntime` needs,
   * since it forgives a down stretch only inside an interval that began before it went down, and
   * an interval clipped to the window would hide that of one that began earlier.
   */
  historyWithDegraded(deviceId: string, region: string, window: { fromMs: number; toMs: number }): Promise<{ changes: LivenessChange[]; degraded: TimeInterval[] }>;
}

/**
 * Creates the liveness service.
 *
 * A degraded interval starts when the first of the devices that tipped the region went down
 * (and at least one grace period before it is detected), so the downtime of every device that
 * went down with the region is forgiven. Only devices up, or down for at most `downAtOnceMs` (default 10 min),
 * count for a region to enter it: devices switched off hours before are not part of an outage
 * and cannot tip one. A degraded region keeps counting the devices that went down since its
 * interval began (less `downAtOnceMs`), so a long outage stays degraded until they come back,
 * but for at most `maxOutageMs` (48 h, the eligibility limit): devices that never return stop
 * holding their region degraded.
 * @param deps - registry, stores, clock and logger
 * @param options - the down-at-once window, the longest outage counted, and the smallest region that can be degraded (default 10)
 */
export function createLivenessService(
  deps: { registry: RegistryService; history: LivenessHistoryStore; degraded: DegradedModeStore; clock: Clock; log?: Pick<Logger, 'warn' | 'info'> },
  options: { downAtOnceMs?: number; maxOutageMs?: number; minRegionDevices?: number } = {},
): LivenessService {
  const downAtOnceMs = options.downAtOnceMs ?? 10 * 60_000;
  const maxOutageMs = options.maxOutageMs ?? 48 * 3_600_000;
  /** The region's degraded intervals up to now (an open one ends at now + 1). */
  const intervalsOf = (region: string, now: number) => deps.degraded.degradedIntervals(region, { fromMs: 0, toMs: now + 1 });

  /** Each region's counts: devices down at once now, or, for a degraded region, since its interval began. */
  async function regionCounts(now: number, degraded: readonly string[]) {
    const counts = new Map((await deps.degraded.regionLiveness({ recentSince: now - downAtOnceMs })).map((r) => [r.region, r]));
    for (const region of degraded) {
      const open = (await intervalsOf(region, now)).find((i) => i.to === now + 1);
      if (!open) continue;
      const since = Math.max(open.from - downAtOnceMs, now - maxOutageMs);
      const held = (await deps.degraded.regionLiveness({ recentSince: since })).find((r) => r.region === region);
      if (held) counts.set(region, held);
      else counts.delete(region);
    }
    return [...counts.values()];
  }

  async function updateDegradedMode(graceMs: number) {
    const now = deps.clock.now();
    const degraded = await deps.degraded.degradedRegions();
    const regions = await regionCounts(now, degraded);
    const decision = decideDegradedRegions(regions, { degraded, ...(options.minRegionDevices === undefined ? {} : { minDevices: options.minRegionDevices }) });
    // From when the first of the devices that tipped it went down (at least one grace before now), so all of them are
    // forgiven; never before the region's last interval ended (a quick re-entry starts where that one stopped).
    const firstDown = new Map(regions.map((r) => [r.region, r.firstDownAt ?? now]));
    for (const region of decision.start) {
      const lastEnd = Math.max(Number.NEGATIVE_INFINITY, ...(await intervalsOf(region, now)).map((i) => i.to));
      await deps.degraded.startDegraded(region, Math.max(lastEnd, Math.min(now - graceMs, firstDown.get(region) ?? now)));
    }
    for (const region of decision.end) await deps.degraded.endDegraded(region, now);
    if (decision.start.length) deps.log?.warn({ regions: decision.start }, 'regions entered degraded mode: their downtime is not penalised');
    if (decision.end.length) deps.log?.info({ regions: decision.end }, 'regions left degraded mode');
    return decision;
  }

  return {
    async sweepSilent(graceMs) {
      const ids = await deps.registry.sweepSilent(graceMs);
      await updateDegradedMode(graceMs);
      return ids;
    },
    updateDegradedMode,
    degradedIntervals: (region, window) => deps.degraded.degradedIntervals(region, window),
    history: (deviceId, window) => deps.history.changes(deviceId, window),
    async historyWithDegraded(deviceId, region, window) {
      const changes = await deps.history.changes(deviceId, window);
      const degraded = await deps.degraded.degradedIntervals(region, { fromMs: Math.min(changes[0]?.at ?? window.fromMs, window.fromMs), toMs: window.toMs });
      return { changes, degraded };
    },
  };
}
