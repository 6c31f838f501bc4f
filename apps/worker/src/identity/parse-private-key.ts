import { BaseError } from '@tensorgrid/protocol';
import { privateKeyToAccount, type PrivateKeyAccount } from 'viem/accounts';

/** A private key as files and configuration hold it: 0x and 32 bytes of hex. */
export const PRIVATE_KEY_PATTERN = /^0x[0-9a-fA-F]{64}$/;

/**
 * Turns an explicitly configured private key into an account. Operator ("master") keys come
 * only from here: they are never generated.
 * @param key - a 0x-prefixed 32-byte hex key
 * @param what - which key, for the error message (e.g. "operator key")
 * @throws {BaseError} KEY_INVALID
 */
export function parsePrivateKey(key: string, what: string): PrivateKeyAccount {
  const trimmed = key.trim();
  if (!PRIVATE_KEY_PATTERN.test(trimmed)) {
    throw new BaseError('KEY_INVALID', `The ${what} is not a 0x-prefixed 32-byte hex private key`);
  }
  return privateKeyToAccount(trimmed as `0x${string}`);
}
