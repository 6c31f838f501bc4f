import { acceptJob, postJob, readJob, type WalletChainClients } from '@tensorgrid/chain';
import { BaseError } from '@tensorgrid/protocol';
import { MARKET_KEYS, startMarket, type MarketFixture } from '@tensorgrid/test-utils';
import { createTestClient, erc20Abi, http, keccak256, toHex } from 'viem';
import { foundry } from 'viem/chains';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequesterBot, requesterBotPorts, type RequesterBotLog, type RequesterBotPorts } from './requester-bot';

type State = 'posted' | 'accepted' | 'submitted' | 'cancelled' | 'timed-out';
const HOUR = 3_600n;
const TX = `0x${'ab'.repeat(32)}` as const;

/**
 * A market in memory with a chain clock the test moves (time travel) and an index that reads
 * the chain only when told to (a lagging index). Cancel and timeout check state, requester and
 * deadline as the JobMarket does.
 */
function fakeMarket() {
  const jobs: { id: bigint; file: string; block: bigint; state: State; deadline: bigint; mine: boolean }[] = [];
  let block = 10n;
  let now = 1_700_000_000n;
  let indexed = { block: 10n, jobs: [] as typeof jobs };
  const calls: string[] = [];
  const job = (id: bigint, state: State) => {
    const found = jobs.find((j) => j.id === id)!;
    if (found.state !== state) throw new BaseError('JOB_WRONG_STATE', `Job ${id} is ${found.state}`);
    return found;
  };
  const ports: RequesterBotPorts = {
    async jobs() {
      const view = (state: State) => indexed.jobs.filter((j) => j.state === state).map((j) => ({ jobId: j.id, deadline: j.deadline, mine: j.mine }));
      return { posted: view('posted'), accepted: view('accepted').filter((j) => j.mine), indexedBlock: Number(indexed.block) };
    },
    now: async () => now,
    async submit(file) {
      block += 1n;
      const posted = { id: BigInt(jobs.length + 1), file, block, state: 'posted' as State, deadline: now + HOUR, mine: true };
      jobs.push(posted);
      return { jobId: posted.id, blockNumber: block, deadline: posted.deadline };
    },
    async cancel(id) {
      calls.push(`cancel ${id}`);
      const j = job(id, 'posted');
      if (!j.mine) throw new BaseError('FORBIDDEN', 'not the requester');
      j.state = 'cancelled';
      block += 1n;
      return { refunded: 60n, txHash: TX };
    },
    async timeout(id) {
      calls.push(`timeout ${id}`);
      const j = job(id, 'accepted');
      if (now <= j.deadline) throw new BaseError('JOB_NOT_DUE', 'deadline not passed');
      j.state = 'timed-out';
      block += 1n;
      return { penalty: 5n, feeRefund: 60n, nodeRefund: 15n, txHash: TX };
    },
  };
  return {
    ports, jobs, calls,
    index: () => (indexed = { block, jobs: jobs.map((j) => ({ ...j })) }),
    /** Moves the chain's clock forward (anvil's `evm_increaseTime` + a mined block). */
    travel: (seconds: bigint) => {
      now += seconds;
      block += 1n;
    },
    /** Someone else's job, posted with its deadline `seconds` from now. */
    othersJob: (seconds: bigint) => {
      block += 1n;
      jobs.push({ id: BigInt(jobs.length + 1), file: '-', block, state: 'posted', deadline: now + seconds, mine: false });
    },
  };
}

/** A log that keeps what the bot said. */
function memoryLog() {
  const lines: { level: 'info' | 'warn'; msg: string; jobId?: string }[] = [];
  const at = (level: 'info' | 'warn') => (fields: { jobId?: string }, msg: string) => void lines.push({ level, msg, ...(fields.jobId ? { jobId: fields.jobId } : {}) });
  return { log: { info: at('info'), warn: at('warn') } as unknown as RequesterBotLog, lines };
}

