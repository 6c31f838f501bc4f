import { createHash, randomBytes } from 'node:crypto';
import { connect, createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { probePeer } from './probe-peer';
import { startProbeListener, type ProbeListener } from './probe-listener';
import { PROBE_WIRE as W } from './probe-wire';
import { createSocketReader } from './socket-reader';

const token = () => randomBytes(32).toString('hex');
const listeners: ProbeListener[] = [];
async function listen(tokens: string[], options: { maxBytes?: number; ttlMs?: number; idleMs?: number } = {}) {
  const listener = await startProbeListener({ tokens, maxBytes: options.maxBytes ?? 64 * 1024, ttlMs: options.ttlMs ?? 30_000, host: '127.0.0.1', ...(options.idleMs ? { idleMs: options.idleMs } : {}) });
  listeners.push(listener);
  return listener;
}
const probe = (port: number, t: string, more: { bytes?: number; timeoutMs?: number } = {}) =>
  probePeer({ host: '127.0.0.1', port, token: t, pings: 5, bytes: more.bytes ?? 32 * 1024, timeoutMs: more.timeoutMs ?? 10_000 });

/** A raw client: sends the token and whatever else, returns everything the listener sent until it closed. */
async function raw(port: number, chunks: Buffer[]): Promise<Buffer> {
  const socket = connect({ host: '127.0.0.1', port });
  const received: Buffer[] = [];
  socket.on('data', (d) => received.push(d));
  for (const chunk of chunks) socket.write(chunk);
  await new Promise<void>((resolve) => {
    socket.on('close', () => resolve());
    socket.on('error', () => resolve());
  });
  return Buffer.concat(received);
}

afterEach(async () => {
  await Promise.all(listeners.splice(0).map((l) => l.close()));
});

describe('cluster probe listener and prober over real sockets', () => {
  it('measures a positive, finite RTT and throughput, and both ends agree on the bytes', async () => {
    const t = token();
    const listener = await listen([t]);
    const measured = await probe(listener.port, t);
    expect(measured.rttMs).toBeGreaterThan(0);
    expect(Number.isFinite(measured.rttMs)).toBe(true);
    expect(measured.gbps).toBeGreaterThan(0);
    expect(Number.isFinite(measured.gbps)).toBe(true);
    expect(measured.bytes).toBe(32 * 1024);
    const receipts = await listener.close();
    expect(receipts).toEqual([{ token: t, pings: 5, bytes: 32 * 1024, sha256: measured.sha256 }]);
  });

  it('an emulated (simulated) link holds every round trip and paces the transfer to its cap', async () => {
    const t = token();
    const listener = await listen([t]);
    const measured = await probePeer({ host: '127.0.0.1', port: listener.port, token: t, pings: 3, bytes: 32 * 1024, timeoutMs: 10_000, emulate: { extraRttMs: 20, maxGbps: 0.05 } });
    expect(measured.rttMs).toBeGreaterThanOrEqual(20);
    expect(measured.gbps).toBeGreaterThan(0);
    expect(measured.gbps).toBeLessThanOrEqual(0.05);
  });

  it('refuses an unknown token, and a token used once already', async () => {
    const t = token();
    const listener = await listen([t]);
    await expect(probe(listener.port, token())).rejects.toMatchObject({ code: 'NETWORK_ERROR', shortMessage: expect.stringContaining('refused') });
    await probe(listener.port, t);
    await expect(probe(listener.port, t)).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
    expect((await listener.close()).map((r) => r.token)).toEqual([t]);
  });

  it('drops a bulk transfer above its bound and a second bulk on the same token', async () => {
    const [a, b] = [token(), token()];
    const listener = await listen([a, b], { maxBytes: 1000 });
    await expect(probe(listener.port, a, { bytes: 1001 })).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
    const header = (n: number) => Buffer.from([W.BULK, 0, 0, n >> 8, n & 255]);
    const answer = await raw(listener.port, [Buffer.from(b, 'hex'), header(10), randomBytes(10), header(10), randomBytes(10)]);
    // ACCEPTED, then the first ACK + hash; the second bulk is refused by closing.
    expect(answer.length).toBe(1 + 1 + W.HASH_BYTES);
    const receipts = await listener.close();
    expect(receipts.find((r) => r.token === a)).toMatchObject({ bytes: 0, sha256: null });
    expect(receipts.find((r) => r.token === b)).toMatchObject({ bytes: 10 });
  });

  it('gives a prober that skips the transfer no receipt to back its claim', async () => {
    const t = token();
    const listener = await listen([t], { idleMs: 200 });
    // Announces 1000 bytes, sends 10, then goes quiet: the listener never acknowledges, and drops it when idle.
    const answer = await raw(listener.port, [Buffer.from(t, 'hex'), Buffer.from([W.BULK, 0, 0, 3, 232]), randomBytes(10)]);
    expect(answer).toEqual(Buffer.from([W.ACCEPTED]));
    expect(await listener.close()).toEqual([{ token: t, pings: 0, bytes: 0, sha256: null }]);
  });

  it('a prober refuses a peer that acknowledges bytes it did not receive', async () => {
    // A fake listener that accepts any token and acknowledges a bulk with a made-up hash at once.
    const fake: Server = createServer((socket) => {
      const reader = createSocketReader(socket);
      void (async () => {
        await reader.read(32);
        socket.write(Buffer.from([W.ACCEPTED]));
        for (;;) {
          const op = await reader.read(1);
          if (op[0] === W.PING) socket.write(Buffer.concat([op, await reader.read(W.PING_BYTES)]));
          else return void socket.write(Buffer.concat([Buffer.from([W.ACK]), createHash('sha256').update('nothing').digest()]));
        }
      })().catch(() => undefined);
    });
    await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
    const port = (fake.address() as { port: number }).port;
    await expect(probe(port, token())).rejects.toMatchObject({ code: 'VALIDATION_FAILED', shortMessage: expect.stringContaining('acknowledged') });
    await new Promise((resolve) => fake.close(resolve));
  });

  it('times out on a peer that accepts the connection and never answers', async () => {
    const silent: Server = createServer((socket) => void socket.resume());
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    await expect(probe(port, token(), { timeoutMs: 100 })).rejects.toMatchObject({ code: 'TIMEOUT' });
    await new Promise((resolve) => silent.close(resolve));
  });

  it('closes by itself after its time limit and refuses connections after it', async () => {
    const t = token();
    const listener = await listen([t], { ttlMs: 50 });
    expect(await listener.closed).toEqual([]);
    await expect(probe(listener.port, t)).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
  });
});
