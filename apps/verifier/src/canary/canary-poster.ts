import { acceptJob, cancelJob, jobMarketCallAbi, postJob } from '@tensorgrid/chain';
import { isBaseError, type IndexedJobView, type JobState } from '@tensorgrid/protocol';
import { getJobSpec, listAllJobs, listJobs, orNotFound } from '@tensorgrid/sdk';
import type { Hex } from 'viem';
import type { CanaryBotDeps } from './canary-bot';
import { canariesDue } from './core/canaries-due';

/** What posting a canary came to: posted and taken by the bot's node, or lost (another node took it, or the bot's could not; cancelled while still open). */
export type PostOutcome = { kind: 'posted'; jobId: bigint; mimics: string } | { kind: 'lost'; jobId: bigint; why: string };

/** The states of a job a verifier judged: the pace counts them. */
const VERDICT_STATES = ['verified', 'rejected', 'disputed', 'contested', 'settled', 'failed', 'slashed'] as const satisfies readonly JobState[];

/**
 * The canary bot's pacing and posting: `post(canaries)` posts one canary when the pace says so
 * (⌊rate × verdicts⌋ above the canaries so far, recounted at most every `paceEveryMs`) and the
 * bot's node has room, copying the newest job of another requester whose gas is its spec's, and
 * accepts it at once with the node's account. A canary another node took first is cancelled
 * while it is still open, so a lost race costs only gas.
 * @param deps - the bot's coordinator client, accounts, market and log
 * @param options - rate, pace interval, clock, each canary's deadline after posting (s), and what to do with a canary accepted
 */
export function createCanaryPoster(
  deps: Pick<CanaryBotDeps, 'coordinator' | 'requester' | 'node' | 'market' | 'log'>,
  options: { rate: number; paceEveryMs: number; now: () => number; deadlineSeconds: number; onAccepted: (jobId: bigint) => void },
): (canaries: number) => Promise<PostOutcome | undefined> {
  const me = { node: deps.node.account.address.toLowerCase(), requester: deps.requester.account.address.toLowerCase() };
  let lastPace = Number.NEGATIVE_INFINITY;

  /** Whether the bot's node can take one more job (the market's worker count for it). */
  async function nodeHasRoom(): Promise<boolean> {
    const read = (functionName: 'workersOf' | 'runningOf') => deps.node.publicClient.readContract({ address: deps.market, abi: jobMarketCallAbi, functionName, args: [deps.node.account.address] });
    const [workers, running] = await Promise.all([read('workersOf'), read('runningOf')]);
    return running < workers;
  }

  return async function post(canaries: number): Promise<PostOutcome | undefined> {
    if (options.now() - lastPace < options.paceEveryMs) return undefined;
    lastPace = options.now();
    let verdicts = 0;
    for (const state of VERDICT_STATES) verdicts += (await listAllJobs(deps.coordinator, { state })).length;
    if (canariesDue({ verdicts, canaries, rate: options.rate }) === 0 || !(await nodeHasRoom())) return undefined;
    const others = (await listJobs(deps.coordinator, { sort: 'newest', limit: 100 })).jobs
      .filter((j) => j.requester.toLowerCase() !== me.requester && j.node?.toLowerCase() !== me.node);
    let template: IndexedJobView | undefined;
    for (const job of others) {
      if ((await orNotFound(getJobSpec(deps.coordinator, { specHash: job.specHash })))?.gas !== job.gas) continue;
      template = job;
      break;
    }
    if (!template) return undefined;
    const head = await deps.requester.publicClient.getBlock();
    const { jobId } = await postJob(deps.requester, {
      address: deps.market, specHash: template.specHash as Hex, fee: BigInt(template.fee), gas: BigInt(template.gas), deadline: head.timestamp + BigInt(options.deadlineSeconds),
    });
    try {
      await acceptJob(deps.node, { address: deps.market, jobId });
    } catch (err) {
      const why = isBaseError(err) ? err.code : String(err);
      const cancelled = await cancelJob(deps.requester, { address: deps.market, jobId }).then(() => true, () => false);
      deps.log?.warn({ err, jobId: jobId.toString(), cancelled }, cancelled ? `canary ${jobId} could not be taken (${why}): cancelled` : `canary ${jobId} was taken by another node: it stays a normal job`);
      return { kind: 'lost', jobId, why };
    }
    options.onAccepted(jobId);
    deps.log?.info({ jobId: jobId.toString(), mimics: template.id, verdicts, canaries: canaries + 1 }, `canary ${jobId} posted and accepted (copy of job ${template.id})`);
    return { kind: 'posted', jobId, mimics: template.id };
  };
}
