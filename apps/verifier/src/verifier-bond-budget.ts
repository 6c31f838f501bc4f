import type { WalletChainClients } from '@tensorgrid/chain';
import type { Logger } from 'pino';
import { formatEther, type Address } from 'viem';
import { ensureVerifierBond } from './ensure-verifier-bond';

/** The free bond a tick found, after any top-up (GRID base units), and how many verdicts it covers. */
export interface BondBudget {
  free: bigint;
  perVerdict: bigint;
  verdicts: number;
}

/** At most one "bond short" warning per this long, ms (while bond-bound, each closed job frees one verdict's). */
const WARN_EVERY_MS = 600_000;

/**
 * The verifier agent's bond budget, read once per tick. A verdict locks `verifierBond` until
 * its job closes, and a verdict without it reverts. When less than one verdict's bond is free,
 * the budget tops the bond up to `keep` verdicts from the account's GRID (its fees included;
 * `keep` 0 never tops up) and, if that is still short, warns (at most every 10 minutes).
 * @param deps - the verifier's chain clients, the market, a clock and the log
 * @param options - how many verdicts of free bond a top-up restores
 * @returns the read, one per tick
 */
export function createBondBudget(
  deps: { chain: WalletChainClients; market: Address; now: () => number; log?: Pick<Logger, 'info' | 'warn'> },
  options: { keep: number },
): () => Promise<BondBudget> {
  let lastWarning = Number.NEGATIVE_INFINITY;
  const grid = (amount: bigint) => `${formatEther(amount)} GRID`;
  return async function read(): Promise<BondBudget> {
    const { perVerdict, free: before } = await ensureVerifierBond(deps.chain, { market: deps.market, verdicts: 0 });
    let free = before;
    if (free < perVerdict && options.keep > 0) {
      const { added } = await ensureVerifierBond(deps.chain, { market: deps.market, verdicts: options.keep });
      free += added;
      if (added > 0n) deps.log?.info({ verifier: deps.chain.account.address, added: added.toString(), free: free.toString() }, `verifier bond topped up by ${grid(added)} (${grid(free)} free, ${grid(perVerdict)} a verdict)`);
    }
    const verdicts = Number(free / perVerdict);
    if (verdicts === 0 && deps.now() - lastWarning >= WARN_EVERY_MS) {
      lastWarning = deps.now();
      const why = options.keep > 0 ? 'and the account holds too little GRID to add' : 'and the agent keeps none (bondVerdicts 0)';
      deps.log?.warn({ verifier: deps.chain.account.address, free: free.toString(), perVerdict: perVerdict.toString() }, `verifier bond: ${grid(free)} free, a verdict locks ${grid(perVerdict)}, ${why}; new challenges and verdicts wait until closed jobs free their bond (GRID sent to ${deps.chain.account.address} is bonded without a restart)`);
    }
    return { free, perVerdict, verdicts };
  };
}
