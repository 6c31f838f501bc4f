/**
 * The node's job runner over fake ports (the market, the spec store, the challenge exchange)
 * with real training threads and a real run store on disk: it takes the best jobs it can
 * finish, trains them with the seed from the accept's block hash, submits the canonical root,
 * answers challenges with openings a verifier accepts, and keeps answering after a restart.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildMerkleTree, merkleRootHex } from '@tensorgrid/domain';
import { BaseError, type TransitionOpeningWire } from '@tensorgrid/protocol';
import { checkTransition, createTrainer, decodeTrainingState, deriveJobSeed, generateDataset, lanesReduction, parseTrainingJob, train, trainingSpecSchema } from '@tensorgrid/tensor';
import { checkTransitionTolerant, judgeHeldOut } from '@tensorgrid/verification';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobSpecPort, ResolvedSpec } from '../src/jobs/core/job-runner-ports';
import { createJobRunner } from '../src/jobs/job-runner';
import { createRunStore } from '../src/jobs/run-store';
import { trainInThread } from '../src/jobs/train-in-thread';
import { challengeBeacon, fakeExchange, fakeMarket, GRID } from './job-runner-fakes';

const SPEC = trainingSpecSchema.parse({
  version: 1,
  model: { input: [8], layers: [{ type: 'dense', units: 12, activation: 'relu' }, { type: 'dense', units: 3 }] },
  dataset: { kind: 'gaussian-mixture', seed: 'runner', classes: 3, dim: 8, size: 128 },
  optimizer: { kind: 'sgd', momentum: 0.9 },
  lr: 0.05,
  batchSize: 16,
  epochs: 4,
});
const BIG = { ...SPEC, epochs: 10_000 };
const specFor = (training: typeof SPEC, timeLimitSeconds = 600, verification: ResolvedSpec['verification'] = { mode: 'exact' }): ResolvedSpec => ({
  training, timeLimitSeconds, memoryBytes: 1 << 20, flops: 1e6, gas: 10n * GRID, verification, dataset: async () => generateDataset({ spec: training.dataset, split: 'train' }), heldOut: async () => ({}),
});
const TAU = 0.01;
/** A job whose honest run barely moves its random weights: its final model sits near chance, below the held-out floor. */
const UNTRAINED = { ...SPEC, lr: 1e-9, epochs: 1 };
const SPECS: Record<string, ResolvedSpec> = { '0xaa': specFor(SPEC), '0xbb': specFor(BIG, 0.2), '0xdd': specFor(SPEC, 600, { mode: 'tolerant', tau: TAU }), '0xee': specFor(UNTRAINED) };

const specs: JobSpecPort = { resolve: async (hash) => SPECS[hash] };

