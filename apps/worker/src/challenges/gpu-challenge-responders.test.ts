import { checkComputeOpenings, checkMemoryAnswers, checkPowSolution, drawComputeSamples, drawMemoryProbes, planComputeChallenge, planMemoryChallenge, planPowChallenge, type ComputeCommitment } from '@tensorgrid/domain';
import { sampleGpu, sampleHardware } from '@tensorgrid/test-utils';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { challengeRespondersFor } from './challenge-responders-for';
import { gpuChallengeResponders } from './gpu-challenge-responders';
import { startGpuHelper } from './gpu-helper';
import { TINY_COMPUTE_POLICY, TINY_MEMORY_POLICY } from './tiny-challenge-policies';
import { writeWrongChallengeVectors } from './wrong-challenge-vectors';

const SEED = 'b2'.repeat(32);
const log = pino({ level: 'silent' });

describe('GPU challenge responders through the helper (its pure-Python path, tiny sizes)', () => {
  const helper = startGpuHelper({ device: 'cpu' });
  afterAll(() => helper.close());
  const responders = new Map(gpuChallengeResponders(sampleHardware([sampleGpu(0)]), helper).map((r) => [r.kind, r]));

  it('passes a memory challenge with pages filled by the helper, and frees them on release', async () => {
    const spec = planMemoryChallenge({ claim: { memoryBytes: 16 * 1024 }, policy: TINY_MEMORY_POLICY, seed: SEED });
    const started = await responders.get('memory')!.start(JSON.parse(JSON.stringify(spec)));
    const probes = drawMemoryProbes({ spec, seed: SEED });
    const { answers } = await started.answer({ probes });
    expect(checkMemoryAnswers({ spec, probes, answers: answers as string[], elapsedMs: 0, seed: SEED })).toMatchObject({ passed: true });
    started.release();
    await expect(helper.answer(probes)).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('answer before fill') });
  });

  it('passes a compute challenge with tiles digested by the helper', async () => {
    const spec = planComputeChallenge({ claim: { flops: 1e5 }, policy: TINY_COMPUTE_POLICY, seed: SEED });
    const started = await responders.get('compute')!.start(JSON.parse(JSON.stringify(spec)));
    const samples = drawComputeSamples({ spec, seed: SEED, sampleSize: 8 });
    const { openings } = await started.answer({ samples });
    const verdict = checkComputeOpenings({ spec, commitment: started.commitment as unknown as ComputeCommitment, samples, openings: openings as unknown[], elapsedMs: 0 });
    expect(verdict).toMatchObject({ passed: true });
  });
  it('passes a proof-of-work challenge with nonces found by the helper, and refuses a malformed spec', async () => {
    const spec = planPowChallenge({ claim: { hashesPerSecond: 3000 }, deviceId: `0x${'d5'.repeat(20)}`, seed: SEED });
    const started = await responders.get('pow')!.start(JSON.parse(JSON.stringify(spec)));
    const { nonces, hashes } = started.commitment as { nonces: number[]; hashes: number };
    expect(hashes).toBeGreaterThanOrEqual(nonces.length);
    expect(checkPowSolution({ spec, nonces, elapsedMs: 0 })).toMatchObject({ passed: true });
    await expect(responders.get('pow')!.start({ ...spec, difficultyBits: 0 })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});

describe('challengeRespondersFor', () => {
  const noGpu = async () => ({ missing: true as const });
  const cpuHardware = { ...sampleHardware(), cpu: { model: 'Test CPU', cores: 2, threads: 4 } };

  it('gives a CPU worker one compute thread per core it offers, and they answer its compute challenges', async () => {
    const chosen = await challengeRespondersFor(cpuHardware, { run: noGpu, log });
    try {
      expect(chosen.path).toEqual({ kind: 'cpu', computeThreads: 2 });
      expect(chosen.responders.map((r) => r.kind).sort()).toEqual(['compute', 'memory', 'pow']);
      const spec = { ...planComputeChallenge({ claim: { flops: 1e5 }, policy: TINY_COMPUTE_POLICY, seed: SEED }), loops: 9 };
      const started = await chosen.responders.find((r) => r.kind === 'compute')!.start(JSON.parse(JSON.stringify(spec)));
      const samples = drawComputeSamples({ spec, seed: SEED, sampleSize: 8 });
      const { openings } = await started.answer({ samples });
      const verdict = checkComputeOpenings({ spec, commitment: started.commitment as unknown as ComputeCommitment, samples, openings: openings as unknown[], elapsedMs: 0 });
      expect(verdict).toMatchObject({ passed: true });
    } finally {
      await chosen.close();
    }
  });

  const cudaFound = async (cmd: string) => ({ stdout: cmd === 'nvidia-smi' ? 'GPU 0: NVIDIA H100 80GB HBM3 (UUID: GPU-1)\n' : 'True\n' });

  it('gives a GPU worker the CUDA helper once the helper passes its selftest', async () => {
    const chosen = await challengeRespondersFor(sampleHardware([sampleGpu(0)]), { run: cudaFound, log, startHelper: () => startGpuHelper({ device: 'cpu' }) });
    expect(chosen.path).toEqual({ kind: 'gpu', pow: 'gpu' });
    await chosen.close();
  });

  it('gives a worker with two cards one helper per card, sharing each challenge between them', async () => {
    const cards: number[] = [];
    const startHelper = (_python: string, card: number) => (cards.push(card), startGpuHelper({ device: 'cpu' }));
    const chosen = await challengeRespondersFor(sampleHardware([sampleGpu(0), sampleGpu(1)]), { run: cudaFound, log, startHelper });
    try {
      expect(chosen.path).toEqual({ kind: 'gpu', pow: 'gpu' });
      expect(cards).toEqual([0, 1]);
      const spec = planMemoryChallenge({ claim: { memoryBytes: 16 * 1024 }, policy: TINY_MEMORY_POLICY, seed: SEED });
      const started = await chosen.responders.find((r) => r.kind === 'memory')!.start(JSON.parse(JSON.stringify(spec)));
      const probes = drawMemoryProbes({ spec, seed: SEED });
      const { answers } = await started.answer({ probes });
      expect(checkMemoryAnswers({ spec, probes, answers: answers as string[], elapsedMs: 0, seed: SEED })).toMatchObject({ passed: true });
      started.release();
    } finally {
      await chosen.close();
    }
  });

  it('keeps memory and compute on the GPU and moves proof-of-work to the CPU when the helper fails only its PoW vectors', async () => {
    const warnings: unknown[] = [];
    const recording = { info: () => undefined, warn: (fields: unknown) => void warnings.push(fields) };
    const vectors = writeWrongChallengeVectors('pow');
    const chosen = await challengeRespondersFor(sampleHardware([sampleGpu(0)]), { run: cudaFound, log: recording, startHelper: () => startGpuHelper({ device: 'cpu', vectorsPath: vectors.path }) });
    try {
      expect(chosen.path).toEqual({ kind: 'gpu', pow: 'cpu' });
      expect(warnings).toEqual([{ why: expect.stringMatching(/^pow from 0 of /) }]);
      const spec = planPowChallenge({ claim: { hashesPerSecond: 3000 }, deviceId: 'w', seed: SEED });
      const started = await chosen.responders.find((r) => r.kind === 'pow')!.start(JSON.parse(JSON.stringify(spec)));
      expect(checkPowSolution({ spec, nonces: (started.commitment as { nonces: number[] }).nonces, elapsedMs: 0 })).toMatchObject({ passed: true });
    } finally {
      await chosen.close();
      vectors.remove();
    }
  });

  it('keeps proof-of-work on the first card, and logs it, when only another card fails its PoW vectors', async () => {
    const warnings: unknown[] = [];
    const recording = { info: () => undefined, warn: (fields: unknown) => void warnings.push(fields) };
    const vectors = writeWrongChallengeVectors('pow');
    const startHelper = (_python: string, card: number) => startGpuHelper({ device: 'cpu', ...(card === 1 ? { vectorsPath: vectors.path } : {}) });
    const chosen = await challengeRespondersFor(sampleHardware([sampleGpu(0), sampleGpu(1)]), { run: cudaFound, log: recording, startHelper });
    try {
      expect(chosen.path).toEqual({ kind: 'gpu', pow: 'gpu' });
      expect(warnings).toEqual([{ failures: [expect.stringMatching(/^GPU 1: pow /)] }]);
    } finally {
      await chosen.close();
      vectors.remove();
    }
  });

  it('warns, saying what to install, when a card multiplies on TF32 instead of bf16 with float32 output', async () => {
    const warnings: unknown[] = [];
    const recording = { info: () => undefined, warn: (fields: unknown) => void warnings.push(fields) };
    const startHelper = () => {
      const real = startGpuHelper({ device: 'cpu' });
      return { ...real, selftest: async () => ({ ...(await real.selftest()), products: 'tf32' as const }) };
    };
    const chosen = await challengeRespondersFor(sampleHardware([sampleGpu(0)]), { run: cudaFound, log: recording, startHelper });
    try {
      expect(chosen.path).toEqual({ kind: 'gpu', pow: 'gpu' });
      expect(warnings).toEqual([expect.stringMatching(/no bf16 matrix product with float32 output.*install a torch/)]);
    } finally {
      await chosen.close();
    }
  });

  it('falls back to the CPU path, saying why, when the helper fails its selftest', async () => {
    const warnings: unknown[] = [];
    const recording = { info: () => undefined, warn: (fields: unknown) => void warnings.push(fields) };
    const startHelper = () => startGpuHelper({ device: 'cpu', vectorsPath: '/nonexistent/challenge_vectors.json' });
    const chosen = await challengeRespondersFor(sampleHardware([sampleGpu(0)]), { run: cudaFound, log: recording, startHelper });
    expect(chosen.path).toEqual({ kind: 'cpu', computeThreads: 1 });
    expect(warnings).toEqual([{ why: expect.stringMatching(/^the CUDA helper failed its selftest: .*No such file/) }]);
    await chosen.close();
  });

  it('gives a GPU worker without CUDA the CPU path on one thread', async () => {
    const chosen = await challengeRespondersFor(sampleHardware([sampleGpu(0)]), { run: noGpu, log });
    expect(chosen.path).toEqual({ kind: 'cpu', computeThreads: 1 });
    expect(chosen.responders.map((r) => r.kind).sort()).toEqual(['compute', 'memory', 'pow']);
    await chosen.close();
  });
});
