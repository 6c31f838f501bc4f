import type { DeviceState } from '@tensorgrid/protocol';
import type { DeviceRecord } from '../registry/device-record';
import type { ConnectivityTier } from './connectivity-tier';
import type { DeviceNetwork } from './device-network-store';

/** Filters of {@link DeviceDirectory.findDevices}; all optional but the page size. */
export interface DeviceDirectoryFilter {
  state?: DeviceState;
  gpuModel?: string;
  /** ISO 3166-1 alpha-2 country. */
  country?: string;
  tier?: ConnectivityTier;
  simulated?: boolean;
  /** Page size, 1..1000. */
  limit: number;
  /** Devices whose id sorts after this one (keyset pagination). */
  after?: string;
}

/** A device with its measured network. */
export interface DeviceListing {
  device: DeviceRecord;
  network: DeviceNetwork;
}

/** Port: the public directory of devices the explorer reads, by id order. */
export interface DeviceDirectory {
  findDevices(filter: DeviceDirectoryFilter): Promise<DeviceListing[]>;
  getListing(id: string): Promise<DeviceListing | undefined>;
}
