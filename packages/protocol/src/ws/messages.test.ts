import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../common';
import { clientMessageSchema, serverMessageSchema } from './messages';

const hello = {
  type: 'hello',
  v: PROTOCOL_VERSION,
  signer: `0x${'ab'.repeat(20)}`,
  timestamp: 1_700_000_000,
  nonce: `0x${'01'.repeat(32)}`,
  signature: `0x${'cd'.repeat(65)}`,
};
const pong = { type: 'pong', v: PROTOCOL_VERSION, id: 'p-1' };
const subscribe = { type: 'subscribe', v: PROTOCOL_VERSION, topic: 'devices' };

describe('clientMessageSchema', () => {
  it.each([
    ['hello', hello],
    ['pong', pong],
    ['subscribe', subscribe],
  ])('accepts a valid %s', (_type, message) => {
    expect(clientMessageSchema.parse(message)).toEqual(message);
  });

  it('refuses an unknown type', () => {
    expect(clientMessageSchema.safeParse({ type: 'ping', v: PROTOCOL_VERSION, id: 'p-1' }).success).toBe(false);
    expect(clientMessageSchema.safeParse({ v: PROTOCOL_VERSION, id: 'p-1' }).success).toBe(false);
  });

  it.each([[2], [0], ['1'], [undefined]])('refuses protocol version %j', (v) => {
    expect(clientMessageSchema.safeParse({ ...pong, v }).success).toBe(false);
    expect(clientMessageSchema.safeParse({ ...subscribe, v }).success).toBe(false);
  });

  it('refuses extra keys', () => {
    expect(clientMessageSchema.safeParse({ ...pong, extra: 1 }).success).toBe(false);
  });

  it('refuses a subscription to an unknown topic', () => {
    expect(clientMessageSchema.safeParse({ ...subscribe, topic: 'jobs' }).success).toBe(false);
  });

  it('refuses a hello with a malformed signer, nonce, signature or timestamp', () => {
    expect(clientMessageSchema.safeParse({ ...hello, signer: '0xabc' }).success).toBe(false);
    expect(clientMessageSchema.safeParse({ ...hello, nonce: `0x${'01'.repeat(31)}` }).success).toBe(false);
    expect(clientMessageSchema.safeParse({ ...hello, signature: `0x${'cd'.repeat(64)}` }).success).toBe(false);
    expect(clientMessageSchema.safeParse({ ...hello, timestamp: 1.5 }).success).toBe(false);
    expect(clientMessageSchema.safeParse({ ...hello, timestamp: '1700000000' }).success).toBe(false);
  });

  it('refuses a pong id longer than 100 characters', () => {
    expect(clientMessageSchema.safeParse({ ...pong, id: 'x'.repeat(101) }).success).toBe(false);
    expect(clientMessageSchema.safeParse({ ...pong, id: 'x'.repeat(100) }).success).toBe(true);
  });
});

describe('challenge messages', () => {
  const id = `ch_${'0a'.repeat(16)}`;
  it('accepts a device ready and answer', () => {
    expect(clientMessageSchema.parse({ type: 'challenge.ready', v: PROTOCOL_VERSION, id, commitment: { root: '0x00' } }).type).toBe('challenge.ready');
    expect(clientMessageSchema.parse({ type: 'challenge.answer', v: PROTOCOL_VERSION, id, answer: { words: [1, 2] } }).type).toBe('challenge.answer');
  });

  it('refuses a malformed challenge id or a payload that is not an object', () => {
    expect(clientMessageSchema.safeParse({ type: 'challenge.ready', v: PROTOCOL_VERSION, id: 'ch_1', commitment: {} }).success).toBe(false);
    expect(clientMessageSchema.safeParse({ type: 'challenge.answer', v: PROTOCOL_VERSION, id, answer: [1] }).success).toBe(false);
  });

  it('accepts the coordinator side and refuses an unknown kind', () => {
    expect(serverMessageSchema.parse({ type: 'challenge.issued', v: PROTOCOL_VERSION, id, kind: 'memory', spec: {} }).type).toBe('challenge.issued');
    expect(serverMessageSchema.safeParse({ type: 'challenge.issued', v: PROTOCOL_VERSION, id, kind: 'gpu-count', spec: {} }).success).toBe(false);
    expect(serverMessageSchema.parse({ type: 'challenge.result', v: PROTOCOL_VERSION, id, kind: 'pow', passed: false, reason: 'deadline-missed' })).toMatchObject({ passed: false });
  });
});
