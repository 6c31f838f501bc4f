import { acceptJob, cancelJob, jobMarketCallAbi, postJob } from '@tensorgrid/chain';
import { isBaseError, type IndexedJobView, type JobState } from '@tensorgrid/protocol';
import { getJobSpec, listAllJobs, listJobs, orNotFound } from '@tensorgrid/sdk';
import type { Hex } from 'viem';
import type { CanaryAccount, CanaryAccounts } from './canary-accounts';
import type { CanaryBotDeps } from './canary-bot';
import { canariesDue } from './core/canaries-due';

/** What posting a canary came to: posted by one of the bot's requesters and taken by one of its nodes, or lost (another node took it, or the bot's could not; cancelled while still open). */
export type PostOutcome = { kind: 'posted'; jobId: bigint; mimics: string; node: string; requester: string } | { kind: 'lost'; jobId: bigint; why: string };

/** The states of a job a verifier judged: the pace counts them. */
const VERDICT_STATES = ['verified', 'rejected', 'disputed', 'contested', 'settled', 'failed', 'slashed'] as const satisfies readonly JobState[];

/**
 * The canary bot's pacing and posting: `post(canaries)` posts one canary when the pace says so
 * (⌊rate × verdicts⌋ above the canaries so far, recounted at most every `paceEveryMs`) and one
 * of the bot's nodes has room, copying the newest job of a requester not the bot's whose gas is
 * its spec's. A requester drawn from the bot's posts it, and a node drawn from those with room
 * accepts it at once. A canary another node took first is cancelled while it is still open, so
 * a lost race costs only gas.
 * @param deps - the bot's accounts, market and log
 * @param options - rate, pace interval, clock, each canary's deadline after posting (s), what to do with a canary accepted, and the draw (an index below n)
 */
export function createCanaryPoster(
  deps: Pick<CanaryBotDeps, 'market' | 'log'> & { accounts: CanaryAccounts },
  options: { rate: number; paceEveryMs: number; now: () => number; deadlineSeconds: number; onAccepted: (jobId: bigint) => void; pick: (n: number) => number },
): (canaries: number) => Promise<PostOutcome | undefined> {
  const { accounts } = deps;
  const { reader } = accounts;
  let lastPace = Number.NEGATIVE_INFINITY;

  /** Whether a node can take one more job (the market's worker count for it). */
  async function hasRoom(node: CanaryAccount): Promise<boolean> {
    const read = (functionName: 'workersOf' | 'runningOf') => node.chain.publicClient.readContract({ address: deps.market, abi: jobMarketCallAbi, functionName, args: [node.chain.account.address] });
    const [workers, running] = await Promise.all([read('workersOf'), read('runningOf')]);
    return running < workers;
  }

  /** One of the bot's nodes with room, drawn; undefined when none has. */
  async function drawNode(): Promise<CanaryAccount | undefined> {
    const roomy: CanaryAccount[] = [];
    for (const node of accounts.nodes) if (await hasRoom(node)) roomy.push(node);
    return roomy.length === 0 ? undefined : roomy[options.pick(roomy.length)];
  }

  return async function post(canaries: number): Promise<PostOutcome | undefined> {
    if (options.now() - lastPace < options.paceEveryMs) return undefined;
    lastPace = options.now();
    let verdicts = 0;
    for (const state of VERDICT_STATES) verdicts += (await listAllJobs(reader, { state })).length;
    if (canariesDue({ verdicts, canaries, rate: options.rate }) === 0) return undefined;
    const node = await drawNode();
    if (!node) return undefined;
    const others = (await listJobs(reader, { sort: 'newest', limit: 100 })).jobs
      .filter((j) => !accounts.isRequester(j.requester) && !accounts.isNode(j.node));
    let template: IndexedJobView | undefined;
    for (const job of others) {
      if ((await orNotFound(getJobSpec(reader, { specHash: job.specHash })))?.gas !== job.gas) continue;
      template = job;
      break;
    }
    if (!template) return undefined;
    const requester = accounts.requesters[options.pick(accounts.requesters.length)]!;
    const head = await requester.chain.publicClient.getBlock();
    const { jobId } = await postJob(requester.chain, {
      address: deps.market, specHash: template.specHash as Hex, fee: BigInt(template.fee), gas: BigInt(template.gas), deadline: head.timestamp + BigInt(options.deadlineSeconds),
    });
    try {
      await acceptJob(node.chain, { address: deps.market, jobId });
    } catch (err) {
      const why = isBaseError(err) ? err.code : String(err);
      const cancelled = await cancelJob(requester.chain, { address: deps.market, jobId }).then(() => true, () => false);
      deps.log?.warn({ err, jobId: jobId.toString(), cancelled }, cancelled ? `canary ${jobId} could not be taken (${why}): cancelled` : `canary ${jobId} was taken by another node: it stays a normal job`);
      return { kind: 'lost', jobId, why };
    }
    options.onAccepted(jobId);
    const by = { node: node.chain.account.address, requester: requester.chain.account.address };
    deps.log?.info({ jobId: jobId.toString(), mimics: template.id, verdicts, canaries: canaries + 1, ...by }, `canary ${jobId} posted by ${by.requester} and accepted by ${by.node} (copy of job ${template.id})`);
    return { kind: 'posted', jobId, mimics: template.id, ...by };
  };
}
