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
 * its job closes, and a verdict without it reverts. The read is given the verdicts its own
 * open challenges will need (`reserved`): when the free bond does not cover those and one new
 * challenge, it tops the bond up to `reserved + keep` verdicts from the account's GRID (its fees
 * included; `keep` 0 never tops up) and, if that is still short, warns (at most every 10 minutes).
 * @param deps - the verifier's chain clients, the market, a clock and the log
 * @param options - how many verdicts of free bond beyond its open challenges a top-up restores
 * @returns the read, one per tick
 */
export function createBondBudget(
  deps: { chain: WalletChainClients; market: Address; now: () => number; log?: Pick<Logger, 'info' | 'warn'> },
  options: { keep: number },
): (reserved: number) => Promise<BondBudget> {
  let lastWarning = Number.NEGATIVE_INFINITY;
  const grid = (amount: bigint) => `${formatEther(amount)} GRID`;
  return async function read(reserved: number): Promise<BondBudget> {
    const { perVerdict, free: before } = await ensureVerifierBond(deps.chain, { market: deps.market, verdicts: 0 });
    // A market without a verifier bond: every verdict is free.
    if (perVerdict === 0n) return { free: before, perVerdict, verdicts: Number.POSITIVE_INFINITY };
    const needed = perVerdict * BigInt(reserved + 1);
    let free = before;
    if (free < needed && options.keep > 0) {
      const { added } = await ensureVerifierBond(deps.chain, { market: deps.market, verdicts: reserved + options.keep });
      free += added;
      if (added > 0n) deps.log?.info({ verifier: deps.chain.account.address, added: added.toString(), free: free.toString() }, `verifier bond topped up by ${grid(added)} (${grid(free)} free, ${grid(perVerdict)} a verdict)`);
    }
    if (free < needed && deps.now() - lastWarning >= WARN_EVERY_MS) {
      lastWarning = deps.now();
      const why = options.keep > 0 ? 'and the account holds too little GRID to add' : 'and the agent keeps none (bondVerdicts 0)';
      deps.log?.warn({ verifier: deps.chain.account.address, free: free.toString(), perVerdict: perVerdict.toString(), reserved }, `verifier bond: ${grid(free)} free, a verdict locks ${grid(perVerdict)} and ${reserved} of its challenges await verdicts, ${why}; new challenges wait until closed jobs free their bond (GRID sent to ${deps.chain.account.address} is bonded without a restart)`);
    }
    return { free, perVerdict, verdicts: Number(free / perVerdict) };
  };
}
