import { bondVerifier, gridTokenAbi, jobMarketCallAbi, readVerifierBond, type WalletChainClients } from '@tensorgrid/chain';
import type { Address } from 'viem';

/** What {@link ensureVerifierBond} found and did (GRID base units). */
export interface EnsureVerifierBondResult {
  /** The market's bond one verdict locks. */
  perVerdict: bigint;
  /** Free bond before. */
  free: bigint;
  /** Added now (0 when the free bond already covered the verdicts). */
  added: bigint;
  /** What the top-up lacked because the account held too little GRID (0 when it covered the verdicts). */
  short: bigint;
}

/**
 * Tops up the verifier's free bond so that it covers `verdicts` verdicts: each verdict locks
 * the market's `verifierBond` until its job closes, and a verdict without it reverts (the agent
 * challenges and judges only as many jobs as its free bond covers). With too little GRID it adds
 * what the account holds and reports the rest as `short`: a verifier whose bond is locked in
 * open jobs keeps running instead of failing at start. `verdicts` 0 only reads the bond.
 * @param chain - the verifier's chain clients
 * @param params - the market and how many verdicts to cover
 * @throws BaseError CHAIN_ERROR
 */
export async function ensureVerifierBond(chain: WalletChainClients, params: { market: Address; verdicts: number }): Promise<EnsureVerifierBondResult> {
  const perVerdict = await chain.publicClient.readContract({ address: params.market, abi: jobMarketCallAbi, functionName: 'verifierBond' });
  const { bond, locked } = await readVerifierBond(chain, { address: params.market, verifier: chain.account.address });
  const free = bond - locked;
  const want = perVerdict * BigInt(params.verdicts);
  const missing = want > free ? want - free : 0n;
  let balance = 0n;
  if (missing > 0n) {
    const token = await chain.publicClient.readContract({ address: params.market, abi: jobMarketCallAbi, functionName: 'token' });
    balance = await chain.publicClient.readContract({ address: token, abi: gridTokenAbi, functionName: 'balanceOf', args: [chain.account.address] });
  }
  const added = missing < balance ? missing : balance;
  if (added > 0n) await bondVerifier(chain, { address: params.market, amount: added });
  return { perVerdict, free, added, short: missing - added };
}
