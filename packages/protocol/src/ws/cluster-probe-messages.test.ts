import { describe, expect, it } from 'vitest';
import { MAX_CLUSTER_PROBE_BYTES } from './cluster-probe-messages';
import { clientMessageSchema, serverMessageSchema } from './messages';

const id = `cp_${'a'.repeat(32)}`;
const token = 'b'.repeat(64);
const device = `0x${'c'.repeat(40)}`;
const hash = '0'.repeat(64);

describe('cluster probe messages', () => {
  it('are part of the server and client unions', () => {
    expect(serverMessageSchema.parse({ type: 'cluster.listen', v: 1, id, tokens: [token], maxBytes: 1024, ttlMs: 5000 })).toMatchObject({ type: 'cluster.listen' });
    expect(serverMessageSchema.parse({ type: 'cluster.probe', v: 1, id, peers: [{ deviceId: device, host: '127.0.0.1', port: 4000, token }], pings: 5, bytes: 1024, timeoutMs: 5000 })).toMatchObject({ type: 'cluster.probe' });
    expect(serverMessageSchema.parse({ type: 'cluster.close', v: 1, id })).toMatchObject({ type: 'cluster.close' });
    expect(clientMessageSchema.parse({ type: 'cluster.listening', v: 1, id, port: 4000 })).toMatchObject({ port: 4000 });
    expect(clientMessageSchema.parse({ type: 'cluster.failed', v: 1, id, reason: 'no port' })).toMatchObject({ type: 'cluster.failed' });
    const probed = clientMessageSchema.parse({
      type: 'cluster.probed', v: 1, id,
      results: [{ deviceId: device, ok: true, rttMs: 0.2, gbps: 3.5, bytes: 1024, sha256: hash }, { deviceId: device, ok: false, error: 'refused' }],
    });
    expect(probed).toMatchObject({ type: 'cluster.probed', results: [{ ok: true }, { ok: false }] });
    expect(clientMessageSchema.parse({ type: 'cluster.closed', v: 1, id, receipts: [{ token, pings: 5, bytes: 1024, sha256: hash }, { token, pings: 0, bytes: 0, sha256: null }] })).toMatchObject({ type: 'cluster.closed' });
  });

  it('refuses malformed ids and tokens, oversized transfers, bad ports and invented fields', () => {
    expect(serverMessageSchema.safeParse({ type: 'cluster.close', v: 1, id: 'cp_123' }).success).toBe(false);
    expect(serverMessageSchema.safeParse({ type: 'cluster.listen', v: 1, id, tokens: ['B'.repeat(64)], maxBytes: 1024, ttlMs: 5000 }).success).toBe(false);
    expect(serverMessageSchema.safeParse({ type: 'cluster.listen', v: 1, id, tokens: [], maxBytes: 1024, ttlMs: 5000 }).success).toBe(false);
    expect(serverMessageSchema.safeParse({ type: 'cluster.listen', v: 1, id, tokens: [token], maxBytes: MAX_CLUSTER_PROBE_BYTES + 1, ttlMs: 5000 }).success).toBe(false);
    expect(clientMessageSchema.safeParse({ type: 'cluster.listening', v: 1, id, port: 0 }).success).toBe(false);
    expect(clientMessageSchema.safeParse({ type: 'cluster.listening', v: 1, id, port: 70_000 }).success).toBe(false);
    // A result must be positive and finite, and cannot carry anything the coordinator did not ask for.
    const result = { deviceId: device, ok: true, rttMs: 1, gbps: 1, bytes: 1024, sha256: hash };
    expect(clientMessageSchema.safeParse({ type: 'cluster.probed', v: 1, id, results: [{ ...result, gbps: 0 }] }).success).toBe(false);
    expect(clientMessageSchema.safeParse({ type: 'cluster.probed', v: 1, id, results: [{ ...result, rttMs: -1 }] }).success).toBe(false);
    expect(clientMessageSchema.safeParse({ type: 'cluster.probed', v: 1, id, results: [{ ...result, verified: true }] }).success).toBe(false);
    expect(clientMessageSchema.safeParse({ type: 'cluster.probed', v: 1, id, results: [result], extra: 1 }).success).toBe(false);
  });
});
