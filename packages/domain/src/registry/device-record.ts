import type { DeviceLocation, DeviceState, Hardware } from '@tensorgrid/protocol';

/** A device as the registry stores it. Times are milliseconds since the Unix epoch. */
export interface DeviceRecord {
  /** The worker's address, lower-case: the device id. */
  id: string;
  /** The operator ("master") address that attested this worker, lower-case, or null. */
  operator: string | null;
  state: DeviceState;
  /** The one GPU model this worker serves, or null for a CPU worker. */
  gpuModel: string | null;
  hardware: Hardware;
  /** True for agents started by the devnet's fleet simulator. */
  simulated: boolean;
  registeredAt: number;
  stateChangedAt: number;
  lastHeartbeatAt: number | null;
  /** The highest heartbeat sequence number accepted so far (0 before the first). */
  heartbeatSeq: number;
  /** Where the operator declares the device is, or null when undeclared. */
  location: DeviceLocation | null;
}

/** What a registration writes. */
export interface DeviceRegistration {
  id: string;
  /**
   * The operator that attested this registration, or null when none did (a known device
   * then keeps its operator). A device's operator, once set, never changes.
   */
  operator: string | null;
  gpuModel: string | null;
  hardware: Hardware;
  simulated: boolean;
  /** The declared location; when absent a known device keeps its location. */
  location?: DeviceLocation;
}
