import type { IndexedJob, JobIndexStore } from '@tensorgrid/domain';
import { BaseError } from '@tensorgrid/protocol';

/**
 * A job from the index, for the routes that act on one.
 * @param jobs - the job index
 * @param id - the job id (validated)
 * @throws BaseError JOB_NOT_FOUND when the index has no such job (yet: it follows the chain a few seconds behind)
 */
export async function indexedJobOrThrow(jobs: JobIndexStore, id: string): Promise<IndexedJob> {
  const job = await jobs.getJob(BigInt(id));
  if (!job) throw new BaseError('JOB_NOT_FOUND', `No job ${id} in the index`, { data: { jobId: id }, details: 'The index follows the chain a few seconds behind; retry shortly.' });
  return job;
}
