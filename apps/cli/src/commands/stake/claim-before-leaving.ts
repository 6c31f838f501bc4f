import { readStake, readUnstakeRequest } from '@tensorgrid/chain';
import { createCoordinatorClient, getAllRewardEarnings } from '@tensorgrid/sdk';
import type { ResolvedChain } from '../../chain/resolve-chain';
import type { CliContext } from '../../context';
import { resolveCoordinatorUrl } from '../../resolve-coordinator';
import { claimLeaves, type ClaimedLeaf } from '../rewards/claim-leaves';

/**
 * Before a co-staker's withdrawal frees its slot on a device (it holds no active co-stake there
 * any more), claims the device's posted, unclaimed leaves it has a share of: Rewards pays a leaf to
 * the co-stakers holding a slot at claim time, so a claim after the withdrawal would pay it
 * nothing. An owner's withdrawal, or one that leaves an active co-stake, claims nothing.
 * @param ctx - the CLI context
 * @param chain - the signer's chain
 * @param withdrawal - the request id, the coordinator URL flags, and json (no progress lines)
 * @returns the leaves claimed (empty when none was owed)
 */
export async function claimBeforeLeaving(ctx: CliContext, chain: ResolvedChain, withdrawal: { requestId: bigint; coordinator?: string; dataDir?: string; json: boolean }): Promise<ClaimedLeaf[]> {
  const request = await readUnstakeRequest(chain.clients.publicClient, { staking: chain.staking, requestId: withdrawal.requestId });
  const account = request.account.toLowerCase();
  if (request.withdrawn || account !== chain.account.toLowerCase()) return []; // the contract refuses these
  const stake = await readStake(chain.clients.publicClient, { staking: chain.staking, device: request.device });
  if (stake.owner.toLowerCase() === account || stake.coStakers.some((c) => c.account.toLowerCase() === account)) return [];
  const deviceId = `0x${request.device.slice(26)}`.toLowerCase();
  const client = createCoordinatorClient({ url: resolveCoordinatorUrl(ctx, withdrawal) });
  const owed = (await getAllRewardEarnings(client, { address: account }))
    .filter((e) => e.role === 'co-staker' && e.deviceId.toLowerCase() === deviceId && e.posted && e.claimed !== true && BigInt(e.share ?? '0') > 0n);
  if (owed.length > 0 && !withdrawal.json) ctx.stderr.write(`  … withdrawing frees your co-staker slot on ${deviceId}: claiming your share of its ${owed.length} unclaimed block(s) first\n`);
  return claimLeaves(ctx, chain, { leaves: owed, json: withdrawal.json });
}
