import type { TimeInterval } from './time-intervals';

/** How many devices a region has that count for degraded mode, and how many of them are down. */
export interface RegionLiveness {
  region: string;
  devices: number;
  down: number;
  /** When the earliest of the counted down devices went down (Unix ms); absent when none is down. */
  firstDownAt?: number;
}

/**
 * Port: regions' degraded intervals (≥ 55% of a region's devices down at once), kept
 * durably. Downtime inside them is forgiven: rewards and scores read them through
 * {@link DegradedModeStore.degradedIntervals}.
 */
export interface DegradedModeStore {
  /**
   * Per region (the declared country, `ZZ` when undeclared): devices that count (available or
   * busy ones, plus those down since `recentSince`; pending and blocked ones never count),
   * how many of them are down, and when the first of those went down. Devices that have been
   * gone for long do not count, so a region of abandoned devices is not degraded forever.
   */
  regionLiveness(query: { recentSince: number }): Promise<RegionLiveness[]>;
  /** Opens a degraded interval for the region at `at`; a no-op while one is open. */
  startDegraded(region: string, at: number): Promise<void>;
  /** Closes the region's open degraded interval at `at`; a no-op when none is open. */
  endDegraded(region: string, at: number): Promise<void>;
  /** Regions with an open degraded interval, sorted. */
  degradedRegions(): Promise<string[]>;
  /** The region's degraded intervals that overlap [fromMs, toMs), clipped to it; an open one ends at toMs. */
  degradedIntervals(region: string, window: { fromMs: number; toMs: number }): Promise<TimeInterval[]>;
}
