import { describe, expect, it } from 'vitest';
import { sha256 } from '@noble/hashes/sha2';
import { utf8ToBytes } from '@noble/hashes/utils';
import { createPrfStream } from './prf-stream';
import { epochOrder } from './epoch-order';

const seed = new Uint8Array(32).fill(9);

describe('PRF stream', () => {
  it('is a function of seed, label and index only', () => {
    const draw = (label: string, index: number, s = seed): number[] => {
      const rng = createPrfStream({ seed: s, label, index });
      return Array.from({ length: 20 }, () => rng.nextU32());
    };
    expect(draw('init', 0)).toEqual(draw('init', 0));
    expect(draw('init', 0)).not.toEqual(draw('init', 1));
    expect(draw('init', 0)).not.toEqual(draw('batch', 0));
    expect(draw('init', 0)).not.toEqual(draw('init', 0, new Uint8Array(32)));
  });

  it('draws unbiased bounded integers, floats in [0, 1) and unit Gaussians', () => {
    const rng = createPrfStream({ seed, label: 'stats' });
    const counts = new Array(6).fill(0);
    for (let i = 0; i < 60_000; i++) counts[rng.nextBelow(6)]++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500); // > 5 sigma
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < 20_000; i++) {
      const u = rng.nextFloat();
      expect(u >= 0 && u < 1).toBe(true);
      const g = rng.nextGaussian();
      sum += g;
      sq += g * g;
    }
    expect(Math.abs(sum / 20_000)).toBeLessThan(0.05);
    expect(Math.abs(sq / 20_000 - 1)).toBeLessThan(0.05);
    expect(() => rng.nextBelow(0)).toThrow(RangeError);
    expect(() => createPrfStream({ seed, label: 'x', index: -1 })).toThrow(RangeError);
  });
});

describe('epochOrder', () => {
  const orderOf = (size: number, epoch = 0, s = seed): number[] => {
    const at = epochOrder(s, epoch, size);
    return Array.from({ length: size }, (_, i) => at(i));
  };
  const sorted = (xs: number[]): number[] => [...xs].sort((a, b) => a - b);

  it.each([1, 2, 3, 5, 16, 17, 150, 1000, 4097, 16_000])('is a permutation of 0..%i−1', (size) => {
    expect(sorted(orderOf(size))).toEqual(Array.from({ length: size }, (_, i) => i));
  });

  it('is fixed per (seed, epoch) and differs across epochs and seeds', () => {
    const p = orderOf(1000);
    expect(orderOf(1000)).toEqual(p);
    expect(orderOf(1000, 1)).not.toEqual(p);
    expect(orderOf(1000, 0, new Uint8Array(32))).not.toEqual(p);
  });

  it('shuffles: where position 0 lands is spread evenly over 400 epochs, and neighbours do not stay neighbours', () => {
    const firsts = Array.from({ length: 400 }, (_, e) => epochOrder(seed, e, 1000)(0));
    const low = firsts.filter((x) => x < 500).length;
    expect(Math.abs(low - 200)).toBeLessThan(50); // 5 sigma
    const p = orderOf(1000);
    const adjacent = p.slice(1).filter((x, i) => Math.abs(x - p[i]!) === 1).length;
    expect(adjacent).toBeLessThan(15); // about 2 expected of a random permutation
  });

  it('refuses positions outside the epoch and empty datasets', () => {
    const at = epochOrder(seed, 0, 10);
    expect(() => at(10)).toThrow(RangeError);
    expect(() => at(-1)).toThrow(RangeError);
    expect(() => at(1.5)).toThrow(RangeError);
    expect(() => epochOrder(seed, 0, 0)).toThrow(RangeError);
  });
});

describe('PRF stream definition', () => {
  it('block c is SHA-256(tag ‖ |seed| ‖ seed ‖ |label| ‖ label ‖ index ‖ c), read as little-endian uint32s', () => {
    const u32 = (n: number): number[] => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, n >>> 24];
    const label = utf8ToBytes('batch');
    const expected = [0, 1, 2].flatMap((c) => {
      const d = sha256(new Uint8Array([...utf8ToBytes('tensorgrid/prf/v1'), ...u32(seed.length), ...seed, ...u32(label.length), ...label, ...u32(7), ...u32(c)]));
      return Array.from({ length: 8 }, (_, i) => new DataView(d.buffer, d.byteOffset).getUint32(4 * i, true));
    });
    const rng = createPrfStream({ seed, label: 'batch', index: 7 });
    expect(Array.from({ length: 24 }, () => rng.nextU32())).toEqual(expected);
  });
});
