/**
 * Whistleblowers on tolerant jobs (issue #5 parts 6 and 7) on a real anvil and a real
 * coordinator (SQLite): a tolerant run's states are its node's own (4-lane sums here), so a
 * whistleblower cannot open a step no verifier challenged. It disputes the step instead, the
 * node must open it (with the committed W_{t+1}) within the window, and the referee judges that
 * opening within τ: an honest node keeps its pay and wins the bond, a node that skipped the step
 * or never opens it loses its deposit, and the verifier that passed it, which never saw the
 * step, keeps its bond.
 */
import { ANVIL_DEV_ADDRESSES, disputeJob, grantRole, postVerdict, readJob, readVerifierBond, type WalletChainClients } from '@tensorgrid/chain';
import { disputeEvidence } from '@tensorgrid/protocol';
import { putJobOpening, putJobSpec } from '@tensorgrid/sdk';
import { lanesReduction, loadDataset, parseJobSpec } from '@tensorgrid/tensor';
import { MARKET_KEYS as KEYS, openingWire, runJob, startMarket, tinyJobSpec, type MarketFixture, type NodeRun } from '@tensorgrid/test-utils';
import { erc20Abi, type Hex } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureVerifierBond } from '../src/ensure-verifier-bond';
import { createRefereeAgent, type RefereeAgent } from '../src/referee-agent';

const REFEREE = 5;
const WHISTLEBLOWER = 6;
const WINDOW_S = 3_600;
const EXACT = tinyJobSpec({ seed: 'tolerant-dispute-test' });
const TOLERANT = parseJobSpec({ ...EXACT, verification: { mode: 'tolerant', tau: 0.01 } });
const dataset = loadDataset({ spec: EXACT.training.dataset, split: 'train' });

describe('disputes of tolerant jobs on anvil', () => {
  let m: MarketFixture;
  let whistleblower: WalletChainClients;
  let referee: RefereeAgent;
  const jobs = {} as Record<'honest' | 'cheater' | 'silent', NodeRun>;
  const stateOf = async (jobId: bigint) => (await readJob(whistleblower.publicClient, { address: m.contracts.JobMarket, jobId })).state;
  const dispute = async (jobId: bigint, step: number) => {
    await disputeJob(whistleblower, { address: m.contracts.JobMarket, jobId, evidence: disputeEvidence(step) });
    await m.indexer.tick();
  };

  beforeAll(async () => {
    m = await startMarket();
    const [admin, verifier] = [m.clients(KEYS.admin), m.clients(KEYS.verifier)];
    whistleblower = m.clients(WHISTLEBLOWER);
    await grantRole(admin, { contract: m.contracts.JobMarket, role: 'REFEREE_ROLE', account: ANVIL_DEV_ADDRESSES[REFEREE]! });
    const funded = await admin.walletClient.writeContract({ address: m.contracts.GridToken, abi: erc20Abi, functionName: 'transfer', args: [whistleblower.account.address, 1_000n * 10n ** 18n] });
    await admin.publicClient.waitForTransactionReceipt({ hash: funded });
    await ensureVerifierBond(verifier, { market: m.contracts.JobMarket, verdicts: 3 });
    const { specHash } = await putJobSpec(m.as(KEYS.requester), { spec: TOLERANT });
    const run = (skipStep?: number) => runJob(m, { specHash: specHash as Hex, spec: TOLERANT, dataset, reduction: lanesReduction(4), ...(skipStep === undefined ? {} : { skipStep }) });
    jobs.honest = await run();
    jobs.cheater = await run(20);
    jobs.silent = await run();
    // A lazy verifier passes all three without challenging a step: only a whistleblower can catch the cheater now.
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

  it('a node that skipped the disputed step opens it and loses its deposit: its W_{t+1} is off the canonical step by more than τ', async () => {
    const { jobId } = jobs.cheater;
    await dispute(jobId, 20);
    await putJobOpening(m.as(KEYS.node), { id: jobId, step: 20, opening: openingWire(jobs.cheater, 20, { nextState: true }) });
    const verifier = m.clients(KEYS.verifier).account.address;
    const bondBefore = await readVerifierBond(whistleblower, { address: m.contracts.JobMarket, verifier });
    const outcome = (await referee.tick()).find((o) => o.jobId === jobId);
    expect(outcome).toMatchObject({ kind: 'resolved', result: 'slashed', verifierSlashed: 0n, decision: { nodeWrong: true, step: 20, kind: 'over-tolerance' } });
    expect(await stateOf(jobId)).toBe('slashed');
    // No verifier challenged step 20: the passing verifier's locked bond is released, not paid to the whistleblower.
    const { perVerdict } = await ensureVerifierBond(m.clients(KEYS.verifier), { market: m.contracts.JobMarket, verdicts: 0 });
    expect(await readVerifierBond(whistleblower, { address: m.contracts.JobMarket, verifier })).toEqual({ bond: bondBefore.bond, locked: bondBefore.locked - perVerdict });
  });

  it('a node that does not open the disputed step is waited for through the window, then loses its deposit', async () => {
    const { jobId } = jobs.silent;
    await dispute(jobId, 5);
    const waiting = (await referee.tick()).find((o) => o.jobId === jobId);
    expect(waiting).toMatchObject({ kind: 'skipped', why: expect.stringContaining('waiting for the node\'s opening of disputed step 5') });
    expect(await stateOf(jobId)).toBe('disputed');
    const later = createRefereeAgent({ coordinator: m.as(9), chain: m.clients(REFEREE), market: m.contracts.JobMarket, openingWindowSeconds: WINDOW_S, now: () => Date.now() + (WINDOW_S + 60) * 1_000 });
    const outcome = (await later.tick()).find((o) => o.jobId === jobId);
    expect(outcome).toMatchObject({ kind: 'resolved', result: 'slashed', verifierSlashed: 0n, decision: { nodeWrong: true, step: 5, kind: 'withheld' } });
    expect(await stateOf(jobId)).toBe('slashed');
  });
});
