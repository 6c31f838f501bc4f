/**
 * The referee agent on a real anvil and a real coordinator (SQLite): the verifier agent
 * challenges three tiny jobs (T = 48) and rejects two of them itself; a lying verifier (the
 * test, with the verifier's key) rejects the third, an honest one, with a bogus report. Each
 * node contests from its own account and the referee (dev key 5, granted REFEREE_ROLE) re-runs
 * the one step the report names.
 */
import { ANVIL_DEV_ADDRESSES, contestJob, disputeJob, jobMarketAbi, postVerdict, readJob, readVerifierBond, type WalletChainClients } from '@tensorgrid/chain';
import { disputeEvidence, GAS_DISPUTE_EVIDENCE } from '@tensorgrid/protocol';
import { getJobChallenge, getVerdictReport, putJobOpening, putJobSpec, putVerdictReport } from '@tensorgrid/sdk';
import { loadDataset } from '@tensorgrid/tensor';
import { erc20Abi, keccak256, toHex, type Hex } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureVerifierBond } from '../src/ensure-verifier-bond';
import { createRefereeAgent, type RefereeAgent, type RefereeOutcome } from '../src/referee-agent';
import { createVerifierAgent } from '../src/verifier-agent';
import { MARKET_KEYS as KEYS, openingWire, runJob, startMarket, type MarketFixture, type NodeRun, tinyJobSpec } from '@tensorgrid/test-utils';

const REFEREE = 5;
const SPEC = tinyJobSpec({ seed: 'referee-agent-test' });

