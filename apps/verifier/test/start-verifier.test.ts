/**
 * `startVerifier` as the devnet or `main.ts` runs it, from options loaded like the
 * environment's: it tops up its bond, then its loop challenges and verifies a job on a
 * tabular dataset from the coordinator's store (file bytes checked by SHA-256; the final model
 * evaluated on the rows the spec holds out) while the test answers as the node.
 */
import { createHash } from 'node:crypto';
import { ANVIL_DEV_ADDRESSES, ANVIL_DEV_KEYS, contestJob, jobMarketAbi, postVerdict, readJob, readVerifierBond } from '@tensorgrid/chain';
import { getJobChallenge, postJobChallenge, putJobOpening, putJobSpec, putVerdictReport, uploadDataset } from '@tensorgrid/sdk';
import { BaseError } from '@tensorgrid/protocol';
import { assertConformance, loadDataset, parseJobSpec } from '@tensorgrid/tensor';
import { until, MARKET_KEYS as KEYS, openingWire, runJob, startMarket, type MarketFixture } from '@tensorgrid/test-utils';
import { erc20Abi, keccak256, toHex, type Hex } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureVerifierBond } from '../src/ensure-verifier-bond';
import { loadVerifierOptions } from '../src/config';
import { startVerifier, type RunningVerifier } from '../src/start-verifier';

/** 64 rows of two features, the class by which one is larger, with a margin of 0.2 (6 epochs reach 100 % on the held-out rows). */
const CSV = ['x,y,label', ...Array.from({ length: 64 }, (_, i) => {
  const [u, v] = [((i * 37) % 100) / 250, ((i * 61 + 13) % 100) / 250];
  return i % 2 ? `${0.6 + u},${v},1` : `${v},${0.6 + u},0`;
})].join('\n') + '\n';

