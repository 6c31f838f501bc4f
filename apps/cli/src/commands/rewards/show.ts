import { addressSchema, parseOrThrow, type RewardEarning } from '@tensorgrid/protocol';
import { createCoordinatorClient, getRewardAccount } from '@tensorgrid/sdk';
import { Command } from 'commander';
import { z } from 'zod';
import { withChainOptions } from '../../chain/chain-options';
import { formatGrid } from '../../chain/parse-grid-amount';
import { resolveChain, type ChainFlags } from '../../chain/resolve-chain';
import type { CliContext } from '../../context';
import { describeMiss } from '../../output/describe-miss';
import { withErrors } from '../../output/with-errors';
import { resolveCoordinatorUrl } from '../../resolve-coordinator';

const limitSchema = z.coerce.number().int().min(1).max(1000);

interface ShowFlags extends ChainFlags {
  account?: string;
  coordinator?: string;
  limit?: string;
  json?: boolean;
}

/**
 * `tgrid rewards show [--account A]`: block by block, what an account earned (owed or claimed) as a
 * device's owner or co-staker, with its share of each leaf, and, for each missed block, which
 * criterion failed.
 * @param ctx - the CLI context
 */
export function rewardsShowCommand(ctx: CliContext): Command {
  return withChainOptions(
    new Command('show')
      .description('Show block rewards block by block: owed, claimed, and why a device missed a block')
      .option('--account <address>', 'the payee (device owner or co-staker) or a device id; default: the signing key\'s address')
      .option('--coordinator <url>', 'coordinator URL (default: the running devnet)')
      .option('--limit <n>', 'blocks to show, newest first', '100'),
  ).action(
    withErrors(ctx, async (opts: ShowFlags) => {
      const account = opts.account ? parseOrThrow(addressSchema, opts.account, 'account') : resolveChain(ctx, opts).account;
      const limit = parseOrThrow(limitSchema, opts.limit ?? '100', 'limit');
      const client = createCoordinatorClient({ url: resolveCoordinatorUrl(ctx, opts) });
      const view = await getRewardAccount(client, { address: account, limit });
      if (opts.json) return void ctx.stdout.write(`${JSON.stringify(view)}\n`);
      const rows: { block: number; line: string }[] = [
        ...view.earned.map((e) => ({
          block: e.block,
          line: `block ${e.block}  ${e.deviceId}  ${e.pool.toUpperCase()}  ${formatGrid(BigInt(e.amount))}${shareText(e)}  ${!e.posted ? 'computed, root not on chain yet' : e.claimed === true ? 'claimed' : e.claimed === false ? 'owed' : 'posted'}`,
        })),
        ...view.missed.map((m) => ({ block: m.block, line: `block ${m.block}  ${m.deviceId}  missed: ${m.failed.map(describeMiss).join('; ')}` })),
      ].sort((a, b) => b.block - a.block);
      ctx.stdout.write(`Rewards of ${view.account}\n`);
      ctx.stdout.write(rows.length === 0 ? 'No computed block mentions this account yet (the block of each UTC hour is computed about 20 min after it ends, once its challenge results are in).\n' : `${rows.map((r) => r.line).join('\n')}\n`);
      const scope = view.next === null ? '' : ` in the blocks shown (older ones: a larger --limit; \`tgrid rewards claim --all\` claims them all)`;
      ctx.stdout.write(`Owed ${formatGrid(BigInt(view.owed))}, claimed ${formatGrid(BigInt(view.claimed))}${scope}${BigInt(view.owed) > 0n ? ' (claim with `tgrid rewards claim --all`)' : ''}\n`);
    }),
  );
}

/** ", your share X as co-staker" where the account's part is not the whole leaf. */
function shareText(e: RewardEarning): string {
  if (e.share === null || e.share === e.amount) return '';
  return `, your share ${formatGrid(BigInt(e.share))}${e.role === 'co-staker' ? ' as co-staker' : ''}`;
}
