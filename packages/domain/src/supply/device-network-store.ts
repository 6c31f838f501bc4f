import type { ConnectivityTier } from './connectivity-tier';

/** A device's network as the coordinator measured it (never as declared). */
export interface DeviceNetwork {
  /** Download and upload throughput, MB/s, and the tier they reach; null until measured. */
  throughput: { downMBps: number; upMBps: number; tier: ConnectivityTier; measuredAt: number } | null;
  /** Ping round trip to the coordinator: the latest and the median of recent ones, ms; null until measured. */
  latency: { latestMs: number; medianMs: number; measuredAt: number } | null;
}

/** Port: the latest network measurements of each device. */
export interface DeviceNetworkStore {
  saveThroughput(deviceId: string, throughput: NonNullable<DeviceNetwork['throughput']>): Promise<void>;
  saveLatency(deviceId: string, latency: NonNullable<DeviceNetwork['latency']>): Promise<void>;
  /** Both measurements (null parts when not measured yet). */
  getNetwork(deviceId: string): Promise<DeviceNetwork>;
}
