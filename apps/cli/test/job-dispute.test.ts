/**
 * `tgrid job dispute` on anvil with a real coordinator: a lazy verifier passes a job whose node
 * trained from a seed of its own; a whistleblower disputes a step it opened, after the CLI
 * re-ran the step as the referee will. A step that replays correctly, one never opened, or a
 * job that is not verified are refused before any bond moves; a tolerant job's unopened step is
 * disputed for its node to open.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ANVIL_DEV_KEYS, postVerdict, readJob, readVerifierBond, bondVerifier, type WalletChainClients } from '@tensorgrid/chain';
import { GAS_DISPUTE_EVIDENCE } from '@tensorgrid/protocol';
import { getJobChallenge, postJobChallenge, putJobOpening, putJobSpec } from '@tensorgrid/sdk';
import { lanesReduction, loadDataset, parseJobSpec } from '@tensorgrid/tensor';
import { challengedSteps } from '@tensorgrid/verification';
import { MARKET_KEYS, openingWire, runJob, startMarket, tinyJobSpec, type MarketFixture, type NodeRun } from '@tensorgrid/test-utils';
import { erc20Abi, type Hex } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli';

const GRID = 10n ** 18n;
const WHISTLEBLOWER = 6;
const SPEC = tinyJobSpec({ seed: 'job-dispute-cli' });

describe('tgrid job dispute on anvil', () => {
  let m: MarketFixture;
  let dir: string;
  let verifier: WalletChainClients;
  const jobs = {} as Record<'cheater' | 'honest' | 'overGassed' | 'tolerant', NodeRun & { steps: number[] }>;
  const cli = (args: string[]) =>
    runCli([...args, '--data-dir', dir], { TG_PRIVATE_KEY: ANVIL_DEV_KEYS[WHISTLEBLOWER], TG_RPC_URL: m.anvil.rpcUrl, TG_CHAIN_ID: String(m.anvil.chainId), TG_JOB_MARKET_ADDRESS: m.contracts.JobMarket, TG_COORDINATOR_URL: m.coord.url });

  /** Challenges the job as the verifier would, lets the node answer every step, then passes it without checking (a lazy verifier). */
  async function passLazily(run: NodeRun): Promise<number[]> {
    const steps = challengedSteps({ trainer: run.trainer, commitment: { root: run.run.root, leafCount: run.run.stepHashes.length }, beacon: run.submitBlockHash, q: 6 });
    await postJobChallenge(m.as(MARKET_KEYS.verifier), { id: run.jobId, challenge: { steps, beacon: `0x${run.submitBlockHash}` } });
    for (const step of steps) await putJobOpening(m.as(MARKET_KEYS.node), { id: run.jobId, step, opening: openingWire(run, step) });
    await postVerdict(verifier, { address: m.contracts.JobMarket, jobId: run.jobId, passed: true });
    return (await getJobChallenge(m.as(9), { id: run.jobId })).answered;
  }

  beforeAll(async () => {
    m = await startMarket();
    dir = mkdtempSync(join(tmpdir(), 'tg-dispute-'));
    verifier = m.clients(MARKET_KEYS.verifier);
    await bondVerifier(verifier, { address: m.contracts.JobMarket, amount: 4_000n * GRID });
    const admin = m.clients(MARKET_KEYS.admin);
    const hash = await admin.walletClient.writeContract({ address: m.contracts.GridToken, abi: erc20Abi, functionName: 'transfer', args: [m.clients(WHISTLEBLOWER).account.address, 1_000n * GRID] });
    await admin.publicClient.waitForTransactionReceipt({ hash });
    const { specHash } = await putJobSpec(m.as(MARKET_KEYS.requester), { spec: SPEC });
    const dataset = loadDataset({ spec: SPEC.training.dataset, split: 'train' });
    const cheater = await runJob(m, { specHash: specHash as Hex, spec: SPEC, dataset, seedBeacon: 'c2'.repeat(32) });
    const honest = await runJob(m, { specHash: specHash as Hex, spec: SPEC, dataset });
    // Trained honestly, but posted with 10 GRID of gas where its spec costs far less.
    const overGassed = await runJob(m, { specHash: specHash as Hex, spec: SPEC, dataset, gas: 10n * GRID });
    // A tolerant job trained on the node's own kernel (4-lane sums).
    const TOLERANT = parseJobSpec({ ...SPEC, verification: { mode: 'tolerant', tau: 0.01 } });
    const tolerantHash = (await putJobSpec(m.as(MARKET_KEYS.requester), { spec: TOLERANT })).specHash;
    const tolerant = await runJob(m, { specHash: tolerantHash as Hex, spec: TOLERANT, dataset, reduction: lanesReduction(4) });
    await m.indexer.tick();
    jobs.cheater = { ...cheater, steps: await passLazily(cheater) };
    jobs.honest = { ...honest, steps: await passLazily(honest) };
    jobs.overGassed = { ...overGassed, steps: await passLazily(overGassed) };
    jobs.tolerant = { ...tolerant, steps: await passLazily(tolerant) };
    await m.indexer.tick();
  }, 120_000);
  afterAll(async () => {
    await m?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a step that replays correctly, or one the node never opened, before any bond moves', async () => {
    const correct = await cli(['job', 'dispute', jobs.honest.jobId.toString(), '--step', String(jobs.honest.steps[1])]);
    expect(correct.exitCode).not.toBe(0);
    expect(correct.stderr).toMatch(/replays to the committed hash/);
    const unopened = Array.from({ length: jobs.honest.trainer.totalSteps }, (_, t) => t).find((t) => !jobs.honest.steps.includes(t))!;
    const never = await cli(['job', 'dispute', jobs.honest.jobId.toString(), '--step', String(unopened)]);
    expect(never.exitCode).not.toBe(0);
    expect(never.stderr).toMatch(/never opened step/);
    expect((await readJob(verifier.publicClient, { address: m.contracts.JobMarket, jobId: jobs.honest.jobId })).state).toBe('verified');
  });

  it('disputes a wrong step: the job is disputed with the step as evidence and the bond locked', async () => {
    const { jobId, steps } = jobs.cheater;
    const step = steps[2]!;
    const out = await cli(['job', 'dispute', jobId.toString(), '--step', String(step), '--json']);
    expect(out.exitCode).toBe(0);
    const result = JSON.parse(out.stdout) as { step: number; stepFails: boolean; failure: string; bond: string };
    expect(result).toMatchObject({ step, stepFails: true, failure: 'wrong-transition', bond: (100n * GRID).toString() });
    const onChain = await readJob(verifier.publicClient, { address: m.contracts.JobMarket, jobId });
    expect(onChain.state).toBe('disputed');
    expect(BigInt(onChain.evidence)).toBe(BigInt(step));
    // The passing verifier's bond stays locked until the referee rules.
    expect((await readVerifierBond(verifier, { address: m.contracts.JobMarket, verifier: verifier.account.address })).locked).toBeGreaterThan(0n);
  });

  it('disputes a job\'s gas with --gas: refused where the gas is the spec\'s, and neither or both of --step and --gas are refused', async () => {
    const fair = await cli(['job', 'dispute', jobs.honest.jobId.toString(), '--gas']);
    expect(fair.exitCode).not.toBe(0);
    expect(fair.stderr).toMatch(/posted with its spec's gas/);
    for (const args of [[], ['--gas', '--step', '3']]) {
      const bad = await cli(['job', 'dispute', jobs.overGassed.jobId.toString(), ...args]);
      expect(bad.exitCode).not.toBe(0);
      expect(bad.stderr).toMatch(/name either --step <t> or --gas/);
    }
    const out = await cli(['job', 'dispute', jobs.overGassed.jobId.toString(), '--gas', '--json']);
    expect(out.exitCode).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ step: null, gas: true, stepFails: true, failure: 'gas-mismatch' });
    const onChain = await readJob(verifier.publicClient, { address: m.contracts.JobMarket, jobId: jobs.overGassed.jobId });
    expect(onChain).toMatchObject({ state: 'disputed', evidence: GAS_DISPUTE_EVIDENCE });
  });

  it('disputes a step of a tolerant job the node never opened: nothing to check here, the node must open it', async () => {
    const { jobId, steps, trainer } = jobs.tolerant;
    const beyond = await cli(['job', 'dispute', jobId.toString(), '--step', String(trainer.totalSteps)]);
    expect(beyond.exitCode).not.toBe(0);
    expect(beyond.stderr).toMatch(/has no transition/);
    const unopened = Array.from({ length: trainer.totalSteps }, (_, t) => t).find((t) => !steps.includes(t))!;
    const out = await cli(['job', 'dispute', jobId.toString(), '--step', String(unopened), '--json']);
    expect(out.exitCode).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ step: unopened, stepFails: null, failure: null });
    const onChain = await readJob(verifier.publicClient, { address: m.contracts.JobMarket, jobId });
    expect(onChain.state).toBe('disputed');
    expect(BigInt(onChain.evidence)).toBe(BigInt(unopened));
  });
});
