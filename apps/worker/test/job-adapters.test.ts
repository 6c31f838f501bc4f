/**
 * The node's job runner over its real adapters (the coordinator's job index and spec store,
 * the challenge exchange, the JobMarket on anvil): it accepts a posted job with its deposit,
 * trains it with the seed from the accept's block hash, submits the canonical root on chain,
 * and answers the challenge the account with VERIFIER_ROLE posts with openings a verifier
 * accepts; on a tolerant job it opens the step a whistleblower disputes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  acceptJob, ANVIL_DEV_ADDRESSES, ANVIL_DEV_KEYS, bondVerifier, createChainClients, deployNetwork, disputeJob, JOB_MARKET_DEFAULTS, postJob, postVerdict, readJob, setWorkers, submitResult,
  type NetworkContracts, type WalletChainClients,
} from '@tensorgrid/chain';
import { createJobIndexer, createViemJobMarketReader, createViemVerifierRoles, type JobIndexer } from '@tensorgrid/coordinator';
import { createJobIndexStore } from '@tensorgrid/db';
import { createCoordinatorClient, getJob, getJobOpening, postJobChallenge, putJobSpec, putVerdictReport, uploadDataset, type CoordinatorClient } from '@tensorgrid/sdk';
import { disputeEvidence } from '@tensorgrid/protocol';
import { checkTransition, createTrainer, decodeTrainingState, deriveJobSeed, generateDataset, jobGas, jobSpecHash, parseJobSpec, parseTrainingJob, train } from '@tensorgrid/tensor';
import { checkTransitionTolerant } from '@tensorgrid/verification';
import { startTestCoordinator, withAnvil, type AnvilFixture, type TestCoordinator } from '@tensorgrid/test-utils';
import { createTestClient, erc20Abi, http, type Hex } from 'viem';
import { foundry } from 'viem/chains';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChallengeAdapter } from '../src/jobs/challenge-adapter';
import { createJobMarketAdapter } from '../src/jobs/job-market-adapter';
import { createJobRunner } from '../src/jobs/job-runner';
import { createJobSpecAdapter } from '../src/jobs/job-spec-adapter';
import { createRunStore } from '../src/jobs/run-store';
import { trainInThread } from '../src/jobs/train-in-thread';

const GRID = 10n ** 18n;
const SPEC = parseJobSpec({
  version: 1,
  training: {
    version: 1,
    model: { input: [6], layers: [{ type: 'dense', units: 8, activation: 'relu' }, { type: 'dense', units: 3 }] },
    dataset: { kind: 'gaussian-mixture', seed: 'adapters', classes: 3, dim: 6, size: 96 },
    optimizer: { kind: 'sgd', momentum: 0.9 },
    lr: 0.05, batchSize: 16, epochs: 3,
  },
  timeLimitSeconds: 600,
  memoryBytes: 1 << 20,
});

describe('job runner with the real adapters on anvil', () => {
  let anvil: AnvilFixture;
  let coord: TestCoordinator;
  let contracts: NetworkContracts;
  let indexer: JobIndexer;
  let node: WalletChainClients;
  let requester: WalletChainClients;
  let oracle: WalletChainClients;
  let whistleblower: WalletChainClients;
  let dir: string;
  const as = (key: number): CoordinatorClient => createCoordinatorClient({ url: coord.url, account: privateKeyToAccount(ANVIL_DEV_KEYS[key]!), domain: coord.domain });

  beforeAll(async () => {
    anvil = await withAnvil();
    dir = await mkdtemp(path.join(tmpdir(), 'tg-adapters-'));
    const clients = (key: number): WalletChainClients => createChainClients({ rpcUrl: anvil.rpcUrl, chainId: anvil.chainId, privateKey: ANVIL_DEV_KEYS[key]!, pollingIntervalMs: 20 });
    const admin = clients(0);
    [oracle, requester, node, whistleblower] = [clients(1), clients(2), clients(3), clients(4)];
    contracts = await deployNetwork(admin, { admin: ANVIL_DEV_ADDRESSES[0]!, oracle: ANVIL_DEV_ADDRESSES[1]! });
    for (const who of [requester, node, oracle, whistleblower]) {
      const hash = await admin.walletClient.writeContract({ address: contracts.GridToken, abi: erc20Abi, functionName: 'transfer', args: [who.account.address, 10_000n * GRID] });
      await admin.publicClient.waitForTransactionReceipt({ hash });
    }
    await setWorkers(oracle, { address: contracts.JobMarket, node: node.account.address, workers: 1 });
    const market = { clients: oracle, market: contracts.JobMarket };
    coord = await startTestCoordinator('sqlite', { verifierRoles: createViemVerifierRoles({ ...market, clock: { now: Date.now } }) });
    indexer = createJobIndexer({ store: createJobIndexStore(coord.database.db), reader: createViemJobMarketReader(market) }, {});
  }, 120_000);
  afterAll(async () => {
    await coord?.close();
    await anvil?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('accepts a posted job, submits the canonical root on chain and answers the verifier\'s challenge', async () => {
    const client = as(3);
    await putJobSpec(client, { spec: SPEC });
    const specHash = jobSpecHash(SPEC);
    const post = async () => {
      const { timestamp } = await requester.publicClient.getBlock();
      const gas = jobGas(SPEC.training).gas;
      return (await postJob(requester, { address: contracts.JobMarket, specHash: specHash as Hex, fee: 20n * GRID + gas, gas, deadline: timestamp + 3_600n, approve: true })).jobId;
    };
    const [first, second] = [await post(), await post()];
    await indexer.tick();

    const market = createJobMarketAdapter({ client, chain: node, market: contracts.JobMarket });
    expect((await market.openJobs()).map((j) => j.jobId).sort()).toEqual([first, second]);
    expect(await createJobMarketAdapter({ client, chain: node, market: contracts.JobMarket, maxJobs: 1 }).openJobs()).toHaveLength(1);
    expect(await market.capacity()).toEqual({ workers: 1, running: 0 });
    const specs = createJobSpecAdapter(client);
    expect(await specs.resolve(`0x${'ab'.repeat(32)}`)).toBeUndefined();
    expect((await specs.resolve(specHash))?.flops).toBe(Number(jobGas(SPEC.training).flops));
    expect((await specs.resolve(specHash))?.verification).toEqual({ mode: 'exact' });

    const challenges = createChallengeAdapter(client);
    const runner = createJobRunner(
      { market, specs, challenges, runs: createRunStore(dir), train: trainInThread, now: Date.now },
      { priority: 'deadline', flopsPerSecond: 1e9, memoryBytes: 1 << 30, checkpointEvery: 4 },
    );
    const pass = await runner.tick();
    expect(pass.accepted).toHaveLength(1); // one worker: one job at a time
    const jobId = pass.accepted[0]!;
    await runner.idle();

    await indexer.tick();
    const beacon = await market.assignmentBeacon(jobId);
    // The accept's block is the chain's (read from the chain: the runner checked it before submitting, the index then behind); a hash no block has is not.
    expect(await market.beaconStands(beacon)).toBe(true);
    expect(await market.beaconStands(`0x${'ab'.repeat(32)}`)).toBe(false);
    const training = parseTrainingJob({ jobId: jobId.toString(), jobSeed: deriveJobSeed(jobId.toString(), beacon.slice(2)), spec: SPEC.training });
    const trainer = createTrainer(training, generateDataset({ spec: SPEC.training.dataset, split: 'train' }));
    const root = train(trainer).root;
    // The challenge beacon (the held-out draw's) is the hash of the block that included the submit.
    const submitted = (await getJob(client, { id: jobId })).events.find((e) => e.name === 'JobSubmitted')!;
    expect(await market.challengeBeacon(jobId)).toBe((await node.publicClient.getBlock({ blockNumber: BigInt(submitted.block) })).hash);
    expect(await market.challengeBeacon(jobId)).not.toBe(beacon);
    expect(await readJob(node.publicClient, { address: contracts.JobMarket, jobId })).toMatchObject({ state: 'submitted', resultRoot: `0x${root}` });
    expect(await market.myJobs()).toEqual([expect.objectContaining({ jobId, state: 'submitted' })]);
    expect(await challenges.challenge(jobId)).toBeUndefined();

    const steps = [0, 5, trainer.totalSteps - 1];
    await postJobChallenge(as(1), { id: jobId, challenge: { steps, beacon: `0x${'5a'.repeat(32)}`, respondWithinSeconds: 600 } });
    const answered = await runner.tick();
    expect(answered.answered).toEqual([{ jobId, steps }]);
    expect(answered.accepted).toEqual([first === jobId ? second : first]); // the worker is free again
    await runner.idle();
    expect((await challenges.challenge(jobId))?.answered).toEqual(steps);
    for (const step of steps) {
      const { opening } = await getJobOpening(client, { id: jobId, step });
      const verdict = checkTransition(trainer, { ...opening, root, leafCount: trainer.totalSteps + 1, state: decodeTrainingState(new Uint8Array(Buffer.from(opening.state, 'base64'))) });
      expect(verdict).toEqual({ kind: 'valid' });
    }
    expect((await runner.tick()).answered).toEqual([]);
    // No verdict report yet; the step hashes the runner published are in, with their time.
    const rejection = await challenges.rejection(jobId);
    expect(rejection.firstFailure).toBeUndefined();
    expect(rejection.stepHashesAt).toBeLessThanOrEqual(Date.now());
    // A report counts (as the referee counts it) only once its verifier, which challenged the job, also rejected it on chain.
    await putVerdictReport(as(1), { id: jobId, report: { passed: false, failures: [{ step: trainer.totalSteps, kind: 'leaves-withheld' }] } });
    expect((await challenges.rejection(jobId)).firstFailure).toBeUndefined();
    await bondVerifier(oracle, { address: contracts.JobMarket, amount: 1_000n * GRID });
    await postVerdict(oracle, { address: contracts.JobMarket, jobId, passed: false });
    await indexer.tick();
    expect((await challenges.rejection(jobId)).firstFailure).toEqual({ kind: 'leaves-withheld', step: trainer.totalSteps });
    // Runs the node still needs (both jobs are its own and open) stay; a job the market never had is closed.
    expect(await market.closedJobs([first, second, 777n])).toEqual([777n]);
  }, 120_000);

  it('resolves a spec whose tabular dataset is in the coordinator\'s store: bytes fetched and checked against its SHA-256', async () => {
    const client = as(3);
    const csv = 'a,b,label\n0.1,0.9,0\n0.9,0.1,1\n0.2,0.8,0\n0.8,0.2,1\n';
    const { sha256 } = await uploadDataset(client, { bytes: new TextEncoder().encode(csv) });
    const spec = parseJobSpec({
      version: 1,
      training: {
        version: 1,
        model: { input: [2], layers: [{ type: 'dense', units: 2 }] },
        dataset: { kind: 'tabular', dim: 2, classes: 2, size: 4, sha256, location: { store: 'coordinator' } },
        optimizer: { kind: 'sgd' }, lr: 0.1, batchSize: 2, epochs: 2,
      },
      timeLimitSeconds: 60,
      memoryBytes: 65_536,
    });
    await putJobSpec(client, { spec });
    const resolved = await createJobSpecAdapter(client).resolve(jobSpecHash(spec));
    expect(resolved).toMatchObject({ timeLimitSeconds: 60, memoryBytes: 65_536, flops: Number(jobGas(spec.training).flops) });
    const dataset = await resolved!.dataset();
    expect(Array.from(dataset.labels)).toEqual([0, 1, 0, 1]);
    // A file that holds no rows out has no held-out check; one that holds a row out is judged on it, and trains on the rest.
    expect(await resolved!.heldOut()).toBe(false);
    const holding = parseJobSpec({ ...spec, training: { ...spec.training, dataset: { ...spec.training.dataset, heldOut: 1 } } });
    await putJobSpec(client, { spec: holding });
    const split = (await createJobSpecAdapter(client).resolve(jobSpecHash(holding)))!;
    const heldOut = await split.heldOut();
    expect(heldOut && heldOut.dataset?.count).toBe(1);
    expect((await split.dataset()).count).toBe(3);
  });

  it('opens the step a whistleblower disputes on its verified tolerant job, from the stored run, through the coordinator', async () => {
    const client = as(3);
    const tolerant = parseJobSpec({ ...SPEC, verification: { mode: 'tolerant', tau: 0.01 } });
    await putJobSpec(client, { spec: tolerant });
    const { timestamp } = await requester.publicClient.getBlock();
    const gas = jobGas(tolerant.training).gas;
    const { jobId } = await postJob(requester, { address: contracts.JobMarket, specHash: jobSpecHash(tolerant) as Hex, fee: 20n * GRID + gas, gas, deadline: timestamp + 3_600n, approve: true });
    await indexer.tick();
    const market = createJobMarketAdapter({ client, chain: node, market: contracts.JobMarket });
    const runner = createJobRunner(
      { market, specs: createJobSpecAdapter(client), challenges: createChallengeAdapter(client), runs: createRunStore(dir), train: trainInThread, now: Date.now },
      { priority: 'deadline', flopsPerSecond: 1e9, memoryBytes: 1 << 30, checkpointEvery: 4 },
    );
    expect((await runner.tick()).accepted).toEqual([jobId]);
    await runner.idle();
    // A lazy verifier passes it unchallenged; a whistleblower disputes step 7.
    await bondVerifier(oracle, { address: contracts.JobMarket, amount: 1_000n * GRID });
    await postVerdict(oracle, { address: contracts.JobMarket, jobId, passed: true });
    await disputeJob(whistleblower, { address: contracts.JobMarket, jobId, evidence: disputeEvidence(7) });
    await indexer.tick();
    expect(await market.myJobs()).toContainEqual(expect.objectContaining({ jobId, state: 'disputed', disputedStep: 7 }));

    expect((await runner.tick()).answered).toEqual([{ jobId, steps: [7] }]);
    const { opening } = await getJobOpening(client, { id: jobId, step: 7 });
    const decode = (b64: string) => decodeTrainingState(new Uint8Array(Buffer.from(b64, 'base64')));
    const beacon = await market.assignmentBeacon(jobId);
    const trainer = createTrainer(parseTrainingJob({ jobId: jobId.toString(), jobSeed: deriveJobSeed(jobId.toString(), beacon.slice(2)), spec: tolerant.training }), generateDataset({ spec: tolerant.training.dataset, split: 'train' }));
    const { resultRoot } = await readJob(node.publicClient, { address: contracts.JobMarket, jobId });
    const checked = { ...opening, root: resultRoot.slice(2), leafCount: trainer.totalSteps + 1, state: decode(opening.state), nextState: decode(opening.nextState!) };
    expect(checkTransitionTolerant(trainer, checked, { tau: 0.01 })).toMatchObject({ kind: 'valid' });
    expect((await runner.tick()).answered).toEqual([]);
  }, 120_000);
  it('ends a submitted job that no verifier judged by its verifyBy, and only then, and times out a held job past its deadline (the last test: it moves the chain two days on)', async () => {
    const client = as(3);
    const market = createJobMarketAdapter({ client, chain: node, market: contracts.JobMarket });
    const { timestamp } = await requester.publicClient.getBlock();
    const gas = jobGas(SPEC.training).gas;
    const { jobId } = await postJob(requester, { address: contracts.JobMarket, specHash: jobSpecHash(SPEC) as Hex, fee: 20n * GRID + gas, gas, deadline: timestamp + 3_600n, approve: true });
    await acceptJob(node, { address: contracts.JobMarket, jobId, approve: true });
    await submitResult(node, { address: contracts.JobMarket, jobId, resultRoot: `0x${'77'.repeat(32)}` });
    const { jobId: late } = await postJob(requester, { address: contracts.JobMarket, specHash: jobSpecHash(SPEC) as Hex, fee: 20n * GRID + gas, gas, deadline: timestamp + 3_600n, approve: true });
    await acceptJob(node, { address: contracts.JobMarket, jobId: late, approve: true });
    expect(await market.expireIfUnverified(jobId)).toBe(false);
    const test = createTestClient({ chain: { ...foundry, id: anvil.chainId }, mode: 'anvil', transport: http(anvil.rpcUrl) });
    await test.increaseTime({ seconds: Number(JOB_MARKET_DEFAULTS.verificationWindow) + 1 });
    await test.mine({ blocks: 1 });
    expect(await market.expireIfUnverified(jobId)).toBe(true);
    expect((await readJob(node.publicClient, { address: contracts.JobMarket, jobId })).state).toBe('unverified');
    expect(await market.closedJobs([jobId])).toEqual([jobId]);
    expect(await market.expireIfUnverified(jobId)).toBe(false);
    // Past its deadline a held job is timed out, not declined (declined, it would reopen for nobody: none may accept it any more).
    await market.decline(late);
    expect((await readJob(node.publicClient, { address: contracts.JobMarket, jobId: late })).state).toBe('timed-out');
  });
});
