import { describe, expect, it } from 'vitest';
import { clientMessageSchema, serverMessageSchema } from './messages';
import { MAX_NET_PROBE_BYTES } from './network-messages';

const hash = 'ab'.repeat(32);

describe('network measurement messages', () => {
  it('are part of the client and server unions', () => {
    expect(serverMessageSchema.parse({ type: 'net.probe', v: 1, id: 'p1', payload: 'AAEC' })).toMatchObject({ type: 'net.probe' });
    expect(serverMessageSchema.parse({ type: 'net.upload', v: 1, id: 'u1', nonce: `0x${'1'.repeat(64)}`, bytes: 1024 })).toMatchObject({ type: 'net.upload' });
    expect(clientMessageSchema.parse({ type: 'net.probe.ack', v: 1, id: 'p1', sha256: hash })).toMatchObject({ type: 'net.probe.ack' });
    expect(clientMessageSchema.parse({ type: 'net.data', v: 1, id: 'u1', payload: 'AAEC', sha256: hash })).toMatchObject({ type: 'net.data' });
    expect(clientMessageSchema.parse({ type: 'workload.report', v: 1, foreignProcesses: [{ pid: 42, name: 'python3' }] })).toMatchObject({ type: 'workload.report' });
  });
  it('refuses bad hashes, non-base64 payloads, oversized uploads and extra fields', () => {
    expect(clientMessageSchema.safeParse({ type: 'net.probe.ack', v: 1, id: 'p1', sha256: 'AB'.repeat(32) }).success).toBe(false);
    expect(clientMessageSchema.safeParse({ type: 'net.data', v: 1, id: 'u', payload: 'not base64!', sha256: hash }).success).toBe(false);
    expect(clientMessageSchema.safeParse({ type: 'net.data', v: 1, id: 'u', payload: 'A'.repeat(Math.ceil(MAX_NET_PROBE_BYTES / 3) * 4 + 4), sha256: hash }).success).toBe(false);
    expect(serverMessageSchema.safeParse({ type: 'net.upload', v: 1, id: 'u', nonce: `0x${'1'.repeat(64)}`, bytes: MAX_NET_PROBE_BYTES + 1 }).success).toBe(false);
    expect(clientMessageSchema.safeParse({ type: 'net.probe.ack', v: 1, id: 'p1', sha256: hash, downMBps: 9999 }).success).toBe(false);
  });
});
