import { createChainClients } from '@tensorgrid/chain';
import { createCoordinatorClient } from '@tensorgrid/sdk';
import { assertConformance } from '@tensorgrid/tensor';
import type { Logger } from 'pino';
import { keccak256, toHex, type Hex } from 'viem';
import { createCanaryBot, type CanaryBot } from './canary/canary-bot';
import type { VerifierOptions } from './config';
import { ensureVerifierBond } from './ensure-verifier-bond';
import { nativeHashes } from '@tensorgrid/tensor/native';
import { createRefereeAgent, type RefereeAgent } from './referee-agent';
import { createVerifierAgent, type VerifierAgent } from './verifier-agent';

/** A running verifier agent. */
export interface RunningVerifier {
  agent: VerifierAgent;
  /** The referee agent, when `refereeKey` was given. */
  referee?: RefereeAgent;
  /** The canary bot, when `canaryKeys` and `canaryNodeKeys` were given. */
  canary?: CanaryBot;
  /** Stops the loop and waits for the tick in flight. */
  stop(): Promise<void>;
}

/** What {@link startVerifier} needs besides the options. */
export interface StartVerifierDeps {
  log: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** A clock (tests). */
  now?: () => number;
  /** Checks this machine reproduces the conformance vectors (returns how many); `assertConformance` with the native state hashes replays use by default. */
  checkKernels?: () => number;
}

/**
 * Starts the verifier agent: first checks the conformance vectors (throws
 * `KERNEL_NONCONFORMANT` before touching the chain when they fail: its replays would call
 * honest steps wrong and lose every dispute), then tops up its free bond to cover `bondVerdicts` verdicts, then
 * ticks every `intervalMs` (one tick at a time) until stopped. With `refereeKey` the loop also
 * ticks the referee agent (signing with that key), which resolves contested rejections and
 * disputes; with `canaryKeys` and `canaryNodeKeys` it ticks the canary bot, which keeps
 * `canaryRate` of the verification work canaries (in production the canary bot would run
 * apart from any verifier, which must not know its accounts). `main.ts` runs it from the environment.
 * @param options - compiled verifier options
 * @param deps - the log, and optionally a clock and a kernel check (tests)
 */
export async function startVerifier(options: Omit<VerifierOptions, 'logLevel'>, deps: StartVerifierDeps): Promise<RunningVerifier> {
  const { log } = deps;
  const vectors = (deps.checkKernels ?? (() => assertConformance({ hashes: nativeHashes })))();
  log.info({ vectors }, 'this machine reproduces the conformance vectors');
  const chain = createChainClients({ rpcUrl: options.rpcUrl, chainId: options.chainId, privateKey: options.privateKey as Hex });
  const coordinator = createCoordinatorClient({ url: options.coordinatorUrl, account: chain.account });
  const market = options.jobMarketAddress as Hex;
  const bond = await ensureVerifierBond(chain, { market, verdicts: options.bondVerdicts });
  const bondFields = { verifier: chain.account.address, perVerdict: bond.perVerdict.toString(), free: bond.free.toString(), added: bond.added.toString(), short: bond.short.toString() };
  if (bond.short > 0n) log.warn(bondFields, `verifier bond short of ${options.bondVerdicts} verdicts: too little GRID; new challenges and verdicts wait until closed jobs free their bond (GRID sent to the account is bonded as needed, without a restart)`);
  else log.info(bondFields, bond.added > 0n ? `verifier bond topped up to cover ${options.bondVerdicts} verdicts` : `verifier bond already covers ${options.bondVerdicts} verdicts`);
  const agent = createVerifierAgent({ coordinator, chain, market, now: deps.now ?? Date.now, log }, { respondWithinSeconds: options.respondWithinSeconds, bondVerdicts: options.bondVerdicts });
  const referee = options.refereeKey
    ? createRefereeAgent({ coordinator, chain: createChainClients({ rpcUrl: options.rpcUrl, chainId: options.chainId, privateKey: options.refereeKey as Hex }), market, log })
    : undefined;
  const canaryAccount = (key: string) => {
    const accountChain = createChainClients({ rpcUrl: options.rpcUrl, chainId: options.chainId, privateKey: key as Hex });
    return { chain: accountChain, coordinator: createCoordinatorClient({ url: options.coordinatorUrl, account: accountChain.account }) };
  };
  const canary = options.canaryKeys && options.canaryNodeKeys
    ? createCanaryBot({
      nodes: options.canaryNodeKeys.map(canaryAccount),
      requesters: options.canaryKeys.map(canaryAccount),
      // The planted steps' secret, derived from (not equal to) the first node's key, whatever its case.
      market, secret: keccak256(toHex(`tensorgrid/canary/${options.canaryNodeKeys[0]!.toLowerCase()}`)), log,
    }, { rate: options.canaryRate })
    : undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<unknown> = Promise.resolve();
  const loop = () => {
    inFlight = agent.tick()
      .catch((err: unknown) => log.error({ err }, 'verifier tick failed; retrying'))
      .then(() => referee?.tick())
      .catch((err: unknown) => log.error({ err }, 'referee tick failed; retrying'))
      .then(() => canary?.tick())
      .catch((err: unknown) => log.error({ err }, 'canary bot tick failed; retrying'))
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, options.intervalMs);
      });
  };
  loop();
  const roles = ['verifier', ...(referee ? ['referee'] : []), ...(canary ? ['canary bot'] : [])];
  const named = roles.length === 1 ? roles[0] : `${roles.slice(0, -1).join(', ')} and ${roles.at(-1)}`;
  log.info({ coordinator: options.coordinatorUrl, market, intervalMs: options.intervalMs, referee: referee ? 'on' : 'off', canaryRate: canary ? options.canaryRate : 0 }, `${named} started`);
  return {
    agent,
    ...(referee ? { referee } : {}),
    ...(canary ? { canary } : {}),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await inFlight;
      log.info('verifier agent stopped');
    },
  };
}
