import type { JobIndexStore } from '@tensorgrid/domain';
import { BaseError, jobIdParamsSchema, listJobsQuerySchema, parseOrThrow, type JobDetailResponse, type ListJobsResponse } from '@tensorgrid/protocol';
import type { FastifyInstance } from 'fastify';
import { toJobEventView, toJobView } from './to-job-views';

/**
 * The public job-index routes: a page of jobs (filtered by state, requester or node, in fee
 * per gas, deadline or newest order) and one job with its event history.
 * @param app - the Fastify instance
 * @param store - the job index
 */
export function registerJobRoutes(app: FastifyInstance, store: JobIndexStore): void {
  const indexedBlock = async () => (await store.cursor())?.block ?? null;

  app.get('/v1/jobs', async (request): Promise<ListJobsResponse> => {
    const query = parseOrThrow(listJobsQuerySchema, request.query, 'query');
    const [page, block] = await Promise.all([store.listJobs(query), indexedBlock()]);
    return { jobs: page.jobs.map(toJobView), next: page.next, indexedBlock: block };
  });

  app.get('/v1/jobs/:id', async (request): Promise<JobDetailResponse> => {
    const { id } = parseOrThrow(jobIdParamsSchema, request.params, 'job id');
    const jobId = BigInt(id);
    const [job, events, block] = await Promise.all([store.getJob(jobId), store.eventsOf(jobId), indexedBlock()]);
    if (!job) {
      throw new BaseError('JOB_NOT_FOUND', `No job ${id} in the index (indexed up to block ${block ?? 'none'})`, {
        details: 'A job appears a moment after its JobPosted block is indexed; list jobs with GET /v1/jobs.',
        data: { jobId: id, indexedBlock: block },
      });
    }
    return { job: toJobView(job), events: events.map(toJobEventView), indexedBlock: block };
  });
}
