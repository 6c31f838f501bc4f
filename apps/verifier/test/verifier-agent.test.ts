/**
 * The verifier agent on a real anvil with the network deployed and a real coordinator
 * (SQLite) serving the job index, specs and the challenge exchange. The node is played by
 * the test: it trains with the tensor package, commits the root on chain and answers the
 * agent's challenge with openings over the SDK, honestly, from a run of its own seed, or not
 * at all.
 */
import { acceptJob, contestJob, gridTokenAbi, jobMarketCallAbi, postJob, readJob, readVerifierBond, resolveDispute, submitResult, type WalletChainClients } from '@tensorgrid/chain';
import { getJobChallenge, getVerdictReport, putJobOpening, putJobSpec } from '@tensorgrid/sdk';
import { jobGas, loadDataset } from '@tensorgrid/tensor';
import { challengedSteps } from '@tensorgrid/verification';
import { createTestClient, erc20Abi, http, keccak256, toHex, type Hex } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureVerifierBond } from '../src/ensure-verifier-bond';
import { createVerifierAgent, type VerifierAgent, type VerifierJobOutcome } from '../src/verifier-agent';
import { MARKET_KEYS as KEYS, openingWire, runJob, startMarket, type MarketFixture, type NodeRun, tinyJobSpec } from '@tensorgrid/test-utils';

const Q = 12;
const SPEC = tinyJobSpec({ seed: 'verifier-agent-test' });

const of = (outcomes: VerifierJobOutcome[], jobId: bigint) => outcomes.find((o) => o.jobId === jobId);

