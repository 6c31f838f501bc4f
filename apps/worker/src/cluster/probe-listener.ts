import { createHash, type Hash } from 'node:crypto';
import { createServer, type Socket } from 'node:net';
import { MAX_CLUSTER_PINGS, type ClusterReceipt } from '@tensorgrid/protocol';
import { PROBE_WIRE as W } from './probe-wire';

/** Options of {@link startProbeListener}. */
export interface ProbeListenerOptions {
  /** The one-time tokens (hex) of the peers the coordinator introduced. */
  tokens: readonly string[];
  /** The largest bulk transfer accepted on one token, bytes. */
  maxBytes: number;
  /** The listener closes by itself this long after opening, ms. */
  ttlMs: number;
  /** Interface to bind. @default all interfaces */
  host?: string;
  /** A connection silent this long is dropped, ms. @default 10000 */
  idleMs?: number;
}

/** An open probe listener. */
export interface ProbeListener {
  readonly port: number;
  /** Closes the listener and every connection; resolves with the receipts. */
  close(): Promise<ClusterReceipt[]>;
  /** Resolves with the receipts once the listener closed (on `close()` or its time limit). */
  readonly closed: Promise<ClusterReceipt[]>;
}

/**
 * Opens the TCP listener of a cluster probe (see `probe-wire.ts`): it serves only the tokens
 * the coordinator issued, each for one connection, answers round trips and one bulk transfer
 * of at most `maxBytes` per token, and drops anything else at once: an unknown token, a
 * second bulk, too many pings, a silent connection. It closes after `ttlMs` whatever happens,
 * so a coordinator that forgets it costs the supplier nothing.
 * @param options - tokens, size bound, time limit, interface
 */
export async function startProbeListener(options: ProbeListenerOptions): Promise<ProbeListener> {
  const unused = new Set(options.tokens);
  const receipts: ClusterReceipt[] = [];
  const sockets = new Set<Socket>();
  let resolveClosed!: (r: ClusterReceipt[]) => void;
  const closed = new Promise<ClusterReceipt[]>((resolve) => (resolveClosed = resolve));

  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.setNoDelay(true);
    socket.setTimeout(options.idleMs ?? 10_000, () => socket.destroy());
    serve(socket);
  });

  function serve(socket: Socket): void {
    let pending = Buffer.alloc(0);
    let receipt: ClusterReceipt | undefined;
    let bulk: { remaining: number; total: number; hash: Hash } | undefined;
    const refuse = (): false => {
      pending = Buffer.alloc(0);
      socket.destroy();
      return false;
    };
    /** Handles what is buffered; returns false when it needs more bytes. */
    const step = (): boolean => {
      if (bulk) {
        const take = Math.min(bulk.remaining, pending.length);
        if (take === 0) return false;
        bulk.hash.update(pending.subarray(0, take));
        pending = pending.subarray(take);
        bulk.remaining -= take;
        if (bulk.remaining > 0) return false;
        const digest = bulk.hash.digest();
        Object.assign(receipt!, { bytes: bulk.total, sha256: digest.toString('hex') });
        bulk = undefined;
        socket.write(Buffer.concat([Buffer.from([W.ACK]), digest]));
        return true;
      }
      if (!receipt) {
        if (pending.length < W.TOKEN_BYTES) return false;
        const token = pending.subarray(0, W.TOKEN_BYTES).toString('hex');
        if (!unused.delete(token)) return refuse();
        receipt = { token, pings: 0, bytes: 0, sha256: null };
        receipts.push(receipt);
        pending = pending.subarray(W.TOKEN_BYTES);
        socket.write(Buffer.from([W.ACCEPTED]));
        return true;
      }
      if (pending.length < 1) return false;
      if (pending[0] === W.PING) {
        if (pending.length < 1 + W.PING_BYTES) return false;
        if (++receipt.pings > MAX_CLUSTER_PINGS) return refuse();
        socket.write(pending.subarray(0, 1 + W.PING_BYTES));
        pending = pending.subarray(1 + W.PING_BYTES);
        return true;
      }
      if (pending[0] === W.BULK) {
        if (pending.length < 5) return false;
        const total = pending.readUInt32BE(1);
        if (receipt.sha256 !== null || total < 1 || total > options.maxBytes) return refuse();
        bulk = { remaining: total, total, hash: createHash('sha256') };
        pending = pending.subarray(5);
        return true;
      }
      return refuse();
    };
    socket.on('data', (data) => {
      pending = pending.length ? Buffer.concat([pending, data]) : data;
      while (!socket.destroyed && step());
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: 0, ...(options.host ? { host: options.host } : {}) }, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  let closing: Promise<ClusterReceipt[]> | undefined;
  const close = () => {
    closing ??= new Promise<ClusterReceipt[]>((resolve) => {
      clearTimeout(ttl);
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve(receipts.map((r) => ({ ...r }))));
    }).then((r) => (resolveClosed(r), r));
    return closing;
  };
  const ttl = setTimeout(() => void close(), options.ttlMs);
  ttl.unref();
  return { port, close, closed };
}
