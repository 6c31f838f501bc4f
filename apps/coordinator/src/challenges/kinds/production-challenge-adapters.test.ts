import {
  computeSpecFlops,
  COMPUTE_MAX_LOOPS,
  DEFAULT_POW_POLICY,
  gpuReferenceFlops,
  planPowChallenge,
  validateComputeSpec,
  type ChallengeKind,
  type ComputeChallengeSpec,
  type DeviceRecord,
  type MemoryChallengeSpec,
  type PowChallengeSpec,
} from '@tensorgrid/domain';
import { sampleGpu, sampleHardware } from '@tensorgrid/test-utils';
import { describe, expect, it } from 'vitest';
import type { ChallengeKindAdapter } from '../challenge-kind-adapter';
import { challengeAdaptersFor } from './challenge-adapters-for';
import { PRODUCTION_CPU_BASELINES, productionChallengeAdapters } from './production-challenge-adapters';

const SEED = 'ab'.repeat(32);
const H100 = 'NVIDIA H100 80GB HBM3';
const H100_VRAM_MIB = 81_559;
const GiB = 2 ** 30;

const device = (hardware: DeviceRecord['hardware'], simulated = false): DeviceRecord =>
  ({ id: '0x0000000000000000000000000000000000000001', operator: null, state: 'available', gpuModel: hardware.gpus[0]?.model ?? null, hardware, simulated, registeredAt: 0, stateChangedAt: 0, lastHeartbeatAt: 0, heartbeatSeq: 1, location: null }) as DeviceRecord;
const h100s = (count: number) => device(sampleHardware(Array.from({ length: count }, (_, i) => ({ ...sampleGpu(i, H100), vramMiB: H100_VRAM_MIB }))));
/** A CPU worker reporting `cores` cores and 128 GiB of RAM. */
const cpuWorker = (cores: number) => device({ ...sampleHardware(), cpu: { model: 'AMD EPYC 7763 64-Core Processor', cores, threads: cores * 2 } });

function plan<T>(adapters: readonly ChallengeKindAdapter[], kind: ChallengeKind, of: DeviceRecord): T | null {
  const planned = adapters.find((a) => a.kind === kind)!.plan({ device: of, seed: SEED });
  return planned ? (planned.spec as unknown as T) : null;
}

/** The ms a device computing at `flops` takes for a spec's work. */
const msAt = (spec: ComputeChallengeSpec, flops: number) => (computeSpecFlops(spec) / flops) * 1000;

