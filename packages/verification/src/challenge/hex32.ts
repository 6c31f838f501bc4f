import { parseOrThrow } from '@tensorgrid/protocol';
import { z } from 'zod';

/** 32 bytes as hex, with or without a 0x prefix, any case (block hashes come as 0x…). */
export const hex32Schema = z
  .string()
  .regex(/^(0x)?[0-9a-fA-F]{64}$/, 'must be 32 bytes as hex (64 hex digits, optional 0x)')
  .transform((s) => s.replace(/^0x/, '').toLowerCase());

/**
 * Normalises 32-byte hex (VALIDATION_FAILED naming `what` otherwise).
 * @param value - the hex string
 * @param what - what it is, for the error
 */
export function parseHex32(value: unknown, what: string): string {
  return parseOrThrow(hex32Schema, value, what);
}
