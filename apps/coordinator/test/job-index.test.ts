/**
 * The job index on a real anvil with the whole network deployed: jobs posted, accepted,
 * submitted and verified with the chain actions are served by the coordinator's routes
 * in the state the contract holds, with their history.
 */
import {
  acceptJob, declineJob, ANVIL_DEV_ADDRESSES, ANVIL_DEV_KEYS, createChainClients, deployNetwork, postJob, postVerdict, bondVerifier, readJob, setWorkers, submitResult,
  type NetworkContracts, type WalletChainClients,
} from '@tensorgrid/chain';
import { createJobIndexStore } from '@tensorgrid/db';
import { createCoordinatorClient, getJob, listJobs } from '@tensorgrid/sdk';
import { startTestCoordinator, withAnvil, type AnvilFixture, type TestCoordinator } from '@tensorgrid/test-utils';
import { createTestClient, erc20Abi, http, keccak256, toHex, type Address } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobIndexer, type JobIndexer } from '../src/jobs/job-indexer';
import { createViemJobMarketReader } from '../src/jobs/viem-job-market-reader';

const GRID = 10n ** 18n;

describe('job index on anvil', () => {
  let anvil: AnvilFixture;
  let coord: TestCoordinator;
  let contracts: NetworkContracts;
  let indexer: JobIndexer;
  let requester: WalletChainClients;
  let node: WalletChainClients;
  let oracle: WalletChainClients;
  const clients = (key: number) => createChainClients({ rpcUrl: anvil.rpcUrl, chainId: anvil.chainId, privateKey: ANVIL_DEV_KEYS[key]!, pollingIntervalMs: 20 });

  beforeAll(async () => {
    anvil = await withAnvil();
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
    await bondVerifier(oracle, { address: contracts.JobMarket, amount: 1_000n * GRID });
    coord = await startTestCoordinator('sqlite');
    indexer = createJobIndexer({ store: createJobIndexStore(coord.database.db), reader: createViemJobMarketReader({ clients: oracle, market: contracts.JobMarket }) }, { maxBlocksPerPass: 5 });
  }, 120_000);
  afterAll(async () => {
    await coord?.close();
    await anvil?.stop();
  });

  it('serves posted jobs by fee per gas and one job with its whole history, as the contract holds them', async () => {
    const market = contracts.JobMarket;
    const { timestamp } = await requester.publicClient.getBlock();
    const post = (fee: bigint, gas: bigint, inS: bigint) =>
      postJob(requester, { address: market, specHash: keccak256(toHex(`spec ${fee}/${gas}`)), fee: fee * GRID, gas: gas * GRID, deadline: timestamp + inS });
    const cheap = await post(20n, 40n, 7200n);
    const rich = await post(90n, 30n, 3600n);
    const done = await post(50n, 10n, 9000n);
    await acceptJob(node, { address: market, jobId: done.jobId });
    await submitResult(node, { address: market, jobId: done.jobId, resultRoot: keccak256(toHex('root')) });
    await postVerdict(oracle, { address: market, jobId: done.jobId, passed: true });

    const tick = await indexer.tick();
    expect(tick).toMatchObject({ events: 6, reset: false });
    const reader = createCoordinatorClient({ url: coord.url });

    const open = await listJobs(reader, { state: 'posted', sort: 'fee-per-gas' });
    expect(open.jobs.map((j) => j.id)).toEqual([rich.jobId.toString(), cheap.jobId.toString()]);
    expect(open.jobs[0]).toMatchObject({ fee: (90n * GRID).toString(), gas: (30n * GRID).toString(), feePerGas: 3, node: null, requester: requester.account.address.toLowerCase() });
    expect(open.indexedBlock).toBe(tick.range?.to);
    expect((await listJobs(reader, { state: 'posted', sort: 'deadline' })).jobs.map((j) => j.id)).toEqual([rich.jobId.toString(), cheap.jobId.toString()]);

    const detail = await getJob(reader, { id: done.jobId });
    const onChain = await readJob(oracle.publicClient, { address: market, jobId: done.jobId });
    expect(detail.job).toMatchObject({
      state: 'verified', node: (node.account.address as Address).toLowerCase(), verifier: oracle.account.address.toLowerCase(),
      deposit: onChain.deposit.toString(), resultRoot: onChain.resultRoot.toLowerCase(), challengeEndsAt: new Date(Number(onChain.challengeEndsAt) * 1000).toISOString(),
    });
    expect(detail.events.map((e) => e.name)).toEqual(['JobPosted', 'JobAccepted', 'JobSubmitted', 'JobVerified']);
    expect(detail.events.map((e) => e.state)).toEqual(['posted', 'accepted', 'submitted', 'verified']);
    // When the index stored each one (the test's indexer runs on the real clock), as the API shows it.
    for (const e of detail.events) expect(Date.now() - Date.parse(e.indexedAt!)).toBeLessThan(10 * 60_000);
    expect(detail.events[1]!.args).toMatchObject({ node: node.account.address.toLowerCase(), deposit: onChain.deposit.toString() });
    expect((await listJobs(reader, { node: node.account.address })).jobs.map((j) => j.id)).toEqual([done.jobId.toString()]);
  }, 60_000);

  it('shows a declined job as posted again, with `declined` in its history', async () => {
    const { timestamp } = await requester.publicClient.getBlock();
    const { jobId } = await postJob(requester, { address: contracts.JobMarket, specHash: keccak256(toHex('declined spec')), fee: 20n * GRID, gas: GRID, deadline: timestamp + 3600n });
    await acceptJob(node, { address: contracts.JobMarket, jobId });
    await declineJob(node, { address: contracts.JobMarket, jobId });
    await indexer.tick();
    const detail = await getJob(createCoordinatorClient({ url: coord.url }), { id: jobId });
    expect(detail.job).toMatchObject({ state: 'posted', node: null });
    expect(detail.events.map((e) => e.state)).toEqual(['posted', 'accepted', 'declined']);
  }, 60_000);

  it('follows a reorganisation: a job accepted in a lost block is open again, and the id of a job posted in one belongs to the new fork', async () => {
    const market = contracts.JobMarket;
    const testClient = createTestClient({ mode: 'anvil', transport: http(anvil.rpcUrl) });
    const { timestamp } = await requester.publicClient.getBlock();
    const post = (spec: string) => postJob(requester, { address: market, specHash: keccak256(toHex(spec)), fee: 10n * GRID, gas: GRID, deadline: timestamp + 3600n });
    const kept = await post('reorg: kept');
    await indexer.tick();
    const snapshot = await testClient.snapshot();
    await acceptJob(node, { address: market, jobId: kept.jobId });
    const lost = await post('reorg: lost');
    expect(await indexer.tick()).toMatchObject({ events: 2 });
    // The new fork replaces both blocks: another job takes the lost one's id, and the head passes the old cursor.
    await testClient.revert({ id: snapshot });
    const other = await post('reorg: other');
    expect(other.jobId).toBe(lost.jobId);
    await testClient.mine({ blocks: 2 });
    expect(await indexer.tick()).toMatchObject({ reset: false, rewoundTo: Number(kept.blockNumber), events: 1 });
    const reader = createCoordinatorClient({ url: coord.url });
    const open = await getJob(reader, { id: kept.jobId });
    expect(open.job).toMatchObject({ state: 'posted', node: null });
    expect(open.events.map((e) => e.name)).toEqual(['JobPosted']);
    const replaced = await getJob(reader, { id: other.jobId });
    expect(replaced.job).toMatchObject({ specHash: keccak256(toHex('reorg: other')), postedBlock: Number(other.blockNumber) });
    expect(replaced.events.map((e) => [e.name, e.txHash])).toEqual([['JobPosted', other.txHash.toLowerCase()]]);
  }, 60_000);

  it('answers an unknown job and bad queries with typed errors', async () => {
    const reader = createCoordinatorClient({ url: coord.url });
    await expect(getJob(reader, { id: 999n })).rejects.toMatchObject({ code: 'JOB_NOT_FOUND' });
    for (const path of ['/v1/jobs?state=nope', '/v1/jobs?limit=0', '/v1/jobs?sort=cheapest', '/v1/jobs?after=garbage', '/v1/jobs/0', '/v1/jobs/abc']) {
      const res = await fetch(coord.url + path);
      expect(res.status, path).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code, path).toBe('VALIDATION_FAILED');
    }
  });
});
