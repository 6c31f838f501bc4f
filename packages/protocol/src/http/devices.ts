import { z } from 'zod';
import { addressSchema, signatureSchema } from '../common';
import { deviceSchema, deviceStateSchema } from '../device';
import { hardwareSchema } from '../hardware';
import { deviceLocationSchema } from '../location';

/** An operator's EIP-712 attestation that the signing worker key is one of its workers. */
export const operatorAttestationSchema = z.strictObject({
  address: addressSchema,
  /** Unix seconds at which the operator signed. */
  issuedAt: z.number().int().min(0),
  signature: signatureSchema,
});
/** An operator's attestation. */
export type OperatorAttestation = z.infer<typeof operatorAttestationSchema>;

/** POST /v1/devices body: a worker registers itself (signed by the worker key). */
export const registerDeviceRequestSchema = z.strictObject({
  hardware: hardwareSchema,
  operator: operatorAttestationSchema.optional(),
  /** Set by the devnet's fleet simulator only. */
  simulated: z.boolean().default(false),
  /** Where the device is, as its operator declares it; kept as it was when absent. */
  location: deviceLocationSchema.optional(),
});
/** POST /v1/devices body. */
export type RegisterDeviceRequest = z.input<typeof registerDeviceRequestSchema>;

/** POST /v1/devices response. */
export const registerDeviceResponseSchema = z.object({
  /** 'created' on first registration, 'refreshed' when the worker was known. */
  outcome: z.enum(['created', 'refreshed']),
  device: deviceSchema,
  /** How often the coordinator expects a heartbeat, in milliseconds. */
  heartbeatIntervalMs: z.number().int().positive(),
});
/** POST /v1/devices response. */
export type RegisterDeviceResponse = z.infer<typeof registerDeviceResponseSchema>;

/** POST /v1/devices/:id/heartbeats body (signed by the device's key). */
export const heartbeatRequestSchema = z.strictObject({
  /** Strictly increasing per device; a lower or equal one is refused. */
  seq: z.number().int().positive(),
  /** Seconds since the agent started. */
  uptimeS: z.number().min(0).optional(),
});
/** Heartbeat body. */
export type HeartbeatRequest = z.infer<typeof heartbeatRequestSchema>;

/** Heartbeat response. */
export const heartbeatResponseSchema = z.object({ device: deviceSchema });
/** Heartbeat response. */
export type HeartbeatResponse = z.infer<typeof heartbeatResponseSchema>;

/** GET /v1/devices query. */
export const listDevicesQuerySchema = z.strictObject({
  state: deviceStateSchema.optional(),
  gpuModel: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  after: addressSchema.optional(),
});
/** GET /v1/devices query. */
export type ListDevicesQuery = z.input<typeof listDevicesQuerySchema>;

/** GET /v1/devices response. */
export const listDevicesResponseSchema = z.object({
  devices: z.array(deviceSchema),
  /** Pass as `after` to get the next page; null on the last page. */
  next: addressSchema.nullable(),
});
/** GET /v1/devices response. */
export type ListDevicesResponse = z.infer<typeof listDevicesResponseSchema>;

/** Path parameters of /v1/devices/:id routes. */
export const deviceIdParamsSchema = z.strictObject({ id: addressSchema });
