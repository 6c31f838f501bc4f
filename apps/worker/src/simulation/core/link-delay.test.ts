import { describe, expect, it } from 'vitest';
import { linkDelayMs } from './link-delay';

describe('linkDelayMs', () => {
  const link = { downMBps: 100, upMBps: 10, latencyMs: 20 };

  it('holds a pong for the latency and a measurement for latency plus transfer time', () => {
    expect(linkDelayMs(link, { type: 'ping', v: 1, id: 'p' })).toBe(20);
    // 4 frames of 250,000 bytes at 100 MB/s: 10 ms.
    expect(linkDelayMs(link, { type: 'net.probe', v: 1, id: 'd'.repeat(32), chunks: 4, chunkBytes: 250_000 })).toBeCloseTo(30, 6);
    expect(linkDelayMs(link, { type: 'net.upload', v: 1, id: 'e'.repeat(32), key: '0'.repeat(32), chunks: 2, chunkBytes: 500_000 })).toBeCloseTo(120, 6);
    expect(linkDelayMs(link, { type: 'welcome', v: 1, deviceId: `0x${'00'.repeat(20)}` })).toBe(0);
  });
});
