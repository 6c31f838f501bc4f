import type { WalletChainClients } from '@tensorgrid/chain';
import type { Logger } from 'pino';
import { formatEther, type Address } from 'viem';
import { ensureVerifierBond } from './ensure-verifier-bond';

/** Whether one more verdict's bond is free now (GRID base units when not). */
export type BondCheck = { ready: true } | { ready: false; free: bigint; perVerdict: bigint };

/**
 * The verifier agent's bond gate. Before the agent challenges a job or judges one, one
 * verdict's bond must be free: a verdict without it reverts. When less is free, the gate tops
 * the bond up to `keep` verdicts from the account's GRID (its fees included); `keep` 0 never
 * tops up. When the account holds too little, the job waits until a closed job frees its bond,
 * and the gate warns once until the bond is ready again.
 * @param deps - the verifier's chain clients, the market and the log
 * @param options - how many verdicts of free bond a top-up restores
 * @returns the check, one per challenge or verdict
 */
export function createBondGate(deps: { chain: WalletChainClients; market: Address; log?: Pick<Logger, 'info' | 'warn'> }, options: { keep: number }): () => Promise<BondCheck> {
  let warned = false;
  const grid = (amount: bigint) => `${formatEther(amount)} GRID`;
  return async function check(): Promise<BondCheck> {
    const { free, added, perVerdict } = await ensureVerifierBond(deps.chain, { market: deps.market, verdicts: options.keep, below: 1 });
    const fields = { verifier: deps.chain.account.address, free: (free + added).toString(), perVerdict: perVerdict.toString() };
    if (added > 0n) deps.log?.info({ ...fields, added: added.toString() }, `verifier bond topped up by ${grid(added)} (${grid(free + added)} free, ${grid(perVerdict)} a verdict)`);
    if (free + added >= perVerdict) {
      warned = false;
      return { ready: true };
    }
    if (!warned) {
      warned = true;
      deps.log?.warn(fields, `verifier bond: ${grid(free + added)} free, a verdict locks ${grid(perVerdict)}, and the account holds too little GRID to add; jobs wait to be challenged and judged until closed jobs free their bond (send GRID to ${deps.chain.account.address} to verify more at once)`);
    }
    return { ready: false, free: free + added, perVerdict };
  };
}
