/**
 * The verifier agent waiting and retrying (anvil, real coordinator on SQLite).
 * - A verdict that fails is retried with the same report: the node answers its challenge but
 *   keeps its step hashes back past the deadline, so the agent publishes a `leaves-withheld`
 *   report; its verdict fails (the account has no ETH for gas); the node then publishes its
 *   hashes late. The retry judges the job as of the deadline, so its report is the one stored
 *   (write-once) and the verdict goes through once the account can pay.
 * - Without one verdict's bond free it neither challenges nor judges: it tops the bond up from
 *   its GRID when told to keep some, else the job waits.
 * - It spends its free bond a verdict at a time, its own open challenges first, and tops it up
 *   to cover those and one more.
 */
import { readJob, readVerifierBond, type WalletChainClients } from '@tensorgrid/chain';
import { getJobChallenge, getVerdictReport, orNotFound, putJobOpening, putJobSpec, putJobStepHashes } from '@tensorgrid/sdk';
import { loadDataset } from '@tensorgrid/tensor';
import { MARKET_KEYS as KEYS, openingWire, runJob, startMarket, tinyJobSpec, type MarketFixture, type NodeRun } from '@tensorgrid/test-utils';
import { createTestClient, http } from 'viem';
import { foundry } from 'viem/chains';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureVerifierBond } from '../src/ensure-verifier-bond';
import { createVerifierAgent, type VerifierAgent } from '../src/verifier-agent';

const SPEC = tinyJobSpec({ seed: 'verifier-agent-retry' });

