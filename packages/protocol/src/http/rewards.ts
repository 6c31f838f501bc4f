import { z } from 'zod';
import { addressSchema, bytes32Schema, isoTimeSchema } from '../common';

/** An amount of GRID in base units, as a decimal string (bigint-safe in JSON). */
export const baseUnitsSchema = z.string().regex(/^\d{1,78}$/, 'must be a non-negative integer in base units');

/** A device pool of the block rewards (0 GPU, 1 CPU on chain). */
export const devicePoolSchema = z.enum(['gpu', 'cpu']);

/** Why a device missed a block: one failed nomination criterion, with its numbers. */
export const missCriterionSchema = z.discriminatedUnion('code', [
  z.object({ code: z.literal('not-up'), upMs: z.number(), requiredMs: z.number() }),
  z.object({ code: z.literal('uptime-streak-short'), streakMs: z.number(), requiredMs: z.number() }),
  z.object({ code: z.literal('challenges-failed'), failed: z.number(), allowed: z.number() }),
  z.object({ code: z.literal('no-challenge-passed'), lookbackMs: z.number() }),
  z.object({ code: z.literal('stake-below-minimum'), stake: baseUnitsSchema, minimum: baseUnitsSchema }),
  z.object({ code: z.literal('blocked') }),
  z.object({ code: z.literal('score-below-threshold'), score: z.number(), threshold: z.number() }),
  z.object({ code: z.literal('simulated') }),
]);
/** A failed nomination criterion. */
export type MissCriterionView = z.infer<typeof missCriterionSchema>;

/** One pool's root of a block. */
export const rewardPoolRootSchema = z.object({
  pool: devicePoolSchema,
  /** The pool number on the Rewards contract. */
  poolNumber: z.number().int().min(0).max(1),
  allowance: baseUnitsSchema,
  /** The Merkle root, null when the pool paid nothing (its allowance is never minted). */
  root: bytes32Schema.nullable(),
  total: baseUnitsSchema,
  txHash: bytes32Schema.nullable(),
  postedAt: isoTimeSchema.nullable(),
});

/** A reward block without its leaves. */
export const rewardBlockSummarySchema = z.object({
  /** Hourly block number from the Rewards genesis. */
  block: z.number().int().min(0),
  /** `computed`: stored, roots not all on chain yet; `posted`: every root is on chain. */
  state: z.enum(['computed', 'posted']),
  deviceEmission: baseUnitsSchema,
  computedAt: isoTimeSchema,
  leafCount: z.number().int().min(0),
  missCount: z.number().int().min(0),
  pools: z.array(rewardPoolRootSchema),
});
/** A reward block without its leaves. */
export type RewardBlockSummary = z.infer<typeof rewardBlockSummarySchema>;

/** One device's payout in a block, with its Merkle proof. */
export const rewardLeafSchema = z.object({
  block: z.number().int().min(0),
  pool: devicePoolSchema,
  poolNumber: z.number().int().min(0).max(1),
  deviceId: addressSchema,
  /** The leaf's beneficiary on chain: the device id as bytes32. */
  beneficiary: bytes32Schema,
  /** Who is paid: the device's owner on Staking (co-stakers share per the device's offer). */
  account: addressSchema,
  weight: baseUnitsSchema,
  amount: baseUnitsSchema,
  proof: z.array(bytes32Schema),
});
/** One device's payout in a block. */
export type RewardLeafView = z.infer<typeof rewardLeafSchema>;

/** A device that missed a block, and every criterion it failed. */
export const rewardMissSchema = z.object({
  block: z.number().int().min(0),
  deviceId: addressSchema,
  account: addressSchema,
  failed: z.array(missCriterionSchema),
});
/** A device that missed a block. */
export type RewardMissView = z.infer<typeof rewardMissSchema>;

/** GET /v1/rewards/blocks query: newest first, keyset pages. */
export const listRewardBlocksQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  /** Only blocks below this one. */
  before: z.coerce.number().int().min(0).optional(),
});
/** GET /v1/rewards/blocks query. */
export type ListRewardBlocksQuery = z.input<typeof listRewardBlocksQuerySchema>;

/** GET /v1/rewards/blocks response. */
export const listRewardBlocksResponseSchema = z.object({
  blocks: z.array(rewardBlockSummarySchema),
  /** Pass as `before` for the next page; null on the last. */
  next: z.number().int().nullable(),
});
/** GET /v1/rewards/blocks response. */
export type ListRewardBlocksResponse = z.infer<typeof listRewardBlocksResponseSchema>;

/** Path of GET /v1/rewards/blocks/:n. */
export const rewardBlockParamsSchema = z.strictObject({ n: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER) });

/** GET /v1/rewards/blocks/:n response: the block, every leaf (public) and every miss. */
export const rewardBlockResponseSchema = z.object({
  block: rewardBlockSummarySchema,
  leaves: z.array(rewardLeafSchema),
  misses: z.array(rewardMissSchema),
});
/** GET /v1/rewards/blocks/:n response. */
export type RewardBlockResponse = z.infer<typeof rewardBlockResponseSchema>;

/** Path of GET /v1/rewards/accounts/:address. */
export const rewardAccountParamsSchema = z.strictObject({ address: addressSchema });

/** GET /v1/rewards/accounts/:address query: newest block first, keyset pages. */
export const rewardAccountQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  before: z.coerce.number().int().min(0).optional(),
});
/** GET /v1/rewards/accounts/:address query. */
export type RewardAccountQuery = z.input<typeof rewardAccountQuerySchema>;

/** Where a leaf stands on chain: shared by block rewards and job-share days. */
export const claimStatusShape = {
  /** Whether the root of the leaf's pool or day is on chain (a claim needs it). */
  posted: z.boolean(),
  /** Whether the leaf was claimed on chain; null when the coordinator cannot tell (no chain access). */
  claimed: z.boolean().nullable(),
};

/**
 * A leaf of the account with its claim status and the account's part of it. `role`: how the
 * account is paid from it (the leaf's payee, the device's owner when the block was built; a
 * co-staker of the device; or `device`, the device's own id queried while another account owns it). `share`: this account's part (the whole leaf for `device`): of a
 * claimed leaf, what its claim paid the account (RewardPaid events); of an unclaimed one, what a
 * claim now would pay under the device's reward split on Staking now (co-stakers are paid by the
 * split at claim time); null when the coordinator has no chain access.
 */
export const rewardEarningSchema = rewardLeafSchema.extend({
  ...claimStatusShape,
  role: z.enum(['owner', 'co-staker', 'device']),
  share: baseUnitsSchema.nullable(),
});
/** A leaf of the account with its claim status. */
export type RewardEarning = z.infer<typeof rewardEarningSchema>;

/** GET /v1/rewards/accounts/:address response: what an account (owner, co-staker, or device id) earned and missed, block by block. */
export const rewardAccountResponseSchema = z.object({
  account: addressSchema,
  earned: z.array(rewardEarningSchema),
  missed: z.array(rewardMissSchema),
  /** Posted, not yet claimed (in this page): the account's shares (whole leaves without chain access). */
  owed: baseUnitsSchema,
  /** Already claimed (in this page): what the claims paid the account. */
  claimed: baseUnitsSchema,
  /** Pass as `before` for older blocks; null on the last page. */
  next: z.number().int().nullable(),
});
/** GET /v1/rewards/accounts/:address response. */
export type RewardAccountResponse = z.infer<typeof rewardAccountResponseSchema>;
