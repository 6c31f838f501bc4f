import { describe, expect, it } from 'vitest';
import { BaseError, isBaseError } from './base-error';

describe('BaseError', () => {
  it('keeps code and short message, and is an Error named BaseError', () => {
    const err = new BaseError('DEVICE_NOT_FOUND', 'No device 0xabc');
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('BaseError');
    expect(err.code).toBe('DEVICE_NOT_FOUND');
    expect(err.shortMessage).toBe('No device 0xabc');
    expect(err.message).toBe('No device 0xabc');
    expect(err.details).toBeUndefined();
  });

  it('appends details to the message but not to the short message', () => {
    const err = new BaseError('CONFIG_INVALID', 'Bad config', { details: 'Fix the file.' });
    expect(err.message).toBe('Bad config\n\nFix the file.');
    expect(err.shortMessage).toBe('Bad config');
    expect(err.details).toBe('Fix the file.');
  });

  it('defaults data to an empty object and keeps given data', () => {
    expect(new BaseError('INTERNAL', 'x').data).toEqual({});
    expect(new BaseError('DEVICE_NOT_FOUND', 'x', { data: { id: '0xabc' } }).data).toEqual({ id: '0xabc' });
  });

  it('does not share the default data object between errors', () => {
    const a = new BaseError('INTERNAL', 'a');
    a.data.touched = true;
    expect(new BaseError('INTERNAL', 'b').data).toEqual({});
  });

  it('takes retryable from the code table by default', () => {
    expect(new BaseError('UNAVAILABLE', 'x').retryable).toBe(true);
    expect(new BaseError('VALIDATION_FAILED', 'x').retryable).toBe(false);
  });

  it('lets the caller override retryable either way', () => {
    expect(new BaseError('INTERNAL', 'x', { retryable: false }).retryable).toBe(false);
    expect(new BaseError('VALIDATION_FAILED', 'x', { retryable: true }).retryable).toBe(true);
  });

  it('keeps the cause', () => {
    const cause = new Error('socket hang up');
    expect(new BaseError('NETWORK_ERROR', 'x', { cause }).cause).toBe(cause);
    expect(new BaseError('NETWORK_ERROR', 'x', { cause: 'a string' }).cause).toBe('a string');
  });

  it('has no cause when none is given', () => {
    expect('cause' in new BaseError('INTERNAL', 'x')).toBe(false);
  });
});

describe('isBaseError', () => {
  it('recognises a BaseError', () => {
    expect(isBaseError(new BaseError('INTERNAL', 'x'))).toBe(true);
  });

  it('recognises a structural copy (another package copy of the class)', () => {
    const copy = Object.assign(new Error('x'), { name: 'BaseError', code: 'NOT_FOUND' });
    expect(isBaseError(copy)).toBe(true);
  });

  it('refuses errors that only look partly alike', () => {
    expect(isBaseError(new Error('x'))).toBe(false);
    expect(isBaseError(Object.assign(new Error('x'), { name: 'BaseError' }))).toBe(false);
    expect(isBaseError(Object.assign(new Error('x'), { name: 'BaseError', code: 404 }))).toBe(false);
    expect(isBaseError(Object.assign(new Error('x'), { code: 'NOT_FOUND' }))).toBe(false);
  });

  it('refuses non-errors, even with the right fields', () => {
    expect(isBaseError({ name: 'BaseError', code: 'NOT_FOUND', message: 'x' })).toBe(false);
    expect(isBaseError(null)).toBe(false);
    expect(isBaseError(undefined)).toBe(false);
    expect(isBaseError('BaseError')).toBe(false);
  });
});
