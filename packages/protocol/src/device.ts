import { z } from 'zod';
import { addressSchema, isoTimeSchema } from './common';
import { publicHardwareSchema } from './hardware';

/**
 * Lifecycle of a device in the registry:
 * - `pending`: registered, not yet confirmed live (and, later, not yet past its challenges);
 * - `available`: live and can be hired;
 * - `busy`: live and hired;
 * - `down`: missed heartbeats past the grace period;
 * - `blocked`: removed by the network (fraud, foreign workloads); only an admin lifts it.
 */
export const DEVICE_STATES = ['pending', 'available', 'busy', 'down', 'blocked'] as const;
/** A device's state. */
export type DeviceState = (typeof DEVICE_STATES)[number];
/** Schema of a device state. */
export const deviceStateSchema = z.enum(DEVICE_STATES);

/** A device as the API returns it. */
export const deviceSchema = z.object({
  id: addressSchema,
  operator: addressSchema.nullable(),
  state: deviceStateSchema,
  gpuModel: z.string().nullable(),
  /** Without GPU UUIDs and bus ids: the registry's routes are public. */
  hardware: publicHardwareSchema,
  simulated: z.boolean(),
  registeredAt: isoTimeSchema,
  stateChangedAt: isoTimeSchema,
  lastHeartbeatAt: isoTimeSchema.nullable(),
  heartbeatSeq: z.number().int().min(0),
});
/** A device as the API returns it. */
export type Device = z.infer<typeof deviceSchema>;
