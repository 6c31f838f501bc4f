import { describe, expect, it } from 'vitest';
import { float32Bytes, markNanFree } from './float32-bytes';

const withBits = (length: number, at: number, bits: number): Float32Array => {
  const v = Float32Array.from({ length }, (_, i) => i - 3.5);
  new Uint32Array(v.buffer)[at] = bits;
  return v;
};

describe('float32Bytes', () => {
  it('shares memory with a vector whose every entry is finite, extremes included', () => {
    // largest finite ±, smallest subnormal ±, ±0: exponents up to 0xfe and down to 0
    for (const bits of [0x7f7fffff, 0xff7fffff, 0x00000001, 0x80000001, 0x00000000, 0x80000000]) {
      for (let at = 0; at < 7; at++) {
        const v = withBits(7, at, bits);
        const out = float32Bytes(v);
        expect(out.buffer).toBe(v.buffer);
        expect(Array.from(out)).toEqual(Array.from(new Uint8Array(v.buffer)));
      }
    }
  });

  it('copies, with the same bytes, a vector holding ±Infinity in any lane or the tail', () => {
    for (const bits of [0x7f800000, 0xff800000]) {
      for (let at = 0; at < 7; at++) {
        const v = withBits(7, at, bits);
        const out = float32Bytes(v);
        expect(out.buffer).not.toBe(v.buffer);
        expect(Array.from(out)).toEqual(Array.from(new Uint8Array(v.buffer)));
      }
    }
  });

  it('writes a NaN of any sign and payload as 0x7fc00000, little-endian', () => {
    const v = withBits(5, 4, 0xffc00001);
    const out = float32Bytes(v.subarray(2));
    expect(Array.from(out.subarray(8))).toEqual([0x00, 0x00, 0xc0, 0x7f]);
    expect(Array.from(out.subarray(0, 8))).toEqual(Array.from(new Uint8Array(v.buffer, 8, 8)));
  });

  it('shares memory with a vector its writer marked NaN-free, ±Infinity included, with the bytes a scan would give', () => {
    const v = withBits(7, 3, 0xff800000);
    const scanned = Array.from(float32Bytes(v));
    markNanFree(v);
    const out = float32Bytes(v);
    expect(out.buffer).toBe(v.buffer);
    expect(Array.from(out)).toEqual(scanned);
    // A copy is not marked: it is scanned again.
    expect(float32Bytes(v.slice()).buffer).not.toBe(v.buffer);
  });
});
