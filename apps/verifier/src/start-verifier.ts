import { createChainClients } from '@tensorgrid/chain';
import { createCoordinatorClient } from '@tensorgrid/sdk';
import type { Logger } from 'pino';
import type { Hex } from 'viem';
import type { VerifierOptions } from './config';
import { ensureVerifierBond } from './ensure-verifier-bond';
import { createRefereeAgent, type RefereeAgent } from './referee-agent';
import { createVerifierAgent, type VerifierAgent } from './verifier-agent';

/** A running verifier agent. */
export interface RunningVerifier {
  agent: VerifierAgent;
  /** The referee agent, when `refereeKey` was given. */
  referee?: RefereeAgent;
  /** Stops the loop and waits for the tick in flight. */
  stop(): Promise<void>;
}

/**
 * Starts the verifier agent: tops up its free bond to cover `bondVerdicts` verdicts, then
 * ticks every `intervalMs` (one tick at a time) until stopped. With `refereeKey` the loop also
 * ticks the referee agent (signing with that key), which resolves contested rejections. The devnet can call this in
 * process; `main.ts` runs it from the environment.
 * @param options - compiled verifier options
 * @param deps - the log, and optionally a clock (tests)
 */
export async function startVerifier(options: Omit<VerifierOptions, 'logLevel'>, deps: { log: Pick<Logger, 'info' | 'warn' | 'error'>; now?: () => number }): Promise<RunningVerifier> {
  const { log } = deps;
  const chain = createChainClients({ rpcUrl: options.rpcUrl, chainId: options.chainId, privateKey: options.privateKey as Hex });
  const coordinator = createCoordinatorClient({ url: options.coordinatorUrl, account: chain.account });
  const market = options.jobMarketAddress as Hex;
  const bond = await ensureVerifierBond(chain, { market, verdicts: options.bondVerdicts });
  log.info({ verifier: chain.account.address, perVerdict: bond.perVerdict.toString(), free: bond.free.toString(), added: bond.added.toString() },
    bond.added > 0n ? `verifier bond topped up to cover ${options.bondVerdicts} verdicts` : `verifier bond already covers ${options.bondVerdicts} verdicts`);
  const agent = createVerifierAgent({ coordinator, chain, market, now: deps.now ?? Date.now, log }, { q: options.q, respondWithinSeconds: options.respondWithinSeconds });
  const referee = options.refereeKey
    ? createRefereeAgent({ coordinator, chain: createChainClients({ rpcUrl: options.rpcUrl, chainId: options.chainId, privateKey: options.refereeKey as Hex }), market, log })
    : undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<unknown> = Promise.resolve();
  const loop = () => {
    inFlight = agent.tick()
      .catch((err: unknown) => log.error({ err }, 'verifier tick failed; retrying'))
      .then(() => referee?.tick())
      .catch((err: unknown) => log.error({ err }, 'referee tick failed; retrying'))
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, options.intervalMs);
      });
  };
  loop();
  log.info({ coordinator: options.coordinatorUrl, market, intervalMs: options.intervalMs, q: options.q, referee: referee ? 'on' : 'off' }, referee ? 'verifier and referee agents started' : 'verifier agent started');
  return {
    agent,
    ...(referee ? { referee } : {}),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await inFlight;
      log.info('verifier agent stopped');
    },
  };
}
