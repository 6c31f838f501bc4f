import { blake3 } from '@noble/hashes/blake3';
import { bytesToHex } from '@noble/hashes/utils';
import { describe, expect, it } from 'vitest';
import { BLAKE3_SHORT_MAX_BYTES, blake3Short } from './blake3-short';

/** The BLAKE3 test vectors' input: byte i is i mod 251. */
const vectorInput = (n: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => i % 251);

describe('blake3Short', () => {
  it('gives the published BLAKE3 digests', () => {
    // From the BLAKE3 team's test_vectors.json (first 32 bytes of the extended output).
    expect(bytesToHex(blake3Short(vectorInput(0)))).toBe('af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262');
    expect(bytesToHex(blake3Short(vectorInput(1)))).toBe('2d3adedff11b61f14c886e35afa036736dcd87a74d27b5c1510225d0f592e213');
    expect(bytesToHex(blake3Short(vectorInput(1024)))).toBe('42214739f095a406f3fc83deb889744ac00df831c10daa55189b5d121c855af7');
  });

  it('agrees with @noble/hashes at every length of one chunk', () => {
    let x = 0x9e3779b9;
    for (let n = 0; n <= BLAKE3_SHORT_MAX_BYTES; n++) {
      const bytes = Uint8Array.from({ length: n }, () => ((x = (Math.imul(x, 1103515245) + 12345) | 0) >>> 16) & 255);
      expect(bytesToHex(blake3Short(bytes)), `length ${n}`).toBe(bytesToHex(blake3(bytes)));
    }
  });

  it('returns a fresh digest each call and leaves its input alone', () => {
    const input = vectorInput(65);
    const first = blake3Short(input);
    const second = blake3Short(vectorInput(33));
    expect(bytesToHex(first)).toBe(bytesToHex(blake3(vectorInput(65))));
    expect(first).not.toBe(second);
    expect(input).toEqual(vectorInput(65));
  });

  it('refuses more than one chunk', () => {
    expect(() => blake3Short(new Uint8Array(BLAKE3_SHORT_MAX_BYTES + 1))).toThrow(RangeError);
  });
});
