/**
 * `tgrid job submit`, `show` and `result` end to end on a real anvil with the network deployed
 * and a real coordinator (SQLite, file stores) whose job index follows the chain: the spec is
 * stored by the hash posted on chain, a local dataset is uploaded, and the outcome follows the
 * job through accept, submit, verdict and settlement.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  acceptJob, ANVIL_DEV_ADDRESSES, ANVIL_DEV_KEYS, createChainClients, deployNetwork, finalizeJob, postJob, postVerdict, bondVerifier, readJob, readJobMarketTerms, setWorkers, submitResult,
  type NetworkContracts, type WalletChainClients,
} from '@tensorgrid/chain';
import { createJobIndexer, createViemJobMarketReader, type JobIndexer } from '@tensorgrid/coordinator';
import { createJobIndexStore } from '@tensorgrid/db';
import { createCoordinatorClient, getDataset } from '@tensorgrid/sdk';
import { jobGas, jobSpecHash, parseJobSpec } from '@tensorgrid/tensor';
import { startTestCoordinator, withAnvil, type AnvilFixture, type TestCoordinator } from '@tensorgrid/test-utils';
import { createTestClient, erc20Abi, http, keccak256, toHex } from 'viem';
import { foundry } from 'viem/chains';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobOutcome } from '../src/commands/job/job-outcome';
import { runCli } from './run-cli';

const GRID = 10n ** 18n;
const EXAMPLES = join(import.meta.dirname, '../../../examples/jobs');

describe('tgrid job submit / show / result on anvil', () => {
  let anvil: AnvilFixture;
  let coord: TestCoordinator;
  let contracts: NetworkContracts;
  let requester: WalletChainClients;
  let node: WalletChainClients;
  let oracle: WalletChainClients;
  let indexer: JobIndexer;
  let dir: string;
  const clients = (key: number) => createChainClients({ rpcUrl: anvil.rpcUrl, chainId: anvil.chainId, privateKey: ANVIL_DEV_KEYS[key]!, pollingIntervalMs: 20 });
  const env = () => ({ TG_PRIVATE_KEY: ANVIL_DEV_KEYS[2], TG_RPC_URL: anvil.rpcUrl, TG_CHAIN_ID: String(anvil.chainId), TG_JOB_MARKET_ADDRESS: contracts.JobMarket, TG_COORDINATOR_URL: coord.url });
  const cli = (args: string[]) => runCli([...args, '--data-dir', dir], env());

  beforeAll(async () => {
    anvil = await withAnvil();
    dir = mkdtempSync(join(tmpdir(), 'tg-submit-'));
    const admin = clients(0);
    oracle = clients(1);
    requester = clients(2);
    node = clients(3);
    contracts = await deployNetwork(admin, { admin: ANVIL_DEV_ADDRESSES[0]!, oracle: ANVIL_DEV_ADDRESSES[1]! });
    for (const who of [requester, node, oracle]) {
      const hash = await admin.walletClient.writeContract({ address: contracts.GridToken, abi: erc20Abi, functionName: 'transfer', args: [who.account.address, 10_000n * GRID] });
      await admin.publicClient.waitForTransactionReceipt({ hash });
    }
    await setWorkers(oracle, { address: contracts.JobMarket, node: node.account.address, workers: 2 });
    // The oracle verifies on the devnet: a verdict locks the market's verifier bond.
    await bondVerifier(oracle, { address: contracts.JobMarket, amount: 1_000n * GRID });
    coord = await startTestCoordinator('sqlite');
    indexer = createJobIndexer({ store: createJobIndexStore(coord.database.db), reader: createViemJobMarketReader({ clients: oracle, market: contracts.JobMarket }) }, {});
  }, 120_000);
  afterAll(async () => {
    await coord?.close();
    await anvil?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('posts an example on seed-generated data: spec stored by the hash on chain, gas from its cost, default fee and deadline', async () => {
    const run = await cli(['job', 'submit', join(EXAMPLES, 'mixture-mlp.json'), '--json']);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const out = JSON.parse(run.stdout) as { jobId: string; specHash: string; gas: string; fee: string; deadline: string };
    const spec = parseJobSpec((await import(join(EXAMPLES, 'mixture-mlp.json'), { with: { type: 'json' } })).default);
    const terms = await readJobMarketTerms(requester.publicClient, { address: contracts.JobMarket });
    const onChain = await readJob(requester.publicClient, { address: contracts.JobMarket, jobId: BigInt(out.jobId) });
    expect(out.specHash).toBe(jobSpecHash(spec));
    expect(onChain).toMatchObject({ state: 'posted', specHash: out.specHash, gas: jobGas(spec.training).gas, fee: terms.verifierFee + jobGas(spec.training).gas });
    const { timestamp } = await requester.publicClient.getBlock();
    expect(Number(onChain.deadline - timestamp)).toBeGreaterThan(86_000);
    expect(new Date(out.deadline).getTime()).toBe(Number(onChain.deadline) * 1000);
  }, 60_000);

  it('uploads a spec\'s local CSV, fills in its hash and size, and the coordinator serves both', async () => {
    const csv = 'x,y,label\n0.1,0.9,0\n0.9,0.1,1\n0.2,0.8,0\n0.8,0.2,1\n';
    writeFileSync(join(dir, 'tiny.csv'), csv);
    const spec = {
      version: 1,
      training: {
        version: 1,
        model: { input: [2], layers: [{ type: 'dense', units: 2 }] },
        dataset: { kind: 'tabular', dim: 2, classes: 2, location: { file: 'tiny.csv' } },
        optimizer: { kind: 'sgd' }, lr: 0.1, batchSize: 2, epochs: 2,
      },
      timeLimitSeconds: 60,
      memoryBytes: 65_536,
    };
    writeFileSync(join(dir, 'tiny.json'), JSON.stringify(spec));
    const run = await cli(['job', 'submit', join(dir, 'tiny.json'), '--fee', '12.5', '--deadline', '2h']);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stderr).toContain('uploading');
    expect(run.stdout).toMatch(/Posted job 2 /);
    expect(run.stdout).toContain('12.5 GRID');

    const reader = createCoordinatorClient({ url: coord.url });
    const sha = (await import('node:crypto')).createHash('sha256').update(csv).digest('hex');
    expect(new TextDecoder().decode(await getDataset(reader, { sha256: sha }))).toBe(csv);
    await indexer.tick();
    const show = JSON.parse((await cli(['job', 'show', '2', '--json'])).stdout) as { spec: { training: { dataset: Record<string, unknown> } } };
    expect(show.spec.training.dataset).toMatchObject({ kind: 'tabular', sha256: sha, size: 4, location: { store: 'coordinator' } });
    const text = (await cli(['job', 'show', '2'])).stdout;
    expect(text).toContain('tabular 4×2, 2 classes');
    expect(text).toContain('2 epochs, SHA-256 state hashes'); // no stateHash in the spec
    expect((await cli(['job', 'show', '1'])).stdout).toContain('5 epochs, BLAKE3 state hashes');
    expect(text).toMatch(/posted\s+JobPosted/);
  }, 60_000);

  it('refuses a fee below the verifier fee, a bad spec field and a dataset whose hash changed, saying what to do', async () => {
    const low = await cli(['job', 'submit', join(EXAMPLES, 'mixture-mlp.json'), '--fee', '0.5']);
    expect(low.exitCode).toBe(1);
    expect(low.stderr).toMatch(/below the market's verifier fee 10 GRID/);
    expect(low.stderr).toContain('--fee 10');

    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ version: 1, training: {}, timeLimitSeconds: 60, memoryBytes: 1 }));
    const bad = await cli(['job', 'submit', join(dir, 'bad.json'), '--json']);
    expect(bad.exitCode).toBe(1);
    const err = JSON.parse(bad.stdout) as { error: { code: string; message: string } };
    expect(err.error.code).toBe('VALIDATION_FAILED');
    expect(err.error.message).toContain('training.model');

    writeFileSync(join(dir, 'moved.json'), JSON.stringify({ version: 1, training: { dataset: { kind: 'tabular', sha256: 'ab'.repeat(32), location: { file: 'tiny.csv' } } } }));
    const moved = await cli(['job', 'submit', join(dir, 'moved.json')]);
    expect(moved.stderr).toContain('DATASET_HASH_MISMATCH');

    const late = await cli(['job', 'submit', join(EXAMPLES, 'mixture-mlp.json'), '--deadline', '1m']);
    expect(late.stderr).toMatch(/less than the job's time limit/);
    expect((await cli(['job', 'submit', join(dir, 'nope.json')])).stderr).toMatch(/Cannot read the spec file/);
  }, 60_000);

  it('tgrid job result follows the job: waiting for a node, then a verdict, then settled with its payouts', async () => {
    await indexer.tick();
    const result = async () => JSON.parse((await cli(['job', 'result', '1', '--json'])).stdout) as JobOutcome;
    expect(await result()).toMatchObject({ state: 'posted', final: false, verdict: null, payouts: [], waitingFor: expect.stringContaining('a node to accept') as string });

    const market = contracts.JobMarket;
    await acceptJob(node, { address: market, jobId: 1n });
    const root = keccak256(toHex('trained'));
    await submitResult(node, { address: market, jobId: 1n, resultRoot: root });
    await indexer.tick();
    expect(await result()).toMatchObject({ state: 'submitted', resultRoot: root, node: node.account.address.toLowerCase(), waitingFor: expect.stringContaining('verdict') as string });

    await postVerdict(oracle, { address: market, jobId: 1n, passed: true });
    const test = createTestClient({ chain: { ...foundry, id: anvil.chainId }, mode: 'anvil', transport: http(anvil.rpcUrl) });
    await test.increaseTime({ seconds: 86_401 });
    await test.mine({ blocks: 1 });
    await finalizeJob(node, { address: market, jobId: 1n });
    await indexer.tick();
    const done = await result();
    expect(done).toMatchObject({ state: 'settled', final: true, verdict: 'passed', waitingFor: null });
    expect(done.payouts.map((p) => [p.to, p.what])).toEqual([['node', 'nodePaid'], ['verifier', 'verifierPaid']]);
    const text = (await cli(['job', 'result', '1'])).stdout;
    expect(text).toMatch(/settled \(final\)/);
    expect(text).toMatch(/verifier\s+10 GRID\s+verifierPaid/);
  }, 60_000);

  it('tgrid job show flags a job posted with other gas than its spec costs', async () => {
    const posted = JSON.parse((await cli(['job', 'show', '1', '--json'])).stdout) as { job: { gas: string; specHash: string }; specGas: string };
    expect(posted.specGas).toBe(posted.job.gas); // tgrid job submit posts the spec's gas
    expect((await cli(['job', 'show', '1'])).stdout).not.toContain('NOT its spec');
    const { timestamp } = await requester.publicClient.getBlock();
    const { jobId } = await postJob(requester, { address: contracts.JobMarket, specHash: posted.job.specHash as `0x${string}`, fee: 20n * GRID, gas: 10n * GRID, deadline: timestamp + 3_600n, approve: true });
    await indexer.tick();
    expect((await cli(['job', 'show', jobId.toString()])).stdout).toMatch(/Gas\s+10 GRID .*; NOT its spec's .*: verifiers reject it \(gas-mismatch\)/);
  }, 60_000);
});
