import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from '@noble/hashes/utils';
import { invalidChallenge } from './invalid-challenge';

/** A 32-byte seed as 64 lowercase hex characters (no `0x`): JSON- and WebSocket-safe. */
export type SeedHex = string;

const SEED_RE = /^[0-9a-f]{64}$/;

/**
 * Whether a value is a {@link SeedHex}.
 * @param value - anything
 */
export function isSeedHex(value: unknown): value is SeedHex {
  return typeof value === 'string' && SEED_RE.test(value);
}

/**
 * The seed's 32 bytes, or a VALIDATION_FAILED error naming the field.
 * @param seed - 64 lowercase hex characters
 * @param field - the field name for the error
 */
export function seedBytes(seed: unknown, field = 'seed'): Uint8Array {
  if (!isSeedHex(seed)) throw invalidChallenge(`${field} must be 64 lowercase hex characters`, { field });
  return hexToBytes(seed);
}

/**
 * A domain-separated child seed: SHA-256(label ‖ 0x00 ‖ seed). The coordinator derives every
 * public and secret value of a challenge from one secret seed with distinct labels, so a
 * device that sees one derived seed learns nothing about the others (probes, samples).
 * @param seed - the parent seed
 * @param label - what the child is for, e.g. `memory/fill`
 */
export function deriveSeed(seed: SeedHex, label: string): SeedHex {
  return bytesToHex(sha256(concatBytes(utf8ToBytes(label), new Uint8Array([0]), seedBytes(seed))));
}

/**
 * A big-endian uint32 as 4 bytes.
 * @param n - 0 <= n < 2^32
 */
export function u32be(n: number): Uint8Array {
  return new Uint8Array([(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
}

/**
 * The first 4 bytes of a digest as a big-endian uint32.
 * @param digest - at least 4 bytes
 */
export function firstU32(digest: Uint8Array): number {
  return ((digest[0]! << 24) | (digest[1]! << 16) | (digest[2]! << 8) | digest[3]!) >>> 0;
}
