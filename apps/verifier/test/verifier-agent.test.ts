/**
 * The verifier agent on a real anvil with the network deployed and a real coordinator
 * (SQLite) serving the job index, specs and the challenge exchange. The node is played by
 * the test: it trains with the tensor package, commits the root on chain and answers the
 * agent's challenge with openings over the SDK, honestly, from a run of another seed, or not
 * at all.
 */
import {
  acceptJob, ANVIL_DEV_ADDRESSES, ANVIL_DEV_KEYS, createChainClients, deployNetwork, postJob, readJob, readVerifierBond, setWorkers, submitResult,
  type NetworkContracts, type WalletChainClients,
} from '@tensorgrid/chain';
import { createJobIndexer, createViemJobMarketReader, createViemVerifierRoles, type JobIndexer } from '@tensorgrid/coordinator';
import { createJobIndexStore } from '@tensorgrid/db';
import type { TransitionOpeningWire } from '@tensorgrid/protocol';
import { createCoordinatorClient, getJobChallenge, putJobOpening, putJobSpec, type CoordinatorClient } from '@tensorgrid/sdk';
import { createTrainer, deriveJobSeed, encodeTrainingState, loadDataset, parseJobSpec, parseTrainingJob, train, type Trainer, type TrainRun } from '@tensorgrid/tensor';
import { challengedSteps, openTransition } from '@tensorgrid/verification';
import { startTestCoordinator, withAnvil, type AnvilFixture, type TestCoordinator } from '@tensorgrid/test-utils';
import { privateKeyToAccount } from 'viem/accounts';
import { erc20Abi, keccak256, toHex } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureVerifierBond } from '../src/ensure-verifier-bond';
import { createVerifierAgent, type VerifierAgent, type VerifierJobOutcome } from '../src/verifier-agent';

const GRID = 10n ** 18n;
const Q = 12;
/** A tiny seed-generated job: 256 examples, batches of 16, 3 epochs → T = 48 steps. */
const SPEC = parseJobSpec({
  version: 1,
  training: {
    version: 1,
    model: { input: [8], layers: [{ type: 'dense', units: 16, activation: 'relu' }, { type: 'dense', units: 3 }] },
    dataset: { kind: 'gaussian-mixture', seed: 'verifier-agent-test', size: 256, classes: 3, dim: 8, spread: 0.5 },
    optimizer: { kind: 'sgd', momentum: 0.9 },
    lr: 0.05,
    batchSize: 16,
    epochs: 3,
  },
  timeLimitSeconds: 60,
  memoryBytes: 1 << 24,
});

/** The node's kept run of a job: what it committed and answers from. */
interface NodeRun { jobId: bigint; trainer: Trainer; run: TrainRun; submitBlockHash: string }

const wire = (trainer: Trainer, run: TrainRun, t: number): TransitionOpeningWire => {
  const o = openTransition(trainer, run, t);
  return { state: Buffer.from(encodeTrainingState(o.state)).toString('base64'), hash: o.hash, proof: [...o.proof], nextHash: o.nextHash, nextProof: [...o.nextProof] };
};
const of = (outcomes: VerifierJobOutcome[], jobId: bigint) => outcomes.find((o) => o.jobId === jobId);

