import { claimReward } from '@tensorgrid/chain';
import { BaseError, type JobShareEarning } from '@tensorgrid/protocol';
import { getJobShareNode, type CoordinatorClient } from '@tensorgrid/sdk';
import type { Address, Hex } from 'viem';
import { formatGrid } from '../../chain/parse-grid-amount';
import type { ResolvedChain } from '../../chain/resolve-chain';
import type { CliContext } from '../../context';

/** What {@link claimJobShares} claimed. */
export interface JobShareClaims {
  node: string;
  claimed: { day: number; amount: string; txHash: string }[];
  total: string;
}

/**
 * Claims a node's owed job-share leaves (Rewards pool 2, one per UTC day) with the signer's key;
 * Rewards mints each to the node's address, whoever sends the claim.
 * @param ctx - the CLI context (progress on stderr unless `json`)
 * @param input - the coordinator, the chain, the node, an optional single day, and whether output is JSON
 * @throws BaseError JOB_SHARE_DAY_NOT_FOUND, REWARD_ALREADY_CLAIMED or REWARD_ROOT_NOT_POSTED when the chosen day cannot be claimed
 */
export async function claimJobShares(
  ctx: CliContext,
  input: { client: CoordinatorClient; chain: ResolvedChain; node: Address; day?: number; json?: boolean },
): Promise<JobShareClaims> {
  const { day } = input;
  const view = await getJobShareNode(input.client, { address: input.node, limit: 1000, ...(day === undefined ? {} : { before: day + 1 }) });
  const chosen = view.earned.filter((e) => day === undefined || e.day === day);
  if (day !== undefined) refuseUnclaimable(day, chosen);
  const claimed: JobShareClaims['claimed'] = [];
  for (const leaf of chosen.filter((e) => e.posted && e.claimed !== true)) {
    if (!input.json) ctx.stderr.write(`  … claiming job shares of UTC day ${leaf.day} for ${leaf.node}: ${formatGrid(BigInt(leaf.amount))}\n`);
    const r = await claimReward(input.chain.clients, { address: input.chain.rewards, epoch: BigInt(leaf.day), pool: leaf.poolNumber, beneficiary: leaf.beneficiary as Hex, amount: BigInt(leaf.amount), proof: leaf.proof as Hex[] });
    claimed.push({ day: leaf.day, amount: leaf.amount, txHash: r.txHash });
  }
  return { node: view.node, claimed, total: claimed.reduce((s, c) => s + BigInt(c.amount), 0n).toString() };
}

function refuseUnclaimable(day: number, leaves: JobShareEarning[]): void {
  if (leaves.length === 0) {
    throw new BaseError('JOB_SHARE_DAY_NOT_FOUND', `This node earned no job shares on UTC day ${day}, or the day is not settled yet`, {
      details: 'A day is settled after it ends and its challenge windows close; see `tgrid rewards job-shares`.',
      data: { day },
    });
  }
  if (leaves.every((l) => l.claimed === true)) {
    throw new BaseError('REWARD_ALREADY_CLAIMED', `The job shares of UTC day ${day} were already claimed`, { details: 'Each leaf is paid once; check the node\'s GRID balance.', data: { day } });
  }
  if (leaves.every((l) => !l.posted)) {
    throw new BaseError('REWARD_ROOT_NOT_POSTED', `The root of UTC day ${day} is not on chain yet`, { details: 'The coordinator posts it right after settling the day; try again in a minute.', data: { day } });
  }
}
