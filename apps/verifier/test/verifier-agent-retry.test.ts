/**
 * A verdict that reverts is retried with the same report (anvil, real coordinator on SQLite):
 * the node answers its challenge but keeps its step hashes back past the deadline, so the agent
 * publishes a `leaves-withheld` report; its verdict reverts (no free bond); the node then
 * publishes its hashes late. The retry judges the job as of the deadline, so its report is the
 * one stored (write-once) and the verdict goes through once the bond is there.
 */
import { readJob, type WalletChainClients } from '@tensorgrid/chain';
import { getJobChallenge, getVerdictReport, putJobOpening, putJobSpec, putJobStepHashes } from '@tensorgrid/sdk';
import { loadDataset } from '@tensorgrid/tensor';
import { MARKET_KEYS as KEYS, openingWire, runJob, startMarket, tinyJobSpec, type MarketFixture, type NodeRun } from '@tensorgrid/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureVerifierBond } from '../src/ensure-verifier-bond';
import { createVerifierAgent, type VerifierAgent } from '../src/verifier-agent';

const SPEC = tinyJobSpec({ seed: 'verifier-agent-retry' });

describe('verifier agent retrying a reverted verdict', () => {
  let m: MarketFixture;
  let verifier: WalletChainClients;
  let agent: VerifierAgent;
  let late: NodeRun;
  let clockOffset = 0;

  beforeAll(async () => {
    m = await startMarket();
    verifier = m.clients(KEYS.verifier);
    const { specHash } = await putJobSpec(m.as(KEYS.requester), { spec: SPEC });
    late = await runJob(m, { specHash: specHash as `0x${string}`, spec: SPEC, dataset: loadDataset({ spec: SPEC.training.dataset, split: 'train' }), publish: false });
    await m.indexer.tick();
    agent = createVerifierAgent({ coordinator: m.as(KEYS.verifier), chain: verifier, market: m.contracts.JobMarket, now: () => Date.now() + clockOffset }, { q: 12, respondWithinSeconds: 60 });
  }, 120_000);
  afterAll(async () => {
    await m?.close();
  });

  it('judges a job as of its challenge deadline: hashes published after it change nothing, and the retried verdict posts the stored report', async () => {
    const { jobId } = late;
    expect((await agent.tick()).find((o) => o.jobId === jobId)).toMatchObject({ kind: 'challenged' });
    for (const step of (await getJobChallenge(m.as(9), { id: jobId })).steps) await putJobOpening(m.as(KEYS.node), { id: jobId, step, opening: openingWire(late, step) });
    m.coord.advance(61_000);
    clockOffset += 61_000;
    // No free bond yet: the report is published, the verdict reverts, the pass logs it and goes on.
    expect((await agent.tick()).find((o) => o.jobId === jobId)).toBeUndefined();
    const stored = await getVerdictReport(m.as(9), { id: jobId });
    expect(stored.report).toMatchObject({ passed: false, failures: [expect.objectContaining({ kind: 'leaves-withheld' })] });
    expect((await readJob(verifier.publicClient, { address: m.contracts.JobMarket, jobId })).state).toBe('submitted');

    await putJobStepHashes(m.as(KEYS.node), { id: jobId, hashes: late.run.stepHashes }); // too late
    await ensureVerifierBond(verifier, { market: m.contracts.JobMarket, verdicts: 1 });
    expect((await agent.tick()).find((o) => o.jobId === jobId)).toMatchObject({ kind: 'verdict', report: { passed: false } });
    expect(await getVerdictReport(m.as(9), { id: jobId })).toEqual(stored);
    expect((await readJob(verifier.publicClient, { address: m.contracts.JobMarket, jobId })).state).toBe('rejected');
  });
});
