import { acceptJob, contestJob, declineJob, expireUnverifiedJobIfDue, jobMarketCallAbi, readJob, submitResult, timeoutJob, type TxClients } from '@tensorgrid/chain';
import { BaseError, disputedStepOf, isBaseError, type IndexedJobView, type JobState } from '@tensorgrid/protocol';
import { getJob, listAllJobs, type CoordinatorClient } from '@tensorgrid/sdk';
import { BlockNotFoundError, type Address, type Hex } from 'viem';
import type { JobMarketPort, MarketJob } from './core/job-runner-ports';

/** What {@link createJobMarketAdapter} works with. */
export interface JobMarketAdapterDeps {
  /** The coordinator (its job index). */
  client: CoordinatorClient;
  /** Chain clients signing with the node's own account. */
  chain: TxClients & { account: { address: Address } };
  /** The JobMarket contract. */
  market: Address;
  /** Most jobs read from the index per list. @default 500 */
  maxJobs?: number;
}

/** States after which no challenge, contest or dispute can reach the node's run. */
const CLOSED = new Set<JobState>(['settled', 'failed', 'slashed', 'timed-out', 'cancelled', 'unverified']);

const marketJob = (job: IndexedJobView): MarketJob => ({
  jobId: BigInt(job.id),
  fee: BigInt(job.fee),
  gas: BigInt(job.gas),
  deadline: Math.floor(new Date(job.deadline).getTime() / 1_000),
  specHash: job.specHash,
});

/**
 * The node's JobMarket port: open and held jobs from the coordinator's index (paged up to a
 * cap), capacity from the contract's `workersOf`/`runningOf`, and accept (with the deposit
 * approved), submit and decline as transactions of the node's own account. The assignment
 * beacon is the hash of the block that included the job's last JobAccepted event, the
 * challenge beacon that of its last JobSubmitted event.
 * @param deps - coordinator client, the node's chain clients and the market address
 */
export function createJobMarketAdapter(deps: JobMarketAdapterDeps): JobMarketPort {
  const { client, chain, market } = deps;
  const node = chain.account.address;
  const cap = deps.maxJobs ?? 500;

  const list = (query: { state: Exclude<JobState, 'none'>; node?: string }) => listAllJobs(client, query, { max: cap });

  const read = (functionName: 'workersOf' | 'runningOf') =>
    chain.publicClient.readContract({ address: market, abi: jobMarketCallAbi, functionName, args: [node] });

  /** The hash of the block that included the job's last `name` event (a beacon). */
  async function lastEventBlockHash(jobId: bigint, name: 'JobAccepted' | 'JobSubmitted'): Promise<Hex> {
    const { events } = await getJob(client, { id: jobId });
    const event = events.filter((e) => e.name === name).at(-1);
    if (!event) throw new BaseError('JOB_WRONG_STATE', `Job ${jobId} has no ${name} event in the index`, { retryable: true });
    const block = await chain.publicClient.getBlock({ blockNumber: BigInt(event.block) });
    if (!block.hash) throw new BaseError('CHAIN_ERROR', `Block ${event.block} has no hash yet`, { retryable: true });
    return block.hash;
  }

  return {
    async openJobs() {
      return (await list({ state: 'posted' })).map(marketJob);
    },
    async myJobs() {
      const held = await Promise.all((['accepted', 'submitted', 'rejected', 'disputed'] as const).map(async (state) => (await list({ state, node })).map((j) => {
        const disputedStep = state === 'disputed' && j.evidence ? disputedStepOf(j.evidence) : undefined;
        return { ...marketJob(j), state, ...(disputedStep === undefined ? {} : { disputedStep }) };
      })));
      return held.flat();
    },
    async capacity() {
      const [workers, running] = await Promise.all([read('workersOf'), read('runningOf')]);
      return { workers: Number(workers), running: Number(running) };
    },
    async accept(jobId) {
      const tx = await acceptJob(chain, { address: market, jobId });
      return { beacon: tx.blockHash };
    },
    assignmentBeacon: (jobId) => lastEventBlockHash(jobId, 'JobAccepted'),
    async beaconStands(beacon) {
      // Read from the chain, not the index, which may not hold the accept yet.
      const block = await chain.publicClient.getBlock({ blockHash: beacon as Hex }).catch((err: unknown) => {
        if (err instanceof BlockNotFoundError) return undefined;
        throw err;
      });
      if (!block) return false;
      return (await chain.publicClient.getBlock({ blockNumber: block.number })).hash.toLowerCase() === beacon.toLowerCase();
    },
    challengeBeacon: (jobId) => lastEventBlockHash(jobId, 'JobSubmitted'),
    async submit(jobId, root) {
      await submitResult(chain, { address: market, jobId, resultRoot: root as Hex });
    },
    async decline(jobId) {
      const [job, head] = await Promise.all([readJob(chain.publicClient, { address: market, jobId }), chain.publicClient.getBlock()]);
      if (head.timestamp > job.deadline) await timeoutJob(chain, { address: market, jobId });
      else await declineJob(chain, { address: market, jobId });
    },
    async contest(jobId) {
      await contestJob(chain, { address: market, jobId });
    },
    expireIfUnverified: (jobId) => expireUnverifiedJobIfDue(chain, { address: market, jobId }),
    async closedJobs(jobIds) {
      const closed: bigint[] = [];
      for (const jobId of jobIds) {
        const job = await readJob(chain.publicClient, { address: market, jobId }).catch((err: unknown) => {
          // A job the market never had (a devnet whose chain was reset): nothing left to answer for.
          if (isBaseError(err) && err.code === 'JOB_NOT_FOUND') return undefined;
          throw err;
        });
        if (!job || CLOSED.has(job.state) || job.node.toLowerCase() !== node.toLowerCase()) closed.push(jobId);
      }
      return closed;
    },
  };
}
