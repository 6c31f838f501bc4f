import { describe, expect, it } from 'vitest';
import { linkDelayMs } from './link-delay';

describe('linkDelayMs', () => {
  const link = { downMBps: 100, upMBps: 10, latencyMs: 20 };

  it('holds a pong for the latency and a measurement for latency plus transfer time', () => {
    expect(linkDelayMs(link, { type: 'ping', v: 1, id: 'p' })).toBe(20);
    // 1,000,000 bytes of payload (base64: 4/3 as many characters) at 100 MB/s: 10 ms.
    expect(linkDelayMs(link, { type: 'net.probe', v: 1, id: 'd', payload: 'A'.repeat(1_333_336) })).toBeCloseTo(30, 3);
    expect(linkDelayMs(link, { type: 'net.upload', v: 1, id: 'u', nonce: `0x${'00'.repeat(32)}`, bytes: 1_000_000 })).toBeCloseTo(120, 6);
    expect(linkDelayMs(link, { type: 'welcome', v: 1, deviceId: `0x${'00'.repeat(20)}` })).toBe(0);
  });
});
