import { z } from 'zod';
import { PROTOCOL_VERSION } from '../common';
import { deviceStateSchema } from '../device';

const v = z.literal(PROTOCOL_VERSION);

/**
 * Heartbeats over an authenticated WebSocket session.
 *
 * How a heartbeat is bound to its session, and why there is no per-message MAC:
 * - The session is authenticated once: its `hello` is an EIP-712 signature by the device's
 *   key over method "WS", path, chain id, network id, a timestamp within the tolerance and a
 *   single-use nonce. A hello cannot be replayed (nonce) or relayed to another network.
 * - A heartbeat names no device. The coordinator takes the device from the session that
 *   carried it, and a heartbeat with any extra field (a `deviceId`, a `signer`) is refused as
 *   invalid. So a heartbeat can only ever speak for the key that opened its session: one
 *   copied from device B's session into device A's session is a heartbeat of A, which A could
 *   have sent anyway. A session without a welcome is refused (`UNAUTHENTICATED`).
 * - Replay on the same device is refused by the sequence: `seq` must be strictly above the
 *   last accepted one, checked by a compare-and-set in the store (`STALE_SEQUENCE`), so an
 *   old heartbeat never changes state, whichever session or transport (HTTP, WS) carries it.
 * - Injecting frames into someone else's open session needs control of its byte stream. In
 *   production that stream is TLS (wss), whose record MAC already authenticates every frame
 *   to the peer that completed the handshake. An HMAC under a key agreed in the hello would
 *   repeat that MAC: it adds a key agreement to the hello and a hash to every message, and
 *   protects only plaintext ws, which is for loopback and the devnet. We rely on TLS instead.
 *   Terminate TLS only on a hop you trust as much as the coordinator's own memory.
 */
export const heartbeatMessageSchema = z.strictObject({
  type: z.literal('heartbeat'),
  v,
  /** Strictly increasing per device, shared with HTTP heartbeats. */
  seq: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  /** Seconds since the agent started. */
  uptimeS: z.number().min(0).optional(),
});
/** A `heartbeat` client message. */
export type HeartbeatMessage = z.infer<typeof heartbeatMessageSchema>;

/** `heartbeat.ack`: the heartbeat `seq` is committed to the store (sent only after the commit). */
export const heartbeatAckSchema = z.object({ type: z.literal('heartbeat.ack'), v, seq: z.number().int(), state: deviceStateSchema });

/**
 * `heartbeat.refused`: heartbeat `seq` was not recorded and changed nothing; `code` is an
 * error code (STALE_SEQUENCE with `lastSeq`, DEVICE_BLOCKED, DEVICE_NOT_FOUND, or the
 * retryable UNAVAILABLE when the store failed or is overloaded: send it again, or over HTTP).
 */
export const heartbeatRefusedSchema = z.object({
  type: z.literal('heartbeat.refused'),
  v,
  seq: z.number().int(),
  code: z.string(),
  message: z.string(),
  lastSeq: z.number().int().optional(),
});
