/**
 * Tolerant verification through the job market (issue #5 part 7) on a real anvil and a real
 * coordinator (SQLite): a node training on a non-canonical kernel (4-lane sums, standing in
 * for PyTorch-like kernels) commits a root no canonical replay reproduces. On a job whose spec
 * names tolerant mode with a profiled τ, its openings carry the committed W_{t+1} and the
 * verifier agent passes it; on an exact job the same kind of run is rejected.
 */
import { readJob, type WalletChainClients } from '@tensorgrid/chain';
import { getJobChallenge, getJobOpening, putJobOpening, putJobSpec } from '@tensorgrid/sdk';
import { createTrainer, deriveJobSeed, lanesReduction, loadDataset, parseJobSpec, parseTrainingJob, train, type JobSpec } from '@tensorgrid/tensor';
import { calibrateTolerance, openTransition } from '@tensorgrid/verification';
import type { Hex } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifierAgent, type VerifierAgent, type VerifierJobOutcome } from '../src/verifier-agent';
import { ensureVerifierBond } from '../src/ensure-verifier-bond';
import { MARKET_KEYS as KEYS, openingWire, runJob, startMarket, tinyJobSpec, type MarketFixture, type NodeRun } from '@tensorgrid/test-utils';

const Q = 8;
const EXACT = tinyJobSpec({ seed: 'tolerant-verifier-test' });
const dataset = loadDataset({ spec: EXACT.training.dataset, split: 'train' });

/** τ profiled as `tgrid job calibrate` does: sampled states of a canonical run under other summation orders. */
function profiledTau(spec: JobSpec): number {
  const trainer = createTrainer(parseTrainingJob({ jobId: '0', jobSeed: deriveJobSeed('0', '00'.repeat(32)), spec: spec.training }), dataset);
  const run = train(trainer, { checkpointEvery: 10 });
  const states = Array.from({ length: 8 }, (_, i) => openTransition(trainer, run, i * 6).state);
  return calibrateTolerance({ job: trainer.job, dataset, states }).tau;
}

const of = (outcomes: VerifierJobOutcome[], jobId: bigint) => outcomes.find((o) => o.jobId === jobId);

describe('tolerant verification on anvil', () => {
  let m: MarketFixture;
  let verifier: WalletChainClients;
  let agent: VerifierAgent;
  let tau: number;
  const jobs = {} as Record<'tolerant' | 'exact' | 'noNextState', NodeRun>;
  const stateOf = async (jobId: bigint) => (await readJob(verifier.publicClient, { address: m.contracts.JobMarket, jobId })).state;
  const answerAll = async (node: NodeRun, nextState: boolean) => {
    const { steps } = await getJobChallenge(m.as(9), { id: node.jobId });
    for (const step of steps) await putJobOpening(m.as(KEYS.node), { id: node.jobId, step, opening: openingWire(node, step, { nextState }) });
    return steps;
  };
  const verdictOf = async (jobId: bigint) => {
    const outcome = of(await agent.tick(), jobId);
    if (outcome?.kind !== 'verdict') throw new Error(`no verdict for job ${jobId}: ${JSON.stringify(outcome, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}`);
    return outcome.report;
  };

  beforeAll(async () => {
    tau = profiledTau(EXACT);
    const TOLERANT = parseJobSpec({ ...EXACT, verification: { mode: 'tolerant', tau } });
    m = await startMarket();
    verifier = m.clients(KEYS.verifier);
    await ensureVerifierBond(verifier, { market: m.contracts.JobMarket, verdicts: 3 });
    const [tolerantHash, exactHash] = [(await putJobSpec(m.as(KEYS.requester), { spec: TOLERANT })).specHash, (await putJobSpec(m.as(KEYS.requester), { spec: EXACT })).specHash];
    // Each run gets its own 4-lane kernel: lanesReduction keeps scratch state, but its sums are deterministic.
    jobs.tolerant = await runJob(m, { specHash: tolerantHash as Hex, spec: TOLERANT, dataset, reduction: lanesReduction(4) });
    jobs.exact = await runJob(m, { specHash: exactHash as Hex, spec: EXACT, dataset, reduction: lanesReduction(4) });
    jobs.noNextState = await runJob(m, { specHash: tolerantHash as Hex, spec: TOLERANT, dataset, reduction: lanesReduction(4) });
    await m.indexer.tick();
    agent = createVerifierAgent({ coordinator: m.as(KEYS.verifier), chain: verifier, market: m.contracts.JobMarket, now: Date.now }, { q: Q, respondWithinSeconds: 60 });
    const challenged = await agent.tick();
    for (const job of Object.values(jobs)) expect(of(challenged, job.jobId)).toMatchObject({ kind: 'challenged' });
  }, 120_000);
  afterAll(async () => {
    await m?.close();
  });

  it('the non-canonical run is not bit-exact: its root differs from a canonical run of the same seed', () => {
    const { trainer, run } = jobs.tolerant;
    const canonical = train(createTrainer(trainer.job, dataset), { checkpointEvery: 10 });
    expect(canonical.root).not.toBe(run.root);
    expect(tau).toBeGreaterThan(0);
    expect(tau).toBeLessThan(0.01);
  });

  it('a tolerant job: openings carrying the committed W_{t+1} pass within τ, and the committed W_T passes the held-out check', async () => {
    const { jobId } = jobs.tolerant;
    const steps = await answerAll(jobs.tolerant, true);
    // The coordinator stores and serves the next state as the node sent it.
    expect((await getJobOpening(m.as(9), { id: jobId, step: steps[0]! })).opening.nextState).toBe(openingWire(jobs.tolerant, steps[0]!, { nextState: true }).nextState);
    const report = await verdictOf(jobId);
    expect(report).toMatchObject({ passed: true, failures: [], checkedSteps: steps });
    expect(report.heldOut!.accuracy).toBeGreaterThanOrEqual(report.heldOut!.floor);
    expect(await stateOf(jobId)).toBe('verified');
  });

  it('the same kind of run on an exact job is rejected: its transitions do not replay bit for bit', async () => {
    const { jobId } = jobs.exact;
    await answerAll(jobs.exact, true);
    const report = await verdictOf(jobId);
    expect(report.passed).toBe(false);
    expect(new Set(report.failures.map((f) => f.kind))).toContain('wrong-transition');
    expect(await stateOf(jobId)).toBe('rejected');
  });

  it('a tolerant job whose openings lack the committed W_{t+1} is rejected: there is nothing to compare within τ', async () => {
    const { jobId } = jobs.noNextState;
    await answerAll(jobs.noNextState, false);
    const report = await verdictOf(jobId);
    expect(report.passed).toBe(false);
    expect(new Set(report.failures.map((f) => f.kind))).toEqual(new Set(['state-mismatch', 'withheld']));
    expect(await stateOf(jobId)).toBe('rejected');
  });
});
