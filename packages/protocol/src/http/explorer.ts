import { z } from 'zod';
import { addressSchema, isoTimeSchema } from '../common';
import { deviceStateSchema } from '../device';
import { publicHardwareSchema } from '../hardware';

/**
 * The public explorer (`/v1/explorer`): read-only, unauthenticated. It shows what anyone may
 * know about a device and nothing that links it to a person: the device id (its worker
 * address) and its operator address (already public on chain through staking), never GPU
 * UUIDs or PCI bus ids (hardware fingerprints that would tie devices of different accounts
 * together), IP addresses, or coordinates finer than 0.1° (about 11 km). There is no filter by
 * operator. Every response schema is strict: a field not listed here is a leak.
 */

/** A connectivity tier: 1 (fastest) to 4, or 'unranked'. */
export const connectivityTierSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal('unranked')]);

/** A declared location as the explorer shows it: coordinates rounded to 0.1°. */
export const publicLocationSchema = z.strictObject({
  country: z.string(),
  city: z.string().optional(),
  latitude: z.number().optional(),
  longitude: z.number().optional(),
});

const countrySchema = z
  .string()
  .transform((s) => s.toUpperCase())
  .pipe(z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code, e.g. DE'));

/** GET /v1/explorer/devices query. Pages hold at most 100 devices; follow `next`. */
export const explorerDevicesQuerySchema = z.strictObject({
  state: deviceStateSchema.optional(),
  gpuModel: z.string().min(1).max(200).optional(),
  country: countrySchema.optional(),
  tier: z.enum(['1', '2', '3', '4', 'unranked'], { error: "must be 1, 2, 3, 4 or 'unranked'" }).transform((t) => (t === 'unranked' ? 'unranked' : (Number(t) as 1 | 2 | 3 | 4))).optional(),
  simulated: z.enum(['true', 'false'], { error: "must be 'true' or 'false'" }).transform((s) => s === 'true').optional(),
  minScore: z.coerce.number().min(0).max(100).optional(),
  /** Only devices that may (true) or may not (false) be hired now. */
  eligible: z.enum(['true', 'false'], { error: "must be 'true' or 'false'" }).transform((s) => s === 'true').optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  after: addressSchema.transform((a) => a.toLowerCase()).optional(),
});
/** GET /v1/explorer/devices query (as sent). */
export type ExplorerDevicesQuery = z.input<typeof explorerDevicesQuerySchema>;

/** One device in an explorer list. */
export const explorerDeviceSummarySchema = z.strictObject({
  id: addressSchema,
  operator: addressSchema.nullable(),
  state: deviceStateSchema,
  kind: z.enum(['gpu', 'cpu']),
  gpuModel: z.string().nullable(),
  gpuCount: z.number().int().min(0),
  simulated: z.boolean(),
  location: publicLocationSchema.nullable(),
  tier: connectivityTierSchema.nullable(),
  score: z.number().min(0).max(100),
  eligible: z.boolean(),
  registeredAt: isoTimeSchema,
  lastHeartbeatAt: isoTimeSchema.nullable(),
});
/** One device in an explorer list. */
export type ExplorerDeviceSummary = z.infer<typeof explorerDeviceSummarySchema>;

/** GET /v1/explorer/devices response. A page may hold fewer than `limit` devices (with minScore or eligible); it is the last only when `next` is null. */
export const explorerDevicesResponseSchema = z.strictObject({
  devices: z.array(explorerDeviceSummarySchema),
  next: addressSchema.nullable(),
});
/** GET /v1/explorer/devices response. */
export type ExplorerDevicesResponse = z.infer<typeof explorerDevicesResponseSchema>;

const unit = z.number().min(0).max(1);

/** Why a device cannot be hired (see the domain's eligibility rules). */
export const ineligibleReasonSchema = z.discriminatedUnion('code', [
  z.strictObject({ code: z.literal('blocked') }),
  z.strictObject({ code: z.literal('in-trial'), until: isoTimeSchema }),
  z.strictObject({ code: z.literal('score-below-threshold'), score: z.number(), threshold: z.number() }),
  z.strictObject({ code: z.literal('down-too-long'), downForMs: z.number(), limitMs: z.number() }),
]);

/** GET /v1/explorer/devices/:id response. */
export const explorerDeviceSchema = explorerDeviceSummarySchema.extend({
  hardware: publicHardwareSchema,
  stateChangedAt: isoTimeSchema,
  /** Measured by the coordinator, never declared. */
  network: z.strictObject({
    throughput: z.strictObject({ downMBps: z.number(), upMBps: z.number(), measuredAt: isoTimeSchema }).nullable(),
    latency: z.strictObject({ medianMs: z.number(), latestMs: z.number(), measuredAt: isoTimeSchema }).nullable(),
  }),
  quality: z.strictObject({
    score: z.number(),
    parts: z.strictObject({ uptime: unit, network: unit, gpuPerformance: unit, clusterPerformance: unit, cpuPerformance: unit, proofOfWorkPassRate: unit, memoryTestPassRate: unit }),
  }),
  eligibility: z.strictObject({ eligible: z.boolean(), reasons: z.array(ineligibleReasonSchema) }),
  /** Uptime fractions; downtime while the device's region was degraded is not counted against it. */
  timeScore: z.strictObject({ last24h: unit, last7d: unit, last30d: unit }),
  /** Downtime per UTC day over the last 30 days, oldest first (degraded time forgiven). */
  downtimePerDay: z.array(z.strictObject({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), downMs: z.number().min(0) })),
  /** The device's region (declared country, ZZ when undeclared) and whether it is in degraded mode now. */
  region: z.strictObject({ code: z.string(), degraded: z.boolean() }),
});
/** GET /v1/explorer/devices/:id response. */
export type ExplorerDevice = z.infer<typeof explorerDeviceSchema>;

