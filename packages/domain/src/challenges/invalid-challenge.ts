import { BaseError } from '@tensorgrid/protocol';

/**
 * The typed error for an absurd or malformed challenge spec, policy or claim
 * (VALIDATION_FAILED, not retryable). Both sides use it: the coordinator when planning,
 * the worker before allocating anything a spec asks for.
 * @param message - what is wrong
 * @param data - the offending field and values
 */
export function invalidChallenge(message: string, data: Record<string, unknown> = {}): BaseError {
  return new BaseError('VALIDATION_FAILED', `Invalid challenge: ${message}`, { data });
}

/**
 * Checks that `value` is an integer in [min, max]; throws {@link invalidChallenge} otherwise.
 * @param field - the field name, for the error
 * @param value - the untrusted value
 * @param range - inclusive bounds
 */
export function requireInt(field: string, value: unknown, range: { min: number; max: number }): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < range.min || value > range.max) {
    throw invalidChallenge(`${field} must be an integer in [${range.min}, ${range.max}]`, { field, value, ...range });
  }
  return value;
}

/**
 * Checks that `value` is a finite number in [min, max].
 * @param field - the field name, for the error
 * @param value - the untrusted value
 * @param range - inclusive bounds
 */
export function requireNumber(field: string, value: unknown, range: { min: number; max: number }): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < range.min || value > range.max) {
    throw invalidChallenge(`${field} must be a number in [${range.min}, ${range.max}]`, { field, value, ...range });
  }
  return value;
}

/**
 * Whether n is a power of two (n >= 1).
 * @param n - an integer
 */
export function isPowerOfTwo(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 1 && (n & (n - 1)) === 0 && n <= 2 ** 30;
}
