import type { WalletChainClients } from '@tensorgrid/chain';
import { BaseError, type IndexedJobView } from '@tensorgrid/protocol';
import { getJob, type CoordinatorClient } from '@tensorgrid/sdk';
import { verificationOf, type Trainer } from '@tensorgrid/tensor';
import { plantCanary } from '@tensorgrid/verification';
import { loadJobTrainer } from '../load-job-trainer';

/** A canary's run: the planted publication, its trainer, whether its answers carry W_{t+1}, and the accept block hash its seed came from. */
export type CanaryRun = ReturnType<typeof plantCanary> & { trainer: Trainer; tolerant: boolean; assignment: string };

/** The canary bot's runs, recomputed from its secret and cached by job. */
export interface CanaryRuns {
  /**
   * The canary's run: once submitted, the cached run of the committed root (the one that can open
   * it, whatever block holds the accept now); before, the run under the seed of the block that
   * now holds its accept (a reorganisation that moved the accept makes the cached run stale).
   * @throws BaseError CONFIG_INVALID when the run recomputed for a submitted canary does not open its committed root (another secret)
   */
  run(job: IndexedJobView): Promise<CanaryRun>;
  /** Drops a canary's cached run once the bot is done with it. */
  forget(jobId: bigint): void;
}

/**
 * The canary bot's runs: each trains the job with its planted errors (`plantCanary`, seeded
 * by the secret and the job id). A submitted canary whose recomputed run does not open its
 * committed root is refused, and remembered by that root, so it is not trained again.
 * @param deps - a coordinator client to read with, the node account of a canary, and the secret
 */
export function createCanaryRuns(deps: { reader: CoordinatorClient; nodeOf: (job: IndexedJobView) => { chain: WalletChainClients }; secret: string }): CanaryRuns {
  const runs = new Map<bigint, CanaryRun>();
  const refused = new Map<bigint, { root: string; err: BaseError }>();
  return {
    async run(job) {
      const id = BigInt(job.id);
      const committed = job.resultRoot?.toLowerCase();
      const cached = runs.get(id);
      if (cached && committed === `0x${cached.root}`) return cached;
      const refusal = refused.get(id);
      if (refusal && refusal.root === committed) throw refusal.err;
      const accepted = (await getJob(deps.reader, { id })).events.filter((e) => e.name === 'JobAccepted').at(-1);
      if (!accepted) throw new Error(`job ${job.id}: the index has no JobAccepted event yet`);
      const assignment = (await deps.nodeOf(job).chain.publicClient.getBlock({ blockNumber: BigInt(accepted.block) })).hash.slice(2);
      if (cached?.assignment === assignment) return cached;
      const { spec, trainer } = await loadJobTrainer(deps.reader, { jobId: job.id, specHash: job.specHash, assignment });
      const canary = { ...plantCanary(trainer, { seed: `${deps.secret}/${job.id}` }), trainer, tolerant: verificationOf(spec).mode === 'tolerant', assignment };
      // Openings or a dispute from another run would be wrong: say so rather than act on them.
      if (committed && committed !== `0x${canary.root}`) {
        const err = new BaseError('CONFIG_INVALID', `Canary ${job.id}: the run recomputed from the bot's secret does not open its committed root`, {
          data: { jobId: job.id, committed },
          details: 'The secret comes from the first canary node key: put back the key that was first when this canary was submitted.',
        });
        refused.set(id, { root: committed, err });
        throw err;
      }
      runs.set(id, canary);
      return canary;
    },
    forget: (jobId) => void runs.delete(jobId),
  };
}
