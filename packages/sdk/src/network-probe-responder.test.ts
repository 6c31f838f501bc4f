import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { NET_FRAME_HEADER_BYTES, parseNetFrame, writeNetFrameHeader, type ClientMessage } from '@tensorgrid/protocol';
import { describe, expect, it } from 'vitest';
import { createNetworkProbeResponder } from './network-probe-responder';

const id = '5a'.repeat(16);
const frame = (index: number, payload: Buffer, probeId = id) => {
  const bytes = Buffer.alloc(NET_FRAME_HEADER_BYTES + payload.length);
  payload.copy(bytes, NET_FRAME_HEADER_BYTES);
  return writeNetFrameHeader(bytes, { id: probeId, index });
};

function responder() {
  const json: ClientMessage[] = [];
  const binary: Uint8Array[] = [];
  const r = createNetworkProbeResponder({ sendJson: (m) => json.push(m), sendBinary: async (d) => void binary.push(d) });
  return { r, json, binary };
}

describe('createNetworkProbeResponder', () => {
  it('acks a download with the SHA-256 of each frame, once the last one is in', () => {
    const { r, json } = responder();
    const chunks = [randomBytes(100), randomBytes(100), randomBytes(100)];
    expect(r.onMessage({ type: 'net.probe', v: 1, id, chunks: 3, chunkBytes: 100 })).toBe(true);
    r.onBinary(frame(0, chunks[0]!));
    r.onBinary(frame(0, chunks[0]!, 'ff'.repeat(16))); // another probe's frame: ignored
    r.onBinary(frame(1, chunks[1]!));
    expect(json).toEqual([]);
    r.onBinary(frame(2, chunks[2]!));
    expect(json).toEqual([{ type: 'net.probe.ack', v: 1, id, sha256: chunks.map((c) => createHash('sha256').update(c).digest('hex')) }]);
  });

  it('does not ack a download whose frames come out of order or of the wrong size', () => {
    const { r, json } = responder();
    r.onMessage({ type: 'net.probe', v: 1, id, chunks: 2, chunkBytes: 10 });
    r.onBinary(frame(1, randomBytes(10)));
    r.onBinary(frame(0, randomBytes(10)));
    r.onMessage({ type: 'net.probe', v: 1, id, chunks: 1, chunkBytes: 10 });
    r.onBinary(frame(0, randomBytes(9)));
    expect(json).toEqual([]);
  });

  it('uploads the asked frames of keystream under the coordinator’s key', async () => {
    const { r, binary } = responder();
    const key = randomBytes(16);
    expect(r.onMessage({ type: 'net.upload', v: 1, id, key: key.toString('hex'), chunks: 20, chunkBytes: 1000 })).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(binary).toHaveLength(20);
    const frames = binary.map((b) => parseNetFrame(b)!);
    expect(frames.map((f) => [f.id, f.index])).toEqual(Array.from({ length: 20 }, (_, i) => [id, i]));
    const keystream = createCipheriv('aes-128-ctr', key, Buffer.alloc(16)).update(Buffer.alloc(20_000));
    expect(Buffer.concat(frames.map((f) => f.payload)).equals(keystream)).toBe(true);
  });

  it('leaves every other message to the session', () => {
    expect(responder().r.onMessage({ type: 'ping', v: 1, id: 'p' })).toBe(false);
  });
});