describe('verifier agent waiting and retrying', () => {
  let m: MarketFixture;
  let verifier: WalletChainClients;
  let agent: VerifierAgent;
  let late: NodeRun;
  let clockOffset = 0;
  const errors: unknown[] = [];

  beforeAll(async () => {
    m = await startMarket();
    verifier = m.clients(KEYS.verifier);
    const { specHash } = await putJobSpec(m.as(KEYS.requester), { spec: SPEC });
    late = await runJob(m, { specHash: specHash as `0x${string}`, spec: SPEC, dataset: loadDataset({ spec: SPEC.training.dataset, split: 'train' }), publish: false });
    await m.indexer.tick();
    await ensureVerifierBond(verifier, { market: m.contracts.JobMarket, verdicts: 1 });
    const log = { info: () => undefined, warn: () => undefined, error: (o: { err?: unknown }) => void errors.push(o.err) };
    agent = createVerifierAgent({ coordinator: m.as(KEYS.verifier), chain: verifier, market: m.contracts.JobMarket, now: () => Date.now() + clockOffset, log }, { q: 12, respondWithinSeconds: 60 });
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
    // No ETH for gas: the report is published, the verdict fails, the pass logs it and goes on.
    const anvil = createTestClient({ chain: { ...foundry, id: m.anvil.chainId }, mode: 'anvil', transport: http(m.anvil.rpcUrl) });
    const eth = await verifier.publicClient.getBalance({ address: verifier.account.address });
    await anvil.setBalance({ address: verifier.account.address, value: 0n });
    try {
      expect((await agent.tick()).find((o) => o.jobId === jobId)).toBeUndefined();
      expect(errors.map((e) => String(e))).toContainEqual(expect.stringMatching(/too little native currency for gas/));
    } finally {
      await anvil.setBalance({ address: verifier.account.address, value: eth });
    }
    const stored = await getVerdictReport(m.as(9), { id: jobId });
    expect(stored.report).toMatchObject({ passed: false, failures: [expect.objectContaining({ kind: 'leaves-withheld' })] });
    expect((await readJob(verifier.publicClient, { address: m.contracts.JobMarket, jobId })).state).toBe('submitted');

    await putJobStepHashes(m.as(KEYS.node), { id: jobId, hashes: late.run.stepHashes }); // too late
    expect((await agent.tick()).find((o) => o.jobId === jobId)).toMatchObject({ kind: 'verdict', report: { passed: false } });
    expect(await getVerdictReport(m.as(9), { id: jobId })).toEqual(stored);
    expect((await readJob(verifier.publicClient, { address: m.contracts.JobMarket, jobId })).state).toBe('rejected');
  });

  it('neither challenges nor judges without one verdict\'s bond free: the job waits (one warning), or the bond is topped up from its GRID', async () => {
    const { specHash } = await putJobSpec(m.as(KEYS.requester), { spec: SPEC });
    const { jobId } = await runJob(m, { specHash: specHash as `0x${string}`, spec: SPEC, dataset: loadDataset({ spec: SPEC.training.dataset, split: 'train' }) });
    await m.indexer.tick();
    const bondOf = () => readVerifierBond(verifier, { address: m.contracts.JobMarket, verifier: verifier.account.address });
    const before = await bondOf();
    expect(before.bond - before.locked).toBe(0n); // the first test's verdict locked all of it
    const warnings: string[] = [];
    const log = { info: () => undefined, warn: (_: unknown, msg?: string) => void warnings.push(msg ?? ''), error: () => undefined };
    const keepsNone = createVerifierAgent({ coordinator: m.as(KEYS.verifier), chain: verifier, market: m.contracts.JobMarket, now: Date.now, log }, { q: 12 });
    const { perVerdict } = await ensureVerifierBond(verifier, { market: m.contracts.JobMarket, verdicts: 0 });
    for (let i = 0; i < 2; i++) expect((await keepsNone.tick()).find((o) => o.jobId === jobId)).toEqual({ kind: 'bond-short', jobId, free: 0n, perVerdict });
    expect(warnings.filter((w) => w.startsWith('verifier bond:'))).toHaveLength(1);
    expect(await orNotFound(getJobChallenge(m.as(9), { id: jobId }))).toBeUndefined(); // left for a verifier that can judge it
    expect(await bondOf()).toEqual(before);
    const keepsTwo = createVerifierAgent({ coordinator: m.as(KEYS.verifier), chain: verifier, market: m.contracts.JobMarket, now: Date.now }, { q: 12, bondVerdicts: 2 });
    expect((await keepsTwo.tick()).find((o) => o.jobId === jobId)).toMatchObject({ kind: 'challenged' });
    expect(await bondOf()).toEqual({ bond: before.bond + 2n * perVerdict, locked: before.locked });
  });

  it('spends its free bond a verdict at a time: a job it challenged holds one while its node answers, and a new job beyond the budget waits unchallenged', async () => {
    const { specHash } = await putJobSpec(m.as(KEYS.requester), { spec: SPEC });
    const dataset = loadDataset({ spec: SPEC.training.dataset, split: 'train' });
    // Both due before the job challenged in the last test: only its bond order puts that one first.
    const due = { specHash: specHash as `0x${string}`, spec: SPEC, dataset, deadlineSeconds: 600 };
    const [first, second] = [await runJob(m, due), await runJob(m, due)];
    await m.indexer.tick();
    const { bond, locked } = await readVerifierBond(verifier, { address: m.contracts.JobMarket, verifier: verifier.account.address });
    const { perVerdict } = await ensureVerifierBond(verifier, { market: m.contracts.JobMarket, verdicts: 0 });
    // Two verdicts' bond free (the last test's top-up); the job it challenged there, still answering, holds one.
    expect(bond - locked).toBe(2n * perVerdict);
    const outcomes = await createVerifierAgent({ coordinator: m.as(KEYS.verifier), chain: verifier, market: m.contracts.JobMarket, now: Date.now }, { q: 12 }).tick();
    expect(outcomes.filter((o) => o.kind === 'waiting')).toHaveLength(1);
    expect(outcomes.find((o) => o.jobId === first.jobId)).toMatchObject({ kind: 'challenged' });
    expect(outcomes.find((o) => o.jobId === second.jobId)).toEqual({ kind: 'bond-short', jobId: second.jobId, free: 2n * perVerdict, perVerdict });
    expect(await orNotFound(getJobChallenge(m.as(9), { id: second.jobId }))).toBeUndefined();
    // Keeping one verdict's bond beyond its open challenges (two now, two verdicts' bond free), it tops up one more and challenges the second.
    const keepsOne = createVerifierAgent({ coordinator: m.as(KEYS.verifier), chain: verifier, market: m.contracts.JobMarket, now: Date.now }, { q: 12, bondVerdicts: 1 });
    expect((await keepsOne.tick()).find((o) => o.jobId === second.jobId)).toMatchObject({ kind: 'challenged' });
    expect(await readVerifierBond(verifier, { address: m.contracts.JobMarket, verifier: verifier.account.address })).toEqual({ bond: bond + perVerdict, locked });
  });
});
