/**
 * Whistleblowers on tolerant jobs (issue #5 parts 6 and 7) on a real anvil and a real
 * coordinator (SQLite): a tolerant run's states are its node's own (4-lane sums here), so a
 * whistleblower cannot open a step no verifier challenged. It disputes the step instead, the
 * node must open it (with the committed W_{t+1}) within the window, and the referee judges that
 * opening within τ: an honest node keeps its pay and wins the bond, a node that skipped the step
 * or never opens it loses its deposit. The verifier that passed the job loses its bond only if
 * the step was one the job's beacon drew for it to check (T = 96 here: about 40 steps are not).
 * The window counts only the coordinator's up time (its recorded runs).
 */
import { ANVIL_DEV_ADDRESSES, disputeJob, grantRole, postVerdict, readJob, readVerifierBond, type WalletChainClients } from '@tensorgrid/chain';
import { disputeEvidence } from '@tensorgrid/protocol';
import { putJobOpening, putJobSpec } from '@tensorgrid/sdk';
import { lanesReduction, loadDataset, parseJobSpec } from '@tensorgrid/tensor';
import { MARKET_KEYS as KEYS, openingWire, runJob, startMarket, tinyJobSpec, type MarketFixture, type NodeRun } from '@tensorgrid/test-utils';
import { challengedSteps } from '@tensorgrid/verification';
import { erc20Abi, type Hex } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureVerifierBond } from '../src/ensure-verifier-bond';
import { createRefereeAgent, type RefereeAgent, type RefereeOutcome } from '../src/referee-agent';

const REFEREE = 5;
const WHISTLEBLOWER = 6;
const WINDOW_S = 3_600;
const SKIPPED = 30;
const BASE = tinyJobSpec({ seed: 'tolerant-dispute-test' });
const TOLERANT = parseJobSpec({ ...BASE, training: { ...BASE.training, epochs: 6 }, verification: { mode: 'tolerant', tau: 0.01 } });
const dataset = loadDataset({ spec: TOLERANT.training.dataset, split: 'train' });

/** The steps the job's beacon draws for its verifier to check (q = 48 plus the first, last and epoch boundaries). */
const drawn = (run: NodeRun) => challengedSteps({ trainer: run.trainer, commitment: { root: run.run.root, leafCount: run.run.stepHashes.length }, beacon: run.submitBlockHash });

