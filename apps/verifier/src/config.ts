import { loadConfig } from '@tensorgrid/config';
import { addressSchema } from '@tensorgrid/protocol';
import { z } from 'zod';

const keySchema = z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'must be a 0x-prefixed 32-byte hex key');
/** One key or more: an array (flags), or comma-separated (environment). */
const keyListSchema = z.preprocess((v) => (typeof v === 'string' ? v.split(',').map((k) => k.trim()) : v), z.array(keySchema).min(1, 'needs at least one key'));

/** The verifier agent's options. The chain, market and key have no defaults. */
export const verifierOptionsSchema = z.object({
  /** The coordinator whose job index and challenge exchange the agent uses. @default http://127.0.0.1:7070 */
  coordinatorUrl: z.string().url().default('http://127.0.0.1:7070'),
  /** JSON-RPC endpoint of the chain. */
  rpcUrl: z.string().url(),
  chainId: z.coerce.number().int().positive().default(31337),
  /** The JobMarket contract. */
  jobMarketAddress: addressSchema,
  /** The verifier's key (its account must hold VERIFIER_ROLE on the JobMarket). */
  privateKey: keySchema,
  /** When set, the same process also runs the referee agent with this key (its account must hold REFEREE_ROLE). */
  refereeKey: keySchema.optional(),
  /** When set with `canaryNodeKeys`, the same process runs the canary bot: these accounts post canaries (each drawn at random) and dispute passed ones. */
  canaryKeys: keyListSchema.optional(),
  /**
   * The canary bot's node accounts (each needs workers on the JobMarket; each canary goes to one with room, drawn at random).
   * The first key also seeds the planted steps, so keep it first; keep every key until its canaries are closed (retire a node by withdrawing its workers).
   */
  canaryNodeKeys: keyListSchema.optional(),
  /** Canaries as a share of the jobs verifiers judge. @default 0.02 */
  canaryRate: z.coerce.number().min(0).max(1).default(0.02),
  /** How often the agent looks at submitted jobs, ms. @default 2000 */
  intervalMs: z.coerce.number().int().min(50).default(2_000),
  /** How long a node has to answer a challenge, seconds. @default 120 */
  respondWithinSeconds: z.coerce.number().int().min(10).max(86_400).default(120),
  /** Free verifier bond to keep, in verdicts (each locks the market's verifierBond): topped up to at start, and added beyond the agent's open challenges whenever the free bond does not cover those and one more. @default 4 */
  bondVerdicts: z.coerce.number().int().min(0).max(1_000).default(4),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
}).refine((o) => (o.canaryKeys === undefined) === (o.canaryNodeKeys === undefined), {
  message: 'the canary bot needs both canaryKeys (TG_CANARY_KEYS) and canaryNodeKeys (TG_CANARY_NODE_KEYS), or neither',
  path: ['canaryNodeKeys'],
}).refine((o) => new Set(canaryKeysOf(o)).size === canaryKeysOf(o).length, {
  message: 'each canary account must be listed once: a canary\'s node cannot dispute its own job, so no key may be in both canaryKeys and canaryNodeKeys',
  path: ['canaryKeys'],
}).refine((o) => ![o.privateKey, o.refereeKey].some((k) => k !== undefined && canaryKeysOf(o).includes(k.toLowerCase())), {
  message: 'a verifier or referee must not judge its own canaries: the canary keys must differ from the verifier\'s and the referee\'s keys',
  path: ['canaryKeys'],
});

/** Every canary key, lowercase. */
function canaryKeysOf(o: { canaryKeys?: string[] | undefined; canaryNodeKeys?: string[] | undefined }): string[] {
  return [...o.canaryKeys ?? [], ...o.canaryNodeKeys ?? []].map((k) => k.toLowerCase());
}

/** Compiled verifier options. */
export type VerifierOptions = z.output<typeof verifierOptionsSchema>;

/** Environment variables of the verifier agent. */
export const VERIFIER_ENV = {
  coordinatorUrl: 'TG_COORDINATOR_URL',
  rpcUrl: 'TG_RPC_URL',
  chainId: 'TG_CHAIN_ID',
  jobMarketAddress: 'TG_JOB_MARKET_ADDRESS',
  privateKey: 'TG_VERIFIER_KEY',
  refereeKey: 'TG_REFEREE_KEY',
  canaryKeys: 'TG_CANARY_KEYS',
  canaryNodeKeys: 'TG_CANARY_NODE_KEYS',
  canaryRate: 'TG_CANARY_RATE',
  intervalMs: 'TG_VERIFIER_INTERVAL_MS',
  respondWithinSeconds: 'TG_VERIFIER_RESPOND_WITHIN_S',
  bondVerdicts: 'TG_VERIFIER_BOND_VERDICTS',
  logLevel: 'TG_LOG_LEVEL',
} as const satisfies Record<keyof VerifierOptions, string>;

/**
 * Loads the verifier's options: defaults < environment < flags.
 * @param env - the environment (process.env in a main.ts)
 * @param flags - command-line options
 * @throws BaseError CONFIG_INVALID naming each bad or missing field
 */
export function loadVerifierOptions(env: Record<string, string | undefined>, flags: Partial<Record<keyof VerifierOptions, unknown>> = {}): VerifierOptions {
  return loadConfig(verifierOptionsSchema, { env, envMap: VERIFIER_ENV, flags });
}
