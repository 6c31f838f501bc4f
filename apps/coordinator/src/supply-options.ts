import type { ClusterPlannerOptions } from './clusters/cluster-planner';
import type { NetworkProbeOptions } from './network/network-probe-feature';

/** Options of liveness, degraded mode and network measurement; every field has a default. */
export interface SupplyOptions {
  /**
   * Devices that went down within this long before a sweep count as down at once for degraded
   * mode (a degraded region keeps counting those that went down since its interval began, less
   * this); devices down for longer were down before, not with the region. @default 10 min
   */
  downAtOnceMs: number;
  /** Regions with fewer counted devices never enter degraded mode. @default 10 */
  minRegionDevices: number;
  /** The network measurement, or false to measure nothing. */
  networkProbe: NetworkProbeOptions | false;
}

const MiB = 1024 * 1024;

/**
 * Transfer sizes at scale 1. A direction starts with 4 MiB and grows while a transfer lasts
 * under the window (200 ms, or 4 round trips), up to 512 MiB: tier 1 (1600 MB/s) reaches its
 * window at about 460 MiB. Budget, per device and measurement, 768 MiB each way: a slow link
 * costs 4 MiB each way, a tier-4 link (100 MB/s) about 32 MiB, a tier-1 link 530–680 MiB
 * (more with a long round trip). At the default hourly interval the coordinator's measurement
 * traffic is the sum of that over its devices per hour, and `maxConcurrent` (4) bounds how
 * many links it drives at once: its own link must carry 4 × the fastest device's speed for
 * the top tier to be measured, not the coordinator's link.
 */
const SIZES = { chunkBytes: 512 * 1024, startBytes: 4 * MiB, maxBytes: 512 * MiB, budgetBytes: 768 * MiB };
/**
 * The supply options for a network scale: the transfer sizes, the budget and every tier
 * threshold are multiplied by `scale` (tests on loopback use a small one), and the schedule is as given.
 * @param overrides - scale, and any option to override
 */
export function supplyOptions(overrides: { networkScale?: number; probeIntervalMs?: number; probeFirstDelayMs?: number } & Partial<SupplyOptions> = {}): SupplyOptions {
  const scale = overrides.networkScale ?? 1;
  return {
    downAtOnceMs: overrides.downAtOnceMs ?? 10 * 60_000,
    minRegionDevices: overrides.minRegionDevices ?? 10,
    networkProbe:
      overrides.networkProbe ?? {
        chunkBytes: Math.max(1, Math.round(SIZES.chunkBytes * scale)),
        startBytes: Math.max(1, Math.round(SIZES.startBytes * scale)),
        maxBytes: Math.max(1, Math.round(SIZES.maxBytes * scale)),
        budgetBytes: Math.max(1, Math.round(SIZES.budgetBytes * scale)),
        tierScale: scale,
        firstDelayMs: overrides.probeFirstDelayMs ?? 5_000,
        // A new device is measured within a few minutes; a reconnecting crowd spreads over them.
        firstJitterMs: overrides.probeFirstDelayMs === undefined ? 120_000 : 0,
        intervalMs: overrides.probeIntervalMs ?? 3_600_000,
        timeoutMs: 30_000,
      },
  };
}

/**
 * The cluster probe's sizes and bounds: 10 round trips and 8 MiB per pair at scale 1 (one
 * round trip is then a small part of the transfer on a Gbit/s link), 8 probers at once,
 * one cluster probe at a time, pairs reused for 10 minutes.
 * @param overrides - a scale for the bulk size (tests and the devnet: small), and any option
 */
export function clusterProbeOptions(overrides: { scale?: number } & Partial<ClusterPlannerOptions> = {}): ClusterPlannerOptions {
  const scale = overrides.scale ?? 1;
  return {
    probe: overrides.probe ?? { pings: 10, bytes: Math.max(1024, Math.round(8 * 2 ** 20 * scale)), perPeerTimeoutMs: 30_000, timeoutMs: 300_000, maxConcurrentProbers: 8 },
    maxConcurrentProbes: overrides.maxConcurrentProbes ?? 1,
    linkTtlMs: overrides.linkTtlMs ?? 600_000,
    planTimeLimitMs: overrides.planTimeLimitMs ?? 30_000,
  };
}
