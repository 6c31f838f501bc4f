import { describe, expect, it } from 'vitest';
import { clientMessageSchema, serverMessageSchema } from './messages';
import { MAX_NET_CHUNK_BYTES, MAX_NET_CHUNKS } from './network-messages';

const hash = 'ab'.repeat(32);
const id = '0f'.repeat(16);

describe('network measurement messages', () => {
  it('are part of the client and server unions', () => {
    expect(serverMessageSchema.parse({ type: 'net.probe', v: 1, id, chunks: 8, chunkBytes: 1024 })).toMatchObject({ type: 'net.probe', chunks: 8 });
    expect(serverMessageSchema.parse({ type: 'net.upload', v: 1, id, key: '1'.repeat(32), chunks: 1, chunkBytes: MAX_NET_CHUNK_BYTES })).toMatchObject({ type: 'net.upload' });
    expect(clientMessageSchema.parse({ type: 'net.probe.ack', v: 1, id, sha256: [hash, hash] })).toMatchObject({ type: 'net.probe.ack' });
  });

  it('refuse malformed ids, hashes, sizes and claimed speeds', () => {
    expect(clientMessageSchema.safeParse({ type: 'net.probe.ack', v: 1, id, sha256: ['AB'.repeat(32)] }).success).toBe(false);
    expect(clientMessageSchema.safeParse({ type: 'net.probe.ack', v: 1, id, sha256: [] }).success).toBe(false);
    expect(clientMessageSchema.safeParse({ type: 'net.probe.ack', v: 1, id, sha256: Array(MAX_NET_CHUNKS + 1).fill(hash) }).success).toBe(false);
    expect(clientMessageSchema.safeParse({ type: 'net.probe.ack', v: 1, id: 'p1', sha256: [hash] }).success).toBe(false);
    expect(clientMessageSchema.safeParse({ type: 'net.probe.ack', v: 1, id, sha256: [hash], downMBps: 9999 }).success).toBe(false);
    // The upload is binary frames now: the old JSON upload is no message at all.
    expect(clientMessageSchema.safeParse({ type: 'net.data', v: 1, id, payload: 'AAEC', sha256: hash }).success).toBe(false);
    expect(serverMessageSchema.safeParse({ type: 'net.probe', v: 1, id, chunks: 1, chunkBytes: MAX_NET_CHUNK_BYTES + 1 }).success).toBe(false);
    expect(serverMessageSchema.safeParse({ type: 'net.probe', v: 1, id, chunks: MAX_NET_CHUNKS + 1, chunkBytes: 1 }).success).toBe(false);
    expect(serverMessageSchema.safeParse({ type: 'net.upload', v: 1, id, key: 'x'.repeat(32), chunks: 1, chunkBytes: 1 }).success).toBe(false);
  });
});
