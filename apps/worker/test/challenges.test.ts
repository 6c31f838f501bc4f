/**
 * Hardware challenges end to end: the real coordinator app (SQLite) schedules a round, the
 * real worker agent answers over its WebSocket session with the CPU responders, and the
 * results land in the store and the explorer. Deadlines are generous here so that no test
 * depends on machine speed; detection by timing is measured by `npm run bench:challenges`.
 */
import { computeAdapter, createChallengeScheduler, DEVNET_CPU_BASELINES, memoryAdapter, powAdapter, type ChallengeScheduler } from '@tensorgrid/coordinator';
import { createChallengeScheduleStore, createSupplyStores } from '@tensorgrid/db';
import { DEVNET_POW_POLICY, type ChallengeResult } from '@tensorgrid/domain';
import { createCoordinatorClient } from '@tensorgrid/sdk';
import { sampleHardware, startTestCoordinator, type TestCoordinator, until } from '@tensorgrid/test-utils';
import { pino } from 'pino';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkerAgent, type WorkerAgent } from '../src/agent/worker-agent';
import type { ChallengeResponder } from '../src/challenges/challenge-responder';
import { cpuChallengeResponders } from '../src/challenges/cpu-challenge-responders';
import { CappedMemoryResponder } from '../src/challenges/simulated/capped-memory-responder';
import { TINY_COMPUTE_POLICY, TINY_MEMORY_POLICY } from '../src/challenges/tiny-challenge-policies';

const log = pino({ level: 'silent' });
/** 128 GiB of RAM claimed × 2^-20 = 128 one-KiB pages; deadlines of seconds. */
const adapters = [
  memoryAdapter({ policy: { ...TINY_MEMORY_POLICY, scale: 2 ** -20, answerBaseMs: 10_000 }, baselines: DEVNET_CPU_BASELINES }),
  computeAdapter({ policy: { ...TINY_COMPUTE_POLICY, targetSeconds: 0.01, baseMs: 10_000 }, baselines: DEVNET_CPU_BASELINES }),
  powAdapter({ policy: { ...DEVNET_POW_POLICY, targetSeconds: 0.02, shares: 8, baseMs: 10_000 }, baselines: DEVNET_CPU_BASELINES }),
];

/** Holds half the pages it claims and, with no time to regenerate, guesses the rest. */
const halfMemoryResponder: ChallengeResponder = {
  kind: 'memory',
  async start(spec) {
    const responder = new CappedMemoryResponder(spec, { holdFraction: 0.5 });
    responder.fillSync();
    return { commitment: {}, answer: async (query) => ({ answers: responder.answer(query.probes as never, { budgetMs: 0 }) }), release: () => undefined };
  },
};


describe('hardware challenges over the device session', () => {
  let coord: TestCoordinator;
  const agents: WorkerAgent[] = [];
  const results = () => createSupplyStores(coord.database.db).challenges;
  const resultsOf = (deviceId: string) => results().list(deviceId, { fromMs: 0, toMs: Date.now() + 60_000, limit: 10 });

  async function startAgent(responders: (hardware: ReturnType<typeof sampleHardware>) => ChallengeResponder[]): Promise<WorkerAgent> {
    const hardware = sampleHardware();
    const agent = createWorkerAgent({ client: createCoordinatorClient({ url: coord.url, account: privateKeyToAccount(generatePrivateKey()) }), hardware, log, heartbeatIntervalMs: 1000, challengeResponders: responders(hardware) });
    agents.push(agent);
    await agent.start();
    await until(() => coord.app.gateway.hasSession(agent.deviceId), 'the agent session');
    return agent;
  }

  let scheduler: ChallengeScheduler;
  async function runRound(): Promise<void> {
    scheduler ??= createChallengeScheduler({ store: createChallengeScheduleStore(coord.database.db), runner: coord.app.challenges, hasSession: (id) => coord.app.gateway.hasSession(id), now: () => Date.now(), log });
    await scheduler.tick();
    await scheduler.idle();
  }

  beforeAll(async () => {
    coord = await startTestCoordinator('sqlite', { challengeAdapters: adapters });
  });
  afterAll(async () => {
    await Promise.all(agents.map((a) => a.stop()));
    await coord?.close();
  });

  it('an honest device passes memory, compute and proof-of-work, and the explorer lists the results', async () => {
    const agent = await startAgent((hardware) => cpuChallengeResponders(hardware));
    await runRound();
    const stored: ChallengeResult[] = await resultsOf(agent.deviceId);
    expect(stored.map((r) => [r.kind, r.passed, r.reason]).sort()).toEqual([['compute', true, null], ['memory', true, null], ['pow', true, null]]);
    expect(stored.find((r) => r.kind === 'memory')!.metrics).toMatchObject({ probes: TINY_MEMORY_POLICY.probes, pagesChecked: expect.any(Number), wrongAnswers: 0 });
    const explorer = (await (await fetch(`${coord.url}/v1/explorer/devices/${agent.deviceId}/challenges`)).json()) as { challenges: { kind: string; passed: boolean }[] };
    expect(explorer.challenges.map((c) => c.kind).sort()).toEqual(['compute', 'memory', 'pow']);
  });

  it('a device holding half the memory it claims fails the memory challenge with a wrong answer', async () => {
    const agent = await startAgent((hardware) => [halfMemoryResponder, ...cpuChallengeResponders(hardware).filter((r) => r.kind !== 'memory')]);
    await runRound();
    const memory = (await resultsOf(agent.deviceId)).find((r) => r.kind === 'memory');
    expect(memory).toMatchObject({ passed: false, reason: 'wrong-answer' });
    expect(memory!.metrics.wrongAnswers).toBeGreaterThan(0);
  });

  it('a device that never answers fails with no-answer once the challenge times out', async () => {
    const silent: ChallengeResponder = { kind: 'pow', start: () => new Promise(() => {}) };
    const agent = await startAgent(() => [silent]);
    const device = await coord.app.registry.get(agent.deviceId);
    const quickPow = powAdapter({ policy: { ...DEVNET_POW_POLICY, targetSeconds: 0.01, shares: 1, baseMs: 10 }, baselines: DEVNET_CPU_BASELINES });
    expect(quickPow.plan({ device, seed: '11'.repeat(32) })!.timeoutMs).toBeLessThan(10_000);
    const outcome = coord.app.challenges.issue(device, 'pow');
    expect(outcome.kind).toBe('issued');
    if (outcome.kind !== 'issued') return;
    const result = await outcome.result;
    expect(result).toMatchObject({ passed: false, reason: 'no-answer', deviceId: agent.deviceId });
  }, 40_000);
});