describe('referee agent on anvil', () => {
  let m: MarketFixture;
  let verifier: WalletChainClients;
  let node: WalletChainClients;
  let referee: RefereeAgent;
  const jobs = {} as Record<'honest' | 'cheater' | 'silent' | 'lazilyPassed', NodeRun>;
  const stateOf = async (jobId: bigint) => (await readJob(node.publicClient, { address: m.contracts.JobMarket, jobId })).state;
  const nodeBalance = () => node.publicClient.readContract({ address: m.contracts.GridToken, abi: erc20Abi, functionName: 'balanceOf', args: [node.account.address] });
  const answerAll = async (run: NodeRun) => {
    const { steps } = await getJobChallenge(m.as(9), { id: run.jobId });
    for (const step of steps) await putJobOpening(m.as(KEYS.node), { id: run.jobId, step, opening: openingWire(run, step) });
    return steps;
  };
  /** The node contests, the index catches up, the referee ticks once. */
  const contestAndJudge = async (jobId: bigint): Promise<RefereeOutcome | undefined> => {
    await contestJob(node, { address: m.contracts.JobMarket, jobId });
    await m.indexer.tick();
    expect(await stateOf(jobId)).toBe('contested');
    return (await referee.tick()).find((o) => o.jobId === jobId);
  };

  beforeAll(async () => {
    m = await startMarket();
    [verifier, node] = [m.clients(KEYS.verifier), m.clients(KEYS.node)];
    const admin = m.clients(KEYS.admin);
    const hash = await admin.walletClient.writeContract({ address: m.contracts.JobMarket, abi: jobMarketAbi, functionName: 'grantRole', args: [keccak256(toHex('REFEREE_ROLE')), ANVIL_DEV_ADDRESSES[REFEREE]!] });
    await admin.publicClient.waitForTransactionReceipt({ hash });
    await ensureVerifierBond(verifier, { market: m.contracts.JobMarket, verdicts: 4 });
    const { specHash } = await putJobSpec(m.as(KEYS.requester), { spec: SPEC });
    const dataset = loadDataset({ spec: SPEC.training.dataset, split: 'train' });
    jobs.honest = await runJob(m, { specHash: specHash as Hex, spec: SPEC, dataset });
    jobs.cheater = await runJob(m, { specHash: specHash as Hex, spec: SPEC, dataset, seedBeacon: 'c0'.repeat(32) });
    jobs.silent = await runJob(m, { specHash: specHash as Hex, spec: SPEC, dataset });
    jobs.lazilyPassed = await runJob(m, { specHash: specHash as Hex, spec: SPEC, dataset, seedBeacon: 'c1'.repeat(32) });
    await m.indexer.tick();
    let clockOffset = 0;
    const agent = createVerifierAgent({ coordinator: m.as(KEYS.verifier), chain: verifier, market: m.contracts.JobMarket, now: () => Date.now() + clockOffset }, { q: 8, respondWithinSeconds: 60 });
    await agent.tick(); // challenges all four
    await answerAll(jobs.cheater);
    await answerAll(jobs.lazilyPassed);
    // A lazy verifier passes the second cheater without replaying its answers.
    await postVerdict(verifier, { address: m.contracts.JobMarket, jobId: jobs.lazilyPassed.jobId, passed: true });
    const honestSteps = await answerAll(jobs.honest);
    // The lying verifier: a report naming a step the node opened correctly, then a rejection.
    await putVerdictReport(m.as(KEYS.verifier), { id: jobs.honest.jobId, report: { passed: false, failures: [{ step: honestSteps[3]!, kind: 'wrong-transition', detail: 'made up' }] } });
    await postVerdict(verifier, { address: m.contracts.JobMarket, jobId: jobs.honest.jobId, passed: false });
    m.coord.advance(61_000);
    clockOffset += 61_000;
    await agent.tick(); // rejects the cheater (replay) and the silent node (withheld), publishing its reports
    for (const run of [jobs.honest, jobs.cheater, jobs.silent]) expect(await stateOf(run.jobId)).toBe('rejected');
    expect(await stateOf(jobs.lazilyPassed.jobId)).toBe('verified');
    referee = createRefereeAgent({ coordinator: m.as(9), chain: m.clients(REFEREE), market: m.contracts.JobMarket });
  }, 120_000);
  afterAll(async () => {
    await m?.close();
  });

  it('a cheater that contests its rejection loses its whole deposit: the referee re-runs the first failed step', async () => {
    const { jobId } = jobs.cheater;
    const { report } = await getVerdictReport(m.as(9), { id: jobId });
    expect(report.passed).toBe(false);
    const first = report.failures[0]!;
    const { deposit } = await readJob(node.publicClient, { address: m.contracts.JobMarket, jobId });
    const before = await nodeBalance();
    const outcome = await contestAndJudge(jobId);
    expect(outcome).toMatchObject({ kind: 'resolved', result: 'failed', decision: { nodeWrong: true, step: first.step, kind: first.kind, rounds: 1 } });
    expect(await stateOf(jobId)).toBe('failed');
    expect(deposit).toBeGreaterThan(0n);
    expect(await nodeBalance()).toBe(before); // nothing of the deposit comes back
  });

  it('an honest node rejected by a lying verifier wins its contest: the verifier\'s locked bond goes to the node, the job is submitted again', async () => {
    const { jobId } = jobs.honest;
    const bondBefore = await readVerifierBond(verifier, { address: m.contracts.JobMarket, verifier: verifier.account.address });
    const { perVerdict } = await ensureVerifierBond(verifier, { market: m.contracts.JobMarket, verdicts: 0 });
    const before = await nodeBalance();
    const outcome = await contestAndJudge(jobId);
    expect(outcome).toMatchObject({ kind: 'resolved', result: 'resubmitted', decision: { nodeWrong: false, kind: 'wrong-transition', rounds: 1 } });
    if (outcome?.kind !== 'resolved') throw new Error('not resolved');
    expect(outcome.decision.why).toContain('replays to the committed hash');
    expect(await stateOf(jobId)).toBe('submitted');
    expect(await nodeBalance()).toBe(before + perVerdict);
    expect(await readVerifierBond(verifier, { address: m.contracts.JobMarket, verifier: verifier.account.address })).toEqual({ bond: bondBefore.bond - perVerdict, locked: bondBefore.locked - perVerdict });
  });

  it('a node that never answered loses its contest: the withheld opening is absent from the exchange', async () => {
    const { jobId } = jobs.silent;
    const { report } = await getVerdictReport(m.as(9), { id: jobId });
    expect(report.failures[0]?.kind).toBe('withheld');
    const outcome = await contestAndJudge(jobId);
    expect(outcome).toMatchObject({ kind: 'resolved', result: 'failed', decision: { nodeWrong: true, kind: 'withheld', step: report.failures[0]!.step, rounds: 1 } });
    expect(await stateOf(jobId)).toBe('failed');
  });

  it('a whistleblower proves a lazily passed job wrong at a step it names: the node loses its deposit, the passing verifier its bond, both to the whistleblower', async () => {
    const { jobId } = jobs.lazilyPassed;
    // An outsider (dev key 6), funded for the bond it locks with the dispute.
    const whistleblower = m.clients(6);
    const admin = m.clients(KEYS.admin);
    const funded = await admin.walletClient.writeContract({ address: m.contracts.GridToken, abi: erc20Abi, functionName: 'transfer', args: [whistleblower.account.address, 1_000n * 10n ** 18n] });
    await admin.publicClient.waitForTransactionReceipt({ hash: funded });
    const { steps } = await getJobChallenge(m.as(9), { id: jobId });
    const step = steps[2]!;
    const { perVerdict } = await ensureVerifierBond(verifier, { market: m.contracts.JobMarket, verdicts: 0 });
    const balance = () => whistleblower.publicClient.readContract({ address: m.contracts.GridToken, abi: erc20Abi, functionName: 'balanceOf', args: [whistleblower.account.address] });
    const before = await balance();
    const { deposit } = await readJob(node.publicClient, { address: m.contracts.JobMarket, jobId });
    await disputeJob(whistleblower, { address: m.contracts.JobMarket, jobId, evidence: disputeEvidence(step) });
    await m.indexer.tick();
    const outcome = (await referee.tick()).find((o) => o.jobId === jobId);
    expect(outcome).toMatchObject({ kind: 'resolved', result: 'slashed', decision: { nodeWrong: true, step, rounds: 1 } });
    expect(await stateOf(jobId)).toBe('slashed');
    // The bounty (half the deposit), the bond back, and the lazy verifier's locked bond.
    expect(await balance()).toBe(before + deposit / 2n + perVerdict);
    // Nothing is left to referee: the next tick has nothing to do.
    await m.indexer.tick();
    expect(await referee.tick()).toEqual([]);
  });

  it('a whistleblower proves a passed job was posted with more gas than its spec costs: the referee compares the two and slashes the node', async () => {
    const { specHash } = await putJobSpec(m.as(KEYS.requester), { spec: SPEC });
    const overGassed = await runJob(m, { specHash: specHash as Hex, spec: SPEC, dataset: loadDataset({ spec: SPEC.training.dataset, split: 'train' }), gas: 10n * 10n ** 18n });
    await ensureVerifierBond(verifier, { market: m.contracts.JobMarket, verdicts: 1 });
    // A lazy (or colluding) verifier passes it: the node would get 10 GRID of the day's shares.
    await postVerdict(verifier, { address: m.contracts.JobMarket, jobId: overGassed.jobId, passed: true });
    const whistleblower = m.clients(6);
    await disputeJob(whistleblower, { address: m.contracts.JobMarket, jobId: overGassed.jobId, evidence: GAS_DISPUTE_EVIDENCE });
    await m.indexer.tick();
    const outcome = (await referee.tick()).find((o) => o.jobId === overGassed.jobId);
    expect(outcome).toMatchObject({ kind: 'resolved', result: 'slashed', decision: { nodeWrong: true, kind: 'gas-mismatch', rounds: 1, why: expect.stringContaining('is not the spec\'s') } });
    expect(await stateOf(overGassed.jobId)).toBe('slashed');
  });
});
