import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import { describe, expect, it } from 'vitest';
import { sha256Short } from './sha256-compress';

describe('sha256Short', () => {
  it('gives the FIPS 180-4 digests of "abc" and of the empty message', () => {
    expect(bytesToHex(sha256Short(utf8ToBytes('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(bytesToHex(sha256Short(new Uint8Array(0)))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('equals @noble/hashes\' SHA-256 at every length around the padding boundaries and on long inputs', () => {
    const lengths = [...Array.from({ length: 200 }, (_, n) => n), 1000, 4097];
    for (const n of lengths) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 151 + n * 7) & 255);
      expect(bytesToHex(sha256Short(bytes)), `length ${n}`).toBe(bytesToHex(sha256(bytes)));
    }
  });

  it('returns a fresh digest each call (its scratch does not leak into earlier results)', () => {
    const a = sha256Short(utf8ToBytes('first'));
    const copy = a.slice();
    sha256Short(new Uint8Array(130).fill(9));
    expect(a).toEqual(copy);
  });
});
