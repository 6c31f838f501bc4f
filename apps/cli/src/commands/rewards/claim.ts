import { BaseError, addressSchema, parseOrThrow, type RewardEarning } from '@tensorgrid/protocol';
import { createCoordinatorClient, getAllRewardEarnings, getRewardAccount } from '@tensorgrid/sdk';
import { Command } from 'commander';
import type { Address } from 'viem';
import { z } from 'zod';
import { withChainOptions } from '../../chain/chain-options';
import { formatGrid } from '../../chain/parse-grid-amount';
import { resolveChain, type ChainFlags } from '../../chain/resolve-chain';
import type { CliContext } from '../../context';
import { withErrors } from '../../output/with-errors';
import { resolveCoordinatorUrl } from '../../resolve-coordinator';
import { claimJobShares } from './claim-job-shares';
import { claimLeaves, receivedBy } from './claim-leaves';

interface ClaimFlags extends ChainFlags {
  block?: string;
  jobShares?: boolean;
  day?: string;
  all?: boolean;
  account?: string;
  coordinator?: string;
  json?: boolean;
}

const blockSchema = z.coerce.number().int().min(0);
const daySchema = z.coerce.number().int().min(0);

/**
 * `tgrid rewards claim [--block N | --all]`: claims owed block rewards on chain with the signer's key.
 * The GRID goes to each device's owner and co-stakers (the Rewards contract pays them), whoever sends the claim.
 * `tgrid rewards claim --job-shares [--day D]`: claims a node's owed job shares of UTC days (pool 2), paid to the node.
 * @param ctx - the CLI context
 */
export function rewardsClaimCommand(ctx: CliContext): Command {
  return withChainOptions(
    new Command('claim')
      .description('Claim owed block rewards on chain (each leaf once; the contract pays the device owner and co-stakers)')
      .option('--block <n>', 'claim only this block')
      .option('--all', 'claim every owed block (the default)')
      .option('--job-shares', 'claim the job shares of UTC days (pool 2) of the node (--account, default: the signer) instead of block rewards')
      .option('--day <d>', 'with --job-shares: claim only this UTC day (floor(unix seconds / 86400))')
      .option('--account <address>', 'claim for this payee (owner or co-staker) or device id (default: the signing key\'s address)')
      .option('--coordinator <url>', 'coordinator URL (default: the running devnet)'),
  ).action(
    withErrors(ctx, async (opts: ClaimFlags) => {
      if (opts.block !== undefined && opts.all) throw new BaseError('VALIDATION_FAILED', 'Give --block <n> or --all, not both');
      if (opts.jobShares) return claimJobSharesAction(ctx, opts);
      if (opts.day !== undefined) throw new BaseError('VALIDATION_FAILED', '--day <d> goes with --job-shares (use --block <n> for block rewards)');
      const block = opts.block === undefined ? undefined : parseOrThrow(blockSchema, opts.block, 'block');
      const chain = resolveChain(ctx, opts);
      const account = opts.account ? parseOrThrow(addressSchema, opts.account, 'account') : chain.account;
      const client = createCoordinatorClient({ url: resolveCoordinatorUrl(ctx, opts) });
      // --all: every page, so owed leaves older than one page are claimed too.
      const earned = block === undefined ? await getAllRewardEarnings(client, { address: account }) : (await getRewardAccount(client, { address: account, limit: 1000, before: block + 1 })).earned;
      const chosen = earned.filter((e) => block === undefined || e.block === block);
      const payee = account.toLowerCase();
      if (block !== undefined) refuseUnclaimable(block, chosen);
      const owed = chosen.filter((e) => e.posted && e.claimed !== true);
      const claims = await claimLeaves(ctx, chain, { leaves: owed, json: opts.json === true });
      const total = claims.reduce((s, c) => s + BigInt(c.amount), 0n);
      // The contract pays each leaf to the device's owner and co-stakers: what reached this account.
      const received = receivedBy(claims, payee);
      if (opts.json) return void ctx.stdout.write(`${JSON.stringify({ account: payee, claimed: claims, total: total.toString(), received: received.toString() })}\n`);
      if (claims.length === 0) return void ctx.stdout.write(`Nothing to claim for ${payee}: see \`tgrid rewards show\`.\n`);
      ctx.stdout.write(`Claimed ${formatGrid(total)} in ${claims.length} block(s), ${formatGrid(received)} of it to ${payee}:\n${claims.map((c) => `  block ${c.block}  ${c.deviceId}  ${formatGrid(BigInt(c.amount))}  tx ${c.txHash}`).join('\n')}\n`);
    }),
  );
}

async function claimJobSharesAction(ctx: CliContext, opts: ClaimFlags): Promise<void> {
  if (opts.block !== undefined) throw new BaseError('VALIDATION_FAILED', '--block <n> is for block rewards; with --job-shares give --day <d>');
  const day = opts.day === undefined ? undefined : parseOrThrow(daySchema, opts.day, 'day');
  const chain = resolveChain(ctx, opts);
  const node = opts.account ? parseOrThrow(addressSchema, opts.account, 'account') : chain.account;
  const client = createCoordinatorClient({ url: resolveCoordinatorUrl(ctx, opts) });
  const result = await claimJobShares(ctx, { client, chain, node: node as Address, ...(day === undefined ? {} : { day }), json: opts.json === true });
  if (opts.json) return void ctx.stdout.write(`${JSON.stringify(result)}\n`);
  if (result.claimed.length === 0) return void ctx.stdout.write(`No job shares to claim for ${result.node}: see \`tgrid rewards job-shares\`.\n`);
  ctx.stdout.write(`Claimed ${formatGrid(BigInt(result.total))} of job shares in ${result.claimed.length} day(s):\n${result.claimed.map((c) => `  day ${c.day}  ${formatGrid(BigInt(c.amount))}  tx ${c.txHash}`).join('\n')}\n`);
}

function refuseUnclaimable(block: number, leaves: RewardEarning[]): void {
  if (leaves.length === 0) {
    throw new BaseError('REWARD_BLOCK_NOT_FOUND', `Nothing was earned by this account in block ${block}`, { details: 'See `tgrid rewards show` for the blocks it earned and why it missed others.', data: { block } });
  }
  if (leaves.every((l) => l.claimed === true)) {
    throw new BaseError('REWARD_ALREADY_CLAIMED', `Block ${block}'s reward was already claimed`, { details: 'Each leaf is paid once; check your GRID balance or `tgrid rewards show`.', data: { block } });
  }
  if (leaves.every((l) => !l.posted)) {
    throw new BaseError('REWARD_ROOT_NOT_POSTED', `Block ${block}'s root is not on chain yet`, { details: 'The coordinator posts it shortly after computing the block; try again in a minute.', data: { block } });
  }
}
