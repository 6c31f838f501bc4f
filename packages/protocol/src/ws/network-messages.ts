import { z } from 'zod';
import { PROTOCOL_VERSION } from '../common';

const v = z.literal(PROTOCOL_VERSION);

/**
 * The largest payload of one binary measurement frame, in bytes: with its header it fits the
 * 1 MiB WebSocket message limit of both ends, with room to spare.
 */
export const MAX_NET_CHUNK_BYTES = 512 * 1024;
/** The most frames in one transfer (1 GiB at the largest chunk size). */
export const MAX_NET_CHUNKS = 2048;
/** The cipher whose keystream is the upload's payload (Node/OpenSSL name; all-zero initial counter block). */
export const NET_UPLOAD_CIPHER = 'aes-128-ctr';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be a lower-case hex SHA-256');
/** 16 random bytes, lower-case hex: also the first 16 bytes of every binary frame of the transfer. */
const probeId = z.string().regex(/^[0-9a-f]{32}$/, 'must be 16 bytes of lower-case hex');
const transfer = { id: probeId, chunks: z.number().int().min(1).max(MAX_NET_CHUNKS), chunkBytes: z.number().int().min(1).max(MAX_NET_CHUNK_BYTES) };

/**
 * The network measurement, over the device's authenticated session. Speeds are measured by
 * the coordinator on its own monotonic clock, never declared. Control messages are JSON;
 * the bytes travel as binary WebSocket frames (see `net-frame.ts`: probe id, chunk index,
 * payload), so nothing is base64-encoded or parsed as JSON on the way.
 * - download: the coordinator sends `net.probe`, then `chunks` binary frames of `chunkBytes`
 *   fresh random bytes each; the device answers `net.probe.ack` with the SHA-256 of each
 *   frame's payload, in index order. The coordinator checks the last frame's hash and those
 *   of a few frames it picked at random and kept secret: the device cannot ack before the
 *   last byte arrived (and TCP delivers in order, so everything before it arrived too), and
 *   a hash it made up for frames it skipped is caught unless none of them was picked. The
 *   coordinator hashes a few frames, not every byte, which is what lets one coordinator core
 *   time fast links.
 * - upload: the coordinator sends `net.upload` with a fresh 16-byte key; the device sends
 *   `chunks` binary frames of `chunkBytes` bytes each, whose payloads are the keystream of
 *   {@link NET_UPLOAD_CIPHER} under that key (frame i carries keystream bytes
 *   [i·chunkBytes, (i+1)·chunkBytes)). The coordinator counts the bytes itself and times the
 *   last frame's arrival. The keystream cannot be made before the key is sent (no replay or
 *   head start) and cannot be compressed by a tunnel on the way; the coordinator checks a
 *   window at a random place in every frame, so faking a share f of each frame is caught
 *   with probability about f per frame.
 * The coordinator sizes transfers to the link: a transfer too short to time well is
 * followed by a bigger one, within a byte budget per measurement.
 */
export const netProbeSchema = z.strictObject({ type: z.literal('net.probe'), v, ...transfer });
/** See {@link netProbeSchema}. */
export const netUploadSchema = z.strictObject({ type: z.literal('net.upload'), v, ...transfer, key: probeId });
/** The device's answer to `net.probe`: the SHA-256 (hex) of each frame's payload, in index order. */
export const netProbeAckSchema = z.strictObject({ type: z.literal('net.probe.ack'), v, id: probeId, sha256: z.array(sha256Hex).min(1).max(MAX_NET_CHUNKS) });

/** Client messages of the network measurement (the upload itself is binary frames). */
export const networkClientMessages = [netProbeAckSchema] as const;
/** Server messages of the network measurement. */
export const networkServerMessages = [netProbeSchema, netUploadSchema] as const;