describe('startVerifier on anvil', () => {
  let m: MarketFixture;
  let verifier: RunningVerifier | undefined;
  const lines: string[] = [];
  const records: unknown[] = [];
  const log = { info: (o: unknown, msg?: string) => void (records.push(o), lines.push(msg ?? '')), warn: (_: unknown, msg?: string) => void lines.push(msg ?? ''), error: (_: unknown, msg?: string) => void lines.push(msg ?? '') };

  beforeAll(async () => {
    m = await startMarket();
  }, 120_000);
  afterAll(async () => {
    await verifier?.stop();
    await m?.close();
  });

  it('bonds for N verdicts, challenges a tabular job, checks its held-out rows and posts its verdict from its loop', async () => {
    const bytes = new TextEncoder().encode(CSV);
    const { sha256 } = await uploadDataset(m.as(KEYS.requester), { bytes });
    expect(sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    const spec = parseJobSpec({
      version: 1,
      training: {
        version: 1,
        model: { input: [2], layers: [{ type: 'dense', units: 8, activation: 'relu' }, { type: 'dense', units: 2 }] },
        dataset: { kind: 'tabular', sha256, size: 64, dim: 2, classes: 2, location: { store: 'coordinator' }, heldOut: 16 },
        optimizer: { kind: 'sgd' }, lr: 0.1, batchSize: 8, epochs: 6,
      },
      timeLimitSeconds: 60,
      memoryBytes: 1 << 20,
    });
    const { specHash } = await putJobSpec(m.as(KEYS.requester), { spec });
    const node = await runJob(m, { specHash: specHash as Hex, spec, dataset: loadDataset({ spec: spec.training.dataset, split: 'train', bytes }) });
    await m.indexer.tick();

    const options = loadVerifierOptions({
      TG_COORDINATOR_URL: m.coord.url, TG_RPC_URL: m.anvil.rpcUrl, TG_CHAIN_ID: String(m.anvil.chainId), TG_JOB_MARKET_ADDRESS: m.contracts.JobMarket,
      TG_VERIFIER_KEY: ANVIL_DEV_KEYS[KEYS.verifier], TG_VERIFIER_INTERVAL_MS: '50', TG_VERIFIER_BOND_VERDICTS: '2',
    });
    expect(options).toMatchObject({ respondWithinSeconds: 120, bondVerdicts: 2, intervalMs: 50 });
    verifier = await startVerifier(options, { log });
    const chain = m.clients(KEYS.verifier);
    const bondOf = () => readVerifierBond(chain, { address: m.contracts.JobMarket, verifier: chain.account.address });
    const { bond } = await bondOf();
    expect(bond).toBeGreaterThan(0n);

    let steps: number[] = [];
    await until(async () => {
      steps = await getJobChallenge(m.as(9), { id: node.jobId }).then((c) => c.steps, () => []);
      return steps.length > 0;
    }, 'the verifier to challenge the job', 30_000);
    // T = 6 epochs × 6 steps (48 training rows, 16 held out): q = 48 covers every transition.
    expect(steps).toEqual(Array.from({ length: 36 }, (_, t) => t));
    for (const step of steps) await putJobOpening(m.as(KEYS.node), { id: node.jobId, step, opening: openingWire(node, step) });
    // The agent logs its verdict once the transaction's receipt is in (it may be mined before).
    await until(() => lines.some((l) => l.startsWith(`job ${node.jobId} `) && l.includes('verdict')), 'the verdict', 30_000);
    expect(lines.filter((l) => l.startsWith('job '))).toEqual([`job ${node.jobId} challenged: 36 transitions to open within 120 s`, `job ${node.jobId} verified: 36 transitions replayed, verdict passed posted`]);
    expect(records).toContainEqual(expect.objectContaining({ jobId: node.jobId.toString(), passed: true, heldOutAccuracy: 1, heldOutFloor: 0.75 }));
    expect((await readJob(chain.publicClient, { address: m.contracts.JobMarket, jobId: node.jobId })).state).toBe('verified');
    expect(await bondOf()).toEqual({ bond, locked: bond / 2n });
    expect(lines).toContain('verifier bond topped up to cover 2 verdicts');
    expect(records[lines.indexOf('this machine reproduces the conformance vectors')]).toEqual({ vectors: assertConformance() });
    await verifier.stop();
    verifier = undefined;
  }, 90_000);

  it('with TG_REFEREE_KEY its loop also resolves a contest: a lying verifier\'s rejection is overturned', async () => {
    const LIAR = 6;
    const [admin, liar, nodeChain] = [m.clients(KEYS.admin), m.clients(LIAR), m.clients(KEYS.node)];
    const grant = await admin.walletClient.writeContract({ address: m.contracts.JobMarket, abi: jobMarketAbi, functionName: 'grantRole', args: [keccak256(toHex('VERIFIER_ROLE')), ANVIL_DEV_ADDRESSES[LIAR]!] });
    await admin.publicClient.waitForTransactionReceipt({ hash: grant });
    const fund = await admin.walletClient.writeContract({ address: m.contracts.GridToken, abi: erc20Abi, functionName: 'transfer', args: [ANVIL_DEV_ADDRESSES[LIAR]!, 1_000n * 10n ** 18n] });
    await admin.publicClient.waitForTransactionReceipt({ hash: fund });
    await ensureVerifierBond(liar, { market: m.contracts.JobMarket, verdicts: 1 });
    const spec = parseJobSpec({
      version: 1,
      training: {
        version: 1,
        model: { input: [4], layers: [{ type: 'dense', units: 3 }] },
        dataset: { kind: 'gaussian-mixture', seed: 'start-referee-test', size: 64, classes: 3, dim: 4, spread: 0.5 },
        optimizer: { kind: 'sgd' }, lr: 0.1, batchSize: 16, epochs: 2,
      },
      timeLimitSeconds: 60,
      memoryBytes: 1 << 20,
    });
    const { specHash } = await putJobSpec(m.as(KEYS.requester), { spec });
    const node = await runJob(m, { specHash: specHash as Hex, spec, dataset: loadDataset({ spec: spec.training.dataset, split: 'train' }) });
    await m.indexer.tick();
    await postJobChallenge(m.as(LIAR), { id: node.jobId, challenge: { steps: [0, 5], beacon: `0x${node.submitBlockHash}` } });
    for (const step of [0, 5]) await putJobOpening(m.as(KEYS.node), { id: node.jobId, step, opening: openingWire(node, step) });
    await putVerdictReport(m.as(LIAR), { id: node.jobId, report: { passed: false, failures: [{ step: 5, kind: 'wrong-transition' }] } });
    await postVerdict(liar, { address: m.contracts.JobMarket, jobId: node.jobId, passed: false });
    await contestJob(nodeChain, { address: m.contracts.JobMarket, jobId: node.jobId });
    await m.indexer.tick();

    lines.length = 0;
    verifier = await startVerifier(loadVerifierOptions({
      TG_COORDINATOR_URL: m.coord.url, TG_RPC_URL: m.anvil.rpcUrl, TG_CHAIN_ID: String(m.anvil.chainId), TG_JOB_MARKET_ADDRESS: m.contracts.JobMarket,
      TG_VERIFIER_KEY: ANVIL_DEV_KEYS[KEYS.verifier], TG_REFEREE_KEY: ANVIL_DEV_KEYS[KEYS.verifier], TG_VERIFIER_INTERVAL_MS: '50', TG_VERIFIER_BOND_VERDICTS: '0',
      // The canary bot rides along; at 2 % of two verdicts no canary is due yet.
      TG_CANARY_KEYS: ANVIL_DEV_KEYS[8], TG_CANARY_NODE_KEYS: ANVIL_DEV_KEYS[9],
    }), { log });
    expect(verifier.referee).toBeDefined();
    expect(verifier.canary).toBeDefined();
    await until(() => lines.some((l) => l.startsWith(`job ${node.jobId} contest resolved`)), 'the referee to resolve the contest', 30_000);
    expect(lines).toContain('verifier, referee and canary bot started');
    expect(await verifier.canary!.diligence()).toEqual([]);
    expect(lines.filter((l) => l.startsWith('canary bot tick failed'))).toEqual([]);
    expect(lines.find((l) => l.startsWith(`job ${node.jobId} contest resolved`))).toMatch(/node right \(step 5 replays to the committed hash\); 1 round, step 5/);
    expect((await readJob(nodeChain.publicClient, { address: m.contracts.JobMarket, jobId: node.jobId })).state).toBe('submitted');
    await verifier.stop();
    verifier = undefined;
  }, 90_000);

  it('refuses to start, before any transaction, when this machine does not reproduce the conformance vectors', async () => {
    const chain = m.clients(KEYS.verifier);
    const bondOf = () => readVerifierBond(chain, { address: m.contracts.JobMarket, verifier: chain.account.address });
    const before = await bondOf();
    const options = loadVerifierOptions({
      TG_COORDINATOR_URL: m.coord.url, TG_RPC_URL: m.anvil.rpcUrl, TG_CHAIN_ID: String(m.anvil.chainId), TG_JOB_MARKET_ADDRESS: m.contracts.JobMarket,
      TG_VERIFIER_KEY: ANVIL_DEV_KEYS[KEYS.verifier], TG_VERIFIER_BOND_VERDICTS: '50',
    });
    const checkKernels = (): number => {
      throw new BaseError('KERNEL_NONCONFORMANT', 'This machine does not reproduce 1 of the 16 conformance vectors (kernels/dense)');
    };
    await expect(startVerifier(options, { log, checkKernels })).rejects.toMatchObject({ code: 'KERNEL_NONCONFORMANT' });
    expect(await bondOf()).toEqual(before);
  });
});
