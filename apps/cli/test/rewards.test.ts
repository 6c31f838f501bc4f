/**
 * Block rewards end to end on a real anvil and a real SQLite: the coordinator's block builder
 * nominates, splits, stores and posts a block; the public routes explain it; a supplier stakes
 * and claims through the CLI; a second claim is refused (T24); reposting is a no-op; a crash
 * between store and post resumes; a co-staker sees its share of each leaf and the claim pays exactly
 * that. Liveness history and challenge results are the real SQLite stores.
 */
import { ANVIL_DEV_ADDRESSES, ANVIL_DEV_KEYS, accountBeneficiary, createChainClients, deployNetwork, setDevice, type NetworkContracts, type WalletChainClients } from '@tensorgrid/chain';
import { createApp, createBlockBuilder, createRewardScheduler, createViemRewardChain, type App, type RewardChain } from '@tensorgrid/coordinator';
import { createDeviceStore, createNonceStore, createRewardBlockStore, createSupplyStores } from '@tensorgrid/db';
import {
  DEFAULT_NOMINATION_POLICY, DEFAULT_SPLIT_POLICY, rewardBlockWindow, splitDevicePayout,
  type ChallengeResultStore, type LivenessHistoryStore, type RewardBlockStore,
} from '@tensorgrid/domain';
import type { RewardAccountResponse, RewardBlockResponse } from '@tensorgrid/protocol';
import { openTestDatabase, sampleGpu, sampleHardware, withAnvil, type AnvilFixture, type TestDatabase } from '@tensorgrid/test-utils';
import { createPublicClient, createTestClient, custom, erc20Abi, http, type Address, type Hex } from 'viem';
import { foundry } from 'viem/chains';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCoordinatorClient, getAllRewardEarnings, getRewardAccount } from '@tensorgrid/sdk';
import { runCli } from './run-cli';

const H = 3_600_000;
const GRID = 10n ** 18n;
// Anvil keys: 0 admin/treasury, 1 oracle (the coordinator), 2.. suppliers whose workers own themselves.
const supplier = (i: number) => ({ key: ANVIL_DEV_KEYS[i]!, id: ANVIL_DEV_ADDRESSES[i]!.toLowerCase() as Address });
const [HONEST, SHORT, FAILING, UNSTAKED, BLOCKED] = [supplier(2), supplier(3), supplier(4), supplier(5), supplier(6)];
const CO_STAKER = supplier(7);
// The test's clock is the chain's, which may be just past a block's end: blocks are built at once (settling is unit-tested).
const NOMINATION = { ...DEFAULT_NOMINATION_POLICY, settleMs: 0 };

