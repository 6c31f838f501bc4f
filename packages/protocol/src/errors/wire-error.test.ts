import { describe, expect, it } from 'vitest';
import { BaseError } from './base-error';
import { fromWireError, toWireError } from './wire-error';

describe('toWireError', () => {
  it('sends code, short message, details, data and retryable', () => {
    const err = new BaseError('DEVICE_NOT_FOUND', 'No device 0xabc', { details: 'Register it first.', data: { id: '0xabc' } });
    expect(toWireError(err)).toEqual({
      error: { code: 'DEVICE_NOT_FOUND', message: 'No device 0xabc', details: 'Register it first.', data: { id: '0xabc' }, retryable: false },
    });
  });

  it('leaves details out when there are none', () => {
    expect('details' in toWireError(new BaseError('INTERNAL', 'x')).error).toBe(false);
  });

  it('never sends the cause', () => {
    const wire = toWireError(new BaseError('INTERNAL', 'x', { cause: new Error('secret database password') }));
    expect(JSON.stringify(wire)).not.toContain('secret');
  });
});

describe('fromWireError', () => {
  it('round-trips code, message, details, data and retryable through JSON', () => {
    const sent = new BaseError('STALE_SEQUENCE', 'Heartbeat 3 is not after 5', { details: 'Send a higher seq.', data: { seq: 3, last: 5 } });
    const got = fromWireError(JSON.parse(JSON.stringify(toWireError(sent))));
    expect(got).toBeInstanceOf(BaseError);
    expect(got?.code).toBe('STALE_SEQUENCE');
    expect(got?.shortMessage).toBe('Heartbeat 3 is not after 5');
    expect(got?.message).toBe(sent.message);
    expect(got?.details).toBe('Send a higher seq.');
    expect(got?.data).toEqual({ seq: 3, last: 5 });
    expect(got?.retryable).toBe(false);
  });

  it('round-trips an overridden retryable', () => {
    const got = fromWireError(toWireError(new BaseError('INTERNAL', 'x', { retryable: false })));
    expect(got?.retryable).toBe(false);
  });

  it('fills in data and retryable from the table when the body leaves them out', () => {
    const got = fromWireError({ error: { code: 'UNAVAILABLE', message: 'slow down' } });
    expect(got?.code).toBe('UNAVAILABLE');
    expect(got?.data).toEqual({});
    expect(got?.retryable).toBe(true);
    expect(got?.details).toBeUndefined();
  });

  it.each([
    ['null', null],
    ['a string', 'Internal Server Error'],
    ['an empty object', {}],
    ['a body without error', { message: 'x' }],
    ['an error that is a string', { error: 'DEVICE_NOT_FOUND' }],
    ['an error without message', { error: { code: 'DEVICE_NOT_FOUND' } }],
    ['an error with non-object data', { error: { code: 'DEVICE_NOT_FOUND', message: 'x', data: 'id' } }],
  ])('returns undefined for %s', (_label, body) => {
    expect(fromWireError(body)).toBeUndefined();
  });

  it('returns undefined for an unknown code', () => {
    expect(fromWireError({ error: { code: 'TEAPOT', message: 'x' } })).toBeUndefined();
  });
});