describe('verifier agent on anvil', () => {
  let anvil: AnvilFixture;
  let coord: TestCoordinator;
  let contracts: NetworkContracts;
  let verifier: WalletChainClients;
  let indexer: JobIndexer;
  let agent: VerifierAgent;
  let clockOffset = 0;
  const jobs: Record<'honest' | 'cheater' | 'silent', NodeRun> = {} as never;
  let unknownSpecJob: bigint;
  const as = (key: number): CoordinatorClient => createCoordinatorClient({ url: coord.url, account: privateKeyToAccount(ANVIL_DEV_KEYS[key]!), domain: coord.domain });

  beforeAll(async () => {
    anvil = await withAnvil();
    const clients = (key: number): WalletChainClients => createChainClients({ rpcUrl: anvil.rpcUrl, chainId: anvil.chainId, privateKey: ANVIL_DEV_KEYS[key]!, pollingIntervalMs: 20 });
    const [admin, oracle, requester, node] = [clients(0), clients(1), clients(2), clients(3)];
    verifier = oracle;
    contracts = await deployNetwork(admin, { admin: ANVIL_DEV_ADDRESSES[0]!, oracle: ANVIL_DEV_ADDRESSES[1]! });
    for (const who of [requester, node, oracle]) {
      const hash = await admin.walletClient.writeContract({ address: contracts.GridToken, abi: erc20Abi, functionName: 'transfer', args: [who.account.address, 10_000n * GRID] });
      await admin.publicClient.waitForTransactionReceipt({ hash });
    }
    await setWorkers(oracle, { address: contracts.JobMarket, node: node.account.address, workers: 4 });
    const market = { clients: oracle, market: contracts.JobMarket };
    coord = await startTestCoordinator('sqlite', { verifierRoles: createViemVerifierRoles({ ...market, clock: { now: Date.now } }) });
    indexer = createJobIndexer({ store: createJobIndexStore(coord.database.db), reader: createViemJobMarketReader(market) });

    const { specHash } = await putJobSpec(as(2), { spec: SPEC });
    const { timestamp } = await requester.publicClient.getBlock();
    const post = (hash: `0x${string}`) => postJob(requester, { address: contracts.JobMarket, specHash: hash, fee: 50n * GRID, gas: 10n * GRID, deadline: timestamp + 3_600n });
    const dataset = loadDataset({ spec: SPEC.training.dataset, split: 'train' });
    const trainerOf = (jobId: bigint, beacon: string) => createTrainer(parseTrainingJob({ jobId: jobId.toString(), jobSeed: deriveJobSeed(jobId.toString(), beacon), spec: SPEC.training }), dataset);
    for (const kind of ['honest', 'cheater', 'silent'] as const) {
      const { jobId } = await post(specHash as `0x${string}`);
      const accepted = await acceptJob(node, { address: contracts.JobMarket, jobId });
      // The cheater trains (and answers from) a run whose seed it picked itself, not the assignment beacon's.
      const trainer = trainerOf(jobId, kind === 'cheater' ? 'c0'.repeat(32) : accepted.blockHash.slice(2));
      const run = train(trainer, { checkpointEvery: 10 });
      const submitted = await submitResult(node, { address: contracts.JobMarket, jobId, resultRoot: `0x${run.root}` });
      jobs[kind] = { jobId, trainer, run, submitBlockHash: submitted.blockHash.slice(2) };
    }
    unknownSpecJob = (await post(keccak256(toHex('a spec the coordinator never stored')))).jobId;
    await acceptJob(node, { address: contracts.JobMarket, jobId: unknownSpecJob });
    await submitResult(node, { address: contracts.JobMarket, jobId: unknownSpecJob, resultRoot: keccak256(toHex('root')) });
    await indexer.tick();

    agent = createVerifierAgent({ coordinator: as(1), chain: verifier, market: contracts.JobMarket, now: () => Date.now() + clockOffset }, { q: Q, respondWithinSeconds: 60 });
  }, 120_000);
  afterAll(async () => {
    await coord?.close();
    await anvil?.stop();
  });

  it('tops up the free bond to cover N verdicts, once', async () => {
    const first = await ensureVerifierBond(verifier, { market: contracts.JobMarket, verdicts: 4 });
    expect(first).toMatchObject({ free: 0n, added: 4n * first.perVerdict });
    expect(first.perVerdict).toBeGreaterThan(0n);
    expect(await readVerifierBond(verifier, { address: contracts.JobMarket, verifier: verifier.account.address })).toEqual({ bond: 4n * first.perVerdict, locked: 0n });
    expect((await ensureVerifierBond(verifier, { market: contracts.JobMarket, verdicts: 4 })).added).toBe(0n);
  });

  it('challenges each submitted job with the transitions drawn from its submit block, and skips a job whose spec is unknown', async () => {
    const outcomes = await agent.tick();
    for (const job of Object.values(jobs)) {
      const expected = challengedSteps({ trainer: job.trainer, commitment: { root: job.run.root, leafCount: job.run.stepHashes.length }, beacon: job.submitBlockHash, q: Q });
      expect(of(outcomes, job.jobId)).toEqual({ kind: 'challenged', jobId: job.jobId, steps: expected });
      const posted = await getJobChallenge(as(9), { id: job.jobId });
      expect(posted).toMatchObject({ steps: expected, beacon: `0x${job.submitBlockHash}`, verifier: verifier.account.address.toLowerCase() });
      // The first, the last and the epoch boundaries (16 steps an epoch) are always among them.
      expect(expected).toEqual(expect.arrayContaining([0, 16, 32, 47]));
    }
    expect(of(outcomes, unknownSpecJob)).toMatchObject({ kind: 'skipped', why: expect.stringContaining('NOT_FOUND') as string });
    // Stateless: the next tick reads the challenges back and waits for the answers.
    const again = await agent.tick();
    expect(of(again, jobs.honest.jobId)).toEqual({ kind: 'waiting', jobId: jobs.honest.jobId, answered: 0, steps: expect.any(Number) as number });
  });

  it('an honest node\'s openings pass: verdict posted, job verified, one verdict\'s bond locked', async () => {
    const { jobId, trainer, run } = jobs.honest;
    const { steps } = await getJobChallenge(as(9), { id: jobId });
    for (const step of steps) await putJobOpening(as(3), { id: jobId, step, opening: wire(trainer, run, step) });
    const outcome = of(await agent.tick(), jobId);
    expect(outcome).toMatchObject({ kind: 'verdict', report: { passed: true, failures: [], checkedSteps: steps } });
    if (outcome?.kind !== 'verdict') throw new Error('no verdict');
    expect(outcome.report.heldOut?.accuracy).toBeGreaterThanOrEqual(outcome.report.heldOut!.floor);
    expect((await readJob(verifier.publicClient, { address: contracts.JobMarket, jobId })).state).toBe('verified');
    const perVerdict = (await ensureVerifierBond(verifier, { market: contracts.JobMarket, verdicts: 0 })).perVerdict;
    expect((await readVerifierBond(verifier, { address: contracts.JobMarket, verifier: verifier.account.address })).locked).toBe(perVerdict);
    // The index still says submitted until it reads the chain again: no second verdict.
    expect(of(await agent.tick(), jobId)).toMatchObject({ kind: 'skipped', why: 'the job is verified on chain' });
  });

  it('a node that committed a run of its own seed and answers consistently with it is rejected', async () => {
    const { jobId, trainer, run } = jobs.cheater;
    const { steps } = await getJobChallenge(as(9), { id: jobId });
    for (const step of steps) await putJobOpening(as(3), { id: jobId, step, opening: wire(trainer, run, step) });
    const outcome = of(await agent.tick(), jobId);
    expect(outcome).toMatchObject({ kind: 'verdict', report: { passed: false } });
    if (outcome?.kind !== 'verdict') throw new Error('no verdict');
    const kinds = new Set(outcome.report.failures.map((f) => f.kind));
    expect(kinds).toContain('wrong-init');
    expect(kinds).toContain('wrong-transition');
    expect((await readJob(verifier.publicClient, { address: contracts.JobMarket, jobId })).state).toBe('rejected');
  });

  it('a node that never answers is rejected once respondBy has passed, not before', async () => {
    const { jobId } = jobs.silent;
    expect(of(await agent.tick(), jobId)).toMatchObject({ kind: 'waiting', answered: 0 });
    expect((await readJob(verifier.publicClient, { address: contracts.JobMarket, jobId })).state).toBe('submitted');
    coord.advance(61_000);
    clockOffset += 61_000;
    const outcome = of(await agent.tick(), jobId);
    expect(outcome).toMatchObject({ kind: 'verdict', report: { passed: false } });
    if (outcome?.kind !== 'verdict') throw new Error('no verdict');
    expect(new Set(outcome.report.failures.map((f) => f.kind))).toEqual(new Set(['withheld']));
    expect((await readJob(verifier.publicClient, { address: contracts.JobMarket, jobId })).state).toBe('rejected');
    // The job whose spec the coordinator lacks is never judged.
    expect((await readJob(verifier.publicClient, { address: contracts.JobMarket, jobId: unknownSpecJob })).state).toBe('submitted');
  });
});