describe('job runner', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tg-runner-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('takes the best-paying jobs up to its workers, submits the canonical roots and answers challenges a verifier accepts, also after a restart', async () => {
    const market = fakeMarket(2);
    market.add(1, 20n * GRID);
    market.add(2, 90n * GRID);
    market.add(3, 50n * GRID);
    market.add(4, 500n * GRID, { specHash: '0xcc' }); // unknown spec: never taken
    const exchange = fakeExchange();
    const deps = { market: market.port, specs, challenges: exchange.port, runs: createRunStore(dir), train: trainInThread, now: Date.now };
    const runner = createJobRunner(deps, { priority: 'fee-per-gas', flopsPerSecond: 1e9, memoryBytes: 1 << 30, checkpointEvery: 8 });

    expect((await runner.tick()).accepted).toEqual([2n, 3n]);
    await runner.idle();
    for (const id of [2n, 3n]) {
      const job = market.jobs.get(id)!;
      const training = parseTrainingJob({ jobId: id.toString(), jobSeed: deriveJobSeed(id.toString(), job.beacon!.slice(2)), spec: SPEC });
      const trainer = createTrainer(training, generateDataset({ spec: SPEC.dataset, split: 'train' }));
      expect(job).toMatchObject({ state: 'submitted', root: `0x${train(trainer).root}` });
    }
    expect(market.jobs.get(1n)?.state).toBe('open');
    expect(market.jobs.get(4n)?.state).toBe('open');

    exchange.challenges.set(2n, { steps: [0, 13, 31], respondBy: Date.now() + 60_000 });
    // A fresh runner over the same disk: the answers come from the stored run.
    const restarted = createJobRunner({ ...deps, runs: createRunStore(dir) }, { priority: 'fee-per-gas', flopsPerSecond: 1e9, memoryBytes: 1 << 30 });
    const pass = await restarted.tick();
    expect(pass.answered).toEqual([{ jobId: 2n, steps: [0, 13, 31] }]);
    expect(pass.accepted).toEqual([1n]); // a worker is free again
    await restarted.idle();

    const job = market.jobs.get(2n)!;
    const training = parseTrainingJob({ jobId: '2', jobSeed: deriveJobSeed('2', job.beacon!.slice(2)), spec: SPEC });
    const verifier = createTrainer(training, generateDataset({ spec: SPEC.dataset, split: 'train' }));
    // Both submitted jobs' step hashes are published: the committed leaves, for audits.
    for (const id of [2n, 3n]) {
      const hashes = exchange.stepHashes.get(id)!;
      expect(hashes).toHaveLength(verifier.totalSteps + 1);
      expect(`0x${merkleRootHex(buildMerkleTree(hashes.map((h) => Buffer.from(h, 'hex'))))}`).toBe(market.jobs.get(id)!.root);
    }
    for (const step of [0, 13, 31]) {
      const o = exchange.openings.get(`2:${step}`)!;
      const verdict = checkTransition(verifier, { ...o, root: job.root!.slice(2), leafCount: verifier.totalSteps + 1, state: decodeTrainingState(new Uint8Array(Buffer.from(o.state, 'base64'))) });
      expect(verdict).toEqual({ kind: 'valid' });
    }
    expect((await restarted.tick()).answered).toEqual([]); // nothing new to answer

    // A verifier rejects both: job 2 answered every challenged step from its run, so the node
    // contests; job 3 never got its challenge answered in time, so the node takes the penalty.
    exchange.challenges.set(3n, { steps: [1, 5], respondBy: Date.now() - 1 });
    market.jobs.get(2n)!.state = 'rejected';
    market.jobs.get(3n)!.state = 'rejected';
    expect((await restarted.tick()).contested).toEqual([2n]);
    expect([market.jobs.get(2n)?.state, market.jobs.get(3n)?.state]).toEqual(['contested', 'rejected']);
    expect((await restarted.tick()).contested).toEqual([]);

    // The node wins job 2's contest: it is submitted again for round 1, whose challenge (from
    // another verifier) the node answers, only the steps not opened before; rejected again, it contests again.
    market.jobs.get(2n)!.state = 'submitted';
    exchange.challenges.set(2n, { round: 1, steps: [0, 20], respondBy: Date.now() + 60_000 });
    expect((await restarted.tick()).answered).toEqual([{ jobId: 2n, steps: [20] }]);
    market.jobs.get(2n)!.state = 'rejected';
    expect((await restarted.tick()).contested).toEqual([2n]);
    expect(market.jobs.get(2n)?.state).toBe('contested');

    // Job 3 fails (its window closed after the rejection): its run is deleted; job 2's stays
    // while its contest is open. A run of a job the market never had goes too.
    market.jobs.get(3n)!.state = 'failed';
    const runs = createRunStore(dir);
    await runs.save({ ...(await runs.load('2'))!, jobId: '99' });
    expect(await runs.list()).toEqual(['1', '2', '3', '99']);
    const sweeper = createJobRunner({ ...deps, runs }, { priority: 'fee-per-gas', flopsPerSecond: 1e9, memoryBytes: 1 << 30, sweepEveryMs: 0 });
    expect((await sweeper.tick()).removed).toEqual([3n, 99n]);
    expect(await runs.list()).toEqual(['1', '2']);
    expect(await runs.load('3')).toBeUndefined();
    market.jobs.get(2n)!.state = 'settled';
    expect((await sweeper.tick()).removed).toEqual([2n]);
  });

  it('does not submit a run trained under a beacon a reorganisation replaced, and trains the job again under the new one', async () => {
    const market = fakeMarket(1);
    market.add(5, 90n * GRID);
    const moved = `0x${'5e'.repeat(32)}`;
    let reorgs = 1;
    // While the first run trains, the accept is re-mined in another block.
    const trainDuringReorg: typeof trainInThread = async (input) => {
      const run = await trainInThread(input);
      if (reorgs-- > 0) market.jobs.get(5n)!.beacon = moved;
      return run;
    };
    const runs = createRunStore(path.join(dir, 'reorg'));
    const exchange = fakeExchange();
    const runner = createJobRunner({ market: market.port, specs, challenges: exchange.port, runs, train: trainDuringReorg, now: Date.now }, { priority: 'fee', flopsPerSecond: 1e9, memoryBytes: 1 << 30 });
    expect((await runner.tick()).accepted).toEqual([5n]);
    const accepted = market.jobs.get(5n)!.beacon;
    await runner.idle();
    expect(market.jobs.get(5n)?.state).toBe('accepted');
    expect((await runs.load('5'))?.assignment).toBe(accepted);
    await runner.tick();
    await runner.idle();
    const trainer = createTrainer(parseTrainingJob({ jobId: '5', jobSeed: deriveJobSeed('5', moved.slice(2)), spec: SPEC }), generateDataset({ spec: SPEC.dataset, split: 'train' }));
    expect(market.jobs.get(5n)).toMatchObject({ state: 'submitted', root: `0x${train(trainer).root}` });
    expect((await runs.load('5'))?.assignment).toBe(moved);
    expect(market.declined).toEqual([]);
    // Moved again after the submit: the verifier, on the new seed, rejects the run, and the node does not contest (it would lose).
    Object.assign(market.jobs.get(5n)!, { beacon: `0x${'5f'.repeat(32)}`, state: 'rejected' });
    exchange.challenges.set(5n, { steps: [], respondBy: Date.now() - 1_000 });
    exchange.reports.set(5n, { kind: 'wrong-transition', step: 3 });
    expect((await runner.tick()).contested).toEqual([]);
    expect(market.jobs.get(5n)?.state).toBe('rejected');
    // Not decided for good (an index briefly on another fork must not cost the contest): with the accept back where the run was trained, it contests.
    market.jobs.get(5n)!.beacon = moved;
    expect((await runner.tick()).contested).toEqual([5n]);
  });

  it('skips jobs it cannot finish in time and declines one that overruns its time limit', async () => {
    const market = fakeMarket(1);
    market.add(1, 90n * GRID, { deadlineIn: 1 }); // deadline in 1 s: 1 MFLOP at 10 kFLOP/s (× 2 margin) takes 200 s
    const exchange = fakeExchange();
    const slow = createJobRunner({ market: market.port, specs, challenges: exchange.port, runs: createRunStore(dir), train: trainInThread, now: Date.now }, { priority: 'deadline', flopsPerSecond: 1e4, memoryBytes: 1 << 30 });
    expect((await slow.tick()).accepted).toEqual([]);

    market.jobs.delete(1n);
    market.add(2, 90n * GRID, { specHash: '0xbb' }); // 10,000 epochs with a 0.2 s limit, on a node that thinks it is fast
    const hasty = createJobRunner({ market: market.port, specs, challenges: exchange.port, runs: createRunStore(dir), train: trainInThread, now: Date.now }, { priority: 'deadline', flopsPerSecond: 1e15, memoryBytes: 1 << 30 });
    expect((await hasty.tick()).accepted).toEqual([2n]);
    await hasty.idle();
    expect(market.declined).toEqual([2n]);
    expect(market.jobs.get(2n)?.state).toBe('open');
  });

  it('survives transient failures without paying a decline: a failed submit is retried from the stored run, an unreadable spec waits, a failed contest does not stop the pass', async () => {
    const market = fakeMarket(1);
    market.add(7, 90n * GRID);
    let submitFails = 1;
    const submit = market.port.submit;
    market.port.submit = async (jobId, root) => (submitFails-- > 0 ? Promise.reject(new BaseError('NETWORK_ERROR', 'RPC hiccup')) : submit(jobId, root));
    const runs = createRunStore(path.join(dir, 'transient'));
    let specsDown = false;
    const flaky: JobSpecPort = { resolve: async (hash) => (specsDown ? Promise.reject(new BaseError('NETWORK_ERROR', 'coordinator unreachable')) : SPECS[hash]) };
    const exchange = fakeExchange();
    const deps = { market: market.port, specs: flaky, challenges: exchange.port, runs, train: trainInThread, now: Date.now };
    const runner = createJobRunner(deps, { priority: 'fee', flopsPerSecond: 1e9, memoryBytes: 1 << 30 });
    expect((await runner.tick()).accepted).toEqual([7n]);
    await runner.idle();
    expect(market.jobs.get(7n)?.state).toBe('accepted'); // trained and stored, the submit failed
    expect((await runs.load('7'))?.assignment).toBe(market.jobs.get(7n)!.beacon);
    await runner.tick();
    expect(market.jobs.get(7n)).toMatchObject({ state: 'submitted', root: `0x${(await runs.load('7'))!.root}` });
    expect(market.declined).toEqual([]);

    // A held job whose spec cannot be read now (a restarted node, the coordinator down): kept, not declined.
    market.add(8, 90n * GRID);
    Object.assign(market.jobs.get(8n)!, { state: 'accepted', beacon: `0x${'08'.repeat(32)}` });
    specsDown = true;
    const restarted = createJobRunner(deps, { priority: 'fee', flopsPerSecond: 1e9, memoryBytes: 1 << 30 });
    // And a rejection whose contest reverts (its window closed) is logged, not thrown.
    market.jobs.get(7n)!.state = 'rejected';
    exchange.challenges.set(7n, { steps: [], respondBy: Date.now() });
    let contests = 0;
    market.port.contest = async () => (contests++, Promise.reject(new BaseError('CHAIN_ERROR', 'Contract reverted: JobMarketWindowClosed', { retryable: false })));
    await expect(restarted.tick()).resolves.toMatchObject({ contested: [] });
    expect(contests).toBe(1);
    // Rejected because its step hashes reached the coordinator after the deadline: the referee would agree, so no contest.
    market.port.contest = async (jobId) => void (contests++, (market.jobs.get(jobId)!.state = 'contested'));
    exchange.challenges.set(7n, { round: 1, steps: [], respondBy: Date.now() - 1_000 });
    exchange.reports.set(7n, { kind: 'leaves-withheld', step: 32 });
    exchange.hashesAt.set(7n, Date.now());
    await restarted.tick();
    expect(contests).toBe(1);
    // Conceded once: the next pass does not ask again. In the next round, in time, the verifier was wrong: contested.
    const reads = exchange.rejectionReads();
    await restarted.tick();
    expect([contests, exchange.rejectionReads()]).toEqual([1, reads]);
    exchange.challenges.set(7n, { round: 2, steps: [], respondBy: Date.now() - 1_000 });
    exchange.hashesAt.set(7n, Date.now() - 2_000);
    expect((await restarted.tick()).contested).toEqual([7n]);
    expect(contests).toBe(2);
    expect(market.declined).toEqual([]);
    expect(market.jobs.get(8n)?.state).toBe('accepted');
    specsDown = false;
    await restarted.tick();
    await restarted.idle();
    expect(market.jobs.get(8n)?.state).toBe('submitted');

    // No verifier judged job 8 by its verifyBy: the runner ends it unverified (its deposit back) and answers nothing more for it.
    market.jobs.get(8n)!.verifyBy = Math.floor(Date.now() / 1_000) - 1;
    await restarted.tick();
    expect(market.jobs.get(8n)?.state).toBe('unverified');

    // A stored run whose submit the chain refuses as past the deadline: the job is given back (freeing its worker slot), not retried forever.
    market.add(9, 90n * GRID);
    const beacon9 = `0x${'09'.repeat(32)}`;
    Object.assign(market.jobs.get(9n)!, { state: 'accepted', beacon: beacon9 });
    await runs.save({ ...(await runs.load('7'))!, jobId: '9', assignment: beacon9 });
    const submitted = market.port.submit;
    market.port.submit = async (jobId, root) => (jobId === 9n ? Promise.reject(new BaseError('DEADLINE_PASSED', 'Contract reverted: JobMarketDeadlinePassed')) : submitted(jobId, root));
    await restarted.tick();
    expect(market.declined).toEqual([9n]);
  });

  it('contests a held-out rejection only when its own final model reaches the floor on the referee\'s examples', async () => {
    const market = fakeMarket(2);
    market.add(11, 90n * GRID, { specHash: '0xee' });
    market.add(12, 90n * GRID);
    const exchange = fakeExchange();
    const warnings: string[] = [];
    const log = { info: () => {}, warn: (_: unknown, msg?: string) => void warnings.push(msg ?? ''), error: () => {} };
    const deps = { market: market.port, specs, challenges: exchange.port, runs: createRunStore(path.join(dir, 'held-out')), train: trainInThread, now: Date.now, log };
    const runner = createJobRunner(deps, { priority: 'fee', flopsPerSecond: 1e9, memoryBytes: 1 << 30 });
    expect((await runner.tick()).accepted).toEqual([11n, 12n]);
    await runner.idle();

    // The premise, as the referee judges it: job 11's honest final model misses the floor, job 12's reaches it.
    const verdictOf = (id: bigint, spec: typeof SPEC) => {
      const training = parseTrainingJob({ jobId: id.toString(), jobSeed: deriveJobSeed(id.toString(), market.jobs.get(id)!.beacon!.slice(2)), spec });
      const trainer = createTrainer(training, generateDataset({ spec: spec.dataset, split: 'train' }));
      return judgeHeldOut({ model: trainer.model, params: train(trainer).finalState.params, job: training, beacon: challengeBeacon(id).slice(2), options: {} });
    };
    expect([verdictOf(11n, UNTRAINED).passed, verdictOf(12n, SPEC).passed]).toEqual([false, true]);

    // Rejected for the final model (step T), transition T − 1 challenged and answered: the referee would re-run it and judge W_T.
    for (const [id, T] of [[11n, 8], [12n, 32]] as const) {
      market.jobs.get(id)!.state = 'rejected';
      exchange.challenges.set(id, { steps: [0, T - 1], respondBy: Date.now() + 60_000 });
      for (const step of [0, T - 1]) exchange.openings.set(`${id}:${step}`, {} as TransitionOpeningWire);
      exchange.reports.set(id, { kind: 'held-out', step: T });
    }
    expect((await runner.tick()).contested).toEqual([12n]);
    expect(market.jobs.get(11n)?.state).toBe('rejected');
    expect(warnings.filter((w) => w.startsWith('not contesting: rejected for the final model\'s held-out accuracy'))).toHaveLength(1);
    // Conceded for the round: not judged again.
    await runner.tick();
    expect(warnings.filter((w) => w.startsWith('not contesting'))).toHaveLength(1);
    // The next round's verifier names the held-out failure but never challenged T − 1 (or names another
    // step than T): the referee cannot judge W_T and rules for the node, so the node contests.
    for (const [round, challenged, step] of [[1, [0], 8], [2, [0, 7], 3]] as const) {
      exchange.challenges.set(11n, { round, steps: [...challenged], respondBy: Date.now() + 60_000 });
      exchange.reports.set(11n, { kind: 'held-out', step });
      expect((await runner.tick()).contested).toEqual([11n]);
      market.jobs.get(11n)!.state = 'rejected';
    }
  });
});

