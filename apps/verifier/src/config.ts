import { loadConfig } from '@tensorgrid/config';
import { addressSchema } from '@tensorgrid/protocol';
import { z } from 'zod';

const keySchema = z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'must be a 0x-prefixed 32-byte hex key');

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
  /** When set with `canaryNodeKey`, the same process runs the canary bot: this account posts canaries and disputes passed ones. */
  canaryKey: keySchema.optional(),
  /** The canary bot's node account (needs workers on the JobMarket); its key also seeds the planted steps. */
  canaryNodeKey: keySchema.optional(),
  /** Canaries as a share of the jobs verifiers judge. @default 0.02 */
  canaryRate: z.coerce.number().min(0).max(1).default(0.02),
  /** How often the agent looks at submitted jobs, ms. @default 2000 */
  intervalMs: z.coerce.number().int().min(50).default(2_000),
  /** How long a node has to answer a challenge, seconds. @default 120 */
  respondWithinSeconds: z.coerce.number().int().min(10).max(86_400).default(120),
  /** Free verifier bond to keep at start, in verdicts (each locks the market's verifierBond). @default 4 */
  bondVerdicts: z.coerce.number().int().min(0).max(1_000).default(4),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
}).refine((o) => (o.canaryKey === undefined) === (o.canaryNodeKey === undefined), {
  message: 'the canary bot needs both canaryKey (TG_CANARY_KEY) and canaryNodeKey (TG_CANARY_NODE_KEY), or neither',
  path: ['canaryNodeKey'],
}).refine((o) => o.canaryKey === undefined || o.canaryKey.toLowerCase() !== o.canaryNodeKey?.toLowerCase(), {
  message: 'the canary\'s node cannot dispute its own job: canaryKey and canaryNodeKey must differ',
  path: ['canaryKey'],
}).refine((o) => ![o.canaryKey, o.canaryNodeKey].some((k) => k?.toLowerCase() === o.privateKey.toLowerCase()), {
  message: 'a verifier must not judge its own canaries: the canary keys must differ from the verifier\'s key',
  path: ['canaryKey'],
});

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
  canaryKey: 'TG_CANARY_KEY',
  canaryNodeKey: 'TG_CANARY_NODE_KEY',
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
