/**
 * @module @tensorgrid/domain
 * Pure rules of the network (no I/O) and the ports that stores implement.
 */
export type { DeviceRecord, DeviceRegistration } from './registry/device-record';
export type { DeviceStore, RegisterDeviceResult, RecordHeartbeatResult, ListDevicesQuery } from './registry/device-store';
export type { NonceStore } from './registry/nonce-store';
