import { median, type DeviceNetworkStore } from '@tensorgrid/domain';
import type { Logger } from 'pino';

/** Keeps each device's recent ping round trips and stores the latest and their median. */
export interface LatencyTracker {
  /** Records one round trip of the device's session (ms). */
  record(deviceId: string, rttMs: number): void;
  /** The median of the device's recent round trips, or undefined when none was seen. */
  medianMs(deviceId: string): number | undefined;
  /** Waits for writes in flight. */
  flush(): Promise<void>;
}

/**
 * Creates the latency tracker. Writes go to the store at most once per `minWriteIntervalMs`
 * per device, so a session spamming pongs cannot flood the database.
 * @param deps - the network store, the clock and where failures are logged
 * @param options - samples kept per device, and the write throttle
 */
export function createLatencyTracker(
  deps: { network: DeviceNetworkStore; now: () => number; log?: Pick<Logger, 'error'> },
  options: { samples?: number; minWriteIntervalMs?: number } = {},
): LatencyTracker {
  const keep = options.samples ?? 9;
  const minWriteIntervalMs = options.minWriteIntervalMs ?? 1000;
  const recent = new Map<string, number[]>();
  const lastWrite = new Map<string, number>();
  let writes: Promise<void> = Promise.resolve();
  return {
    record(deviceId, rttMs) {
      if (!Number.isFinite(rttMs) || rttMs < 0) return;
      const samples = [...(recent.get(deviceId) ?? []), rttMs].slice(-keep);
      recent.set(deviceId, samples);
      const now = deps.now();
      if (now - (lastWrite.get(deviceId) ?? -Infinity) < minWriteIntervalMs) return;
      lastWrite.set(deviceId, now);
      const latency = { latestMs: round3(rttMs), medianMs: round3(median(samples)), measuredAt: now };
      writes = writes.then(() => deps.network.saveLatency(deviceId, latency)).catch((err: unknown) => deps.log?.error({ err }, 'latency write failed'));
    },
    medianMs(deviceId) {
      const samples = recent.get(deviceId);
      return samples?.length ? median(samples) : undefined;
    },
    flush: () => writes,
  };
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
