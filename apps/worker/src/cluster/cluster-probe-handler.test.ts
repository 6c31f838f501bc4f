import { randomBytes } from 'node:crypto';
import { PROTOCOL_VERSION, type ClientMessage } from '@tensorgrid/protocol';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createClusterProbeHandler, type ClusterProbeHandler } from './cluster-probe-handler';

const v = PROTOCOL_VERSION;
const probeId = () => `cp_${randomBytes(16).toString('hex')}`;
const token = () => randomBytes(32).toString('hex');
const peerId = `0x${'d'.repeat(40)}`;

describe('the worker side of a cluster probe', () => {
  const sent: ClientMessage[] = [];
  let handler: ClusterProbeHandler;
  const next = async <T extends ClientMessage['type']>(type: T, id: string) => {
    for (let i = 0; i < 250; i++) {
      const found = sent.find((m) => m.type === type && 'id' in m && m.id === id);
      if (found) return found as Extract<ClientMessage, { type: T }>;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no ${type} for ${id}`);
  };
  const start = (maxListeners = 4) => (handler = createClusterProbeHandler({ send: (m) => sent.push(m), log: pino({ level: 'silent' }), listenHost: '127.0.0.1', maxListeners }));
  afterEach(async () => {
    await handler.releaseAll();
    sent.length = 0;
  });

  it('listens, probes its own listener as a peer, and closes with the receipt matching the result', async () => {
    start();
    const id = probeId();
    const t = token();
    expect(handler.onMessage({ type: 'cluster.listen', v, id, tokens: [t], maxBytes: 4096, ttlMs: 10_000 })).toBe(true);
    const { port } = await next('cluster.listening', id);
    handler.onMessage({ type: 'cluster.probe', v, id, peers: [{ deviceId: peerId, host: '127.0.0.1', port, token: t }], pings: 2, bytes: 4096, timeoutMs: 5000 });
    const probed = await next('cluster.probed', id);
    expect(probed.results).toHaveLength(1);
    const result = probed.results[0]!;
    expect(result).toMatchObject({ deviceId: peerId, ok: true, bytes: 4096 });
    handler.onMessage({ type: 'cluster.close', v, id });
    const closed = await next('cluster.closed', id);
    expect(closed.receipts).toEqual([{ token: t, pings: 2, bytes: 4096, sha256: result.ok ? result.sha256 : 'none' }]);
  });

  it('reports a peer it cannot reach as a failed result, not a crash', async () => {
    start();
    const id = probeId();
    handler.onMessage({ type: 'cluster.probe', v, id, peers: [{ deviceId: peerId, host: '127.0.0.1', port: 1, token: token() }], pings: 1, bytes: 10, timeoutMs: 2000 });
    expect((await next('cluster.probed', id)).results).toEqual([{ deviceId: peerId, ok: false, error: expect.any(String) }]);
  });

  it('refuses listeners beyond its bound and answers a close of an unknown probe with no receipts', async () => {
    start(1);
    const [a, b] = [probeId(), probeId()];
    handler.onMessage({ type: 'cluster.listen', v, id: a, tokens: [token()], maxBytes: 10, ttlMs: 10_000 });
    handler.onMessage({ type: 'cluster.listen', v, id: b, tokens: [token()], maxBytes: 10, ttlMs: 10_000 });
    expect(await next('cluster.failed', b)).toMatchObject({ reason: 'too many cluster probes at once' });
    expect(await next('cluster.listening', a)).toMatchObject({ port: expect.any(Number) });
    const unknown = probeId();
    handler.onMessage({ type: 'cluster.close', v, id: unknown });
    expect(await next('cluster.closed', unknown)).toMatchObject({ receipts: [] });
    expect(handler.onMessage({ type: 'ping', v, id: 'x' })).toBe(false);
  });
});
