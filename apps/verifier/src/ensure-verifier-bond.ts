import { bondVerifier, jobMarketCallAbi, readVerifierBond, type WalletChainClients } from '@tensorgrid/chain';
import type { Address } from 'viem';

/** What {@link ensureVerifierBond} found and did (GRID base units). */
export interface EnsureVerifierBondResult {
  /** The market's bond one verdict locks. */
  perVerdict: bigint;
  /** Free bond before. */
  free: bigint;
  /** Added now (0 when the free bond already covered the verdicts). */
  added: bigint;
}

/**
 * Tops up the verifier's free bond so that it covers `verdicts` verdicts: each verdict locks
 * the market's `verifierBond` until its job closes, and a verdict without it reverts.
 * @param chain - the verifier's chain clients
 * @param params - the market and how many verdicts to cover
 * @throws BaseError INSUFFICIENT_FUNDS (too little GRID), CHAIN_ERROR
 */
export async function ensureVerifierBond(chain: WalletChainClients, params: { market: Address; verdicts: number }): Promise<EnsureVerifierBondResult> {
  const perVerdict = await chain.publicClient.readContract({ address: params.market, abi: jobMarketCallAbi, functionName: 'verifierBond' });
  const { bond, locked } = await readVerifierBond(chain, { address: params.market, verifier: chain.account.address });
  const free = bond - locked;
  const want = perVerdict * BigInt(params.verdicts);
  const added = want > free ? want - free : 0n;
  if (added > 0n) await bondVerifier(chain, { address: params.market, amount: added });
  return { perVerdict, free, added };
}
