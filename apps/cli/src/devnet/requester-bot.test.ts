import { describe, expect, it } from 'vitest';
import { createRequesterBot, type RequesterBotPorts } from './requester-bot';

/** A market in memory whose index reads the chain only when told to (a lagging index). */
function fakeMarket() {
  const jobs: { id: bigint; file: string; block: bigint; state: 'posted' | 'accepted' }[] = [];
  let block = 10n;
  let indexed = { block: 10n, posted: 0 };
  const ports: RequesterBotPorts = {
    posted: async () => ({ count: indexed.posted, indexedBlock: Number(indexed.block) }),
    async submit(file) {
      block += 1n;
      const job = { id: BigInt(jobs.length + 1), file, block, state: 'posted' as const };
      jobs.push(job);
      return { jobId: job.id, blockNumber: block };
    },
  };
  const index = () => (indexed = { block, posted: jobs.filter((j) => j.state === 'posted').length });
  return { ports, jobs, index };
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
  });

  it('posts nothing without spec files and respects a larger pool', async () => {
    const market = fakeMarket();
    expect(await createRequesterBot(market.ports, { files: [] }).tick()).toEqual([]);
    expect(await createRequesterBot(market.ports, { files: ['a.json'], minPosted: 4 }).tick()).toHaveLength(4);
  });
});