describe('requester bot', () => {
  it('keeps at least N jobs posted, round-robin over the spec files, without overshooting while the index lags', async () => {
    const market = fakeMarket();
    const bot = createRequesterBot(market.ports, { files: ['a.json', 'b.json', 'c.json'], minPosted: 2 });
    expect(await bot.tick()).toEqual([1n, 2n]);
    expect(await bot.tick()).toEqual([]); // not indexed yet, but the bot remembers its posts
    market.index();
    expect(await bot.tick()).toEqual([]);

    market.jobs[0]!.state = 'accepted'; // a node took one
    market.index();
    expect(await bot.tick()).toEqual([3n]);
    market.jobs[1]!.state = 'accepted';
    market.jobs[2]!.state = 'accepted';
    market.index();
    expect(await bot.tick()).toEqual([4n, 5n]);
    expect(market.jobs.map((j) => j.file)).toEqual(['a.json', 'b.json', 'c.json', 'a.json', 'b.json']);
    expect(market.calls).toEqual([]); // nothing expired
  });

  it('posts nothing without spec files and respects a larger pool', async () => {
    const market = fakeMarket();
    expect(await createRequesterBot(market.ports, { files: [] }).tick()).toEqual([]);
    expect(await createRequesterBot(market.ports, { files: ['a.json'], minPosted: 4 }).tick()).toHaveLength(4);
  });

  it('does not count jobs past their deadline as open: cancels its own (escrow back), leaves others\' alone, and posts fresh ones', async () => {
    const market = fakeMarket();
    const { log, lines } = memoryLog();
    const bot = createRequesterBot(market.ports, { files: ['a.json'], minPosted: 2 }, log);
    expect(await bot.tick()).toEqual([1n, 2n]);
    market.othersJob(10n); // job 3: someone else's, due in 10 s
    market.index();
    expect(await bot.tick()).toEqual([]);

    market.travel(11n); // job 3 can no longer be accepted: two open jobs remain
    expect(await bot.tick()).toEqual([]);
    market.travel(HOUR); // all three are past their deadline
    expect(await bot.tick()).toEqual([4n, 5n]);
    expect(market.calls).toEqual(['cancel 1', 'cancel 2']);
    expect(market.jobs.map((j) => j.state)).toEqual(['cancelled', 'cancelled', 'posted', 'posted', 'posted']);
    expect(lines.filter((l) => l.msg.includes('cancelled')).map((l) => [l.level, l.jobId])).toEqual([['info', '1'], ['info', '2']]);

    // The index still lists jobs 1 and 2 as posted: no second cancel, no overshoot.
    expect(await bot.tick()).toEqual([]);
    market.index();
    expect(await bot.tick()).toEqual([]);
    expect(market.calls).toEqual(['cancel 1', 'cancel 2']);
  });

  it('times out its accepted jobs past their deadline; a job whose node submitted in time is left alone', async () => {
    const market = fakeMarket();
    const { log, lines } = memoryLog();
    const bot = createRequesterBot(market.ports, { files: ['a.json'], minPosted: 1 }, log);
    expect(await bot.tick()).toEqual([1n]);
    market.jobs[0]!.state = 'accepted'; // a node took it, then went offline
    market.index();
    expect(await bot.tick()).toEqual([2n]);
    market.jobs[1]!.state = 'accepted';
    market.index();
    market.jobs[1]!.state = 'submitted'; // its node submitted in time; the index has not read it yet
    expect(await bot.tick()).toEqual([3n]);
    expect(market.calls).toEqual([]); // before the deadline nothing is timed out

    market.travel(HOUR + 1n);
    market.index();
    expect(await bot.tick()).toEqual([4n]);
    expect(market.calls).toEqual(['cancel 3', 'timeout 1']);
    expect(market.jobs.map((j) => j.state)).toEqual(['timed-out', 'submitted', 'cancelled', 'posted']);
    expect(lines.filter((l) => l.msg.includes('timed out')).map((l) => [l.level, l.jobId])).toEqual([['info', '1']]);
  });

  it('notes a job whose state moved on and retries one that failed for another reason', async () => {
    const market = fakeMarket();
    const { log, lines } = memoryLog();
    const bot = createRequesterBot(market.ports, { files: ['a.json'], minPosted: 1 }, log);
    await bot.tick();
    market.jobs[0]!.state = 'accepted';
    market.index();
    market.jobs[0]!.state = 'submitted'; // the index lags: it still says accepted
    market.travel(HOUR + 1n);
    const flaky = { ...market.ports, timeout: async () => Promise.reject(new BaseError('CHAIN_ERROR', 'rpc down')) };
    const bot2 = createRequesterBot(flaky, { files: ['a.json'], minPosted: 0 }, log);

    await bot.tick();
    await bot.tick();
    expect(market.calls).toEqual(['timeout 1']); // JOB_WRONG_STATE: done, not retried
    expect(lines.find((l) => l.msg.includes('state moved on'))).toMatchObject({ level: 'info', jobId: '1' });

    await bot2.tick();
    await bot2.tick();
    expect(lines.filter((l) => l.level === 'warn' && l.msg.includes('retrying next pass'))).toHaveLength(2);
  });
});

