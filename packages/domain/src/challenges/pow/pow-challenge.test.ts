import { describe, expect, it } from 'vitest';
import { checkPowSolution, leadingZeroBits, planPowChallenge, solvePow, validatePowSpec, type PowChallengeSpec } from './pow-challenge';
import { DEVNET_POW_POLICY } from './pow-policy';

const SEED = '3a'.repeat(32);

describe('proof of work', () => {
  it('finds the nonces an independent Python implementation finds (known answer)', () => {
    const spec: PowChallengeSpec = { kind: 'pow', version: 1, seed: 'ef'.repeat(32), deviceId: '0xdev', difficultyBits: 6, shares: 4, claimedHashesPerSecond: 1, deadlineMs: 1 };
    expect(solvePow(spec)).toEqual([94, 95, 223, 355]);
  });

  it('counts leading zero bits', () => {
    expect(leadingZeroBits(new Uint8Array([0, 0x10, 0xff]))).toBe(11);
    expect(leadingZeroBits(new Uint8Array([0x80]))).toBe(0);
    expect(leadingZeroBits(new Uint8Array(4))).toBe(32);
  });

  it('sizes difficulty and deadline from the claimed rate', () => {
    const spec = planPowChallenge({ claim: { hashesPerSecond: 1_000_000 }, deviceId: 'dev-1', seed: SEED });
    expect(spec.difficultyBits).toBe(Math.floor(Math.log2((1e6 * 0.5) / 128)));
    expect(spec.deadlineMs).toBeCloseTo(20 + ((128 * 2 ** spec.difficultyBits) / 1e6) * 1000 * 1.5, 6);
    expect(validatePowSpec(JSON.parse(JSON.stringify(spec)))).toEqual(spec);
    expect(() => planPowChallenge({ claim: { hashesPerSecond: -5 }, deviceId: 'd', seed: SEED })).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(() => validatePowSpec({ ...spec, difficultyBits: 500 })).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });

  const spec = planPowChallenge({ claim: { hashesPerSecond: 2000 }, deviceId: 'dev-1', policy: { ...DEVNET_POW_POLICY, shares: 8 }, seed: SEED });
  const nonces = solvePow(spec);

  it('passes a correct solution in time and reports a rate', () => {
    const v = checkPowSolution({ spec, nonces, elapsedMs: 100 });
    expect(v).toMatchObject({ passed: true, reason: null });
    expect(v.metrics.hashesPerSecond).toBeCloseTo((8 * 2 ** spec.difficultyBits) / 0.1, 6);
  });

  it('fails late, wrong, duplicate, missing and other-device solutions', () => {
    expect(checkPowSolution({ spec, nonces, elapsedMs: spec.deadlineMs + 1 })).toMatchObject({ reason: 'deadline-missed' });
    const bad = nonces.map((n, i) => (i === 0 ? n + 1 : n));
    if (bad[0] !== nonces[1]) expect(checkPowSolution({ spec, nonces: bad, elapsedMs: 1 }).reason).toMatch(/wrong-answer|malformed-answer/);
    expect(checkPowSolution({ spec, nonces: [nonces[0], ...nonces.slice(0, -1)], elapsedMs: 1 })).toMatchObject({ reason: 'malformed-answer' });
    expect(checkPowSolution({ spec, nonces: nonces.slice(1), elapsedMs: 1 })).toMatchObject({ reason: 'no-answer' });
    const other = { ...spec, deviceId: 'dev-2' };
    expect(checkPowSolution({ spec: other, nonces, elapsedMs: 1 })).toMatchObject({ reason: 'wrong-answer' });
  });
});
