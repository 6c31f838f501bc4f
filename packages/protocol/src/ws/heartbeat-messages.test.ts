import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../common';
import { clientMessageSchema, serverMessageSchema } from './messages';

const heartbeat = { type: 'heartbeat', v: PROTOCOL_VERSION, seq: 7, uptimeS: 12.5 };

describe('heartbeat messages', () => {
  it('accepts a heartbeat, with or without uptime', () => {
    expect(clientMessageSchema.parse(heartbeat)).toEqual(heartbeat);
    expect(clientMessageSchema.parse({ type: 'heartbeat', v: PROTOCOL_VERSION, seq: 1 })).toEqual({ type: 'heartbeat', v: PROTOCOL_VERSION, seq: 1 });
  });

  it('refuses a heartbeat that names a device: the session names it', () => {
    expect(clientMessageSchema.safeParse({ ...heartbeat, deviceId: `0x${'ab'.repeat(20)}` }).success).toBe(false);
    expect(clientMessageSchema.safeParse({ ...heartbeat, signer: `0x${'ab'.repeat(20)}` }).success).toBe(false);
  });

  it.each([[0], [-1], [1.5], ['2'], [undefined], [2 ** 53]])('refuses seq %j', (seq) => {
    expect(clientMessageSchema.safeParse({ ...heartbeat, seq }).success).toBe(false);
  });

  it('parses acks and refusals', () => {
    expect(serverMessageSchema.parse({ type: 'heartbeat.ack', v: PROTOCOL_VERSION, seq: 3, state: 'available' })).toMatchObject({ seq: 3 });
    expect(serverMessageSchema.parse({ type: 'heartbeat.refused', v: PROTOCOL_VERSION, seq: 3, code: 'STALE_SEQUENCE', message: 'no', lastSeq: 4 })).toMatchObject({ lastSeq: 4 });
  });
});
