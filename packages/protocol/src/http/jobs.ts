import { z } from 'zod';
import { addressSchema, bytes32Schema, isoTimeSchema } from '../common';
import { baseUnitsSchema } from './rewards';

/**
 * The job index (`/v1/jobs`): the coordinator's read model of the JobMarket contract, so
 * nodes find open jobs in one request instead of scanning the chain. The chain stays the
 * authority: every job here carries the block it was read at, and a node may read the
 * contract directly (`readJob`) before it accepts.
 */

/** The JobMarket's `JobState` enum, by its on-chain index. */
export const JOB_STATES = ['none', 'posted', 'accepted', 'submitted', 'verified', 'disputed', 'settled', 'failed', 'timed-out', 'cancelled', 'slashed', 'rejected', 'contested', 'unverified'] as const;
/** A job's state on chain. */
export type JobState = (typeof JOB_STATES)[number];
/** Schema of a job state (`none` never appears in the index). */
export const jobStateSchema = z.enum(JOB_STATES);
/**
 * The steps a job's history shows: the chain's states (less `none`) plus `declined`, which is
 * no state on chain (a declined job returns to `posted`) but is a step users see.
 */
export const JOB_EVENT_STATES = ['posted', 'accepted', 'declined', 'submitted', 'verified', 'rejected', 'contested', 'disputed', 'settled', 'failed', 'timed-out', 'cancelled', 'slashed', 'unverified'] as const;
/** A step of a job's history. */
export type JobEventState = (typeof JOB_EVENT_STATES)[number];
/** Schema of a step of a job's history. */
export const jobEventStateSchema = z.enum(JOB_EVENT_STATES);
/** The states a posted job can be in: what the job list filters by. */
export const postedJobStateSchema = jobStateSchema.exclude(['none']);

/** Orders of the job list: best fee per unit of gas first, earliest deadline first, or newest first. */
export const JOB_SORTS = ['fee-per-gas', 'deadline', 'newest'] as const;
/** An order of the job list. */
export type JobSort = (typeof JOB_SORTS)[number];

/** A job id: a positive integer as a decimal string (uint256 on chain). */
export const jobIdSchema = z.string().regex(/^[1-9]\d{0,77}$/, 'must be a positive integer job id');

/** Query of `GET /v1/jobs`. */
export const listJobsQuerySchema = z.strictObject({
  state: postedJobStateSchema.optional(),
  requester: addressSchema.transform((a) => a.toLowerCase()).optional(),
  node: addressSchema.transform((a) => a.toLowerCase()).optional(),
  sort: z.enum(JOB_SORTS).default('newest'),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  /** The `next` cursor of the previous page. */
  after: z.string().regex(/^[0-9a-z.+-]{1,120}~[1-9]\d{0,77}$/, 'must be the next cursor of a previous page').optional(),
});
/** Query of `GET /v1/jobs` (parsed). */
export type ListJobsQuery = z.output<typeof listJobsQuerySchema>;

/** Params of `GET /v1/jobs/:id`. */
export const jobIdParamsSchema = z.strictObject({ id: jobIdSchema });

/** A job as the index holds it. Amounts are GRID base units; unset parties are null. */
export const indexedJobSchema = z.object({
  id: jobIdSchema,
  state: jobStateSchema,
  requester: addressSchema,
  node: addressSchema.nullable(),
  verifier: addressSchema.nullable(),
  whistleblower: addressSchema.nullable(),
  /** Hash of the off-chain job spec (model, data, hyper-parameters). */
  specHash: bytes32Schema,
  resultRoot: bytes32Schema.nullable(),
  evidence: bytes32Schema.nullable(),
  fee: baseUnitsSchema,
  gas: baseUnitsSchema,
  /** fee ÷ gas, for ordering (a float; the exact amounts are `fee` and `gas`). */
  feePerGas: z.number().min(0),
  deposit: baseUnitsSchema,
  bond: baseUnitsSchema,
  /** The last moment a node may accept or submit. */
  deadline: isoTimeSchema,
  /** End of the dispute window after a pass. */
  challengeEndsAt: isoTimeSchema.nullable(),
  /** UTC day (YYYY-MM-DD) of the passing verdict: the day whose job rewards it shares. */
  verdictDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  /** Block of the JobPosted event. */
  postedBlock: z.number().int().min(0),
  /** Block the job was last read at. */
  updatedBlock: z.number().int().min(0),
});
/** A job as the index holds it. */
export type IndexedJobView = z.infer<typeof indexedJobSchema>;

/** One JobMarket event of a job: its history, for "which node computed this, when, for what pay". */
export const jobEventSchema = z.object({
  name: z.string(),
  block: z.number().int().min(0),
  logIndex: z.number().int().min(0),
  txHash: bytes32Schema,
  /** The event's arguments; integers as decimal strings. */
  args: z.record(z.string(), z.union([z.string(), z.boolean()])),
  /** The step the event records (`declined` for JobDeclined, though the job is `posted` again on chain); null for other events. */
  state: jobEventStateSchema.nullable(),
  /**
   * When this coordinator's index first stored the event (its clock): nodes see it through the
   * coordinator from then on (a dispute's opening window starts no earlier). Null for events
   * stored before the index recorded it, and read as null from a coordinator that does not send it.
   */
  indexedAt: z.string().datetime().nullable().default(null),
});
/** One JobMarket event of a job. */
export type JobEventView = z.infer<typeof jobEventSchema>;

/** Response of `GET /v1/jobs`. */
export const listJobsResponseSchema = z.object({
  jobs: z.array(indexedJobSchema),
  /** Pass as `after` for the next page; null on the last page. */
  next: z.string().nullable(),
  /** The last block the index has read; jobs reflect the chain up to it. */
  indexedBlock: z.number().int().min(0).nullable(),
});
/** Response of `GET /v1/jobs`. */
export type ListJobsResponse = z.infer<typeof listJobsResponseSchema>;

/** Response of `GET /v1/jobs/:id`: the job and its event history, oldest first. */
export const jobDetailResponseSchema = z.object({
  job: indexedJobSchema,
  events: z.array(jobEventSchema),
  indexedBlock: z.number().int().min(0).nullable(),
});
/** Response of `GET /v1/jobs/:id`. */
export type JobDetailResponse = z.infer<typeof jobDetailResponseSchema>;
