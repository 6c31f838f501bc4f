import { accountBeneficiary, buildRewardTree } from '@tensorgrid/chain';
import {
  POOL_NUMBER, lastClosedBlock, rewardBlockWindow,
  type DevicePool, type NominationPolicy, type RewardBlockRecord, type RewardBlockStore, type RewardLeafRecord, type SplitPolicy,
} from '@tensorgrid/domain';
import { BaseError } from '@tensorgrid/protocol';
import type { Logger } from 'pino';
import type { Address } from 'viem';
import type { Clock } from '../clock';
import { planBlock } from './core/plan-block';
import type { RewardChain } from './core/reward-chain';
import { postRootOnce } from './post-root-once';
import { gatherEvidence, type EvidenceSources } from './gather-evidence';

/** What the block builder needs. */
export interface BlockBuilderDeps {
  store: RewardBlockStore;
  chain: RewardChain;
  sources: Omit<EvidenceSources, 'chain'>;
  clock: Clock;
  policy: { nomination: NominationPolicy; split: SplitPolicy };
  log?: Pick<Logger, 'info' | 'warn'>;
}

/** What building one block did. */
export type BuildBlockOutcome =
  /** Computed and stored now; `posted` lists the pools whose roots went on chain. */
  | { kind: 'built'; block: number; posted: DevicePool[] }
  /** Already stored: only its missing roots were posted (a crash between store and post resumes here). */
  | { kind: 'resumed'; block: number; posted: DevicePool[] }
  /** Already stored and every root on chain: nothing to do. */
  | { kind: 'settled'; block: number };

/** The block builder: computes, stores and posts one closed block at a time. */
export interface BlockBuilder {
  /** Builds a closed block (idempotent: a stored block is never recomputed, a posted one never reposted). */
  buildBlock(block: number): Promise<BuildBlockOutcome>;
  /** Posts the roots of a stored block that are not on chain yet. */
  postBlock(record: RewardBlockRecord): Promise<DevicePool[]>;
  /** The newest block whose evidence has settled (ended the policy's `settleMs` ago or more), -1 before the first. */
  lastSettledBlock(): Promise<number>;
}

/**
 * Creates the block builder. For a closed hour whose evidence has settled (the nomination
 * policy's `settleMs` after its end) it gathers every device's evidence, nominates,
 * splits the block's device emission (the Rewards contract's allowances), builds one Merkle tree
 * per pool that pays anyone, stores the block in one transaction, then posts each root. Posting
 * first checks the chain, so a root posted before a crash is recorded, not posted twice.
 * @param deps - store, chain, evidence sources, clock and policies
 */
export function createBlockBuilder(deps: BlockBuilderDeps): BlockBuilder {
  const { store, chain } = deps;

  async function compute(block: number): Promise<void> {
    const genesisMs = await chain.genesisMs();
    const window = rewardBlockWindow(block, genesisMs);
    const settlesAt = window.toMs + deps.policy.nomination.settleMs;
    if (settlesAt > deps.clock.now()) throw new BaseError('VALIDATION_FAILED', `Reward block ${block} has not settled (ended and its challenge results in)`, { data: { block, endsAt: window.toMs, settlesAt } });
    const allowances = await chain.allowances(block);
    const deviceEmission = allowances.gpu + allowances.cpu;
    const devices = await gatherEvidence({ ...deps.sources, chain }, { window, policy: deps.policy.nomination });
    const plan = planBlock(devices, { deviceEmission, nomination: deps.policy.nomination, split: deps.policy.split });
    if (plan.split.gpu.allowance !== allowances.gpu) {
      throw new BaseError('INTERNAL', 'The pool split disagrees with the Rewards contract', { data: { block, gpu: plan.split.gpu.allowance.toString(), contract: allowances.gpu.toString() } });
    }
    const accountOf = new Map(devices.map((d) => [d.deviceId, d.account]));
    const leaves: RewardLeafRecord[] = [];
    const pools = (['gpu', 'cpu'] as const).map((pool) => {
      const split = plan.split[pool];
      if (split.leaves.length === 0) return { pool, allowance: split.allowance, root: null, total: 0n };
      const tree = buildRewardTree(split.leaves.map((l) => ({ epoch: BigInt(block), pool: POOL_NUMBER[pool], beneficiary: accountBeneficiary(l.deviceId as Address), amount: l.amount })));
      split.leaves.forEach((l, i) => {
        const claim = tree.claims[i]!;
        leaves.push({ block, pool, deviceId: l.deviceId, beneficiary: claim.beneficiary, account: accountOf.get(l.deviceId) ?? l.deviceId, weight: l.weight, amount: l.amount, proof: claim.proof });
      });
      return { pool, allowance: split.allowance, root: tree.root as string, total: tree.total };
    });
    const misses = plan.misses.map((m) => ({ block, ...m }));
    await store.saveComputedBlock({ block, deviceEmission, computedAt: deps.clock.now(), pools, leaves, misses });
    deps.log?.info({ block, leaves: leaves.length, misses: misses.length }, 'reward block computed');
  }

  async function postBlock(record: RewardBlockRecord): Promise<DevicePool[]> {
    const posted: DevicePool[] = [];
    for (const pool of record.pools) {
      const root = pool.root;
      if (root === null || pool.txHash !== null) continue;
      const { txHash, posted: now } = await postRootOnce({
        root,
        label: `Reward block ${record.block} (${pool.pool})`,
        data: { block: record.block, pool: pool.pool },
        onChain: () => chain.postedRoot(record.block, pool.pool),
        post: () => chain.postRoot({ block: record.block, pool: pool.pool, root, total: pool.total }),
      });
      if (now) posted.push(pool.pool);
      await store.markPoolPosted({ block: record.block, pool: pool.pool, txHash, postedAt: deps.clock.now() });
    }
    if (posted.length > 0) deps.log?.info({ block: record.block, pools: posted }, 'reward roots posted');
    return posted;
  }

  return {
    postBlock,
    async lastSettledBlock() {
      return lastClosedBlock(deps.clock.now() - deps.policy.nomination.settleMs, await chain.genesisMs());
    },
    async buildBlock(block) {
      let record = await store.getBlock(block);
      const existed = record !== undefined;
      if (!record) {
        await compute(block);
        record = await store.getBlock(block);
        if (!record) throw new BaseError('INTERNAL', `Reward block ${block} was not stored`);
      }
      if (record.state === 'posted') return { kind: 'settled', block };
      const posted = await postBlock(record);
      return existed ? { kind: 'resumed', block, posted } : { kind: 'built', block, posted };
    },
  };
}
