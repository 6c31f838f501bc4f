import { splitDevicePayout, type DeviceRewardSplit, type RewardBlockStore, type RewardLeafRecord, type RewardPageQuery } from '@tensorgrid/domain';
import type { RewardAccountResponse, RewardEarning } from '@tensorgrid/protocol';
import type { RewardChain } from './core/reward-chain';
import { toRewardLeafView, toRewardMissView } from './to-reward-views';

/** What an account's reward view reads from the chain: claim status, splits, co-stakes. */
export type RewardAccountChain = Pick<RewardChain, 'isClaimed' | 'splitOf' | 'coStakedDevices' | 'payoutsOf'>;

/**
 * One page of an account's block rewards: the leaves it is paid from (as the device's owner,
 * as a co-staker of a device, or the device itself) with proofs, claim status and its share
 * (of a claimed leaf: what the claim paid it; of an unclaimed one: what a claim would pay, by
 * the co-stakes held at the block's start), and its misses with the failed criteria. Pages cover whole
 * blocks, newest first.
 * @param deps - the block store and, optionally, the chain (without it: no co-stakes, `claimed` and `share` null)
 * @param request - the account (lower-case) and the page
 */
export async function readRewardAccount(
  deps: { store: RewardBlockStore; chain?: RewardAccountChain | undefined },
  request: { account: string; query: RewardPageQuery },
): Promise<RewardAccountResponse> {
  const { store, chain } = deps;
  const { account, query: page } = request;
  const coStaked = chain ? await chain.coStakedDevices(account) : [];
  const [leaves, misses] = await Promise.all([store.leavesOfAccount(account, page, coStaked), store.missesOfAccount(account, page)]);
  // One page covers whole blocks: cut both lists at the oldest block either of them reached when full.
  // (When one block alone fills the page, it is returned as far as it fits and the next page starts below it.)
  let cut = Math.max(leaves.length === page.limit ? (leaves.at(-1)?.block ?? -1) : -1, misses.length === page.limit ? (misses.at(-1)?.block ?? -1) : -1);
  let next = cut >= 0 ? cut + 1 : null;
  if (cut >= 0 && !leaves.some((l) => l.block > cut) && !misses.some((m) => m.block > cut)) {
    next = cut;
    cut = -1;
  }
  const kept = leaves.filter((l) => l.block > cut || cut < 0);
  const blocks = new Map<number, Awaited<ReturnType<RewardBlockStore['getBlock']>>>();
  for (const b of new Set(kept.map((l) => l.block))) blocks.set(b, await store.getBlock(b));
  const splits = new Map<string, Promise<DeviceRewardSplit | null>>();
  const payouts = new Map<string, ReturnType<RewardAccountChain['payoutsOf']>>();
  const once = <T>(cache: Map<string, T>, key: string, load: () => T): T => {
    if (!cache.has(key)) cache.set(key, load());
    return cache.get(key)!;
  };
  const shareOf = async (leaf: RewardLeafRecord, at: { role: RewardEarning['role']; claimed: boolean | null }): Promise<bigint | null> => {
    if (!chain) return null;
    if (at.role === 'device') return leaf.amount;
    if (at.claimed) {
      const paid = await once(payouts, leaf.deviceId, () => chain.payoutsOf(leaf.deviceId));
      return paid.filter((p) => p.block === leaf.block && p.pool === leaf.pool && p.to === account).reduce((sum, p) => sum + p.amount, 0n);
    }
    const split = await once(splits, `${leaf.deviceId}:${leaf.block}`, () => chain.splitOf(leaf.deviceId, leaf.block));
    return split ? (splitDevicePayout(leaf.amount, split).get(account) ?? 0n) : 0n;
  };
  const earned: RewardEarning[] = await Promise.all(
    kept.map(async (leaf) => {
      const role: RewardEarning['role'] = leaf.account === account ? 'owner' : leaf.deviceId === account ? 'device' : 'co-staker';
      const posted = blocks.get(leaf.block)?.pools.some((p) => p.pool === leaf.pool && p.txHash !== null) ?? false;
      const claimed = !posted ? false : chain ? await chain.isClaimed(leaf) : null;
      const share = await shareOf(leaf, { role, claimed });
      return { ...toRewardLeafView(leaf), posted, claimed, role, share: share === null ? null : share.toString() };
    }),
  );
  const sum = (pick: (e: RewardEarning) => boolean) => earned.filter(pick).reduce((s, e) => s + BigInt(e.share ?? e.amount), 0n).toString();
  return {
    account,
    earned,
    missed: misses.filter((m) => m.block > cut || cut < 0).map(toRewardMissView),
    owed: sum((e) => e.posted && e.claimed !== true),
    claimed: sum((e) => e.claimed === true),
    next,
  };
}
