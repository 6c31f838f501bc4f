import { readUnstakeRequest, stakingAbi } from '@tensorgrid/chain';
import { BaseError, isBaseError } from '@tensorgrid/protocol';
import { createCoordinatorClient, getAllRewardEarnings } from '@tensorgrid/sdk';
import type { ResolvedChain } from '../../chain/resolve-chain';
import type { CliContext } from '../../context';
import { resolveCoordinatorUrl } from '../../resolve-coordinator';
import { claimLeaves, type ClaimedLeaf } from '../rewards/claim-leaves';

/**
 * Before a co-staker's withdrawal frees its slot on a device (it holds a slot but no active
 * co-stake there any more), claims the device's posted, unclaimed leaves it has a share of:
 * Rewards pays a leaf to the co-stakers holding a slot at claim time, so a claim after the
 * withdrawal would pay it nothing. An owner's withdrawal, one that leaves an active co-stake, one
 * whose slot is already gone, or one still in its cooldown claims nothing and asks no coordinator.
 * A leaf someone else claimed meanwhile already paid the co-staker and is skipped.
 * @param ctx - the CLI context
 * @param chain - the signer's chain
 * @param withdrawal - the request id, the coordinator URL flags, and json (no progress lines)
 * @returns the leaves claimed (empty when none was owed)
 * @throws BaseError of the claim, its details saying that `--no-claim` withdraws without claiming
 */
export async function claimBeforeLeaving(ctx: CliContext, chain: ResolvedChain, withdrawal: { requestId: bigint; coordinator?: string; dataDir?: string; json: boolean }): Promise<ClaimedLeaf[]> {
  const { publicClient } = chain.clients;
  const request = await readUnstakeRequest(publicClient, { staking: chain.staking, requestId: withdrawal.requestId });
  const account = request.account.toLowerCase();
  // The contract refuses these withdrawals: nothing to claim before them.
  if (request.withdrawn || account !== chain.account.toLowerCase() || request.unlocksAt > (await publicClient.getBlock()).timestamp) return [];
  const [slots, coStake] = await Promise.all([
    publicClient.readContract({ address: chain.staking, abi: stakingAbi, functionName: 'coStakersOf', args: [request.device] }),
    publicClient.readContract({ address: chain.staking, abi: stakingAbi, functionName: 'coStakeOf', args: [request.device, request.account] }),
  ]);
  const holdsSlot = slots.some((a) => a.toLowerCase() === account);
  const keepsCoStake = coStake > 0n;
  if (!holdsSlot || keepsCoStake) return [];
  const deviceId = `0x${request.device.slice(26)}`.toLowerCase();
  try {
    const client = createCoordinatorClient({ url: resolveCoordinatorUrl(ctx, withdrawal) });
    const owed = (await getAllRewardEarnings(client, { address: account }))
      .filter((e) => e.role === 'co-staker' && e.deviceId.toLowerCase() === deviceId && e.posted && e.claimed !== true && BigInt(e.share ?? '0') > 0n);
    if (owed.length > 0 && !withdrawal.json) ctx.stderr.write(`  … withdrawing frees your co-staker slot on ${deviceId}: claiming your share of its ${owed.length} unclaimed block(s) first\n`);
    return await claimLeaves(ctx, chain, { leaves: owed, json: withdrawal.json, skipClaimed: true });
  } catch (err) {
    if (!isBaseError(err)) throw err;
    throw new BaseError(err.code, `Claiming your share of ${deviceId}'s unclaimed blocks before leaving failed: ${err.shortMessage}`, {
      data: err.data,
      retryable: err.retryable,
      cause: err,
      details: `${err.details ? `${err.details} ` : ''}Nothing was withdrawn. Run it again, or pass --no-claim to withdraw without claiming (your share of the device's unclaimed blocks is then forfeit).`,
    });
  }
}
