import { addressSchema, parseOrThrow, utcDaySchema } from '@tensorgrid/protocol';
import { createCoordinatorClient, getJobShareDay, getJobShareNode } from '@tensorgrid/sdk';
import { Command } from 'commander';
import { z } from 'zod';
import { withChainOptions } from '../../chain/chain-options';
import { formatGrid } from '../../chain/parse-grid-amount';
import { resolveChain, type ChainFlags } from '../../chain/resolve-chain';
import type { CliContext } from '../../context';
import { withErrors } from '../../output/with-errors';
import { resolveCoordinatorUrl } from '../../resolve-coordinator';

const limitSchema = z.coerce.number().int().min(1).max(1000);

interface JobSharesFlags extends ChainFlags {
  node?: string;
  day?: string;
  coordinator?: string;
  limit?: string;
  json?: boolean;
}

/**
 * `tgrid rewards job-shares [--node A | --day D]`: a node's job shares day by day (owed or claimed),
 * or one settled UTC day with every node's payout.
 * @param ctx - the CLI context
 */
export function rewardsJobSharesCommand(ctx: CliContext): Command {
  return withChainOptions(
    new Command('job-shares')
      .description('Show job-share rewards of UTC days (pool 2): a node\'s payouts, or one day with every node')
      .option('--node <address>', 'the node; default: the signing key\'s address')
      .option('--day <d>', 'show this UTC day (floor(unix seconds / 86400)) with every node\'s payout')
      .option('--coordinator <url>', 'coordinator URL (default: the running devnet)')
      .option('--limit <n>', 'days to show, newest first', '100'),
  ).action(
    withErrors(ctx, async (opts: JobSharesFlags) => {
      const client = createCoordinatorClient({ url: resolveCoordinatorUrl(ctx, opts) });
      if (opts.day !== undefined) {
        const view = await getJobShareDay(client, { day: parseOrThrow(utcDaySchema, opts.day, 'day') });
        if (opts.json) return void ctx.stdout.write(`${JSON.stringify(view)}\n`);
        const d = view.day;
        ctx.stdout.write(`UTC day ${d.day} (${d.startsAt.slice(0, 10)}): ${d.state}, ${formatGrid(BigInt(d.total))} of ${formatGrid(BigInt(d.allowance))} over ${d.totalShares} shares\n`);
        ctx.stdout.write(view.leaves.length === 0 ? 'No node earned (no shares left that day).\n' : `${view.leaves.map((l) => `  ${l.node}  ${l.shares} shares  ${formatGrid(BigInt(l.amount))}`).join('\n')}\n`);
        return;
      }
      const node = opts.node ? parseOrThrow(addressSchema, opts.node, 'node') : resolveChain(ctx, opts).account;
      const view = await getJobShareNode(client, { address: node, limit: parseOrThrow(limitSchema, opts.limit ?? '100', 'limit') });
      if (opts.json) return void ctx.stdout.write(`${JSON.stringify(view)}\n`);
      ctx.stdout.write(`Job shares of ${view.node}\n`);
      const line = (e: (typeof view.earned)[number]) =>
        `day ${e.day}  ${e.shares} shares  ${formatGrid(BigInt(e.amount))}  ${!e.posted ? 'settled, root not on chain yet' : e.claimed === true ? 'claimed' : e.claimed === false ? 'owed' : 'posted'}`;
      ctx.stdout.write(view.earned.length === 0 ? 'No settled day pays this node yet (a day settles after it ends and its challenge windows close).\n' : `${view.earned.map(line).join('\n')}\n`);
      ctx.stdout.write(`Owed ${formatGrid(BigInt(view.owed))}, claimed ${formatGrid(BigInt(view.claimed))}${BigInt(view.owed) > 0n ? ' (claim with `tgrid rewards claim --job-shares`)' : ''}\n`);
    }),
  );
}
