import { DEFAULT_NOMINATION_POLICY, DEFAULT_SPLIT_POLICY, type NominationEvidence } from '@tensorgrid/domain';
import { describe, expect, it } from 'vitest';
import { planBlock, type DeviceBlockEvidence } from './plan-block';

const H = 3_600_000;
const evidence: NominationEvidence = {
  window: { fromMs: 10 * H, toMs: 11 * H },
  changes: [{ at: 0, up: true }],
  challenges: [{ kind: 'pow', issuedAt: 10 * H, passed: true, reason: null }],
  stake: { active: 1n, minimum: 1n, meetsMinimum: true },
  blocked: false,
  simulated: false,
  score: 100,
};
const gpu = (deviceId: string, e: Partial<NominationEvidence> = {}): DeviceBlockEvidence => ({
  deviceId,
  account: deviceId,
  weightInputs: { kind: 'gpu', gpuModel: 'NVIDIA GeForce RTX 4090', gpuCount: 1, cpuCores: 8 },
  evidence: { ...evidence, ...e },
});

describe('planBlock', () => {
  it('pays nominees by weight and lists misses with their criteria; the empty CPU pool stays unallocated', () => {
    const plan = planBlock([gpu('a'), gpu('b'), gpu('c', { blocked: true })], { deviceEmission: 1_000n, nomination: DEFAULT_NOMINATION_POLICY, split: DEFAULT_SPLIT_POLICY });
    expect(plan.split.gpu.leaves.map((l) => [l.deviceId, l.amount])).toEqual([['a', 475n], ['b', 475n]]);
    expect(plan.split.cpu.unallocated).toBe(50n);
    expect(plan.misses).toEqual([{ deviceId: 'c', account: 'c', failed: [{ code: 'blocked' }] }]);
  });

  it('weights nominees by their score, and pays nothing to a device scoring below the threshold', () => {
    const plan = planBlock([gpu('a'), gpu('b', { score: 50 }), gpu('c', { score: 20 })], { deviceEmission: 1_000n, nomination: DEFAULT_NOMINATION_POLICY, split: DEFAULT_SPLIT_POLICY });
    const [a, b] = plan.split.gpu.leaves;
    expect([a?.deviceId, b?.deviceId]).toEqual(['a', 'b']);
    // Weight ∝ score: 100 : 50 of the GPU pool's 950, the remainder wei to the largest fraction.
    expect([a!.amount, b!.amount]).toEqual([633n, 317n]);
    expect(plan.misses).toEqual([{ deviceId: 'c', account: 'c', failed: [{ code: 'score-below-threshold', score: 20, threshold: 40 }] }]);
  });
});
