import { z } from 'zod';
import { addressSchema, PROTOCOL_VERSION } from '../common';

const v = z.literal(PROTOCOL_VERSION);

/** The largest bulk transfer one prober sends one peer, bytes. */
export const MAX_CLUSTER_PROBE_BYTES = 64 * 1024 * 1024;
/** The most peers one cluster probe introduces to a device (a cluster has at most 64 devices). */
export const MAX_CLUSTER_PEERS = 63;
/** The most round trips a prober times per peer. */
export const MAX_CLUSTER_PINGS = 32;
/** The longest a probe listener stays open, ms. */
export const MAX_CLUSTER_LISTEN_MS = 10 * 60_000;

/** A cluster probe's id: `cp_` + 32 hex digits. */
export const clusterProbeIdSchema = z.string().regex(/^cp_[0-9a-f]{32}$/, 'a cluster probe id (cp_ + 32 hex digits)');
/** A one-time token the coordinator issues for one (prober → listener) pair: 32 random bytes, lower-case hex. */
export const probeTokenSchema = z.string().regex(/^[0-9a-f]{64}$/, 'a probe token (64 lower-case hex digits)');
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be a lower-case hex SHA-256');
const id = clusterProbeIdSchema;
const reason = z.string().max(300);

/**
 * A cluster probe: the devices of a cluster measure each other directly over TCP, and the
 * coordinator assembles the latency and bandwidth matrices the scheduler needs.
 *
 *   coordinator                                   device
 *   cluster.listen {tokens, maxBytes, ttlMs}  →   opens a TCP listener that serves only these tokens
 *                                             ←   cluster.listening {port}  (or cluster.failed)
 *   cluster.probe {peers: host, port, token}  →   times round trips and a bulk upload to each peer
 *                                             ←   cluster.probed {results}
 *   cluster.close                             →   closes its listener
 *                                             ←   cluster.closed {receipts}
 *
 * Each token is random, issued by the coordinator for one pair, and good for one connection,
 * so a listener serves only the peers the coordinator introduced. A prober's result carries
 * the SHA-256 of the bytes it sent; the listener's receipt carries the SHA-256 of what it
 * received on that token; the coordinator keeps a result only when they match, so a prober
 * cannot report a transfer it did not make.
 */
export const clusterListenSchema = z.object({
  type: z.literal('cluster.listen'), v, id,
  tokens: z.array(probeTokenSchema).min(1).max(MAX_CLUSTER_PEERS),
  /** The largest bulk transfer the listener accepts on one token. */
  maxBytes: z.number().int().min(1).max(MAX_CLUSTER_PROBE_BYTES),
  /** The listener closes by itself this long after opening. */
  ttlMs: z.number().int().min(1).max(MAX_CLUSTER_LISTEN_MS),
});
/** See {@link clusterListenSchema}. */
export const clusterProbePeerSchema = z.object({
  deviceId: addressSchema,
  /** Where the peer's listener is: its session's remote address as the coordinator sees it. */
  host: z.string().min(1).max(255),
  port: z.number().int().min(1).max(65_535),
  token: probeTokenSchema,
});
/** See {@link clusterListenSchema}. */
export const clusterProbeSchema = z.object({
  type: z.literal('cluster.probe'), v, id,
  peers: z.array(clusterProbePeerSchema).min(1).max(MAX_CLUSTER_PEERS),
  /** Round trips timed per peer (the median is reported). */
  pings: z.number().int().min(1).max(MAX_CLUSTER_PINGS),
  /** Bulk bytes sent to each peer. */
  bytes: z.number().int().min(1).max(MAX_CLUSTER_PROBE_BYTES),
  /** Per peer: give up on it after this long. */
  timeoutMs: z.number().int().min(1).max(MAX_CLUSTER_LISTEN_MS),
});
/** See {@link clusterListenSchema}. */
export const clusterCloseSchema = z.object({ type: z.literal('cluster.close'), v, id });

/** The device's listener is open on `port`. */
export const clusterListeningSchema = z.strictObject({ type: z.literal('cluster.listening'), v, id, port: z.number().int().min(1).max(65_535) });
/** The device could not do what a cluster message asked (e.g. open a listener). */
export const clusterFailedSchema = z.strictObject({ type: z.literal('cluster.failed'), v, id, reason });
/** One peer's measurement, or why it failed. */
export const clusterPeerResultSchema = z.union([
  z.strictObject({ deviceId: addressSchema, ok: z.literal(true), rttMs: z.number().finite().positive(), gbps: z.number().finite().positive(), bytes: z.number().int().min(1), sha256: sha256Hex }),
  z.strictObject({ deviceId: addressSchema, ok: z.literal(false), error: reason }),
]);
/** The prober's results, one per peer it was asked to probe. */
export const clusterProbedSchema = z.strictObject({ type: z.literal('cluster.probed'), v, id, results: z.array(clusterPeerResultSchema).max(MAX_CLUSTER_PEERS) });
/** What the listener received on each token that connected: round trips answered, bulk bytes and their SHA-256. */
export const clusterReceiptSchema = z.strictObject({ token: probeTokenSchema, pings: z.number().int().min(0), bytes: z.number().int().min(0), sha256: sha256Hex.nullable() });
/** The listener closed; its receipts. */
export const clusterClosedSchema = z.strictObject({ type: z.literal('cluster.closed'), v, id, receipts: z.array(clusterReceiptSchema).max(MAX_CLUSTER_PEERS) });

/** Client messages of a cluster probe. */
export const clusterProbeClientMessages = [clusterListeningSchema, clusterFailedSchema, clusterProbedSchema, clusterClosedSchema] as const;
/** Server messages of a cluster probe. */
export const clusterProbeServerMessages = [clusterListenSchema, clusterProbeSchema, clusterCloseSchema] as const;

/** One peer's measurement as the prober reports it. */
export type ClusterPeerResult = z.infer<typeof clusterPeerResultSchema>;
/** One listener receipt. */
export type ClusterReceipt = z.infer<typeof clusterReceiptSchema>;
/** A peer the coordinator introduces to a prober. */
export type ClusterProbePeer = z.infer<typeof clusterProbePeerSchema>;