describe('verifier agent on anvil', () => {
  let m: MarketFixture;
  let verifier: WalletChainClients;
  let agent: VerifierAgent;
  let clockOffset = 0;
  const jobs = {} as Record<'honest' | 'cheater' | 'silent' | 'wronged', NodeRun>;
  let unknownSpecJob: bigint;
  /** Posted with 10 GRID of gas, far above what its spec costs (a requester buying its node daily shares). */
  let overstated: NodeRun;
  const stateOf = async (jobId: bigint) => (await readJob(verifier.publicClient, { address: m.contracts.JobMarket, jobId })).state;
  const answerAll = async (node: NodeRun) => {
    const { steps } = await getJobChallenge(m.as(9), { id: node.jobId });
    for (const step of steps) await putJobOpening(m.as(KEYS.node), { id: node.jobId, step, opening: openingWire(node, step) });
    return steps;
  };

  beforeAll(async () => {
    m = await startMarket();
    verifier = m.clients(KEYS.verifier);
    const { specHash } = await putJobSpec(m.as(KEYS.requester), { spec: SPEC });
    const dataset = loadDataset({ spec: SPEC.training.dataset, split: 'train' });
    jobs.honest = await runJob(m, { specHash: specHash as Hex, spec: SPEC, dataset });
    // The cheater trains (and answers from) a run of a seed it picked itself, not the assignment beacon's.
    jobs.cheater = await runJob(m, { specHash: specHash as Hex, spec: SPEC, dataset, seedBeacon: 'c0'.repeat(32) });
    jobs.silent = await runJob(m, { specHash: specHash as Hex, spec: SPEC, dataset });
    // Rejected for withholding like the silent one, then (as if the referee found the node right) contested and won.
    jobs.wronged = await runJob(m, { specHash: specHash as Hex, spec: SPEC, dataset });
    overstated = await runJob(m, { specHash: specHash as Hex, spec: SPEC, dataset, gas: 10n * 10n ** 18n });
    const [requester, node] = [m.clients(KEYS.requester), m.clients(KEYS.node)];
    const { timestamp } = await requester.publicClient.getBlock();
    unknownSpecJob = (await postJob(requester, { address: m.contracts.JobMarket, specHash: keccak256(toHex('a spec the coordinator never stored')), fee: 50n * 10n ** 18n, gas: 10n ** 19n, deadline: timestamp + 3_600n })).jobId;
    await acceptJob(node, { address: m.contracts.JobMarket, jobId: unknownSpecJob });
    await submitResult(node, { address: m.contracts.JobMarket, jobId: unknownSpecJob, resultRoot: keccak256(toHex('root')) });
    await m.indexer.tick();
    agent = createVerifierAgent({ coordinator: m.as(KEYS.verifier), chain: verifier, market: m.contracts.JobMarket, now: () => Date.now() + clockOffset }, { q: Q, respondWithinSeconds: 60 });
  }, 120_000);
  afterAll(async () => {
    await m?.close();
  });

  it('tops up the free bond to cover N verdicts, once', async () => {
    const first = await ensureVerifierBond(verifier, { market: m.contracts.JobMarket, verdicts: 5 });
    expect(first.perVerdict).toBeGreaterThan(0n);
    expect(first).toMatchObject({ free: 0n, added: 5n * first.perVerdict });
    expect(await readVerifierBond(verifier, { address: m.contracts.JobMarket, verifier: verifier.account.address })).toEqual({ bond: 5n * first.perVerdict, locked: 0n });
    expect((await ensureVerifierBond(verifier, { market: m.contracts.JobMarket, verdicts: 5 })).added).toBe(0n);
  });

  it('with too little GRID adds what the account holds and reports the rest as short, instead of failing', async () => {
    const poor = m.clients(7);
    const perVerdict = await verifier.publicClient.readContract({ address: m.contracts.JobMarket, abi: jobMarketCallAbi, functionName: 'verifierBond' });
    const hash = await verifier.walletClient.writeContract({ address: m.contracts.GridToken, abi: gridTokenAbi, functionName: 'transfer', args: [poor.account.address, perVerdict + perVerdict / 2n], account: verifier.account, chain: verifier.walletClient.chain });
    await verifier.publicClient.waitForTransactionReceipt({ hash });
    expect(await ensureVerifierBond(poor, { market: m.contracts.JobMarket, verdicts: 4 })).toEqual({ perVerdict, free: 0n, added: perVerdict + perVerdict / 2n, short: 4n * perVerdict - (perVerdict + perVerdict / 2n) });
    expect(await readVerifierBond(poor, { address: m.contracts.JobMarket, verifier: poor.account.address })).toEqual({ bond: perVerdict + perVerdict / 2n, locked: 0n });
  });

  it('challenges each submitted job with the transitions drawn from its submit block, and skips a job whose spec is unknown', async () => {
    // Five jobs to challenge, and the unknown spec's: the agent loads a job only while a verdict's bond is left.
    await ensureVerifierBond(verifier, { market: m.contracts.JobMarket, verdicts: 6 });
    const outcomes = await agent.tick();
    for (const job of Object.values(jobs)) {
      const expected = challengedSteps({ trainer: job.trainer, commitment: { root: job.run.root, leafCount: job.run.stepHashes.length }, beacon: job.submitBlockHash, q: Q });
      expect(of(outcomes, job.jobId)).toEqual({ kind: 'challenged', jobId: job.jobId, steps: expected });
      expect(await getJobChallenge(m.as(9), { id: job.jobId })).toMatchObject({ steps: expected, beacon: `0x${job.submitBlockHash}`, verifier: verifier.account.address.toLowerCase() });
      // The first, the last and the epoch boundaries (16 steps an epoch) are always among them.
      expect(expected).toEqual(expect.arrayContaining([0, 16, 32, 47]));
    }
    expect(of(outcomes, unknownSpecJob)).toMatchObject({ kind: 'skipped', why: expect.stringContaining('NOT_FOUND') as string });
    // Its gas on chain is not its spec's: rejected at once from the spec, nothing replayed, the report published.
    const T = overstated.trainer.totalSteps;
    expect(of(outcomes, overstated.jobId)).toMatchObject({ kind: 'verdict', report: { passed: false, checkedSteps: [], failures: [{ step: T, kind: 'gas-mismatch', detail: expect.stringContaining(`${jobGas(SPEC.training).gas}`) as string }] } });
    expect(await stateOf(overstated.jobId)).toBe('rejected');
    expect((await getVerdictReport(m.as(9), { id: overstated.jobId })).report.failures).toEqual([expect.objectContaining({ kind: 'gas-mismatch' })]);
    // Stateless: the next tick reads the challenges back and waits for the answers.
    expect(of(await agent.tick(), jobs.honest.jobId)).toEqual({ kind: 'waiting', jobId: jobs.honest.jobId, answered: 0, steps: expect.any(Number) as number });
  });

  it('an honest node\'s openings pass: verdict posted, job verified, one more verdict\'s bond locked', async () => {
    const { jobId } = jobs.honest;
    const steps = await answerAll(jobs.honest);
    const outcome = of(await agent.tick(), jobId);
    expect(outcome).toMatchObject({ kind: 'verdict', report: { passed: true, failures: [], checkedSteps: steps } });
    if (outcome?.kind !== 'verdict') throw new Error('no verdict');
    expect(outcome.report.heldOut?.accuracy).toBeGreaterThanOrEqual(outcome.report.heldOut!.floor);
    expect(await stateOf(jobId)).toBe('verified');
    const { perVerdict } = await ensureVerifierBond(verifier, { market: m.contracts.JobMarket, verdicts: 0 });
    // This verdict's and the overstated job's rejection.
    expect((await readVerifierBond(verifier, { address: m.contracts.JobMarket, verifier: verifier.account.address })).locked).toBe(2n * perVerdict);
    // The index still says submitted until it reads the chain again: no second verdict.
    expect(of(await agent.tick(), jobId)).toMatchObject({ kind: 'skipped', why: 'the job is verified on chain' });
  });

  it('a node that committed a run of its own seed and answers consistently with it is rejected', async () => {
    const { jobId } = jobs.cheater;
    await answerAll(jobs.cheater);
    const outcome = of(await agent.tick(), jobId);
    expect(outcome).toMatchObject({ kind: 'verdict', report: { passed: false } });
    if (outcome?.kind !== 'verdict') throw new Error('no verdict');
    const kinds = new Set(outcome.report.failures.map((f) => f.kind));
    expect(kinds).toContain('wrong-init');
    expect(kinds).toContain('wrong-transition');
    expect(await stateOf(jobId)).toBe('rejected');
  });

  it('a node that never answers is rejected once respondBy has passed, not before', async () => {
    const { jobId } = jobs.silent;
    expect(of(await agent.tick(), jobId)).toMatchObject({ kind: 'waiting', answered: 0 });
    expect(await stateOf(jobId)).toBe('submitted');
    m.coord.advance(61_000);
    clockOffset += 61_000;
    // An agent restarted with another q would redraw other steps: it does not judge the challenge.
    const otherQ = createVerifierAgent({ coordinator: m.as(KEYS.verifier), chain: verifier, market: m.contracts.JobMarket, now: () => Date.now() + clockOffset }, { q: 5 });
    expect(of(await otherQ.tick(), jobId)).toMatchObject({ kind: 'skipped', why: expect.stringContaining('other settings') as string });
    expect(await stateOf(jobId)).toBe('submitted');
    const outcome = of(await agent.tick(), jobId);
    expect(outcome).toMatchObject({ kind: 'verdict', report: { passed: false } });
    if (outcome?.kind !== 'verdict') throw new Error('no verdict');
    expect(new Set(outcome.report.failures.map((f) => f.kind))).toEqual(new Set(['withheld']));
    expect(await stateOf(jobId)).toBe('rejected');
    // The job whose spec the coordinator lacks is never judged.
    expect(await stateOf(unknownSpecJob)).toBe('submitted');
  });

  it('leaves a job whose node won the contest against its rejection to another verifier', async () => {
    const { jobId } = jobs.wronged;
    expect(await stateOf(jobId)).toBe('rejected'); // withheld, in the same tick as the silent job
    await contestJob(m.clients(KEYS.node), { address: m.contracts.JobMarket, jobId });
    // The verifier's account also holds REFEREE_ROLE in this network: it plays the referee here.
    expect((await resolveDispute(verifier, { address: m.contracts.JobMarket, jobId, nodeWrong: false })).kind).toBe('resubmitted');
    await m.indexer.tick();
    expect(of(await agent.tick(), jobId)).toMatchObject({ kind: 'skipped', why: expect.stringContaining('overturned in round 0') as string });
    expect(of(await agent.tick(), jobId)).toEqual({ kind: 'skipped', jobId, why: 'our rejection of it was overturned: another verifier judges it' });
    expect(await stateOf(jobId)).toBe('submitted');
  });

  it('closes its own verdicts once their window ends, which pays its fee and frees its bond', async () => {
    const balance = () => verifier.publicClient.readContract({ address: m.contracts.GridToken, abi: erc20Abi, functionName: 'balanceOf', args: [verifier.account.address] });
    expect((await agent.tick()).filter((o) => o.kind === 'finalized')).toEqual([]); // the window (a day) is still open
    const before = await balance();
    const test = createTestClient({ mode: 'anvil', chain: verifier.chain, transport: http(m.anvil.rpcUrl) });
    await test.increaseTime({ seconds: 86_401 });
    await test.mine({ blocks: 1 });
    await m.indexer.tick();
    clockOffset += 86_401_000;
    const finalized = (await agent.tick()).filter((o) => o.kind === 'finalized');
    const fee = 10n * 10n ** 18n;
    // A failed job pays the verifier from the node's deposit: the job's gas, here less than the fee.
    const deposit = jobGas(SPEC.training).gas;
    expect(deposit).toBeLessThan(fee);
    expect(finalized).toEqual(expect.arrayContaining([
      { kind: 'finalized', jobId: jobs.honest.jobId, outcome: 'settled', verifierPaid: fee },
      { kind: 'finalized', jobId: jobs.cheater.jobId, outcome: 'failed', verifierPaid: deposit },
      { kind: 'finalized', jobId: jobs.silent.jobId, outcome: 'failed', verifierPaid: deposit },
      { kind: 'finalized', jobId: overstated.jobId, outcome: 'failed', verifierPaid: fee },
    ]));
    expect(finalized).toHaveLength(4);
    expect(await balance()).toBe(before + 2n * fee + 2n * deposit);
    expect((await readVerifierBond(verifier, { address: m.contracts.JobMarket, verifier: verifier.account.address })).locked).toBe(0n);
    expect([await stateOf(jobs.honest.jobId), await stateOf(jobs.cheater.jobId)]).toEqual(['settled', 'failed']);
  });
});
