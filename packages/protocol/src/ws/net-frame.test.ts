import { describe, expect, it } from 'vitest';
import { NET_FRAME_HEADER_BYTES, parseNetFrame, writeNetFrameHeader } from './net-frame';

describe('binary measurement frames', () => {
  it('round-trip the probe id, the index and the payload, without copying the payload', () => {
    const id = '00ff10a0' + '7'.repeat(24);
    const frame = new Uint8Array(NET_FRAME_HEADER_BYTES + 3);
    frame.set([1, 2, 3], NET_FRAME_HEADER_BYTES);
    writeNetFrameHeader(frame, { id, index: 0x01020304 });
    expect([...frame.subarray(16, 20)]).toEqual([1, 2, 3, 4]);
    const parsed = parseNetFrame(frame)!;
    expect(parsed).toMatchObject({ id, index: 0x01020304 });
    expect([...parsed.payload]).toEqual([1, 2, 3]);
    frame[NET_FRAME_HEADER_BYTES] = 9;
    expect(parsed.payload[0]).toBe(9);
  });

  it('read a frame inside a larger buffer at its own offset', () => {
    const backing = new Uint8Array(64);
    const frame = backing.subarray(7, 7 + NET_FRAME_HEADER_BYTES + 1);
    writeNetFrameHeader(frame, { id: 'ab'.repeat(16), index: 5 });
    expect(parseNetFrame(frame)).toMatchObject({ id: 'ab'.repeat(16), index: 5 });
  });

  it('refuse a frame shorter than its header and a malformed id', () => {
    expect(parseNetFrame(new Uint8Array(NET_FRAME_HEADER_BYTES - 1))).toBeUndefined();
    expect(() => writeNetFrameHeader(new Uint8Array(NET_FRAME_HEADER_BYTES), { id: 'AB'.repeat(16), index: 0 })).toThrow(RangeError);
  });
});
