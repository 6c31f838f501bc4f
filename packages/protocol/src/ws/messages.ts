import { z } from 'zod';
import { addressSchema, bytes32Schema, PROTOCOL_VERSION, signatureSchema } from '../common';
import { deviceSchema } from '../device';
import { challengeClientMessages, challengeServerMessages } from './challenge-messages';
import { clusterProbeClientMessages, clusterProbeServerMessages } from './cluster-probe-messages';
import { foreignWorkloadReportSchema } from './foreign-workload-messages';
import { networkClientMessages, networkServerMessages } from './network-messages';
import { heartbeatAckSchema, heartbeatMessageSchema, heartbeatRefusedSchema } from './heartbeat-messages';

const v = z.literal(PROTOCOL_VERSION);

/**
 * Client → coordinator messages on /v1/ws, a union tagged by `type`.
 * - `hello`: opens an authenticated session; signed like an HTTP request with method "WS"
 *   and path "/v1/ws" over an empty body. Sessions without hello may only subscribe.
 * - `pong`: answers the coordinator's `ping`.
 * - `subscribe`: receive `device.updated` events.
 * - `challenge.ready`, `challenge.answer`: a device's side of a hardware challenge (see `challenge-messages.ts`).
 * - `net.probe.ack`: the device's answer to a download measurement (see `network-messages.ts`);
 *   the upload measurement's bytes are binary frames (see `net-frame.ts`), the only binary
 *   messages on /v1/ws.
 * - `workload.report`: GPU processes the agent did not start (see `foreign-workload-messages.ts`).
 * - `heartbeat`: the session's device is alive (see `heartbeat-messages.ts` for its binding).
 * - `cluster.listening`, `cluster.failed`, `cluster.probed`, `cluster.closed`: a device's side of a cluster probe (see `cluster-probe-messages.ts`).
 */
export const clientMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('hello'), v, signer: addressSchema, timestamp: z.number().int(), nonce: bytes32Schema, signature: signatureSchema }),
  z.strictObject({ type: z.literal('pong'), v, id: z.string().max(100) }),
  z.strictObject({ type: z.literal('subscribe'), v, topic: z.literal('devices') }),
  ...challengeClientMessages,
  ...networkClientMessages,
  ...clusterProbeClientMessages,
  foreignWorkloadReportSchema,
  heartbeatMessageSchema,
]);
/** A client → coordinator WS message. */
export type ClientMessage = z.infer<typeof clientMessageSchema>;

/**
 * Coordinator → client messages on /v1/ws.
 * - `welcome`: the hello was accepted; the session now speaks for `deviceId`.
 * - `ping`: liveness probe; answer with `pong` carrying the same id, or be disconnected.
 * - `subscribed`: the subscription is active; events after it are delivered.
 * - `device.updated`: a device's record changed (for subscribers).
 * - `error`: a message was refused; the socket stays open unless the error is fatal.
 * - `challenge.issued`, `challenge.query`, `challenge.result`: the coordinator's side of a hardware challenge.
 * - `net.probe`, `net.upload`: network measurement requests (see `network-messages.ts`); a
 *   `net.probe` is followed by binary frames (see `net-frame.ts`).
 * - `heartbeat.ack` / `heartbeat.refused`: the outcome of one `heartbeat`.
 * - `cluster.listen`, `cluster.probe`, `cluster.close`: the coordinator's side of a cluster probe.
 */
export const serverMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('welcome'), v, deviceId: addressSchema }),
  z.object({ type: z.literal('ping'), v, id: z.string() }),
  z.object({ type: z.literal('subscribed'), v, topic: z.literal('devices') }),
  z.object({ type: z.literal('device.updated'), v, device: deviceSchema }),
  z.object({ type: z.literal('error'), v, code: z.string(), message: z.string() }),
  ...challengeServerMessages,
  ...networkServerMessages,
  ...clusterProbeServerMessages,
  heartbeatAckSchema,
  heartbeatRefusedSchema,
]);
/** A coordinator → client WS message. */
export type ServerMessage = z.infer<typeof serverMessageSchema>;
