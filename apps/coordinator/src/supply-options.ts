import type { ClusterPlannerOptions } from './clusters/cluster-planner';
import type { NetworkProbeOptions } from './network/network-probe-feature';

/** Options of liveness, degraded mode and network measurement; every field has a default. */
export interface SupplyOptions {
  /** Devices down longer than this no longer count for degraded mode. @default 48 h */
  recentDownMs: number;
  /** Regions with fewer counted devices never enter degraded mode. @default 10 */
  minRegionDevices: number;
  /** The network measurement, or false to measure nothing. */
  networkProbe: NetworkProbeOptions | false;
}

/** Payload per message at scale 1: 512 KiB. */
const PROBE_BYTES = 512 * 1024;

/**
 * The supply options for a network scale: the probe payload and every tier threshold are
 * multiplied by `scale` (tests on loopback use a small one), and the schedule is as given.
 * @param overrides - scale, and any option to override
 */
export function supplyOptions(overrides: { networkScale?: number; probeIntervalMs?: number; probeFirstDelayMs?: number } & Partial<SupplyOptions> = {}): SupplyOptions {
  const scale = overrides.networkScale ?? 1;
  return {
    recentDownMs: overrides.recentDownMs ?? 48 * 3_600_000,
    minRegionDevices: overrides.minRegionDevices ?? 10,
    networkProbe:
      overrides.networkProbe ?? {
        bytes: Math.max(1, Math.min(PROBE_BYTES, Math.round(PROBE_BYTES * scale))),
        // 16 × 512 KiB = 8 MiB per direction at scale 1, so that one round trip is a small part of the time.
        chunks: 16,
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
