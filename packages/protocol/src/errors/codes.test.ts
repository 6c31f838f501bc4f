import { describe, expect, it } from 'vitest';
import { ERROR_CODES, ERROR_CODE_LIST, httpStatusOf, isErrorCode, isRetryableCode } from './codes';

describe('ERROR_CODES', () => {
  it('lists every code exactly once', () => {
    expect(ERROR_CODE_LIST).toEqual(Object.keys(ERROR_CODES));
    expect(new Set(ERROR_CODE_LIST).size).toBe(ERROR_CODE_LIST.length);
  });

  it.each(ERROR_CODE_LIST)('%s is carried by a 4xx or 5xx status', (code) => {
    const status = httpStatusOf(code);
    expect(Number.isInteger(status)).toBe(true);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(600);
  });

  it('maps well-known codes to their statuses', () => {
    expect(httpStatusOf('VALIDATION_FAILED')).toBe(400);
    expect(httpStatusOf('UNAUTHENTICATED')).toBe(401);
    expect(httpStatusOf('DEVICE_NOT_FOUND')).toBe(404);
    expect(httpStatusOf('STALE_SEQUENCE')).toBe(409);
    expect(httpStatusOf('PAYLOAD_TOO_LARGE')).toBe(413);
    expect(httpStatusOf('PAYLOAD_TOO_LARGE')).toBe(413);
    expect(httpStatusOf('INTERNAL')).toBe(500);
    expect(httpStatusOf('REWARD_BLOCK_NOT_FOUND')).toBe(404);
  });
});

describe('isRetryableCode', () => {
  it.each(ERROR_CODE_LIST)('%s follows the table', (code) => {
    expect(isRetryableCode(code)).toBe(ERROR_CODES[code].retryable);
  });

  it('says a transient failure may succeed and a refusal will not', () => {
    for (const code of ['CHAIN_ERROR', 'INTERNAL', 'UNAVAILABLE', 'TIMEOUT', 'NETWORK_ERROR'] as const) expect(isRetryableCode(code)).toBe(true);
    for (const code of ['VALIDATION_FAILED', 'SIGNATURE_INVALID', 'NONCE_REPLAYED', 'DEVICE_BLOCKED', 'MIXED_GPU_MODELS'] as const) expect(isRetryableCode(code)).toBe(false);
  });
});

describe('isErrorCode', () => {
  it('accepts every known code', () => {
    for (const code of ERROR_CODE_LIST) expect(isErrorCode(code)).toBe(true);
  });

  it.each([['not_found'], ['NOPE'], [''], ['toString'], ['constructor'], ['__proto__'], ['hasOwnProperty']])('refuses the string %j', (value) => {
    expect(isErrorCode(value)).toBe(false);
  });

  it.each([[404], [null], [undefined], [{ code: 'NOT_FOUND' }], [['NOT_FOUND']]])('refuses the non-string %j', (value) => {
    expect(isErrorCode(value)).toBe(false);
  });
});