describe('productionChallengeAdapters', () => {
  const production = productionChallengeAdapters();
  const devnet = challengeAdaptersFor('devnet');

  it('gives a real H100 an applicable compute challenge at its kernel rate (the devnet policy finds it too large)', () => {
    const spec = plan<ComputeChallengeSpec>(production.gpu, 'compute', h100s(1))!;
    expect(spec).toMatchObject({ n: 4096, tile: 256, claimedFlops: gpuReferenceFlops(H100), loops: Math.round((gpuReferenceFlops(H100) * 30) / (2 * 4096 ** 3)) });
    // Measured on an H100: 0.38 ms a loop, in time with room; an A100 (312 against 989 TFLOP/s of BF16) posing as one is late.
    expect(spec.loops * 0.38).toBeLessThan(spec.deadlineMs / 1.4);
    expect(spec.loops * 0.38 * (989.4 / 312)).toBeGreaterThan(spec.deadlineMs * 1.5);
    expect(spec.deadlineMs).toBeCloseTo(2000 + 30_000 * 1.5, -2);
    expect(() => validateComputeSpec(spec)).not.toThrow();
    expect(plan(devnet.gpu, 'compute', h100s(1))).toBeNull();
  });

  it('fills 90 % of an H100’s VRAM (what a card can hold beside its CUDA context), where the devnet fills 1/256 of it', () => {
    const spec = plan<MemoryChallengeSpec>(production.gpu, 'memory', h100s(1))!;
    expect(spec).toMatchObject({ scale: 0.9, claimedBytes: H100_VRAM_MIB * 2 ** 20, pageWords: 2 ** 20, pages: Math.floor((H100_VRAM_MIB * 0.9) / 4), probes: 4096 });
    expect(spec.pages * 4).toBeLessThan(78.3 * 1024); // MiB torch saw free on an H100 80GB with its context up
    expect(plan<MemoryChallengeSpec>(devnet.gpu, 'memory', h100s(1))!.scale).toBe(1 / 256);
  });

  it('gives an 8×H100 rig its full 30 s within what a worker accepts', () => {
    const spec = plan<ComputeChallengeSpec>(production.gpu, 'compute', h100s(8))!;
    expect(spec.claimedFlops).toBe(8 * gpuReferenceFlops(H100));
    expect(spec.loops).toBeLessThan(COMPUTE_MAX_LOOPS);
    expect(spec.deadlineMs).toBeCloseTo(2000 + 30_000 * 1.5, -2);
    expect(() => validateComputeSpec(spec)).not.toThrow();
  });

  it('runs a 16×H100 rig shorter, so its spec stays within what a worker accepts and a half-rate rig still misses the deadline', () => {
    const spec = plan<ComputeChallengeSpec>(production.gpu, 'compute', h100s(16))!;
    expect(spec.loops).toBe(COMPUTE_MAX_LOOPS);
    expect(() => validateComputeSpec(spec)).not.toThrow();
    expect(msAt(spec, spec.claimedFlops)).toBeLessThan(spec.deadlineMs);
    expect(msAt(spec, spec.claimedFlops / 2)).toBeGreaterThan(spec.deadlineMs * 1.2);
  });

  it('sizes a CPU worker’s compute to its cores at the unhalved 1.2 GFLOP/s, so one claiming twice its cores misses the deadline', () => {
    expect(PRODUCTION_CPU_BASELINES.flopsPerCore).toBe(1.2e9);
    const spec = plan<ComputeChallengeSpec>(production.cpu, 'compute', cpuWorker(16))!;
    expect(spec).toMatchObject({ n: 128, tile: 32, claimedFlops: 16 * 1.2e9 });
    expect(spec.deadlineMs).toBeCloseTo(2000 + 10_000 * 1.5, -2);
    // Honest 16 cores, each slowed to 0.69× by the others: in time. 8 real cores at the full one-core rate: late.
    expect(msAt(spec, 16 * 0.69 * 1.2e9)).toBeLessThan(spec.deadlineMs);
    expect(msAt(spec, 8 * 1.2e9)).toBeGreaterThan(spec.deadlineMs);
    // The devnet's halved baseline asks 8 real cores for no more than they do: the same claim passes there.
    const devnetSpec = plan<ComputeChallengeSpec>(devnet.cpu, 'compute', cpuWorker(16))!;
    expect(msAt(devnetSpec, 8 * 1.2e9)).toBeLessThan(devnetSpec.deadlineMs);
  });

  it('fills half of a CPU worker’s RAM in production pages', () => {
    const spec = plan<MemoryChallengeSpec>(production.cpu, 'memory', cpuWorker(16))!;
    expect(spec).toMatchObject({ scale: 1 / 2, claimedBytes: 128 * GiB, pageWords: 2 ** 20, pages: (64 * GiB) / (4 * 2 ** 20) });
  });

  it('gives GPU and CPU workers the production puzzle, sized to one core', () => {
    const expected = planPowChallenge({ claim: { hashesPerSecond: PRODUCTION_CPU_BASELINES.hashesPerCore }, deviceId: h100s(1).id, policy: DEFAULT_POW_POLICY, seed: SEED });
    expect(plan<PowChallengeSpec>(production.gpu, 'pow', h100s(1))).toEqual(expected);
    expect(plan<PowChallengeSpec>(production.cpu, 'pow', cpuWorker(16))).toEqual(expected);
  });

  it('keeps simulated devices on the simulated policies', () => {
    const simulated = device(h100s(8).hardware, true);
    const spec = plan<ComputeChallengeSpec>(production.simulated, 'compute', simulated)!;
    expect(spec).toMatchObject({ n: 64, claimedFlops: 8 * gpuReferenceFlops(H100) * 2e-7 });
    expect(plan<MemoryChallengeSpec>(production.simulated, 'memory', simulated)!.scale).toBe(2 ** -12);
  });
});
