/**
 * Audits on anvil with a real coordinator, verifier and referee: a node skips one transition
 * the sampled verification never checks (q = 0: only the first, last and epoch-boundary steps),
 * so the verifier agent passes it; `tgrid job audit` replays the whole job against the node's
 * published step hashes, finds the skipped step, stores its opening and disputes it, and the
 * referee slashes the node. An honest job audits clean; a node that keeps its step hashes back
 * is rejected (`leaves-withheld`) and loses its contest.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ANVIL_DEV_ADDRESSES, ANVIL_DEV_KEYS, contestJob, jobMarketAbi, postVerdict, readJob, type WalletChainClients } from '@tensorgrid/chain';
import { getJobAuditOpening, getJobChallenge, getVerdictReport, putJobOpening, putJobSpec } from '@tensorgrid/sdk';
import { loadDataset } from '@tensorgrid/tensor';
import { MARKET_KEYS, openingWire, runJob, startMarket, tinyJobSpec, type MarketFixture, type NodeRun } from '@tensorgrid/test-utils';
import { fixedChallengeSteps } from '@tensorgrid/verification';
import { createRefereeAgent, createVerifierAgent, ensureVerifierBond, type RefereeAgent, type VerifierAgent } from '@tensorgrid/verifier';
import { erc20Abi, keccak256, toHex, type Hex } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli';

const GRID = 10n ** 18n;
const [REFEREE, WHISTLEBLOWER] = [5, 6];
const SPEC = tinyJobSpec({ seed: 'job-audit-cli' });

describe('tgrid job audit on anvil', () => {
  let m: MarketFixture;
  let dir: string;
  let verifier: VerifierAgent;
  let referee: RefereeAgent;
  let clockOffset = 0;
  const jobs = {} as Record<'skipper' | 'honest' | 'withholder', NodeRun>;
  let skipped = 0;
  const cli = (args: string[]) =>
    runCli([...args, '--data-dir', dir], { TG_PRIVATE_KEY: ANVIL_DEV_KEYS[WHISTLEBLOWER], TG_RPC_URL: m.anvil.rpcUrl, TG_CHAIN_ID: String(m.anvil.chainId), TG_JOB_MARKET_ADDRESS: m.contracts.JobMarket, TG_COORDINATOR_URL: m.coord.url });
  const chain = (key: number): WalletChainClients => m.clients(key);
  const stateOf = async (jobId: bigint) => (await readJob(chain(0).publicClient, { address: m.contracts.JobMarket, jobId })).state;
  const balanceOf = (key: number) => chain(0).publicClient.readContract({ address: m.contracts.GridToken, abi: erc20Abi, functionName: 'balanceOf', args: [ANVIL_DEV_ADDRESSES[key]!] });
  const answerAll = async (run: NodeRun) => {
    for (const step of (await getJobChallenge(m.as(9), { id: run.jobId })).steps) await putJobOpening(m.as(MARKET_KEYS.node), { id: run.jobId, step, opening: openingWire(run, step) });
  };

  beforeAll(async () => {
    m = await startMarket();
    dir = mkdtempSync(join(tmpdir(), 'tg-audit-'));
    const admin = chain(MARKET_KEYS.admin);
    const granted = await admin.walletClient.writeContract({ address: m.contracts.JobMarket, abi: jobMarketAbi, functionName: 'grantRole', args: [keccak256(toHex('REFEREE_ROLE')), ANVIL_DEV_ADDRESSES[REFEREE]!] });
    await admin.publicClient.waitForTransactionReceipt({ hash: granted });
    const funded = await admin.walletClient.writeContract({ address: m.contracts.GridToken, abi: erc20Abi, functionName: 'transfer', args: [ANVIL_DEV_ADDRESSES[WHISTLEBLOWER]!, 1_000n * GRID] });
    await admin.publicClient.waitForTransactionReceipt({ hash: funded });
    await ensureVerifierBond(chain(MARKET_KEYS.verifier), { market: m.contracts.JobMarket, verdicts: 4 });

    const { specHash } = await putJobSpec(m.as(MARKET_KEYS.requester), { spec: SPEC });
    const dataset = loadDataset({ spec: SPEC.training.dataset, split: 'train' });
    const honest = await runJob(m, { specHash: specHash as Hex, spec: SPEC, dataset });
    // The first step no fixed check covers: with q = 0 no challenge ever opens it.
    const fixed = fixedChallengeSteps(honest.trainer);
    skipped = Array.from({ length: honest.trainer.totalSteps }, (_, t) => t).find((t) => t > 2 && !fixed.includes(t) && !fixed.includes(t + 1))!;
    jobs.honest = honest;
    jobs.skipper = await runJob(m, { specHash: specHash as Hex, spec: SPEC, dataset, skipStep: skipped });
    jobs.withholder = await runJob(m, { specHash: specHash as Hex, spec: SPEC, dataset, publish: false });
    await m.indexer.tick();

    verifier = createVerifierAgent({ coordinator: m.as(MARKET_KEYS.verifier), chain: chain(MARKET_KEYS.verifier), market: m.contracts.JobMarket, now: () => Date.now() + clockOffset }, { q: 0, respondWithinSeconds: 60 });
    await verifier.tick(); // challenges all three
    for (const run of Object.values(jobs)) await answerAll(run);
    await verifier.tick(); // every answer in: verdicts on the two that published their step hashes
    await m.indexer.tick();
    referee = createRefereeAgent({ coordinator: m.as(9), chain: chain(REFEREE), market: m.contracts.JobMarket });
  }, 120_000);
  afterAll(async () => {
    await m?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sampled verification passes the skipper; an audit of the honest job finds every step consistent and disputes nothing', async () => {
    expect(await stateOf(jobs.skipper.jobId)).toBe('verified');
    expect(await stateOf(jobs.honest.jobId)).toBe('verified');
    const out = await cli(['job', 'audit', jobs.honest.jobId.toString(), '--dispute', '--json']);
    expect(out.exitCode).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ jobId: jobs.honest.jobId.toString(), steps: 48, result: 'consistent', step: null, disputed: null });
    const text = await cli(['job', 'audit', jobs.honest.jobId.toString()]);
    expect(text.stderr).toContain('48/48 steps replayed');
    expect(text.stdout).toContain('replays exactly: all 48 steps match the node\'s step hashes');
    expect(await stateOf(jobs.honest.jobId)).toBe('verified');
  });

  it('an audit finds the skipped step, disputes it with the whistleblower\'s opening, and the referee slashes the node and the passing verifier (the beacon\'s q = 48 draw covers a 48-step job: it had to check every step)', async () => {
    const { jobId } = jobs.skipper;
    const before = await balanceOf(WHISTLEBLOWER);
    const { deposit } = await readJob(chain(0).publicClient, { address: m.contracts.JobMarket, jobId });
    const { perVerdict } = await ensureVerifierBond(chain(MARKET_KEYS.verifier), { market: m.contracts.JobMarket, verdicts: 0 });
    const out = await cli(['job', 'audit', jobId.toString(), '--dispute']);
    expect(out.exitCode).toBe(0);
    expect(out.stderr).toContain('replaying 48 steps of job');
    expect(out.stdout).toContain(`transition ${skipped} → ${skipped + 1} lands off the node's h_${skipped + 1}`);
    expect(out.stdout).toMatch(/Disputed job \d+ at step \d+; bond 100 GRID locked/);
    await m.indexer.tick(); // the dispute indexed: the opening is public, for the referee
    expect((await getJobAuditOpening(m.as(9), { id: jobId, auditor: ANVIL_DEV_ADDRESSES[WHISTLEBLOWER]! })).step).toBe(skipped);
    expect(await stateOf(jobId)).toBe('disputed');

    await m.indexer.tick();
    const outcome = (await referee.tick()).find((o) => o.jobId === jobId);
    expect(outcome).toMatchObject({ kind: 'resolved', result: 'slashed', verifierSlashed: perVerdict, decision: { nodeWrong: true, step: skipped, kind: 'wrong-transition', rounds: 1 } });
    expect(await stateOf(jobId)).toBe('slashed');
    // Half the deposit as bounty, the bond back, and the passing verifier's locked bond.
    expect(await balanceOf(WHISTLEBLOWER)).toBe(before + deposit / 2n + perVerdict);

    const again = await cli(['job', 'audit', jobId.toString()]);
    expect(again.exitCode).not.toBe(0);
    expect(again.stderr).toMatch(/only a verified job can be audited/);
  });

  it('an audit of a lazily passed job trained from the wrong initial weights disputes step 0 with no opening (none could be built), and the referee convicts on the published h_0', async () => {
    const { specHash } = await putJobSpec(m.as(MARKET_KEYS.requester), { spec: SPEC });
    const wrongInit = await runJob(m, { specHash: specHash as Hex, spec: SPEC, dataset: loadDataset({ spec: SPEC.training.dataset, split: 'train' }), seedBeacon: 'c3'.repeat(32) });
    // A lazy verifier passes it without challenging anything (step 0 included).
    await postVerdict(chain(MARKET_KEYS.verifier), { address: m.contracts.JobMarket, jobId: wrongInit.jobId, passed: true });
    await m.indexer.tick();
    const out = await cli(['job', 'audit', wrongInit.jobId.toString(), '--dispute', '--json']);
    expect(out.exitCode, out.stderr).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ result: 'wrong-init', step: 0 });
    await m.indexer.tick();
    const outcome = (await referee.tick()).find((o) => o.jobId === wrongInit.jobId);
    expect(outcome).toMatchObject({ kind: 'resolved', result: 'slashed', decision: { nodeWrong: true, step: 0, kind: 'wrong-init' } });
    expect(await stateOf(wrongInit.jobId)).toBe('slashed');
  });

  it('a node that keeps its step hashes back is rejected as leaves-withheld and loses its contest', async () => {
    const { jobId } = jobs.withholder;
    expect(await stateOf(jobId)).toBe('submitted'); // every opening in, the step hashes not: the verifier waits
    clockOffset += 61_000;
    m.coord.advance(61_000);
    await verifier.tick();
    expect(await stateOf(jobId)).toBe('rejected');
    const { report } = await getVerdictReport(m.as(9), { id: jobId });
    expect(report.failures).toEqual([{ step: 48, kind: 'leaves-withheld', detail: 'the node did not publish its step hashes' }]);
    await contestJob(chain(MARKET_KEYS.node), { address: m.contracts.JobMarket, jobId });
    await m.indexer.tick();
    const outcome = (await referee.tick()).find((o) => o.jobId === jobId);
    expect(outcome).toMatchObject({ kind: 'resolved', result: 'failed', decision: { nodeWrong: true, kind: 'leaves-withheld' } });
  });
});
