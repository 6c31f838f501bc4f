import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, concatBytes, utf8ToBytes } from '@noble/hashes/utils';
import { describe, expect, it } from 'vitest';
import { stateHash } from './state-hash';
import type { TrainingState } from './training-state';

const specHash = sha256(utf8ToBytes('spec'));

function le32(n: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n, true);
  return b;
}

function f32le(values: number[]): Uint8Array {
  const b = new Uint8Array(4 * values.length);
  values.forEach((v, i) => new DataView(b.buffer).setFloat32(4 * i, v, true));
  return b;
}

describe('stateHash', () => {
  it('hashes exactly the documented byte layout', () => {
    const state: TrainingState = { step: 258, params: Float32Array.of(1.5, -2, Infinity), slots: [Float32Array.of(0.25, 0, -0), Float32Array.of(3, 4, 5)] };
    const expected = sha256(concatBytes(
      utf8ToBytes('tensorgrid/state/v1'), le32(5), utf8ToBytes('job-7'), le32(258), specHash,
      le32(3), f32le([1.5, -2, Infinity]), le32(2), f32le([0.25, 0, -0]), f32le([3, 4, 5]),
    ));
    expect(stateHash({ jobId: 'job-7', specHash }, state)).toBe(bytesToHex(expected));
  });

  it('writes every NaN as the canonical quiet NaN, whatever bits the engine stored', () => {
    const a = new Float32Array(3);
    const b = new Float32Array(3);
    new Uint32Array(a.buffer).set([0x7fc00000, 0x3f800000, 0xffc00001]);
    new Uint32Array(b.buffer).set([0xffc00000, 0x3f800000, 0x7f800001]);
    const h = (params: Float32Array): string => stateHash({ jobId: 'j', specHash }, { step: 1, params, slots: [] });
    expect(h(a)).toBe(h(b));
    expect(h(a)).toBe(h(Float32Array.of(NaN, 1, NaN)));
    expect(h(Float32Array.of(Infinity, 1, NaN))).not.toBe(h(a));
  });

  it('finds a non-canonical NaN in any lane of the unrolled scan and in the tail', () => {
    const h = (params: Float32Array): string => stateHash({ jobId: 'j', specHash }, { step: 1, params, slots: [] });
    for (let at = 0; at < 11; at++) {
      const odd = Float32Array.from({ length: 11 }, (_, i) => i / 8);
      new Uint32Array(odd.buffer)[at] = 0xffc00001; // a negative NaN with payload
      const canonical = odd.slice();
      canonical[at] = NaN;
      expect(new Uint32Array(canonical.buffer)[at]).not.toBe(0xffc00001);
      expect(h(odd)).toBe(h(canonical));
    }
  });

  it('binds the job id, the step and the spec hash', () => {
    const state: TrainingState = { step: 3, params: Float32Array.of(1, 2), slots: [Float32Array.of(0, 0)] };
    const base = stateHash({ jobId: 'a', specHash }, state);
    expect(stateHash({ jobId: 'b', specHash }, state)).not.toBe(base);
    expect(stateHash({ jobId: 'a', specHash }, { ...state, step: 4 })).not.toBe(base);
    expect(stateHash({ jobId: 'a', specHash: sha256(utf8ToBytes('other')) }, state)).not.toBe(base);
    expect(() => stateHash({ jobId: 'a', specHash: new Uint8Array(31) }, state)).toThrow(RangeError);
  });
});