/** GET /v1/explorer/devices/:id/uptime query: ISO times; default the last 7 days; at most 90 days. */
export const explorerUptimeQuerySchema = z
  .strictObject({ from: isoTimeSchema.optional(), to: isoTimeSchema.optional() })
  .refine((q) => q.from === undefined || q.to === undefined || Date.parse(q.from) < Date.parse(q.to), { message: 'from must be before to', path: ['from'] });

/** GET /v1/explorer/devices/:id/uptime response. */
export const explorerUptimeResponseSchema = z.strictObject({
  deviceId: addressSchema,
  from: isoTimeSchema,
  to: isoTimeSchema,
  /** Changes inside the window, preceded by the last one before it. */
  changes: z.array(z.strictObject({ at: isoTimeSchema, up: z.boolean() })),
  upMs: z.number().min(0),
  /** Downtime inside the window that is forgiven (the region was degraded). */
  forgivenMs: z.number().min(0),
  degradedIntervals: z.array(z.strictObject({ from: isoTimeSchema, to: isoTimeSchema })),
});
/** GET /v1/explorer/devices/:id/uptime response. */
export type ExplorerUptimeResponse = z.infer<typeof explorerUptimeResponseSchema>;

const historyLimitSchema = z.coerce.number().int().min(1).max(100).default(50);

/**
 * GET /v1/explorer/devices/:id/challenges query. Pages hold at most 100 results; follow `next`.
 * `before` is the previous page's `next` (`<issuedAt ms>:<id>`), or a bare time in ms (results issued before it).
 */
export const explorerChallengesQuerySchema = z.strictObject({
  limit: historyLimitSchema,
  before: z
    .string()
    .regex(/^\d{1,15}(:[\w-]{1,100})?$/, "must be a page's next cursor (<issuedAt ms>:<id>) or a time in ms")
    .transform((c) => {
      const [at, id] = c.split(':') as [string, string | undefined];
      return { atMs: Number(at), ...(id === undefined ? {} : { id }) };
    })
    .optional(),
});
/** GET /v1/explorer/devices/:id/challenges query (as sent). */
export type ExplorerChallengesQuery = z.input<typeof explorerChallengesQuerySchema>;

/** GET /v1/explorer/devices/:id/challenges response: newest first; the last page when `next` is null. */
export const explorerChallengesResponseSchema = z.strictObject({
  challenges: z.array(
    z.strictObject({
      id: z.string(),
      kind: z.string(),
      issuedAt: isoTimeSchema,
      finishedAt: isoTimeSchema,
      passed: z.boolean(),
      reason: z.string().nullable(),
      metrics: z.record(z.string(), z.number()),
    }),
  ),
  /** The `before` of the next page. */
  next: z.string().nullable(),
});
/** GET /v1/explorer/devices/:id/challenges response. */
export type ExplorerChallengesResponse = z.infer<typeof explorerChallengesResponseSchema>;

/** One reward of a device: an epoch's amount in base units (a decimal string). */
export const explorerRewardSchema = z.strictObject({ epoch: z.string(), pool: z.string(), amount: z.string().regex(/^\d+$/), postedAt: isoTimeSchema.nullable() });
/** GET /v1/explorer/devices/:id/rewards query. Pages hold at most 100 rewards; follow `next` (`before`: only epochs below this one). */
export const explorerRewardsQuerySchema = z.strictObject({
  limit: historyLimitSchema,
  before: z.string().regex(/^\d{1,15}$/, "must be a page's next cursor (an epoch number)").transform(Number).optional(),
});
/** GET /v1/explorer/devices/:id/rewards query (as sent). */
export type ExplorerRewardsQuery = z.input<typeof explorerRewardsQuerySchema>;

/** GET /v1/explorer/devices/:id/rewards response, newest first; the last page when `next` is null. */
export const explorerRewardsResponseSchema = z.strictObject({
  rewards: z.array(explorerRewardSchema),
  /** The `before` of the next page (an epoch). */
  next: z.string().regex(/^\d+$/).nullable(),
});
/** GET /v1/explorer/devices/:id/rewards response. */
export type ExplorerRewardsResponse = z.infer<typeof explorerRewardsResponseSchema>;
