import { describe, expect, it } from 'vitest';
import { exp32, expF64 } from './exp32';
import { log32, logF64 } from './log32';
import { cosPi } from './cos-pi';
import { powInt } from './pow-int';
import { createPrfStream } from '../prf/prf-stream';

/** Distance in float32 units in the last place (same-sign finite values). */
function ulps(a: number, b: number): number {
  const bits = new Uint32Array(new Float32Array([a, b]).buffer);
  return Math.abs(bits[0]! - bits[1]!);
}

describe('exp32', () => {
  it('is within 1 float32 ulp of Math.exp over the whole finite range', () => {
    let worst = 0;
    let differ = 0;
    const n = 200_000;
    for (let i = 0; i <= n; i++) {
      const x = Math.fround(-103.9 + (192.6 * i) / n);
      const ours = exp32(x);
      const ref = Math.fround(Math.exp(x));
      if (ref === 0 || ref === Infinity) continue;
      worst = Math.max(worst, ulps(ours, ref));
      if (ours !== ref) differ++;
    }
    expect(worst).toBeLessThanOrEqual(1);
    expect(differ / n).toBeLessThan(0.001);
  });

  it('has a float64 core accurate to 2^-50 relative', () => {
    for (let x = -700; x <= 700; x += 0.37) expect(Math.abs(expF64(x) / Math.exp(x) - 1)).toBeLessThan(2 ** -50);
  });

  it('saturates and keeps special values', () => {
    expect(exp32(0)).toBe(1);
    expect(exp32(89)).toBe(Infinity);
    expect(exp32(-105)).toBe(0);
    expect(exp32(-Infinity)).toBe(0);
    expect(exp32(Infinity)).toBe(Infinity);
    expect(exp32(NaN)).toBeNaN();
    expect(exp32(1)).toBe(Math.fround(Math.E));
  });
});

describe('log32', () => {
  it('is within 1 float32 ulp of Math.log on positive float32s of every exponent, subnormals included', () => {
    const rng = createPrfStream({ seed: new Uint8Array(32), label: 'log-test' });
    const bits = new Uint32Array(100_000);
    for (let i = 0; i < bits.length; i++) bits[i] = 1 + (rng.nextU32() % 0x7f7fffff);
    let worst = 0;
    for (const x of new Float32Array(bits.buffer)) {
      const ours = log32(x);
      const ref = Math.fround(Math.log(x));
      worst = Math.max(worst, ours === ref ? 0 : Math.sign(ours) === Math.sign(ref) ? ulps(ours, ref) : Infinity);
    }
    expect(worst).toBeLessThanOrEqual(1);
  });

  it('has a float64 core accurate to 2^-50 relative away from 1', () => {
    for (let x = 1e-300; x < 1e300; x *= 1.7) if (Math.abs(x - 1) > 0.01) expect(Math.abs(logF64(x) / Math.log(x) - 1)).toBeLessThan(2 ** -50);
  });

  it('keeps special values', () => {
    expect(log32(1)).toBe(0);
    expect(log32(0)).toBe(-Infinity);
    expect(log32(-1)).toBeNaN();
    expect(log32(Infinity)).toBe(Infinity);
    expect(log32(NaN)).toBeNaN();
    expect(log32(Math.E)).toBe(Math.fround(Math.log(Math.fround(Math.E)))); // ln of float32(e), just below 1
  });
});

describe('cosPi and powInt', () => {
  it('cosPi matches Math.cos(π·u) to 1e-15 and is clamped to [0, 1]', () => {
    for (let u = 0; u <= 1; u += 1 / 1024) expect(Math.abs(cosPi(u) - Math.cos(Math.PI * u))).toBeLessThan(1e-15);
    expect(cosPi(-1)).toBe(cosPi(0));
    expect(cosPi(0)).toBeCloseTo(1, 15);
    expect(cosPi(1)).toBeCloseTo(-1, 15);
  });

  it('powInt matches ** closely and rejects non-integer exponents', () => {
    for (const b of [0.9, 0.999, 1.5, -2]) for (const n of [0, 1, 2, 3, 10, 99, 1000]) expect(Math.abs(powInt(b, n) - b ** n)).toBeLessThanOrEqual(Math.abs(b ** n) * 1e-13);
    expect(() => powInt(2, 1.5)).toThrow(RangeError);
    expect(() => powInt(2, -1)).toThrow(RangeError);
  });
});