describe('job runner on a non-canonical kernel', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tg-runner-lanes-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('takes only tolerant jobs, trains them with its kernel and answers with the committed W_{t+1}, which pass within τ', async () => {
    const market = fakeMarket(2);
    market.add(1, 90n * GRID); // exact: refused
    market.add(2, 20n * GRID, { specHash: '0xdd' }); // tolerant
    const exchange = fakeExchange();
    const deps = { market: market.port, specs, challenges: exchange.port, runs: createRunStore(dir), train: trainInThread, now: Date.now };
    const runner = createJobRunner(deps, { priority: 'fee', flopsPerSecond: 1e9, memoryBytes: 1 << 30, checkpointEvery: 8, kernel: 'lanes4' });
    expect((await runner.tick()).accepted).toEqual([2n]);
    await runner.idle();
    expect(market.jobs.get(1n)?.state).toBe('open');

    const job = market.jobs.get(2n)!;
    const training = parseTrainingJob({ jobId: '2', jobSeed: deriveJobSeed('2', job.beacon!.slice(2)), spec: SPEC });
    const dataset = generateDataset({ spec: SPEC.dataset, split: 'train' });
    const verifier = createTrainer(training, dataset);
    // Trained in the thread with 4-lane sums: the root is the 4-lane run's, not the canonical one.
    expect(job.root).toBe(`0x${train(createTrainer(training, dataset, { reduction: lanesReduction(4) })).root}`);
    expect(job.root).not.toBe(`0x${train(verifier).root}`);

    // Answered after a restart from the stored run: W_t is recomputed with the kernel the run was trained with.
    exchange.challenges.set(2n, { steps: [0, 13, 31], respondBy: Date.now() + 60_000 });
    const restarted = createJobRunner({ ...deps, runs: createRunStore(dir) }, { priority: 'fee', flopsPerSecond: 1e9, memoryBytes: 1 << 30, kernel: 'lanes4' });
    expect((await restarted.tick()).answered).toEqual([{ jobId: 2n, steps: [0, 13, 31] }]);
    const decode = (b64: string) => decodeTrainingState(new Uint8Array(Buffer.from(b64, 'base64')));
    for (const step of [0, 13, 31]) {
      const o = exchange.openings.get(`2:${step}`)!;
      expect(o.nextState).toBeDefined();
      const opening = { ...o, root: job.root!.slice(2), leafCount: verifier.totalSteps + 1, state: decode(o.state), nextState: decode(o.nextState!) };
      expect(checkTransitionTolerant(verifier, opening, { tau: TAU })).toMatchObject({ kind: 'valid' });
      expect(checkTransition(verifier, opening).kind).toBe('wrong-transition');
    }

    // Verified, then disputed at a step no verifier challenged: the node opens it once, with W_{t+1}, within τ.
    Object.assign(job, { state: 'disputed', disputedStep: 22 });
    expect((await restarted.tick()).answered).toEqual([{ jobId: 2n, steps: [22] }]);
    expect((await restarted.tick()).answered).toEqual([]);
    const o = exchange.openings.get('2:22')!;
    const disputed = { ...o, root: job.root!.slice(2), leafCount: verifier.totalSteps + 1, state: decode(o.state), nextState: decode(o.nextState!) };
    expect(disputed.state.step).toBe(22);
    expect(checkTransitionTolerant(verifier, disputed, { tau: TAU })).toMatchObject({ kind: 'valid' });
  });

  it('a canonical node answers a tolerant job with W_{t+1} too, and an exact job without it', async () => {
    const market = fakeMarket(2);
    market.add(1, 90n * GRID);
    market.add(2, 20n * GRID, { specHash: '0xdd' });
    const exchange = fakeExchange();
    const runner = createJobRunner({ market: market.port, specs, challenges: exchange.port, runs: createRunStore(dir), train: trainInThread, now: Date.now }, { priority: 'fee', flopsPerSecond: 1e9, memoryBytes: 1 << 30, checkpointEvery: 8 });
    expect((await runner.tick()).accepted).toEqual([1n, 2n]);
    await runner.idle();
    for (const id of [1n, 2n]) exchange.challenges.set(id, { steps: [3], respondBy: Date.now() + 60_000 });
    expect((await runner.tick()).answered).toHaveLength(2);
    expect(exchange.openings.get('1:3')!.nextState).toBeUndefined();
    expect(exchange.openings.get('2:3')!.nextState).toBeDefined();
    // A dispute of the exact job is for its auditor to open, and a gas dispute names no step: nothing is opened.
    Object.assign(market.jobs.get(1n)!, { state: 'disputed', disputedStep: 5 });
    Object.assign(market.jobs.get(2n)!, { state: 'disputed' });
    expect((await runner.tick()).answered).toEqual([]);
    expect([...exchange.openings.keys()].sort()).toEqual(['1:3', '2:3']);

    // The coordinator refuses the opening for good (a step a challenge named): no retry every tick.
    let tries = 0;
    const refusing = { ...exchange.port, answer: async () => (tries++, Promise.reject(new BaseError('VALIDATION_FAILED', 'Step 9 was challenged'))) };
    const fresh = createJobRunner({ market: market.port, specs, challenges: refusing, runs: createRunStore(dir), train: trainInThread, now: Date.now }, { priority: 'fee', flopsPerSecond: 1e9, memoryBytes: 1 << 30 });
    Object.assign(market.jobs.get(2n)!, { disputedStep: 9 });
    expect((await fresh.tick()).answered).toEqual([]);
    expect((await fresh.tick()).answered).toEqual([]);
    expect(tries).toBe(1);
  });
});
