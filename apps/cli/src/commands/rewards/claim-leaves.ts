import { claimReward } from '@tensorgrid/chain';
import { isBaseError, type RewardEarning } from '@tensorgrid/protocol';
import type { Hex } from 'viem';
import { formatGrid } from '../../chain/parse-grid-amount';
import type { ResolvedChain } from '../../chain/resolve-chain';
import type { CliContext } from '../../context';

/** One leaf claimed: what it paid, and to whom. */
export interface ClaimedLeaf {
  block: number;
  deviceId: string;
  amount: string;
  txHash: string;
  payouts: { to: string; amount: string }[];
}

/**
 * What the claims paid `account` (the contract pays each leaf to the device's owner and co-stakers).
 * @param claims - the claimed leaves
 * @param account - the payee (any case)
 */
export function receivedBy(claims: readonly ClaimedLeaf[], account: string): bigint {
  const payee = account.toLowerCase();
  return claims.flatMap((c) => c.payouts).filter((p) => p.to.toLowerCase() === payee).reduce((sum, p) => sum + BigInt(p.amount), 0n);
}

/**
 * Claims block-reward leaves on chain, one transaction each, with a progress line per leaf
 * (unless `json`). The contract pays each to the device's owner and co-stakers, whoever sends it.
 * @param ctx - the CLI context (progress on stderr)
 * @param chain - the signer's chain clients and the Rewards contract
 * @param claim - the posted, unclaimed earnings (from the coordinator's reward view, with proofs); json: no progress lines; skipClaimed: pass over a leaf someone claimed meanwhile instead of failing
 */
export async function claimLeaves(ctx: CliContext, chain: Pick<ResolvedChain, 'clients' | 'rewards'>, claim: { leaves: readonly RewardEarning[]; json: boolean; skipClaimed?: boolean }): Promise<ClaimedLeaf[]> {
  const claims: ClaimedLeaf[] = [];
  for (const leaf of claim.leaves) {
    if (!claim.json) ctx.stderr.write(`  … claiming block ${leaf.block} for ${leaf.deviceId}: ${formatGrid(BigInt(leaf.amount))}\n`);
    const sent = claimReward(chain.clients, { address: chain.rewards, epoch: BigInt(leaf.block), pool: leaf.poolNumber, beneficiary: leaf.beneficiary as Hex, amount: BigInt(leaf.amount), proof: leaf.proof as Hex[] });
    const r = await sent.catch((err: unknown) => {
      if (claim.skipClaimed && isBaseError(err) && err.code === 'REWARD_ALREADY_CLAIMED') return undefined;
      throw err;
    });
    if (!r) continue;
    claims.push({ block: leaf.block, deviceId: leaf.deviceId, amount: leaf.amount, txHash: r.txHash, payouts: r.payouts.map((p) => ({ to: p.to, amount: p.amount.toString() })) });
  }
  return claims;
}
