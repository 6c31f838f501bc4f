/**
 * Job shares of a UTC day end to end on a real anvil and a real SQLite: jobs are posted,
 * accepted, submitted and passed on JobMarket; one is disputed. The coordinator's job-share
 * scheduler waits for the day to end, for its challenge windows to close and for the dispute to
 * be resolved (the node was wrong: its shares are taken back), refuses when the indexed nodes do
 * not account for the day's total, stores the day before posting (a failed post is retried on
 * the next tick), and the nodes claim through the CLI the amounts the planner gave them.
 */
import {
  acceptJob, ANVIL_DEV_ADDRESSES, ANVIL_DEV_KEYS, createChainClients, deployNetwork, disputeJob, postJob, postVerdict, bondVerifier, resolveDispute, setWorkers, submitResult,
  type NetworkContracts, type WalletChainClients,
} from '@tensorgrid/chain';
import {
  createApp, createJobIndexer, createJobShareBuilder, createJobShareScheduler, createViemJobMarketReader, createViemJobShareChain,
  type App, type JobIndexer, type JobShareChain,
} from '@tensorgrid/coordinator';
import { createJobIndexStore, createJobShareDayStore, createNonceStore, createDeviceStore, createSupplyStores } from '@tensorgrid/db';
import { planJobShares, type JobIndexStore, type JobShareDayStore } from '@tensorgrid/domain';
import type { JobShareDayResponse, JobShareNodeResponse } from '@tensorgrid/protocol';
import { openTestDatabase, withAnvil, type AnvilFixture, type TestDatabase } from '@tensorgrid/test-utils';
import { createTestClient, erc20Abi, http, keccak256, toHex, type Address, type Hex } from 'viem';
import { foundry } from 'viem/chains';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli';

const GRID = 10n ** 18n;
const DAY_S = 86_400;
// Anvil keys: 0 admin, 1 oracle (coordinator, verifier, referee), 2 requester, 3 and 4 nodes, 5 whistleblower.
const node = (i: number) => ({ key: ANVIL_DEV_KEYS[i]!, address: ANVIL_DEV_ADDRESSES[i]!.toLowerCase() as Address });
const NODE_A = node(3);
const NODE_B = node(4);

