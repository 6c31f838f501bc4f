import { createHash, randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { median } from '@tensorgrid/domain';
import { BaseError, isBaseError } from '@tensorgrid/protocol';
import { PROBE_WIRE as W } from './probe-wire';
import { createSocketReader } from './socket-reader';

/**
 * A simulated link between two devices of the devnet's fleet: the prober holds every round
 * trip `extraRttMs` longer and paces the bulk transfer to at most `maxGbps`. Real agents
 * have none.
 */
export interface EmulatedLink {
  extraRttMs: number;
  maxGbps: number;
}

/** Parameters of {@link probePeer}. */
export interface ProbePeerParams {
  host: string;
  port: number;
  /** The one-time token (hex) the coordinator issued for this pair. */
  token: string;
  /** Round trips to time; the median is reported. */
  pings: number;
  /** Bulk bytes to send. */
  bytes: number;
  /** Give up on the peer after this long, ms. */
  timeoutMs: number;
  emulate?: EmulatedLink;
}

/** What {@link probePeer} measured. */
export interface PeerMeasurement {
  /** Median round-trip time, ms. */
  rttMs: number;
  /** Throughput of the bulk upload, Gbit/s (timed to the peer's acknowledgement, so one RTT is included and it errs low). */
  gbps: number;
  bytes: number;
  /** SHA-256 (hex) of the bytes sent, which the peer acknowledged. */
  sha256: string;
}

/** Waits at least `ms` on the monotonic clock (a timer may fire up to a millisecond early). */
async function sleepAtLeast(ms: number): Promise<void> {
  for (const end = performance.now() + ms; performance.now() < end; ) await new Promise((resolve) => setTimeout(resolve, Math.max(1, Math.ceil(end - performance.now()))));
}

/**
 * Measures one peer's probe listener (see `probe-wire.ts`): the median of `pings` round trips
 * and the throughput of a bulk upload of `bytes` random bytes, kept only when the peer
 * acknowledges their SHA-256. Times are on the monotonic clock.
 * @param params - where, the token, sizes and the time limit
 * @throws {BaseError} TIMEOUT, NETWORK_ERROR (refused token, closed connection), VALIDATION_FAILED (wrong echo or hash)
 */
export async function probePeer(params: ProbePeerParams): Promise<PeerMeasurement> {
  const socket = connect({ host: params.host, port: params.port, noDelay: true });
  const reader = createSocketReader(socket);
  const timer = setTimeout(() => socket.destroy(new BaseError('TIMEOUT', `The peer at ${params.host}:${params.port} did not finish the probe in ${params.timeoutMs} ms`)), params.timeoutMs);
  const extraRttMs = params.emulate?.extraRttMs ?? 0;
  try {
    socket.write(Buffer.from(params.token, 'hex'));
    const accepted = await reader.read(1).catch((cause: unknown) => {
      if (isBaseError(cause) && cause.code === 'TIMEOUT') throw cause;
      throw new BaseError('NETWORK_ERROR', `The peer at ${params.host}:${params.port} refused the probe`, { cause });
    });
    if (accepted[0] !== W.ACCEPTED) throw new BaseError('VALIDATION_FAILED', 'The peer answered the token with garbage');

    const rtts: number[] = [];
    for (let i = 0; i < params.pings; i++) {
      const ping = Buffer.concat([Buffer.from([W.PING]), randomBytes(W.PING_BYTES)]);
      const started = performance.now();
      socket.write(ping);
      const echo = await reader.read(ping.length);
      if (!echo.equals(ping)) throw new BaseError('VALIDATION_FAILED', 'The peer echoed a different ping');
      if (extraRttMs > 0) await sleepAtLeast(extraRttMs);
      rtts.push(performance.now() - started);
    }

    const payload = randomBytes(params.bytes);
    const sha256 = createHash('sha256').update(payload).digest();
    const header = Buffer.alloc(5);
    header[0] = W.BULK;
    header.writeUInt32BE(params.bytes, 1);
    const started = performance.now();
    socket.write(header);
    socket.write(payload);
    const ack = await reader.read(1 + W.HASH_BYTES);
    if (ack[0] !== W.ACK || !ack.subarray(1).equals(sha256)) throw new BaseError('VALIDATION_FAILED', 'The peer acknowledged bytes other than those sent');
    if (params.emulate) {
      const floorMs = extraRttMs + (params.bytes * 8) / (params.emulate.maxGbps * 1e6);
      await sleepAtLeast(floorMs - (performance.now() - started));
    }
    const elapsedMs = Math.max(performance.now() - started, 0.001);
    return { rttMs: Math.max(median(rtts), 0.001), gbps: (params.bytes * 8) / (elapsedMs * 1e6), bytes: params.bytes, sha256: sha256.toString('hex') };
  } finally {
    clearTimeout(timer);
    socket.destroy();
  }
}
