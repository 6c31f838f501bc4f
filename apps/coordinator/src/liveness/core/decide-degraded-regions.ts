import { DEGRADED_SHARE, isRegionDegraded, type RegionLiveness } from '@tensorgrid/domain';

/** Regions smaller than this never enter degraded mode. */
export const DEFAULT_MIN_REGION_DEVICES = 10;

/** What to do with each region's degraded mode. */
export interface DegradedModeDecision {
  /** Regions that just crossed the threshold: open an interval. */
  start: string[];
  /** Regions in degraded mode that are no longer above it: close their interval. */
  end: string[];
}

/**
 * Decides which regions enter and leave degraded mode (≥ 55% of their counted devices down
 * at once). A region with fewer than `minDevices` counted devices never enters it: otherwise
 * a lone device (or a handful in a declared country of their own) would never be penalised
 * for its own downtime. A region that no longer has enough counted devices leaves it.
 * @param regions - each region's counts now
 * @param state - regions currently in degraded mode, the threshold share, and the minimum region size
 */
export function decideDegradedRegions(regions: readonly RegionLiveness[], state: { degraded: readonly string[]; share?: number; minDevices?: number }): DegradedModeDecision {
  const share = state.share ?? DEGRADED_SHARE;
  const minDevices = state.minDevices ?? DEFAULT_MIN_REGION_DEVICES;
  const now = new Set(regions.filter((r) => r.devices >= minDevices && isRegionDegraded(r, share)).map((r) => r.region));
  const before = new Set(state.degraded);
  return { start: [...now].filter((r) => !before.has(r)).sort(), end: [...before].filter((r) => !now.has(r)).sort() };
}
