import type { DeviceRecord, DeviceStore, ListDevicesQuery } from '@tensorgrid/domain';
import { BaseError, type HeartbeatRequest, type SigningDomain, type registerDeviceRequestSchema } from '@tensorgrid/protocol';
import type { z } from 'zod';
import { verifyOperatorAttestation } from '../auth/verify-operator-attestation';
import type { Clock } from '../clock';
import { decideHardware, decideHeartbeat } from './core/device-rules';
import type { DeviceEvents } from './device-events';

/** The device registry: registration, heartbeats, listing and the silent-device sweep. */
export interface RegistryService {
  register(signer: string, body: z.output<typeof registerDeviceRequestSchema>): Promise<{ outcome: 'created' | 'refreshed'; device: DeviceRecord }>;
  heartbeat(signer: string, id: string, body: HeartbeatRequest): Promise<DeviceRecord>;
  get(id: string): Promise<DeviceRecord>;
  list(query: ListDevicesQuery): Promise<DeviceRecord[]>;
  /** Blocks a device (fraud, foreign workloads); its liveness history records it down. */
  block(id: string): Promise<DeviceRecord>;
  /** Marks devices silent for longer than the grace period as down; returns their ids. */
  sweepSilent(graceMs: number): Promise<string[]>;
}

/**
 * Creates the registry service.
 * @param deps - the device store, the clock, the signing domain and tolerance (for operator attestations) and the event bus
 */
export function createRegistryService(deps: { devices: DeviceStore; clock: Clock; domain: SigningDomain; toleranceS: number; events: DeviceEvents }): RegistryService {
  const { devices, clock, events } = deps;

  async function get(id: string): Promise<DeviceRecord> {
    const device = await devices.getDevice(id.toLowerCase());
    if (!device) throw new BaseError('DEVICE_NOT_FOUND', `No device ${id}`, { data: { id }, details: 'List devices with `tgrid devices list`.' });
    return device;
  }

  return {
    get,
    list: (query) => devices.listDevices({ ...query, ...(query.after === undefined ? {} : { after: query.after.toLowerCase() }) }),

    async register(signer, body) {
      const hardware = decideHardware(body.hardware);
      if (hardware.kind === 'refused') throw hardware.error;
      const operator = body.operator
        ? await verifyOperatorAttestation(body.operator, { worker: signer, domain: deps.domain, nowMs: clock.now(), toleranceS: deps.toleranceS })
        : null;
      const result = await devices.registerDevice({ id: signer, operator, gpuModel: hardware.gpuModel, hardware: body.hardware, simulated: body.simulated, ...(body.location ? { location: body.location } : {}) }, clock.now());
      if (result.kind === 'operator-conflict') {
        throw new BaseError('FORBIDDEN', `Device ${signer} already belongs to operator ${result.operator}`, { details: 'A worker key serves one operator; use a new worker key for another operator.' });
      }
      events.publish(result.device);
      return { outcome: result.kind, device: result.device };
    },

    async heartbeat(signer, id, body) {
      const deviceId = id.toLowerCase();
      if (signer !== deviceId) {
        throw new BaseError('FORBIDDEN', `Heartbeats of device ${id} must be signed by its own key, not ${signer}`, { data: { id, signer } });
      }
      // Decide on the state read, then write only if it is still that state; a concurrent
      // change (a block, a sweep) makes us decide again on the new state.
      for (let attempt = 0; attempt < 3; attempt++) {
        const device = await get(deviceId);
        const decision = decideHeartbeat(device.state, deviceId);
        if (decision.kind === 'refused') throw decision.error;
        const result = await devices.recordHeartbeat({ id: deviceId, seq: body.seq, at: clock.now(), expectedState: device.state, state: decision.state });
        switch (result.kind) {
          case 'recorded':
            if (result.device.state !== device.state) events.publish(result.device);
            return result.device;
          case 'stale-sequence':
            throw new BaseError('STALE_SEQUENCE', `Heartbeat seq ${body.seq} is not above the last accepted ${result.lastSeq}`, { data: { seq: body.seq, lastSeq: result.lastSeq } });
          case 'not-found':
            throw new BaseError('DEVICE_NOT_FOUND', `No device ${id}`, { data: { id } });
          case 'state-changed':
            continue;
        }
      }
      throw new BaseError('UNAVAILABLE', `Device ${id} is changing state too fast to record this heartbeat`, { details: 'Send the next heartbeat.' });
    },

    async block(id) {
      const device = await devices.setDeviceState(id.toLowerCase(), 'blocked', clock.now());
      if (!device) throw new BaseError('DEVICE_NOT_FOUND', `No device ${id}`, { data: { id } });
      events.publish(device);
      return device;
    },

    async sweepSilent(graceMs) {
      const now = clock.now();
      const ids = await devices.markSilentDevicesDown(now - graceMs, now);
      for (const id of ids) {
        const device = await devices.getDevice(id);
        if (device) events.publish(device);
      }
      return ids;
    },
  };
}
