import type { DeviceState } from '@tensorgrid/protocol';
import type { DeviceRecord, DeviceRegistration } from './device-record';

/** Result of {@link DeviceStore.registerDevice}. */
export type RegisterDeviceResult =
  | { kind: 'created'; device: DeviceRecord }
  /** The id was known: hardware, operator and flags were refreshed; state and heartbeat kept. */
  | { kind: 'refreshed'; device: DeviceRecord }
  /** The id is known with another operator: nothing was written. */
  | { kind: 'operator-conflict'; operator: string };

/** Result of {@link DeviceStore.recordHeartbeat}. */
export type RecordHeartbeatResult =
  | { kind: 'recorded'; device: DeviceRecord }
  | { kind: 'stale-sequence'; lastSeq: number }
  /** The device's state is no longer `expectedState` (e.g. it was blocked meanwhile): decide again. */
  | { kind: 'state-changed'; current: DeviceState }
  | { kind: 'not-found' };

/** One heartbeat of a batch given to {@link DeviceStore.recordHeartbeats}. */
export interface HeartbeatWrite {
  id: string;
  seq: number;
  at: number;
  /** The state the caller's rules decided on; the write happens only if the device is still in it. */
  expectedState: DeviceState;
  state: DeviceState;
}

/** Per-heartbeat result of {@link DeviceStore.recordHeartbeats}: slim, no device record. */
export type RecordHeartbeatsItemResult =
  | { kind: 'recorded'; seq: number; state: DeviceState; stateChanged: boolean }
  | { kind: 'stale-sequence'; lastSeq: number }
  | { kind: 'state-changed'; current: DeviceState }
  | { kind: 'not-found' };

/** Filter of {@link DeviceStore.listDevices}. */
export interface ListDevicesQuery {
  state?: DeviceState;
  gpuModel?: string;
  /** Page size, 1..1000. */
  limit: number;
  /** Return devices whose id sorts after this one (keyset pagination). */
  after?: string;
}

/**
 * The device registry's storage port. Every method is atomic: a failure leaves nothing
 * half-written. Implemented in packages/db for SQLite and PostgreSQL.
 */
export interface DeviceStore {
  /**
   * Creates the device, or refreshes a known one (its state and heartbeat history stay), in
   * one atomic step that also refuses a change of operator.
   */
  registerDevice(registration: DeviceRegistration, now: number): Promise<RegisterDeviceResult>;
  getDevice(id: string): Promise<DeviceRecord | undefined>;
  /** Devices ordered by id. */
  listDevices(query: ListDevicesQuery): Promise<DeviceRecord[]>;
  /**
   * Accepts a heartbeat only if `seq` is above the last accepted one and the device is still
   * in `expectedState` (the state the caller's rules decided on), and moves it to `state` in
   * the same write: a compare-and-set, so a concurrent change (a block) is never overwritten.
   */
  recordHeartbeat(input: { id: string; seq: number; at: number; expectedState: DeviceState; state: DeviceState }): Promise<RecordHeartbeatResult>;
  /**
   * Group commit of heartbeats: every item is the compare-and-set of {@link recordHeartbeat},
   * all in one transaction (all committed, or none and the call rejects). Items apply in
   * order, so two heartbeats of one device in a batch behave as if sent one after the other.
   * Returns one result per item, in input order.
   */
  recordHeartbeats(batch: readonly HeartbeatWrite[]): Promise<RecordHeartbeatsItemResult[]>;
  /** Marks every pending/available/busy device whose last heartbeat is older than `cutoff` as down; returns their ids. */
  markSilentDevicesDown(cutoff: number, now: number): Promise<string[]>;
  /** Sets a device's state unconditionally (operator or admin action); returns the updated record. */
  setDeviceState(id: string, state: DeviceState, now: number): Promise<DeviceRecord | undefined>;
}