describe('block rewards on anvil + SQLite, claimed through the CLI', () => {
  let anvil: AnvilFixture;
  let database: TestDatabase;
  let contracts: NetworkContracts;
  let admin: WalletChainClients;
  let oracle: WalletChainClients;
  let store: RewardBlockStore;
  let app: App;
  let url: string;
  let nowMs = 0;
  let block = 0;
  let rewardChain: RewardChain;
  let liveness: LivenessHistoryStore;
  let challenges: ChallengeResultStore;
  const clock = { now: () => nowMs };
  const cliEnv = (key?: Hex) => ({ TG_PRIVATE_KEY: key, TG_RPC_URL: anvil.rpcUrl, TG_CHAIN_ID: String(anvil.chainId), TG_STAKING_ADDRESS: contracts.Staking, TG_REWARDS_ADDRESS: contracts.Rewards, TG_COORDINATOR_URL: url });
  const advanceChain = async (seconds: number) => {
    const test = createTestClient({ chain: { ...foundry, id: anvil.chainId }, mode: 'anvil', transport: http(anvil.rpcUrl) });
    await test.increaseTime({ seconds });
    await test.mine({ blocks: 1 });
    nowMs = Number((await admin.publicClient.getBlock()).timestamp) * 1000;
  };
  /** Moves the chain (the test's clock) a minute past the block's end, so it is the last closed one. */
  const closeBlock = async (b: number) => {
    const { toMs } = rewardBlockWindow(b, await rewardChain.genesisMs());
    await advanceChain(Math.ceil((toMs - nowMs) / 1000) + 60);
  };
  const builder = (chain: RewardChain = rewardChain) =>
    createBlockBuilder({ store, chain, sources: { devices: createDeviceStore(database.db), liveness, challenges }, clock, policy: { nomination: NOMINATION, split: DEFAULT_SPLIT_POLICY } });

  beforeAll(async () => {
    anvil = await withAnvil();
    database = await openTestDatabase('sqlite');
    ({ history: liveness, challenges } = createSupplyStores(database.db));
    admin = createChainClients({ rpcUrl: anvil.rpcUrl, chainId: anvil.chainId, privateKey: ANVIL_DEV_KEYS[0]!, pollingIntervalMs: 20 });
    oracle = createChainClients({ rpcUrl: anvil.rpcUrl, chainId: anvil.chainId, privateKey: ANVIL_DEV_KEYS[1]!, pollingIntervalMs: 20 });
    contracts = await deployNetwork(admin, { admin: ANVIL_DEV_ADDRESSES[0]!, oracle: ANVIL_DEV_ADDRESSES[1]! });
    await advanceChain(2 * 3600);
    rewardChain = createViemRewardChain({ clients: oracle, rewards: contracts.Rewards, staking: contracts.Staking });
    const genesisMs = await rewardChain.genesisMs();
    // A block that begins at least an hour from now: the suppliers stake before it (a device must hold its minimum throughout a block).
    block = Math.floor((nowMs - genesisMs) / H) + 2;
    const { fromMs } = rewardBlockWindow(block, genesisMs);

    store = createRewardBlockStore(database.db);
    const devices = createDeviceStore(database.db);
    for (const s of [HONEST, SHORT, FAILING, UNSTAKED, BLOCKED]) {
      await devices.registerDevice({ id: s.id, operator: null, gpuModel: 'NVIDIA GeForce RTX 4090', hardware: sampleHardware([sampleGpu(0)]), simulated: false }, fromMs - 20 * H);
      await setDevice(oracle, { staking: contracts.Staking, device: accountBeneficiary(s.id), owner: s.id, hardwareClass: `0x${'00'.repeat(32)}` });
      const tx = await admin.walletClient.writeContract({ address: contracts.GridToken, abi: erc20Abi, functionName: 'transfer', args: [s.id, 1_000n * GRID] });
      await admin.publicClient.waitForTransactionReceipt({ hash: tx });
      await liveness.recordChange(s.id, { at: fromMs - 10 * H, up: true });
      await challenges.record({ id: `c-${s.id}`, deviceId: s.id, kind: 'pow', issuedAt: fromMs + 60_000, finishedAt: fromMs + 61_000, passed: s !== FAILING, reason: s === FAILING ? 'wrong-answer' : null, metrics: {} });
    }
    // SHORT restarted an hour before the block: its 5 h streak is reset.
    await liveness.recordChange(SHORT.id, { at: fromMs - H - 30_000, up: false });
    await liveness.recordChange(SHORT.id, { at: fromMs - H, up: true });
    await devices.setDeviceState(BLOCKED.id, 'blocked', fromMs);

    app = await createApp({
      devices, nonces: createNonceStore(database.db), supply: createSupplyStores(database.db), clock, chainId: anvil.chainId, networkId: `0x${'ab'.repeat(32)}`, storage: 'sqlite', version: 'test',
      rewards: { store, chain: rewardChain },
      options: { heartbeatIntervalMs: 1000, signatureToleranceS: 300, pingIntervalMs: 60_000 },
    });
    url = await app.http.listen({ host: '127.0.0.1', port: 0 });
  }, 120_000);

  afterAll(async () => {
    await app?.http.close();
    await database?.close();
    await anvil?.stop();
  });

  it('stakes through the CLI: `tgrid stake` approves and stakes, refusing a bad amount first', async () => {
    const bad = await runCli(['stake', '-5', '--json'], cliEnv(HONEST.key));
    expect(bad.exitCode).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    for (const s of [HONEST, SHORT, FAILING, BLOCKED]) {
      const r = await runCli(['stake', '200', '--json'], cliEnv(s.key));
      expect(r.exitCode, r.stdout + r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ stake: (200n * GRID).toString(), meetsMinimum: true });
    }
  });

  it('builds the closed block: the honest device earns the whole GPU pool, every other one misses with its criterion', async () => {
    await closeBlock(block);
    const scheduler = createRewardScheduler({ builder: builder(), store }, { backfillBlocks: 1 });
    expect(await scheduler.tick()).toEqual([{ kind: 'built', block, posted: ['gpu'] }]);

    const res = await fetch(`${url}/v1/rewards/blocks/${block}`);
    const body = (await res.json()) as RewardBlockResponse;
    const allowances = await rewardChain.allowances(block);
    expect(body.block).toMatchObject({ block, state: 'posted', leafCount: 1, missCount: 4 });
    expect(body.block.pools.find((p) => p.pool === 'cpu')).toMatchObject({ root: null, total: '0', allowance: allowances.cpu.toString() });
    expect(body.leaves).toEqual([expect.objectContaining({ deviceId: HONEST.id, account: HONEST.id, amount: allowances.gpu.toString(), poolNumber: 0 })]);
    const codes = Object.fromEntries(body.misses.map((m) => [m.deviceId, m.failed.map((f) => f.code)]));
    // Blocking a device also records it down in its liveness history, so it was not up either.
    expect(codes).toEqual({
      [SHORT.id]: ['uptime-streak-short'], [FAILING.id]: ['challenges-failed', 'no-challenge-passed'], [UNSTAKED.id]: ['stake-below-minimum'],
      [BLOCKED.id]: ['not-up', 'uptime-streak-short', 'blocked'],
    });
    const list = (await (await fetch(`${url}/v1/rewards/blocks?limit=10`)).json()) as { blocks: { block: number }[] };
    expect(list.blocks.map((b) => b.block)).toEqual([block]);
    expect((await fetch(`${url}/v1/rewards/blocks/${block + 1000}`)).status).toBe(404);
    expect((await fetch(`${url}/v1/rewards/blocks/-1`)).status).toBe(400);
  });

  it('reposting is a no-op: another tick and a rebuild change nothing', async () => {
    const scheduler = createRewardScheduler({ builder: builder(), store }, { backfillBlocks: 1 });
    expect(await scheduler.tick()).toEqual([]);
    expect(await builder().buildBlock(block)).toEqual({ kind: 'settled', block });
  });

  it('`tgrid rewards show` explains, block by block, what is owed and why a block was missed', async () => {
    const honest = await runCli(['rewards', 'show', '--json'], cliEnv(HONEST.key));
    expect(honest.exitCode, honest.stderr).toBe(0);
    const view = JSON.parse(honest.stdout) as { owed: string; earned: { claimed: boolean }[] };
    expect(view.owed).toBe((await rewardChain.allowances(block)).gpu.toString());
    expect(view.earned).toEqual([expect.objectContaining({ block, posted: true, claimed: false })]);
    const short = await runCli(['rewards', 'show', '--account', SHORT.id], cliEnv());
    expect(short.stdout).toContain(`block ${block}`);
    expect(short.stdout).toMatch(/uptime streak 1 h < 5 h/);
  });

  it('claims on chain through the CLI, and refuses a second claim cleanly (T24)', async () => {
    const amount = (await rewardChain.allowances(block)).gpu;
    const balance = () => admin.publicClient.readContract({ address: contracts.GridToken, abi: erc20Abi, functionName: 'balanceOf', args: [HONEST.id] });
    const before = await balance();
    const first = await runCli(['rewards', 'claim', '--block', String(block), '--json'], cliEnv(HONEST.key));
    expect(first.exitCode, first.stdout + first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ total: amount.toString(), claimed: [{ block, deviceId: HONEST.id, payouts: [{ to: expect.stringMatching(/^0x/i), amount: amount.toString() }] }] });
    expect(await balance()).toBe(before + amount);

    const second = await runCli(['rewards', 'claim', '--block', String(block), '--json'], cliEnv(HONEST.key));
    expect(second.exitCode).toBe(1);
    expect(JSON.parse(second.stdout)).toMatchObject({ error: { code: 'REWARD_ALREADY_CLAIMED' } });
    const all = await runCli(['rewards', 'claim', '--all'], cliEnv(HONEST.key));
    expect(all.stdout).toContain('Nothing to claim');
    expect(await balance()).toBe(before + amount);
  });

  it('UNSTAKED stakes during block + 1 (`tgrid stake` reports the minimum met from now on; the next tests see which blocks it counts for)', async () => {
    const { fromMs, toMs } = rewardBlockWindow(block + 1, await rewardChain.genesisMs());
    expect(nowMs).toBeGreaterThan(fromMs);
    const r = await runCli(['stake', '200', '--json'], cliEnv(UNSTAKED.key));
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ meetsMinimum: true });
    expect(Number((await admin.publicClient.getBlock()).timestamp) * 1000).toBeLessThan(toMs);
  });

  it('resumes after a crash between storing a block and posting its root, and never posts twice', async () => {
    await advanceChain(3600);
    const next = block + 1;
    await challenges.record({ id: 'c-next', deviceId: HONEST.id, kind: 'pow', issuedAt: nowMs - H + 60_000, finishedAt: nowMs - H + 61_000, passed: true, reason: null, metrics: {} });
    const crashing: RewardChain = { ...rewardChain, postRoot: () => Promise.reject(new Error('crashed before posting')) };
    await expect(builder(crashing).buildBlock(next)).rejects.toThrow('crashed before posting');
    expect((await store.getBlock(next))?.state).toBe('computed');
    expect(await builder().buildBlock(next)).toEqual({ kind: 'resumed', block: next, posted: ['gpu'] });

    // A root posted on chain but not recorded (a crash right after the post) is recorded, not reposted.
    await advanceChain(3600);
    const third = next + 1;
    let posts = 0;
    const forgetful: RewardChain = { ...rewardChain, postRoot: async (input) => (posts++, rewardChain.postRoot(input)).then((r) => Promise.reject(Object.assign(new Error('crashed after posting'), { r }))) };
    await expect(builder(forgetful).buildBlock(third)).rejects.toThrow('crashed after posting');
    expect(await builder(forgetful).buildBlock(third)).toEqual({ kind: 'resumed', block: third, posted: [] });
    expect(posts).toBe(1);
    const record = await store.getBlock(third);
    expect(record?.state).toBe('posted');
    expect(record?.pools.find((p) => p.pool === 'gpu')?.txHash).toMatch(/^0x[0-9a-f]{64}$/);
  });
  it('judges stake over the whole block: UNSTAKED missed block + 1, though it met its minimum when the block was built, and earned block + 2', async () => {
    const blockView = async (b: number) => (await (await fetch(`${url}/v1/rewards/blocks/${b}`)).json()) as RewardBlockResponse;
    expect((await blockView(block + 1)).misses.find((m) => m.deviceId === UNSTAKED.id)?.failed).toEqual([{ code: 'stake-below-minimum', stake: '0', minimum: (200n * GRID).toString() }]);
    expect((await blockView(block + 2)).leaves.map((l) => l.deviceId)).toContain(UNSTAKED.id);
  });

  it('reads every page of an account\'s rewards (what `tgrid rewards claim --all` claims from), not only the newest', async () => {
    const client = createCoordinatorClient({ url });
    const whole = (await getRewardAccount(client, { address: HONEST.id, limit: 1000 })).earned;
    expect(whole.map((e) => e.block)).toEqual([block + 2, block + 1, block]);
    expect((await getRewardAccount(client, { address: HONEST.id, limit: 1 })).earned).toHaveLength(1);
    expect(await getAllRewardEarnings(client, { address: HONEST.id, pageSize: 1 })).toEqual(whole);
    expect(await getAllRewardEarnings(client, { address: HONEST.id, pageSize: 1, before: block + 2 })).toEqual(whole.slice(1));
  });

  it('shares with a co-staker: `tgrid costake-offer`, `tgrid costake`, then `tgrid rewards show` gives each account its part and the claim pays exactly that', async () => {
    const bad = await runCli(['costake-offer', '150%', '--json'], cliEnv(HONEST.key));
    expect(bad.exitCode).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    const open = await runCli(['costake-offer', '25%', '--json'], cliEnv(HONEST.key));
    expect(open.exitCode, open.stdout + open.stderr).toBe(0);
    expect(JSON.parse(open.stdout)).toMatchObject({ device: HONEST.id, offerOpen: true, shareBps: 2500 });
    const fund = await admin.walletClient.writeContract({ address: contracts.GridToken, abi: erc20Abi, functionName: 'transfer', args: [CO_STAKER.id, 1_000n * GRID] });
    await admin.publicClient.waitForTransactionReceipt({ hash: fund });
    const join = await runCli(['costake', HONEST.id, '100', '--json'], cliEnv(CO_STAKER.key));
    expect(join.exitCode, join.stdout + join.stderr).toBe(0);

    // Block block + 3 began before the co-stake; block + 4, the first to begin after it, is shared.
    await advanceChain(3600);
    await advanceChain(3600);
    const shared = block + 4;
    await challenges.record({ id: 'c-shared', deviceId: HONEST.id, kind: 'pow', issuedAt: nowMs - H + 60_000, finishedAt: nowMs - H + 61_000, passed: true, reason: null, metrics: {} });
    expect(await builder().buildBlock(shared)).toEqual({ kind: 'built', block: shared, posted: ['gpu'] });
    // Its leaf (by now the honest device shares the pool with another that came of age).
    const amount = (await store.leavesOfBlock(shared)).find((l) => l.deviceId === HONEST.id)!.amount;
    const split = await rewardChain.splitOf(HONEST.id, shared);
    expect(split).toMatchObject({ owner: HONEST.id, shareBps: 2500, coStakers: [{ account: CO_STAKER.id, amount: 100n * GRID }] });
    const parts = splitDevicePayout(amount, split!);
    expect(parts.get(CO_STAKER.id)).toBe((amount * 2500n) / 10_000n);

    const show = async (who: Address) => {
      const r = await runCli(['rewards', 'show', '--account', who, '--json'], cliEnv());
      expect(r.exitCode, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as RewardAccountResponse;
    };
    const co = await show(CO_STAKER.id);
    // The co-staker shares the device's leaves of blocks that began after it co-staked, not the unclaimed ones
    // of blocks that began before (Rewards splits a block by the co-stakes at its start); the leaf HONEST claimed paid it nothing.
    expect(co.earned.find((e) => e.block === shared)).toMatchObject({ role: 'co-staker', deviceId: HONEST.id, amount: amount.toString(), share: parts.get(CO_STAKER.id)!.toString(), claimed: false });
    expect(co.earned.find((e) => e.block === block + 1)).toMatchObject({ role: 'co-staker', claimed: false, share: '0' });
    expect(await rewardChain.splitOf(HONEST.id, block + 3)).toMatchObject({ owner: HONEST.id, shareBps: 0, coStakers: [] });
    expect(co.earned.find((e) => e.block === block)).toMatchObject({ role: 'co-staker', claimed: true, share: '0' });
    const owner = await show(HONEST.id);
    expect(owner.earned.find((e) => e.block === shared)).toMatchObject({ role: 'owner', share: parts.get(HONEST.id)!.toString() });
    expect(owner.earned.find((e) => e.block === block)).toMatchObject({ role: 'owner', claimed: true, share: (await rewardChain.allowances(block)).gpu.toString() });
    const text = await runCli(['rewards', 'show', '--account', CO_STAKER.id], cliEnv());
    expect(text.stdout).toMatch(new RegExp(`block ${shared} .*your share .* as co-staker  owed`));

    // The co-staker may send the claim itself; the contract pays both, exactly the parts shown.
    const balance = (who: Address) => admin.publicClient.readContract({ address: contracts.GridToken, abi: erc20Abi, functionName: 'balanceOf', args: [who] });
    const [coBefore, ownerBefore] = [await balance(CO_STAKER.id), await balance(HONEST.id)];
    const claim = await runCli(['rewards', 'claim', '--block', String(shared), '--json'], cliEnv(CO_STAKER.key));
    expect(claim.exitCode, claim.stdout + claim.stderr).toBe(0);
    expect(JSON.parse(claim.stdout)).toMatchObject({ total: amount.toString(), received: parts.get(CO_STAKER.id)!.toString() });
    expect(await balance(CO_STAKER.id)).toBe(coBefore + parts.get(CO_STAKER.id)!);
    expect(await balance(HONEST.id)).toBe(ownerBefore + parts.get(HONEST.id)!);
    // On chain too: claiming block + 1 (which began before the co-stake) pays the owner alone.
    const coAfter = await balance(CO_STAKER.id);
    const early = await runCli(['rewards', 'claim', '--block', String(block + 1), '--json'], cliEnv(CO_STAKER.key));
    expect(early.exitCode, early.stdout + early.stderr).toBe(0);
    expect(JSON.parse(early.stdout)).toMatchObject({ received: '0' });
    expect(await balance(CO_STAKER.id)).toBe(coAfter);
    // Claimed now: the shares come from the RewardPaid events.
    expect((await show(CO_STAKER.id)).earned.find((e) => e.block === shared)).toMatchObject({ claimed: true, share: parts.get(CO_STAKER.id)!.toString() });
    const close = await runCli(['costake-offer', '--close', '--json'], cliEnv(HONEST.key));
    expect(JSON.parse(close.stdout)).toMatchObject({ offerOpen: false, shareBps: null });

    // Event scans start at the configured deployment block: from the head (the offer's closing, after them all) they find none of these events.
    const late = createViemRewardChain({ clients: oracle, rewards: contracts.Rewards, staking: contracts.Staking, fromBlock: await admin.publicClient.getBlockNumber() });
    expect(await rewardChain.coStakedDevices(CO_STAKER.id)).toContain(HONEST.id.toLowerCase());
    expect(await late.coStakedDevices(CO_STAKER.id)).toEqual([]);
    expect(await rewardChain.payoutsOf(HONEST.id)).not.toEqual([]);
    expect(await late.payoutsOf(HONEST.id)).toEqual([]);
    expect(await rewardChain.postedRoot(shared, 'gpu')).toMatchObject({ txHash: expect.stringMatching(/^0x[0-9a-f]{64}$/) });
    expect(await late.postedRoot(shared, 'gpu')).toMatchObject({ txHash: null });

    // A provider that caps eth_getLogs at 3 blocks (anvil behind a checking port): the scans page and find the same.
    const ranges: bigint[] = [];
    const capped = createPublicClient({
      chain: oracle.publicClient.chain,
      transport: custom({
        async request({ method, params }: { method: string; params?: unknown }) {
          if (method === 'eth_getLogs') {
            const [filter] = params as [{ fromBlock: Hex; toBlock: Hex }];
            const blocks = BigInt(filter.toBlock) - BigInt(filter.fromBlock) + 1n;
            ranges.push(blocks);
            if (blocks > 3n) throw new Error(`query exceeds max block range 3 (asked ${blocks})`);
          }
          return oracle.publicClient.request({ method, params } as never);
        },
      }),
    });
    const paged = createViemRewardChain({ clients: { publicClient: capped as never, walletClient: oracle.walletClient }, rewards: contracts.Rewards, staking: contracts.Staking, pageBlocks: 3 });
    expect(await paged.coStakedDevices(CO_STAKER.id)).toEqual(await rewardChain.coStakedDevices(CO_STAKER.id));
    expect(await paged.payoutsOf(HONEST.id)).toEqual(await rewardChain.payoutsOf(HONEST.id));
    expect(await paged.postedRoot(shared, 'gpu')).toEqual(await rewardChain.postedRoot(shared, 'gpu'));
    expect(ranges.length).toBeGreaterThan(3);
    expect(ranges.every((b) => b <= 3n)).toBe(true);
  });
  it('unstakes through the CLI: `tgrid unstake` starts the cooldown, `--withdraw` pays out only after it, bad input refused first', async () => {
    const fail = async (args: string[]) => {
      const r = await runCli(args, cliEnv(SHORT.key));
      expect(r.exitCode, r.stdout + r.stderr).toBe(1);
      return (JSON.parse(r.stdout) as { error: { code: string; message: string } }).error;
    };
    expect((await fail(['unstake', '--json'])).code).toBe('VALIDATION_FAILED');
    expect((await fail(['unstake', '-3', '--json'])).code).toBe('VALIDATION_FAILED');
    expect((await fail(['unstake', '--withdraw', 'first', '--json'])).code).toBe('VALIDATION_FAILED');

    const requested = await runCli(['unstake', '50', '--json'], cliEnv(SHORT.key));
    expect(requested.exitCode, requested.stdout + requested.stderr).toBe(0);
    const request = JSON.parse(requested.stdout) as { requestId: string; amount: string; unlocksAt: string };
    expect(request.amount).toBe((50n * GRID).toString());
    const cooldownS = (Date.parse(request.unlocksAt) - nowMs) / 1000;
    expect(cooldownS).toBeGreaterThanOrEqual(14 * 86_400);
    expect(cooldownS).toBeLessThan(14 * 86_400 + 3_600);
    // Too early: the chain refuses and nothing moves.
    const balance = () => admin.publicClient.readContract({ address: contracts.GridToken, abi: erc20Abi, functionName: 'balanceOf', args: [SHORT.id] });
    const before = await balance();
    expect((await fail(['unstake', '--withdraw', request.requestId, '--json'])).message).toMatch(/Cooldown/i);
    expect(await balance()).toBe(before);

    await advanceChain(14 * 86_400 + 60);
    // An owner's withdrawal claims nothing first and needs no coordinator (this one points nowhere).
    const withdrawn = await runCli(['unstake', '--withdraw', request.requestId, '--json'], { ...cliEnv(SHORT.key), TG_COORDINATOR_URL: 'http://127.0.0.1:9' });
    expect(withdrawn.exitCode, withdrawn.stdout + withdrawn.stderr).toBe(0);
    expect(JSON.parse(withdrawn.stdout)).toMatchObject({ requestId: request.requestId, txHash: expect.stringMatching(/^0x[0-9a-f]{64}$/) as string, claimed: [] });
    expect(await balance()).toBe(before + 50n * GRID);
  });

  it('a co-staker that leaves claims its share of the device\'s unclaimed blocks first: `tgrid unstake --withdraw` (its slot goes with the withdrawal)', async () => {
    await advanceChain(3600);
    const leaving = Math.floor((nowMs - (await rewardChain.genesisMs())) / H) - 1;
    await challenges.record({ id: 'c-leaving', deviceId: HONEST.id, kind: 'pow', issuedAt: nowMs - H + 60_000, finishedAt: nowMs - H + 61_000, passed: true, reason: null, metrics: {} });
    expect(await builder().buildBlock(leaving)).toEqual({ kind: 'built', block: leaving, posted: ['gpu'] });
    const balance = () => admin.publicClient.readContract({ address: contracts.GridToken, abi: erc20Abi, functionName: 'balanceOf', args: [CO_STAKER.id] });
    const share = BigInt((await getRewardAccount(createCoordinatorClient({ url }), { address: CO_STAKER.id, limit: 1000 })).earned.find((e) => e.block === leaving)!.share!);
    expect(share).toBeGreaterThan(0n);

    const requested = await runCli(['unstake', '100', '--device', HONEST.id, '--json'], cliEnv(CO_STAKER.key));
    expect(requested.exitCode, requested.stdout + requested.stderr).toBe(0);
    const { requestId } = JSON.parse(requested.stdout) as { requestId: string };
    const nowhere = { ...cliEnv(CO_STAKER.key), TG_COORDINATOR_URL: 'http://127.0.0.1:9' };
    // In its cooldown nothing is claimed (the withdrawal would fail anyway): the chain's refusal, no coordinator asked.
    const early = await runCli(['unstake', '--withdraw', requestId, '--json'], nowhere);
    expect(early.exitCode).toBe(1);
    expect((JSON.parse(early.stdout) as { error: { message: string } }).error.message).toMatch(/Cooldown/i);
    await advanceChain(14 * 86_400 + 60);
    const before = await balance();
    // Leaving, it must claim first: with no coordinator to read its share from, nothing moves, and the error says how to leave anyway.
    const stuck = await runCli(['unstake', '--withdraw', requestId, '--json'], nowhere);
    expect(stuck.exitCode).toBe(1);
    expect(JSON.parse(stuck.stdout)).toMatchObject({ error: { code: 'NETWORK_ERROR', message: expect.stringContaining('before leaving failed') as string, details: expect.stringContaining('--no-claim') as string } });
    expect(await balance()).toBe(before);
    const withdrawn = await runCli(['unstake', '--withdraw', requestId, '--json'], cliEnv(CO_STAKER.key));
    expect(withdrawn.exitCode, withdrawn.stdout + withdrawn.stderr).toBe(0);
    expect(JSON.parse(withdrawn.stdout)).toMatchObject({ requestId, claimed: [{ block: leaving, deviceId: HONEST.id.toLowerCase() }], received: share.toString() });
    expect(await balance()).toBe(before + share + 100n * GRID);
  });
});
