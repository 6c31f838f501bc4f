import { accountBeneficiary, buildRewardTree } from '@tensorgrid/chain';
import {
  JOB_SHARES_POOL, jobShareDayReadiness, planJobShares,
  type JobIndexStore, type JobShareDayReadiness, type JobShareDayRecord, type JobShareDayStore, type JobShareLeafRecord,
} from '@tensorgrid/domain';
import { BaseError } from '@tensorgrid/protocol';
import type { Logger } from 'pino';
import type { Address } from 'viem';
import type { Clock } from '../clock';
import type { JobShareChain } from './core/job-share-chain';
import { postRootOnce } from './post-root-once';

/** What the job-share builder needs. */
export interface JobShareBuilderDeps {
  store: JobShareDayStore;
  /** The job index: which jobs (and nodes) had a passing verdict on a day, and where it has read to. */
  index: Pick<JobIndexStore, 'cursor' | 'jobsOfVerdictDay'>;
  chain: JobShareChain;
  clock: Clock;
  log?: Pick<Logger, 'info' | 'warn'>;
}

/** What settling one day did. */
export type SettleDayOutcome =
  /** Computed and stored now; `posted` whether its root went on chain (false: nothing to pay). */
  | { kind: 'built'; day: number; posted: boolean }
  /** Already stored with its root pending: posted now (a crash or failed post between store and post resumes here). */
  | { kind: 'resumed'; day: number; posted: boolean }
  /** Already stored and posted, or stored empty: nothing to do. */
  | { kind: 'settled'; day: number }
  /** Not settleable yet. */
  | { kind: 'waiting'; day: number; readiness: Exclude<JobShareDayReadiness, { kind: 'ready' }> | { kind: 'wait'; why: 'index-behind' } }
  /** The nodes the index lists do not account for the contract's total: refused, retried next tick. */
  | { kind: 'mismatch'; day: number; listed: bigint; total: bigint; block: number };

/** The job-share builder: settles one UTC day at a time. */
export interface JobShareBuilder {
  /** Settles a day (idempotent: a stored day is never recomputed, a posted root never reposted). */
  settleDay(day: number): Promise<SettleDayOutcome>;
}

/**
 * Creates the job-share builder. A day is settled from one snapshot: the block the job index
 * has read to. Once that block is past the day's end plus the challenge window and no job of
 * the day is disputed (so no share can be taken back any more), it reads each listed node's
 * shares and the day's total at that block, refuses unless they add up, splits the day's pool-2
 * allowance in proportion, builds the Merkle tree (beneficiary: the node's address as
 * bytes32), stores the day in one transaction, then posts the root. Posting checks the chain
 * first, so a root posted before a crash is recorded, not posted twice.
 * @param deps - store, job index, chain, clock and log
 */
export function createJobShareBuilder(deps: JobShareBuilderDeps): JobShareBuilder {
  const { store, chain } = deps;

  async function post(record: JobShareDayRecord): Promise<boolean> {
    const root = record.root;
    if (root === null || record.state !== 'computed') return false;
    const { txHash, posted } = await postRootOnce({
      root,
      label: `Job-share day ${record.day}`,
      data: { day: record.day, pool: JOB_SHARES_POOL },
      onChain: () => chain.postedRoot(record.day),
      post: () => chain.postRoot({ day: record.day, root, total: record.total }),
    });
    await store.markDayPosted({ day: record.day, txHash, postedAt: deps.clock.now() });
    if (posted) deps.log?.info({ day: record.day, total: record.total.toString(), txHash }, 'job-share root posted');
    return posted;
  }

  async function compute(day: number): Promise<Exclude<SettleDayOutcome, { kind: 'built' | 'resumed' | 'settled' }> | undefined> {
    const cursor = await deps.index.cursor();
    if (!cursor) return { kind: 'waiting', day, readiness: { kind: 'wait', why: 'index-behind' } };
    const block = cursor.block;
    const [chainTime, challengeWindow] = await Promise.all([chain.blockTime(block), chain.challengeWindow()]);
    // The day's jobs are read only once its time has come (the current day is asked about every tick).
    const early = jobShareDayReadiness({ day, chainTime, challengeWindow, jobs: [] });
    if (early.kind !== 'ready') return { kind: 'waiting', day, readiness: early };
    const jobs = await deps.index.jobsOfVerdictDay(day);
    const readiness = jobShareDayReadiness({ day, chainTime, challengeWindow, jobs });
    if (readiness.kind !== 'ready') return { kind: 'waiting', day, readiness };
    const nodes = [...new Set(jobs.map((j) => j.node).filter((n): n is string => n !== null))].sort();
    const [shares, allowance] = await Promise.all([chain.shares({ day, nodes, block }), chain.allowance(day)]);
    const plan = planJobShares({ allowance, shares: shares.byNode, totalShares: shares.total });
    if (plan.kind === 'mismatch') {
      deps.log?.warn({ day, block, listed: plan.listed.toString(), total: plan.total.toString() }, 'job shares of the indexed nodes do not add up to the day total; not posting');
      return { kind: 'mismatch', day, listed: plan.listed, total: plan.total, block };
    }
    let root: string | null = null;
    let total = 0n;
    const leaves: JobShareLeafRecord[] = [];
    if (plan.kind === 'pay') {
      const tree = buildRewardTree(plan.leaves.map((l) => ({ epoch: BigInt(day), pool: JOB_SHARES_POOL, beneficiary: accountBeneficiary(l.node as Address), amount: l.amount })));
      plan.leaves.forEach((l, i) => {
        const claim = tree.claims[i]!;
        leaves.push({ day, node: l.node, beneficiary: claim.beneficiary, shares: l.shares, amount: l.amount, proof: claim.proof });
      });
      root = tree.root;
      total = tree.total;
      if (total > allowance) throw new BaseError('INTERNAL', `Job-share day ${day} would pay more than its allowance`, { data: { day, total: total.toString(), allowance: allowance.toString() } });
    }
    await store.saveComputedDay({ day, allowance, totalShares: shares.total, chainBlock: block, root, total, computedAt: deps.clock.now(), leaves });
    deps.log?.info({ day, block, leaves: leaves.length, total: total.toString(), ...(plan.kind === 'nothing' ? { nothing: plan.why } : {}) }, 'job-share day computed');
    return undefined;
  }

  return {
    async settleDay(day) {
      let record = await store.getDay(day);
      const existed = record !== undefined;
      if (!record) {
        const refused = await compute(day);
        if (refused) return refused;
        record = await store.getDay(day);
        if (!record) throw new BaseError('INTERNAL', `Job-share day ${day} was not stored`);
      }
      if (record.state !== 'computed') return existed ? { kind: 'settled', day } : { kind: 'built', day, posted: false };
      const posted = await post(record);
      return existed ? { kind: 'resumed', day, posted } : { kind: 'built', day, posted };
    },
  };
}
