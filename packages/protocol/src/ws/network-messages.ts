import { z } from 'zod';
import { bytes32Schema, PROTOCOL_VERSION } from '../common';

const v = z.literal(PROTOCOL_VERSION);

/** The largest measurement payload, in bytes (its base64 fits the 1 MiB WebSocket frame limit). */
export const MAX_NET_PROBE_BYTES = 512 * 1024;

const base64 = z
  .string()
  .max(Math.ceil(MAX_NET_PROBE_BYTES / 3) * 4)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64');
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be a lower-case hex SHA-256');
const probeId = z.string().min(1).max(100);

/**
 * The network measurement, over the device's authenticated session. Speeds are measured by
 * the coordinator, never declared:
 * - download: the coordinator sends `net.probe` with random bytes; the device answers
 *   `net.probe.ack` with their SHA-256 (it must have received them all), timed by the coordinator;
 * - upload: the coordinator sends `net.upload` with a fresh nonce and a size; the device
 *   answers `net.data` with that many random bytes and SHA-256(nonce ‖ bytes), timed on
 *   receipt. The nonce stops replaying an old upload; random bytes cannot be compressed.
 */
export const netProbeSchema = z.object({ type: z.literal('net.probe'), v, id: probeId, payload: base64 });
/** See {@link netProbeSchema}. */
export const netUploadSchema = z.object({ type: z.literal('net.upload'), v, id: probeId, nonce: bytes32Schema, bytes: z.number().int().min(1).max(MAX_NET_PROBE_BYTES) });
/** The device's answer to `net.probe`: SHA-256 (hex) of the decoded payload. */
export const netProbeAckSchema = z.strictObject({ type: z.literal('net.probe.ack'), v, id: probeId, sha256: sha256Hex });
/** The device's answer to `net.upload`: `bytes` random bytes (base64) and SHA-256(nonce bytes ‖ payload bytes). */
export const netDataSchema = z.strictObject({ type: z.literal('net.data'), v, id: probeId, payload: base64, sha256: sha256Hex });

/** Client messages of the network measurement. */
export const networkClientMessages = [netProbeAckSchema, netDataSchema] as const;
/** Server messages of the network measurement. */
export const networkServerMessages = [netProbeSchema, netUploadSchema] as const;
