/**
 * `tgrid job timeout` on a real anvil with the network deployed: a job a node accepted and left
 * past its deadline is timed out by an outsider (the fee and the penalty to the requester, the
 * rest of the deposit to the node); a submitted job no verifier judged is ended unverified after the
 * verification window (fee and deposit refunded); a job in another state, or whose deadline (or
 * window) is still ahead, is refused with its code before any transaction.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  acceptJob, ANVIL_DEV_ADDRESSES, ANVIL_DEV_KEYS, createChainClients, deployNetwork, JOB_MARKET_DEFAULTS, postJob, readJob, setWorkers, submitResult,
  type NetworkContracts, type WalletChainClients,
} from '@tensorgrid/chain';
import { withAnvil, type AnvilFixture } from '@tensorgrid/test-utils';
import { createTestClient, erc20Abi, http, keccak256, toHex, type Address } from 'viem';
import { foundry } from 'viem/chains';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli';

const GRID = 10n ** 18n;
const FEE = 50n * GRID;
const GAS = 20n * GRID; // deposit = gas (depositFactorBps 10 000); timeout penalty 25 %
const OUTSIDER = 4;

describe('tgrid job timeout on anvil', () => {
  let anvil: AnvilFixture;
  let contracts: NetworkContracts;
  let requester: WalletChainClients;
  let node: WalletChainClients;
  let dir: string;
  const clients = (key: number) => createChainClients({ rpcUrl: anvil.rpcUrl, chainId: anvil.chainId, privateKey: ANVIL_DEV_KEYS[key]!, pollingIntervalMs: 20 });
  const cli = (args: string[]) =>
    runCli([...args, '--data-dir', dir], { TG_PRIVATE_KEY: ANVIL_DEV_KEYS[OUTSIDER], TG_RPC_URL: anvil.rpcUrl, TG_CHAIN_ID: String(anvil.chainId), TG_JOB_MARKET_ADDRESS: contracts.JobMarket });
  const balance = (who: Address) => requester.publicClient.readContract({ address: contracts.GridToken, abi: erc20Abi, functionName: 'balanceOf', args: [who] });
  const state = async (jobId: bigint) => (await readJob(requester.publicClient, { address: contracts.JobMarket, jobId })).state;
  /** Posts a job due in `seconds` (by the chain's clock) and, unless `accept: false`, has the node accept it. */
  const post = async (seconds: bigint, options: { accept?: boolean } = {}) => {
    const { timestamp } = await requester.publicClient.getBlock();
    const { jobId } = await postJob(requester, { address: contracts.JobMarket, specHash: keccak256(toHex(`timeout-${timestamp}-${Math.random()}`)), fee: FEE, gas: GAS, deadline: timestamp + seconds, approve: true });
    if (options.accept !== false) await acceptJob(node, { address: contracts.JobMarket, jobId });
    return jobId;
  };
  const travel = async (seconds: number) => {
    const test = createTestClient({ chain: { ...foundry, id: anvil.chainId }, mode: 'anvil', transport: http(anvil.rpcUrl) });
    await test.increaseTime({ seconds });
    await test.mine({ blocks: 1 });
  };

  beforeAll(async () => {
    anvil = await withAnvil();
    dir = mkdtempSync(join(tmpdir(), 'tg-timeout-'));
    const admin = clients(0);
    requester = clients(2);
    node = clients(3);
    contracts = await deployNetwork(admin, { admin: ANVIL_DEV_ADDRESSES[0]!, oracle: ANVIL_DEV_ADDRESSES[1]! });
    for (const who of [requester, node]) {
      const hash = await admin.walletClient.writeContract({ address: contracts.GridToken, abi: erc20Abi, functionName: 'transfer', args: [who.account.address, 10_000n * GRID] });
      await admin.publicClient.waitForTransactionReceipt({ hash });
    }
    await setWorkers(clients(1), { address: contracts.JobMarket, node: node.account.address, workers: 4 });
  }, 120_000);
  afterAll(async () => {
    await anvil?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a job whose deadline has not passed (JOB_NOT_DUE) and one that is not accepted (JOB_WRONG_STATE)', async () => {
    const accepted = await post(3_600n);
    const early = await cli(['job', 'timeout', accepted.toString(), '--json']);
    expect(early.exitCode).toBe(1);
    const err = JSON.parse(early.stdout) as { error: { code: string; message: string } };
    expect(err.error.code).toBe('JOB_NOT_DUE');
    expect(err.error.message).toMatch(/has not passed: it can be timed out after it/);
    expect(await state(accepted)).toBe('accepted');

    const open = await post(3_600n, { accept: false });
    const wrong = await cli(['job', 'timeout', open.toString()]);
    expect(wrong.exitCode).toBe(1);
    expect(wrong.stderr).toContain('JOB_WRONG_STATE');
    expect(wrong.stderr).toMatch(/Job \d+ is posted: only an accepted job, or a submitted one past its verification window, can be timed out/);
    expect(await state(open)).toBe('posted');

    const bad = await cli(['job', 'timeout', 'abc']);
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toContain('VALIDATION_FAILED');
  });

  it('times out an accepted job left past its deadline: fee and penalty to the requester, the rest of the deposit to the node', async () => {
    const jobId = await post(600n);
    await travel(601);
    const [req, nod, out] = await Promise.all([balance(requester.account.address), balance(node.account.address), balance(ANVIL_DEV_ADDRESSES[OUTSIDER]!)]);
    const run = await cli(['job', 'timeout', jobId.toString(), '--json']);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const result = JSON.parse(run.stdout) as Record<string, string>;
    expect(result).toMatchObject({ jobId: jobId.toString(), state: 'timed-out', penalty: (GAS / 4n).toString(), feeRefund: FEE.toString(), nodeRefund: ((GAS * 3n) / 4n).toString() });
    expect(result.txHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(await state(jobId)).toBe('timed-out');
    expect(await balance(requester.account.address)).toBe(req + FEE + GAS / 4n);
    expect(await balance(node.account.address)).toBe(nod + (GAS * 3n) / 4n);
    expect(await balance(ANVIL_DEV_ADDRESSES[OUTSIDER]!)).toBe(out);

    const again = await cli(['job', 'timeout', jobId.toString()]);
    expect(again.stderr).toContain('JOB_WRONG_STATE');
    expect(again.stderr).toMatch(/is timed-out/);
  });

  it('ends a submitted job that got no verdict within the verification window: refused before it, then the fee and the whole deposit refunded', async () => {
    const jobId = await post(3_600n);
    await submitResult(node, { address: contracts.JobMarket, jobId, resultRoot: keccak256(toHex('root')) });
    const early = await cli(['job', 'timeout', jobId.toString(), '--json']);
    expect(early.exitCode).toBe(1);
    expect(JSON.parse(early.stdout)).toMatchObject({ error: { code: 'JOB_NOT_DUE', message: expect.stringMatching(/awaits a verdict until .*: it can be ended unverified after that/) } });
    await travel(Number(JOB_MARKET_DEFAULTS.verificationWindow) + 1);
    const [req, nod] = await Promise.all([balance(requester.account.address), balance(node.account.address)]);
    const run = await cli(['job', 'timeout', jobId.toString()]);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Ended job ${jobId} unverified`);
    expect(run.stdout).toContain('its deposit 20 GRID back');
    expect(await state(jobId)).toBe('unverified');
    expect(await balance(requester.account.address)).toBe(req + FEE);
    expect(await balance(node.account.address)).toBe(nod + GAS);
  });

  it('says in words what moved and what to do next', async () => {
    const jobId = await post(600n);
    await travel(601);
    const text = (await cli(['job', 'timeout', jobId.toString()])).stdout;
    expect(text).toContain(`Timed out job ${jobId}`);
    expect(text).toContain(`fee 50 GRID back + penalty 5 GRID`);
    expect(text).toContain('15 GRID of its deposit back');
    expect(text).toContain('tgrid job submit');
  });
});
