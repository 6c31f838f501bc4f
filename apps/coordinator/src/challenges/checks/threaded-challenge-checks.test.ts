import {
  buildComputeTree, DEVNET_COMPUTE_POLICY, DEVNET_MEMORY_POLICY, drawComputeSamples, drawMemoryProbes, generateMemoryPage, merkleRootHex, openComputeSamples,
  planComputeChallenge, planMemoryChallenge, readMemoryAnswer, type CheckComputeOpeningsInput, type CheckMemoryAnswersInput,
} from '@tensorgrid/domain';
import { afterAll, describe, expect, it } from 'vitest';
import { IN_PROCESS_CHALLENGE_CHECKS } from './challenge-checks';
import { createThreadedChallengeChecks } from './threaded-challenge-checks';

const SEED = '3d'.repeat(32);
const QUERY_SEED = '8a'.repeat(32);

/** An honest device's answer to a small compute challenge, and the same with one tile digest wrong. */
function computeInputs(): { honest: CheckComputeOpeningsInput; wrong: CheckComputeOpeningsInput } {
  const spec = planComputeChallenge({ claim: { flops: 1e6 }, policy: { ...DEVNET_COMPUTE_POLICY, matrixSize: 16, tileSize: 4, targetSeconds: 1, minLoops: 4 }, seed: SEED });
  const tree = buildComputeTree(spec);
  const samples = drawComputeSamples({ spec, seed: QUERY_SEED, sampleSize: 8 });
  const openings = openComputeSamples(spec, tree, samples);
  const honest = { spec, commitment: { root: merkleRootHex(tree), deviceElapsedMs: 5 }, samples, openings, elapsedMs: 10 };
  const wrong = { ...honest, openings: openings.map((o, i) => (i === 0 ? { ...o, tiles: o.tiles.map(() => 'ff'.repeat(32)) } : o)) };
  return { honest, wrong };
}

/** An honest device's answers to a small memory challenge. */
function memoryInput(): CheckMemoryAnswersInput {
  const spec = planMemoryChallenge({ claim: { memoryBytes: 1 << 20 }, policy: { ...DEVNET_MEMORY_POLICY, scale: 1, pageBytes: 1024, rounds: 2, probes: 64, minPages: 4 }, seed: SEED });
  const probes = drawMemoryProbes({ spec, seed: QUERY_SEED });
  const answers = probes.map((p) => readMemoryAnswer(generateMemoryPage(spec, p.page), p, spec.probeWords));
  return { spec, probes, answers, elapsedMs: 1, seed: QUERY_SEED, sampleSize: 16 };
}

describe('createThreadedChallengeChecks', () => {
  const checks = createThreadedChallengeChecks({ threads: 2 });
  afterAll(() => checks.close());

  it('gives the verdicts of the same checks run in process, passes and failures alike', async () => {
    const { honest, wrong } = computeInputs();
    const memory = memoryInput();
    // Every answer with its first hex digit changed: well-formed, and wrong.
    const wrongMemory = { ...memory, answers: (memory.answers as string[]).map((a) => (a[0] === '0' ? '1' : '0') + a.slice(1)) };
    const threaded = await Promise.all([checks.compute(honest), checks.compute(wrong), checks.memory(memory), checks.memory(wrongMemory)]);
    const inProcess = await Promise.all([IN_PROCESS_CHALLENGE_CHECKS.compute(honest), IN_PROCESS_CHALLENGE_CHECKS.compute(wrong), IN_PROCESS_CHALLENGE_CHECKS.memory(memory), IN_PROCESS_CHALLENGE_CHECKS.memory(wrongMemory)]);
    expect(threaded).toEqual(inProcess);
    expect(threaded.map((v) => v.reason)).toEqual([null, 'wrong-answer', null, 'wrong-answer']);
  }, 60_000);

  it('queues checks beyond its threads and answers each with its own verdict', async () => {
    const { honest, wrong } = computeInputs();
    const calls = Array.from({ length: 6 }, (_, i) => checks.compute(i % 2 ? wrong : honest));
    expect(checks.pending()).toBe(6);
    expect((await Promise.all(calls)).map((v) => v.passed)).toEqual([true, false, true, false, true, false]);
    expect(checks.pending()).toBe(0);
  }, 60_000);

  it('rejects a check that throws with INTERNAL and keeps serving', async () => {
    const { honest } = computeInputs();
    await expect(checks.compute({ ...honest, spec: null as never })).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('A challenge check threw') });
    expect((await checks.compute(honest)).passed).toBe(true);
  }, 60_000);

  it('once closed, rejects what is pending and what comes later with UNAVAILABLE', async () => {
    const own = createThreadedChallengeChecks();
    const { honest } = computeInputs();
    const pending = expect(own.compute(honest)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    await own.close();
    await pending;
    await expect(own.memory(memoryInput())).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  }, 60_000);

  it('refuses a thread count that is not a whole number ≥ 1', () => {
    for (const threads of [0, 1.5, -1]) expect(() => createThreadedChallengeChecks({ threads })).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});
