import { z } from 'zod';
import { addressSchema, bytes32Schema, isoTimeSchema } from '../common';
import { baseUnitsSchema, claimStatusShape } from './rewards';

/** A UTC day number (`floor(unixSeconds / 86400)`), the Rewards epoch of pool 2. */
export const utcDaySchema = z.coerce.number().int().min(0).max(1_000_000_000);

/** A settled day of job shares, without its leaves. */
export const jobShareDaySummarySchema = z.object({
  day: z.number().int().min(0),
  /** The day's first second, for people. */
  startsAt: isoTimeSchema,
  /** `computed`: stored, root not on chain yet; `posted`: root on chain; `empty`: nothing to pay (no shares left). */
  state: z.enum(['computed', 'posted', 'empty']),
  /** The Rewards pool: always 2 (job shares). */
  poolNumber: z.literal(2),
  allowance: baseUnitsSchema,
  /** JobMarket's `totalSharesOf(day)` at `chainBlock`. */
  totalShares: baseUnitsSchema,
  /** The chain block the shares were read at (after every challenge window of the day closed). */
  chainBlock: z.number().int().min(0),
  root: bytes32Schema.nullable(),
  total: baseUnitsSchema,
  leafCount: z.number().int().min(0),
  computedAt: isoTimeSchema,
  txHash: bytes32Schema.nullable(),
  postedAt: isoTimeSchema.nullable(),
});
/** A settled day of job shares. */
export type JobShareDaySummary = z.infer<typeof jobShareDaySummarySchema>;

/** One node's payout of a day, with its Merkle proof. */
export const jobShareLeafSchema = z.object({
  day: z.number().int().min(0),
  poolNumber: z.literal(2),
  node: addressSchema,
  /** The leaf's beneficiary on chain: the node's address as bytes32; Rewards pays the node. */
  beneficiary: bytes32Schema,
  shares: baseUnitsSchema,
  amount: baseUnitsSchema,
  proof: z.array(bytes32Schema),
});
/** One node's payout of a day. */
export type JobShareLeafView = z.infer<typeof jobShareLeafSchema>;

/** GET /v1/rewards/job-shares query: newest day first, keyset pages. */
export const listJobShareDaysQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  /** Only days below this one. */
  before: utcDaySchema.optional(),
});
/** GET /v1/rewards/job-shares query. */
export type ListJobShareDaysQuery = z.input<typeof listJobShareDaysQuerySchema>;

/** GET /v1/rewards/job-shares response. */
export const listJobShareDaysResponseSchema = z.object({
  days: z.array(jobShareDaySummarySchema),
  /** Pass as `before` for the next page; null on the last. */
  next: z.number().int().nullable(),
});
/** GET /v1/rewards/job-shares response. */
export type ListJobShareDaysResponse = z.infer<typeof listJobShareDaysResponseSchema>;

/** Path of GET /v1/rewards/job-shares/:day. */
export const jobShareDayParamsSchema = z.strictObject({ day: utcDaySchema });

/** GET /v1/rewards/job-shares/:day response: the day and every leaf (public). */
export const jobShareDayResponseSchema = z.object({
  day: jobShareDaySummarySchema,
  leaves: z.array(jobShareLeafSchema),
});
/** GET /v1/rewards/job-shares/:day response. */
export type JobShareDayResponse = z.infer<typeof jobShareDayResponseSchema>;

/** Path of GET /v1/rewards/job-shares/nodes/:address. */
export const jobShareNodeParamsSchema = z.strictObject({ address: addressSchema });

/** GET /v1/rewards/job-shares/nodes/:address query: newest day first. */
export const jobShareNodeQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  before: utcDaySchema.optional(),
});
/** GET /v1/rewards/job-shares/nodes/:address query. */
export type JobShareNodeQuery = z.input<typeof jobShareNodeQuerySchema>;

/** A node's leaf with its claim status. */
export const jobShareEarningSchema = jobShareLeafSchema.extend(claimStatusShape);
/** A node's leaf with its claim status. */
export type JobShareEarning = z.infer<typeof jobShareEarningSchema>;

/** GET /v1/rewards/job-shares/nodes/:address response: a node's day shares, with proofs. */
export const jobShareNodeResponseSchema = z.object({
  node: addressSchema,
  earned: z.array(jobShareEarningSchema),
  /** Posted, not yet claimed (in this page). */
  owed: baseUnitsSchema,
  /** Already claimed (in this page). */
  claimed: baseUnitsSchema,
  /** Pass as `before` for older days; null on the last page. */
  next: z.number().int().nullable(),
});
/** GET /v1/rewards/job-shares/nodes/:address response. */
export type JobShareNodeResponse = z.infer<typeof jobShareNodeResponseSchema>;
