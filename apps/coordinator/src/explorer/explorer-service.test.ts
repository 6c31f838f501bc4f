import type { ChallengeResult, ChallengeResultStore, DeviceListing } from '@tensorgrid/domain';
import { describe, expect, it } from 'vitest';
import type { LivenessService } from '../liveness/liveness-service';
import { createExplorerService, type ChallengeCursor, type ExplorerService } from './explorer-service';
import type { DeviceReward, RewardHistorySource } from './reward-history-source';

const ID = `0x${'aa'.repeat(20)}`;
const NOW = 1_000_000_000_000;

/** Challenge results in memory, answered like the SQL store: issuedAt in [fromMs, toMs), after `before`, newest first, then by id descending. */
function challengeStore(results: ChallengeResult[]): ChallengeResultStore {
  const olderThan = (r: ChallengeResult, key: { issuedAt: number; id: string }) => r.issuedAt < key.issuedAt || (r.issuedAt === key.issuedAt && r.id < key.id);
  return {
    record: async (r) => void results.push(r),
    list: async (deviceId, q) =>
      results
        .filter((r) => r.deviceId === deviceId && r.issuedAt >= q.fromMs && r.issuedAt < q.toMs && (q.before === undefined || olderThan(r, q.before)))
        .sort((a, b) => b.issuedAt - a.issuedAt || (a.id < b.id ? 1 : -1))
        .slice(0, Math.min(1000, q.limit)),
  };
}

/** Rewards in memory, newest epoch first, below `before`. */
function rewardSource(rewards: DeviceReward[]): RewardHistorySource {
  return {
    rewardsOf: async (_id, q) => rewards.filter((r) => q.before === undefined || Number(r.epoch) < q.before).slice(0, q.limit),
  };
}

function service(deps: { challenges?: ChallengeResult[]; rewards?: DeviceReward[] }): ExplorerService {
  const listing = { device: { id: ID }, network: {} } as DeviceListing;
  return createExplorerService({
    directory: { findDevices: async () => [listing], getListing: async (id) => (id === ID ? listing : undefined) },
    liveness: {} as LivenessService,
    challenges: challengeStore(deps.challenges ?? []),
    rewards: rewardSource(deps.rewards ?? []),
    clock: { now: () => NOW },
  });
}

const result = (id: string, issuedAt: number): ChallengeResult => ({ id, deviceId: ID, kind: 'pow', issuedAt, finishedAt: issuedAt + 1, passed: true, reason: null, metrics: {} });
const reward = (epoch: number, pool = 'gpu'): DeviceReward => ({ epoch: String(epoch), pool, amount: BigInt(epoch), postedAt: null });
const parseCursor = (next: string): ChallengeCursor => {
  const [at, id] = next.split(':') as [string, string];
  return { atMs: Number(at), id };
};

describe('explorer service: history pages', () => {
  it('pages challenge results newest first through every one, including several issued in the same millisecond and older than 30 days', async () => {
    const all = [
      result('ch_01', NOW - 100), result('ch_02', NOW - 50), result('ch_03', NOW - 50), result('ch_04', NOW - 50),
      result('ch_05', NOW - 40 * 86_400_000), result('ch_06', NOW - 10),
    ];
    const explorer = service({ challenges: [...all, result('ch_07', NOW + 10)] });
    const pages: string[][] = [];
    let before: ChallengeCursor | undefined;
    for (let i = 0; i < 10; i++) {
      const page = await explorer.challenges(ID, { limit: 2, ...(before ? { before } : {}) });
      pages.push(page.items.map((r) => r.id));
      if (page.next === null) break;
      before = parseCursor(page.next);
    }
    expect(pages).toEqual([['ch_06', 'ch_04'], ['ch_03', 'ch_02'], ['ch_01', 'ch_05']]);
  });

  it('resumes a challenge page inside a millisecond with more ties than the limit, and from a bare time', async () => {
    const explorer = service({ challenges: [result('ch_a', NOW - 5), result('ch_b', NOW - 5), result('ch_c', NOW - 5), result('ch_d', NOW - 9)] });
    const first = await explorer.challenges(ID, { limit: 1 });
    expect(first).toEqual({ items: [expect.objectContaining({ id: 'ch_c' })], next: `${NOW - 5}:ch_c` });
    const second = await explorer.challenges(ID, { limit: 1, before: parseCursor(first.next!) });
    expect(second.items.map((r) => r.id)).toEqual(['ch_b']);
    const third = await explorer.challenges(ID, { limit: 5, before: parseCursor(second.next!) });
    expect(third).toEqual({ items: [expect.objectContaining({ id: 'ch_a' }), expect.objectContaining({ id: 'ch_d' })], next: null });
    expect((await explorer.challenges(ID, { limit: 5, before: { atMs: NOW - 5 } })).items.map((r) => r.id)).toEqual(['ch_d']);
  });

  it('pages rewards by epoch, never ending a page inside an epoch', async () => {
    const explorer = service({ rewards: [reward(9), reward(8), reward(7, 'cpu'), reward(7, 'gpu'), reward(6), reward(5)] });
    // Epoch 7 holds two rewards: a page of 3 would end inside it, so it stops before it.
    const first = await explorer.rewards(ID, { limit: 3 });
    expect(first).toEqual({ items: [reward(9), reward(8)], next: '8' });
    expect(await explorer.rewards(ID, { limit: 3, before: Number(first.next) })).toEqual({ items: [reward(7, 'cpu'), reward(7, 'gpu'), reward(6)], next: '6' });
    expect(await explorer.rewards(ID, { limit: 2, before: 8 })).toEqual({ items: [reward(7, 'cpu'), reward(7, 'gpu')], next: '7' });
    // A limit smaller than the epoch still returns the whole epoch.
    expect(await explorer.rewards(ID, { limit: 1, before: 8 })).toEqual({ items: [reward(7, 'cpu'), reward(7, 'gpu')], next: '7' });
    expect(await explorer.rewards(ID, { limit: 5, before: 6 })).toEqual({ items: [reward(5)], next: null });
  });

  it('refuses history of an unknown device, and scores it as undefined', async () => {
    const explorer = service({});
    await expect(explorer.challenges(`0x${'bb'.repeat(20)}`, { limit: 1 })).rejects.toMatchObject({ code: 'DEVICE_NOT_FOUND' });
    await expect(explorer.rewards(`0x${'bb'.repeat(20)}`, { limit: 1 })).rejects.toMatchObject({ code: 'DEVICE_NOT_FOUND' });
    expect(await explorer.scoreAt(`0x${'bb'.repeat(20)}`, NOW)).toBeUndefined();
  });
});