describe('disputes of tolerant jobs on anvil', () => {
  let m: MarketFixture;
  let whistleblower: WalletChainClients;
  let referee: RefereeAgent;
  let perVerdict: bigint;
  const jobs = {} as Record<'honest' | 'audited' | 'owed' | 'silent' | 'unreachable' | 'late', NodeRun>;
  const stateOf = async (jobId: bigint) => (await readJob(whistleblower.publicClient, { address: m.contracts.JobMarket, jobId })).state;
  const verifierBalance = () => whistleblower.publicClient.readContract({ address: m.contracts.GridToken, abi: erc20Abi, functionName: 'balanceOf', args: [m.clients(KEYS.verifier).account.address] });
  const verifierBond = () => readVerifierBond(whistleblower, { address: m.contracts.JobMarket, verifier: m.clients(KEYS.verifier).account.address });
  const dispute = async (jobId: bigint, step: number) => {
    await disputeJob(whistleblower, { address: m.contracts.JobMarket, jobId, evidence: disputeEvidence(step) });
    await m.indexer.tick();
  };
  /** One referee tick with the coordinator's clock, the referee's or both `ms` ahead of the real time. */
  const tickAhead = async (ms: number, clocks: { coordinator: boolean; referee: boolean }) => {
    const agent = clocks.referee
      ? createRefereeAgent({ coordinator: m.as(9), chain: m.clients(REFEREE), market: m.contracts.JobMarket, openingWindowSeconds: WINDOW_S, now: () => Date.now() + ms })
      : referee;
    if (clocks.coordinator) m.coord.advance(ms);
    try {
      return await agent.tick();
    } finally {
      if (clocks.coordinator) m.coord.advance(-ms);
    }
  };
  const BOTH = { coordinator: true, referee: true };
  /** Asserts the referee is still waiting for the node's opening of `step`, and returns until when (ms). */
  const waitedUntil = (outcome: RefereeOutcome | undefined, step: number): number => {
    expect(outcome).toMatchObject({ kind: 'skipped', why: expect.stringContaining(`waiting for the node's opening of disputed step ${step}`) });
    return Date.parse(/until (\S+)$/.exec((outcome as { why: string }).why)![1]!);
  };
  /** A step of the job the beacon did not draw. */
  const undrawn = (run: NodeRun) => Array.from({ length: run.trainer.totalSteps }, (_, t) => t).find((t) => !drawn(run).includes(t))!;

  beforeAll(async () => {
    m = await startMarket();
    const [admin, verifier] = [m.clients(KEYS.admin), m.clients(KEYS.verifier)];
    whistleblower = m.clients(WHISTLEBLOWER);
    await grantRole(admin, { contract: m.contracts.JobMarket, role: 'REFEREE_ROLE', account: ANVIL_DEV_ADDRESSES[REFEREE]! });
    const funded = await admin.walletClient.writeContract({ address: m.contracts.GridToken, abi: erc20Abi, functionName: 'transfer', args: [whistleblower.account.address, 1_000n * 10n ** 18n] });
    await admin.publicClient.waitForTransactionReceipt({ hash: funded });
    ({ perVerdict } = await ensureVerifierBond(verifier, { market: m.contracts.JobMarket, verdicts: 6 }));
    const { specHash } = await putJobSpec(m.as(KEYS.requester), { spec: TOLERANT });
    const run = (skipStep?: number) => runJob(m, { specHash: specHash as Hex, spec: TOLERANT, dataset, reduction: lanesReduction(4), ...(skipStep === undefined ? {} : { skipStep }) });
    jobs.honest = await run();
    jobs.silent = await run();
    jobs.unreachable = await run();
    jobs.late = await run();
    // Nodes that skipped step 30: the beacon (the submit block's hash) draws it for some, not for others.
    for (let tries = 0; tries < 40 && !(jobs.audited && jobs.owed); tries++) {
      const cheater = await run(SKIPPED);
      if (drawn(cheater).includes(SKIPPED)) jobs.owed ??= cheater;
      else jobs.audited ??= cheater;
    }
    if (!jobs.audited || !jobs.owed) throw new Error('40 runs without both a drawn and an undrawn skipped step');
    expect(jobs.honest.trainer.totalSteps).toBe(96);
    // A lazy verifier passes all six without challenging a step.
    for (const { jobId } of Object.values(jobs)) await postVerdict(verifier, { address: m.contracts.JobMarket, jobId, passed: true });
    await m.indexer.tick();
    referee = createRefereeAgent({ coordinator: m.as(9), chain: m.clients(REFEREE), market: m.contracts.JobMarket, openingWindowSeconds: WINDOW_S });
  }, 120_000);
  afterAll(async () => {
    await m?.close();
  });

  it('an honest node opens the disputed step within τ: the dispute is upheld and the job settles', async () => {
    const { jobId } = jobs.honest;
    await dispute(jobId, 20);
    await putJobOpening(m.as(KEYS.node), { id: jobId, step: 20, opening: openingWire(jobs.honest, 20, { nextState: true }) });
    const outcome = (await referee.tick()).find((o) => o.jobId === jobId);
    expect(outcome).toMatchObject({ kind: 'resolved', result: 'upheld', decision: { nodeWrong: false, step: 20, rounds: 1 } });
    expect(await stateOf(jobId)).toBe('settled');
  });

  it('a node that skipped a step the beacon did not draw loses its deposit; the verifier keeps its bond and is paid', async () => {
    const { jobId } = jobs.audited;
    await dispute(jobId, SKIPPED);
    await putJobOpening(m.as(KEYS.node), { id: jobId, step: SKIPPED, opening: openingWire(jobs.audited, SKIPPED, { nextState: true }) });
    const [before, paidBefore] = [await verifierBond(), await verifierBalance()];
    const outcome = (await referee.tick()).find((o) => o.jobId === jobId);
    expect(outcome).toMatchObject({ kind: 'resolved', result: 'slashed', verifierSlashed: 0n, decision: { nodeWrong: true, step: SKIPPED, kind: 'over-tolerance' } });
    expect(await stateOf(jobId)).toBe('slashed');
    expect(await verifierBond()).toEqual({ bond: before.bond, locked: before.locked - perVerdict });
    const fee = (outcome as { verifierPaid: bigint }).verifierPaid;
    expect(fee).toBeGreaterThan(0n);
    expect(await verifierBalance()).toBe(paidBefore + fee);
  });

  it('a node that skipped a step the beacon drew loses its deposit, and the verifier that passed it unchecked its bond', async () => {
    const { jobId } = jobs.owed;
    await dispute(jobId, SKIPPED);
    await putJobOpening(m.as(KEYS.node), { id: jobId, step: SKIPPED, opening: openingWire(jobs.owed, SKIPPED, { nextState: true }) });
    const before = await verifierBond();
    const outcome = (await referee.tick()).find((o) => o.jobId === jobId);
    expect(outcome).toMatchObject({ kind: 'resolved', result: 'slashed', verifierSlashed: perVerdict, decision: { nodeWrong: true, step: SKIPPED, kind: 'over-tolerance' } });
    expect(await verifierBond()).toEqual({ bond: before.bond - perVerdict, locked: before.locked - perVerdict });
  });

  it('a node that does not open the disputed step is waited for through the window, then loses its deposit', async () => {
    const { jobId } = jobs.silent;
    const step = undrawn(jobs.silent);
    await dispute(jobId, step);
    const waiting = (await referee.tick()).find((o) => o.jobId === jobId);
    expect(waiting).toMatchObject({ kind: 'skipped', why: expect.stringContaining(`waiting for the node's opening of disputed step ${step}`) });
    expect(await stateOf(jobId)).toBe('disputed');
    // An hour later, the coordinator having been up throughout (its run marked alive until then).
    const aheadMs = (WINDOW_S + 60) * 1_000;
    await m.coord.database.db.updateTable('service_runs').set({ alive_at: Date.now() + aheadMs }).execute();
    // One clock ahead is not enough: the window is over only when the coordinator's (which stamps openings) and the referee's both say so.
    for (const clocks of [{ coordinator: true, referee: false }, { coordinator: false, referee: true }]) {
      const early = (await tickAhead(aheadMs, clocks)).find((o) => o.jobId === jobId);
      expect(early, JSON.stringify(clocks)).toMatchObject({ kind: 'skipped', why: expect.stringContaining(`waiting for the node's opening of disputed step ${step}`) });
    }
    const outcome = (await tickAhead(aheadMs, BOTH)).find((o) => o.jobId === jobId);
    expect(outcome).toMatchObject({ kind: 'resolved', result: 'slashed', verifierSlashed: 0n, decision: { nodeWrong: true, step, kind: 'withheld' } });
    expect(await stateOf(jobId)).toBe('slashed');
  });

  it('the window does not count the time the coordinator was down: a node it could not reach is waited for longer', async () => {
    const { jobId } = jobs.unreachable;
    const step = undrawn(jobs.unreachable);
    await dispute(jobId, step);
    const { timestamp } = await whistleblower.publicClient.getBlock();
    const disputedAtMs = Number(timestamp) * 1_000;
    // The coordinator's record: a process that died 30 s after the dispute, and this one "restarted" two hours later (its clock moved there).
    const db = m.coord.database.db;
    const restartedAtMs = Math.max(Date.now(), disputedAtMs) + 2 * 3_600_000;
    const shift = restartedAtMs + 60_000 - Date.now();
    await db.updateTable('service_runs').set({ started_at: restartedAtMs }).execute();
    await db.insertInto('service_runs').values({ instance: 'before-the-outage', started_at: disputedAtMs - 600_000, alive_at: disputedAtMs + 30_000 }).execute();
    // Past the plain window (where the silent node above lost), the node is still waited for: about two hours of it were downtime.
    const until = waitedUntil((await tickAhead(shift, BOTH)).find((o) => o.jobId === jobId), step);
    expect(until - disputedAtMs).toBeGreaterThan((WINDOW_S + 7_000) * 1_000);
    expect(await stateOf(jobId)).toBe('disputed');
  });

  it("the window starts when the coordinator's index first stored the dispute: a node that could not see it for two hours is given its hour from then", async () => {
    const { jobId } = jobs.late;
    const step = undrawn(jobs.late);
    await dispute(jobId, step);
    const { timestamp } = await whistleblower.publicClient.getBlock();
    // As if the index (its confirmations, or an RPC behind the chain) stored the dispute two hours after its block.
    const indexedAtMs = Number(timestamp) * 1_000 + 2 * 3_600_000;
    await m.coord.database.db.updateTable('job_events').set({ indexed_at: indexedAtMs }).where('job_id', '=', Number(jobId)).where('name', '=', 'JobDisputed').execute();
    // Past the plain window from the block (where the silent node above lost), the node is still waited for.
    const until = waitedUntil((await tickAhead((WINDOW_S + 60) * 1_000, BOTH)).find((o) => o.jobId === jobId), step);
    expect(until).toBe(indexedAtMs + WINDOW_S * 1_000);
    expect(await stateOf(jobId)).toBe('disputed');
  });
});