describe('requester bot on anvil with a real coordinator index', () => {
  const GRID = 10n ** 18n;
  const [FEE, GAS] = [50n * GRID, 20n * GRID];
  let m: MarketFixture;
  let requester: WalletChainClients;
  const post = async (who: WalletChainClients, seconds: bigint) => {
    const { timestamp } = await who.publicClient.getBlock();
    const specHash = keccak256(toHex(`bot-${who.account.address}-${timestamp}-${Math.random()}`));
    return (await postJob(who, { address: m.contracts.JobMarket, specHash, fee: FEE, gas: GAS, deadline: timestamp + seconds, approve: true })).jobId;
  };
  const state = async (jobId: bigint) => (await readJob(requester.publicClient, { address: m.contracts.JobMarket, jobId })).state;
  const balance = () => requester.publicClient.readContract({ address: m.contracts.GridToken, abi: erc20Abi, functionName: 'balanceOf', args: [requester.account.address] });

  beforeAll(async () => {
    m = await startMarket();
    requester = m.clients(MARKET_KEYS.requester);
  }, 120_000);
  afterAll(async () => m?.close());

  it('cancels its posted job and times out its accepted one once the chain passes their deadline; another requester\'s job is left alone', async () => {
    const open = await post(requester, 600n);
    const taken = await post(requester, 600n);
    await acceptJob(m.clients(MARKET_KEYS.node), { address: m.contracts.JobMarket, jobId: taken });
    const others = await post(m.clients(MARKET_KEYS.admin), 600n);
    await m.indexer.tick();
    const { log, lines } = memoryLog();
    const ports = requesterBotPorts({ chain: requester, client: m.as(MARKET_KEYS.requester), jobMarket: m.contracts.JobMarket, deadline: '1h' });
    const bot = createRequesterBot(ports, { files: ['unused.json'], minPosted: 0 }, log);
    await bot.tick();
    expect(lines).toEqual([]); // nothing is past its deadline yet

    const test = createTestClient({ chain: { ...foundry, id: m.anvil.chainId }, mode: 'anvil', transport: http(m.anvil.rpcUrl) });
    await test.increaseTime({ seconds: 601 });
    await test.mine({ blocks: 1 });
    const before = await balance();
    await bot.tick();
    expect([await state(open), await state(taken), await state(others)]).toEqual(['cancelled', 'timed-out', 'posted']);
    expect(await balance()).toBe(before + FEE + FEE + GAS / 4n); // both fees back, and 25 % of the node's deposit
    expect(lines.map((l) => [l.level, l.jobId, l.msg])).toEqual([
      ['info', open.toString(), 'requester bot cancelled its posted job past its deadline'],
      ['info', taken.toString(), 'requester bot timed out its accepted job past its deadline'],
    ]);

    await m.indexer.tick();
    await bot.tick();
    expect(lines).toHaveLength(2);
  }, 60_000);
});
