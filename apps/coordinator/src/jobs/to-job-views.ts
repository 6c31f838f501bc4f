import { feePerGas, type IndexedJob, type JobEventRecord } from '@tensorgrid/domain';
import { jobEventState, type IndexedJobView, type JobEventView } from '@tensorgrid/protocol';

const DAY_MS = 86_400_000;
const iso = (unixSeconds: number) => new Date(unixSeconds * 1000).toISOString();

/**
 * A job as the API shows it: amounts as decimal strings, contract seconds and days as ISO times.
 * @param job - the indexed job
 */
export function toJobView(job: IndexedJob): IndexedJobView {
  return {
    id: job.jobId.toString(),
    state: job.state,
    requester: job.requester,
    node: job.node,
    verifier: job.verifier,
    whistleblower: job.whistleblower,
    specHash: job.specHash,
    resultRoot: job.resultRoot,
    evidence: job.evidence,
    fee: job.fee.toString(),
    gas: job.gas.toString(),
    feePerGas: feePerGas(job),
    deposit: job.deposit.toString(),
    bond: job.bond.toString(),
    deadline: iso(job.deadline),
    challengeEndsAt: job.challengeEndsAt === null ? null : iso(job.challengeEndsAt),
    verdictDay: job.verdictDay === null ? null : new Date(job.verdictDay * DAY_MS).toISOString().slice(0, 10),
    postedBlock: job.postedBlock,
    updatedBlock: job.updatedBlock,
  };
}

/**
 * One event as the API shows it, with the step it records (`declined`, `verified`, …).
 * @param event - the stored event
 */
export function toJobEventView(event: JobEventRecord): JobEventView {
  const indexedAt = event.indexedAt === undefined ? null : new Date(event.indexedAt).toISOString();
  return { name: event.name, state: jobEventState(event.name, event.args), block: event.block, logIndex: event.logIndex, txHash: event.txHash, args: event.args, indexedAt };
}
