import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { answerNetworkProbe } from './answer-network-probe';

describe('answerNetworkProbe', () => {
  it('acks a probe with the hash of its bytes', () => {
    const payload = Buffer.from('hello network');
    expect(answerNetworkProbe({ type: 'net.probe', v: 1, id: 'p', payload: payload.toString('base64') })).toEqual({
      type: 'net.probe.ack', v: 1, id: 'p', sha256: createHash('sha256').update(payload).digest('hex'),
    });
  });
  it('uploads fresh random bytes of the asked size, bound to the nonce', () => {
    const nonce = `0x${'07'.repeat(32)}` as const;
    const a = answerNetworkProbe({ type: 'net.upload', v: 1, id: 'u', nonce, bytes: 100 });
    const b = answerNetworkProbe({ type: 'net.upload', v: 1, id: 'u', nonce, bytes: 100 });
    if (a?.type !== 'net.data' || b?.type !== 'net.data') throw new Error('expected net.data');
    const data = Buffer.from(a.payload, 'base64');
    expect(data).toHaveLength(100);
    expect(a.sha256).toBe(createHash('sha256').update(Buffer.from('07'.repeat(32), 'hex')).update(data).digest('hex'));
    expect(a.payload).not.toBe(b.payload);
  });
  it('ignores other messages', () => {
    expect(answerNetworkProbe({ type: 'ping', v: 1, id: '1' })).toBeUndefined();
  });
});
