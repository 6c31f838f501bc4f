import { sha256 } from '@noble/hashes/sha2';
import { describe, expect, it } from 'vitest';
import { sha256Counter } from './sha256-counter';

const littleEndianWords = (digest: Uint8Array): number[] => Array.from({ length: 8 }, (_, i) => new DataView(digest.buffer, digest.byteOffset).getUint32(4 * i, true));

describe('sha256Counter', () => {
  it('equals SHA-256(prefix ‖ u32le c) for every prefix length across two blocks and counters up to 2³²−1', () => {
    const out = new Uint32Array(8);
    for (let n = 0; n <= 140; n++) {
      const prefix = Uint8Array.from({ length: n }, (_, i) => (i * 151 + n) & 255);
      const next = sha256Counter(prefix);
      for (const c of [0, 1, 255, 256, 65_537, 0x7fffffff, 0xffffffff]) {
        const message = new Uint8Array(n + 4);
        message.set(prefix);
        new DataView(message.buffer).setUint32(n, c, true);
        next(c, out);
        expect(Array.from(out), `prefix ${n} bytes, counter ${c}`).toEqual(littleEndianWords(sha256(message)));
      }
    }
  });

  it('gives the same block for a counter whatever was drawn before', () => {
    const next = sha256Counter(new Uint8Array(70).fill(7));
    const first = new Uint32Array(8);
    const again = new Uint32Array(8);
    next(3, first);
    next(9, again);
    next(3, again);
    expect(Array.from(again)).toEqual(Array.from(first));
  });
});