describe('job shares of a UTC day on anvil + SQLite, claimed through the CLI', () => {
  let anvil: AnvilFixture;
  let database: TestDatabase;
  let contracts: NetworkContracts;
  let admin: WalletChainClients;
  let oracle: WalletChainClients;
  let index: JobIndexStore;
  let store: JobShareDayStore;
  let indexer: JobIndexer;
  let chain: JobShareChain;
  let app: App;
  let url: string;
  let day = 0;
  let window = 0;
  let nowMs = 0;
  const jobIds: Record<'a' | 'b' | 'wrong', bigint> = { a: 0n, b: 0n, wrong: 0n };
  const clock = { now: () => nowMs };
  const clients = (key: number) => createChainClients({ rpcUrl: anvil.rpcUrl, chainId: anvil.chainId, privateKey: ANVIL_DEV_KEYS[key]!, pollingIntervalMs: 20 });
  const cliEnv = (key?: Hex) => ({ TG_PRIVATE_KEY: key, TG_RPC_URL: anvil.rpcUrl, TG_CHAIN_ID: String(anvil.chainId), TG_STAKING_ADDRESS: contracts.Staking, TG_REWARDS_ADDRESS: contracts.Rewards, TG_COORDINATOR_URL: url });
  const mineAt = async (timestamp: number) => {
    const test = createTestClient({ chain: { ...foundry, id: anvil.chainId }, mode: 'anvil', transport: http(anvil.rpcUrl) });
    await test.setNextBlockTimestamp({ timestamp: BigInt(timestamp) });
    await test.mine({ blocks: 1 });
    nowMs = timestamp * 1000;
  };
  const scheduler = (c: JobShareChain = chain) => createJobShareScheduler({ builder: createJobShareBuilder({ store, index, chain: c, clock }), store, index });
  const balance = (who: Address) => admin.publicClient.readContract({ address: contracts.GridToken, abi: erc20Abi, functionName: 'balanceOf', args: [who] });

  beforeAll(async () => {
    anvil = await withAnvil();
    database = await openTestDatabase('sqlite');
    admin = clients(0);
    oracle = clients(1);
    contracts = await deployNetwork(admin, { admin: ANVIL_DEV_ADDRESSES[0]!, oracle: ANVIL_DEV_ADDRESSES[1]! });
    for (const i of [1, 2, 3, 4, 5]) {
      const hash = await admin.walletClient.writeContract({ address: contracts.GridToken, abi: erc20Abi, functionName: 'transfer', args: [ANVIL_DEV_ADDRESSES[i]!, 10_000n * GRID] });
      await admin.publicClient.waitForTransactionReceipt({ hash });
    }
    for (const n of [NODE_A, NODE_B]) await setWorkers(oracle, { address: contracts.JobMarket, node: n.address, workers: 4 });
    // The oracle is the devnet's verifier: each verdict locks the market's verifier bond (1,000 GRID).
    await bondVerifier(oracle, { address: contracts.JobMarket, amount: 5_000n * GRID });
    // Every verdict falls on one fresh UTC day, an hour into it (the Rewards genesis is the day before or earlier).
    const { timestamp } = await admin.publicClient.getBlock();
    day = Math.floor(Number(timestamp) / DAY_S) + 1;
    await mineAt(day * DAY_S + 3600);

    const requester = clients(2);
    const pass = async (node: WalletChainClients, gas: bigint, tag: string) => {
      const { jobId } = await postJob(requester, { address: contracts.JobMarket, specHash: keccak256(toHex(tag)), fee: 20n * GRID, gas: gas * GRID, deadline: BigInt(day * DAY_S + 7200) });
      await acceptJob(node, { address: contracts.JobMarket, jobId });
      await submitResult(node, { address: contracts.JobMarket, jobId, resultRoot: keccak256(toHex(`result ${tag}`)) });
      await postVerdict(oracle, { address: contracts.JobMarket, jobId, passed: true });
      return jobId;
    };
    jobIds.a = await pass(clients(3), 30n, 'a');
    jobIds.b = await pass(clients(4), 10n, 'b');
    jobIds.wrong = await pass(clients(4), 50n, 'wrong');
    await disputeJob(clients(5), { address: contracts.JobMarket, jobId: jobIds.wrong, evidence: keccak256(toHex('evidence')) });

    index = createJobIndexStore(database.db);
    store = createJobShareDayStore(database.db);
    indexer = createJobIndexer({ store: index, reader: createViemJobMarketReader({ clients: oracle, market: contracts.JobMarket }) });
    chain = createViemJobShareChain({ clients: oracle, jobMarket: contracts.JobMarket, rewards: contracts.Rewards });
    window = await chain.challengeWindow();
    app = await createApp({
      devices: createDeviceStore(database.db), nonces: createNonceStore(database.db), supply: createSupplyStores(database.db), clock, chainId: anvil.chainId,
      networkId: `0x${'ab'.repeat(32)}`, storage: 'sqlite', version: 'test',
      jobShares: { store, chain },
      options: { heartbeatIntervalMs: 1000, signatureToleranceS: 300, pingIntervalMs: 60_000 },
    });
    url = await app.http.listen({ host: '127.0.0.1', port: 0 });
  }, 120_000);

  afterAll(async () => {
    await app?.http.close();
    await database?.close();
    await anvil?.stop();
  });

  it('waits for the day to end, for its challenge windows to close, and for the pending dispute', async () => {
    await indexer.tick();
    expect(await scheduler().tick()).toEqual([{ kind: 'waiting', day, readiness: { kind: 'wait', why: 'day-open', until: (day + 1) * DAY_S } }]);
    await mineAt((day + 1) * DAY_S + 60);
    await indexer.tick();
    expect(await scheduler().tick()).toEqual([{ kind: 'waiting', day, readiness: { kind: 'wait', why: 'challenge-window-open', until: (day + 1) * DAY_S + window } }]);
    await mineAt((day + 1) * DAY_S + window + 60);
    await indexer.tick();
    expect(await scheduler().tick()).toEqual([{ kind: 'waiting', day, readiness: { kind: 'wait', why: 'dispute-pending', jobIds: [jobIds.wrong] } }]);
    expect(await store.getDay(day)).toBeUndefined();
    expect((await fetch(`${url}/v1/rewards/job-shares/${day}`)).status).toBe(404);
  });

  it('refuses to settle when the indexed nodes do not account for the day total', async () => {
    await resolveDispute(oracle, { address: contracts.JobMarket, jobId: jobIds.wrong, nodeWrong: true });
    await indexer.tick();
    const other = await openTestDatabase('sqlite');
    try {
      const blind: JobIndexStore = { ...index, jobsOfVerdictDay: async (d) => (await index.jobsOfVerdictDay(d)).filter((j) => j.node !== NODE_B.address) };
      const builder = createJobShareBuilder({ store: createJobShareDayStore(other.db), index: blind, chain, clock });
      expect(await builder.settleDay(day)).toMatchObject({ kind: 'mismatch', day, listed: 30n * GRID, total: 40n * GRID });
    } finally {
      await other.close();
    }
  });

  it('stores the day before posting: a failed post leaves it pending, and the next tick posts it once', async () => {
    const failing: JobShareChain = { ...chain, postRoot: () => Promise.reject(new Error('RPC down while posting')) };
    expect(await scheduler(failing).tick()).toEqual([{ kind: 'failed', day, code: 'INTERNAL', message: 'RPC down while posting' }]);
    expect(await store.getDay(day)).toMatchObject({ state: 'computed', txHash: null, totalShares: 40n * GRID });
    expect(await scheduler().tick()).toEqual([{ kind: 'resumed', day, posted: true }]);
    expect(await scheduler().tick()).toEqual([]);
    const posted = await chain.postedRoot(day);
    expect(posted?.root).toBe((await store.getDay(day))?.root);
  });

  it('serves the day and each node\'s leaf with its proof, paying the slashed job nothing', async () => {
    const allowance = await chain.allowance(day);
    expect(allowance).toBeGreaterThan(0n);
    const plan = planJobShares({ allowance, shares: [{ node: NODE_A.address, shares: 30n * GRID }, { node: NODE_B.address, shares: 10n * GRID }], totalShares: 40n * GRID });
    if (plan.kind !== 'pay') throw new Error(`expected a payout, got ${plan.kind}`);
    const body = (await (await fetch(`${url}/v1/rewards/job-shares/${day}`)).json()) as JobShareDayResponse;
    expect(body.day).toMatchObject({ day, state: 'posted', poolNumber: 2, allowance: allowance.toString(), totalShares: (40n * GRID).toString(), total: allowance.toString(), leafCount: 2 });
    expect(body.day.txHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(body.leaves.map((l) => [l.node, l.shares, l.amount])).toEqual(plan.leaves.map((l) => [l.node, l.shares.toString(), l.amount.toString()]));
    const list = (await (await fetch(`${url}/v1/rewards/job-shares`)).json()) as { days: { day: number }[] };
    expect(list.days.map((d) => d.day)).toEqual([day]);
    const b = (await (await fetch(`${url}/v1/rewards/job-shares/nodes/${NODE_B.address}`)).json()) as JobShareNodeResponse;
    for (const path of ['/v1/rewards/job-shares/-1', '/v1/rewards/job-shares/abc', '/v1/rewards/job-shares?limit=0', '/v1/rewards/job-shares/nodes/0x12', '/v1/rewards/job-shares?day=1']) {
      const res = await fetch(url + path);
      expect(res.status, path).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code, path).toBe('VALIDATION_FAILED');
    }
    expect(b).toMatchObject({ node: NODE_B.address, owed: plan.leaves.find((l) => l.node === NODE_B.address)?.amount.toString(), claimed: '0', earned: [{ day, posted: true, claimed: false, shares: (10n * GRID).toString() }] });
  });

  it('claims through the CLI: each node gets exactly its planned amount, once', async () => {
    const day0 = await (await fetch(`${url}/v1/rewards/job-shares/${day}`)).json() as JobShareDayResponse;
    const planned = Object.fromEntries(day0.leaves.map((l) => [l.node, BigInt(l.amount)]));
    const before = { a: await balance(NODE_A.address), b: await balance(NODE_B.address) };
    const a = await runCli(['rewards', 'claim', '--job-shares', '--day', String(day), '--json'], cliEnv(NODE_A.key));
    expect(a.exitCode, a.stdout + a.stderr).toBe(0);
    expect(JSON.parse(a.stdout)).toMatchObject({ node: NODE_A.address, total: planned[NODE_A.address]!.toString(), claimed: [{ day }] });
    expect(await balance(NODE_A.address)).toBe(before.a + planned[NODE_A.address]!);

    // Anyone may send the claim (here the admin's key); Rewards mints to the node.
    const b = await runCli(['rewards', 'claim', '--job-shares', '--account', NODE_B.address, '--json'], cliEnv(ANVIL_DEV_KEYS[0]!));
    expect(b.exitCode, b.stdout + b.stderr).toBe(0);
    expect(await balance(NODE_B.address)).toBe(before.b + planned[NODE_B.address]!);

    const again = await runCli(['rewards', 'claim', '--job-shares', '--day', String(day), '--json'], cliEnv(NODE_A.key));
    expect(again.exitCode).toBe(1);
    expect(JSON.parse(again.stdout)).toMatchObject({ error: { code: 'REWARD_ALREADY_CLAIMED' } });
    const shown = await runCli(['rewards', 'job-shares', '--node', NODE_B.address, '--json'], cliEnv());
    expect(JSON.parse(shown.stdout)).toMatchObject({ owed: '0', claimed: planned[NODE_B.address]!.toString() });
    const none = await runCli(['rewards', 'claim', '--job-shares', '--day', String(day - 1), '--json'], cliEnv(NODE_A.key));
    expect(JSON.parse(none.stdout)).toMatchObject({ error: { code: 'JOB_SHARE_DAY_NOT_FOUND' } });
  });
});
