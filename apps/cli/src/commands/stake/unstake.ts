import { accountBeneficiary, requestUnstake, withdraw } from '@tensorgrid/chain';
import { BaseError, addressSchema, parseOrThrow } from '@tensorgrid/protocol';
import { Command } from 'commander';
import type { Address } from 'viem';
import { withChainOptions } from '../../chain/chain-options';
import { formatGrid, parseGridAmount } from '../../chain/parse-grid-amount';
import { resolveChain, type ChainFlags } from '../../chain/resolve-chain';
import type { CliContext } from '../../context';
import { withErrors } from '../../output/with-errors';
import { claimBeforeLeaving } from './claim-before-leaving';
import { receivedBy } from '../rewards/claim-leaves';

/**
 * `tgrid unstake <amount> [--device D]` starts the 14-day cooldown; `tgrid unstake --withdraw <request>` pays it out after
 * (a co-staker whose withdrawal frees its slot claims its share of the device's unclaimed blocks first, unless `--no-claim`).
 * @param ctx - the CLI context
 */
export function unstakeCommand(ctx: CliContext): Command {
  return withChainOptions(
    new Command('unstake')
      .description('Request to unstake GRID (it stops counting at once, is paid after a 14-day cooldown), or withdraw a request after it')
      .argument('[amount]', 'GRID to unstake, e.g. 100')
      .option('--device <id>', 'the device (default: the signing key\'s own address)')
      .option('--withdraw <requestId>', 'withdraw this unstake request (after its cooldown) instead; a co-staker leaving a device claims its share of the device\'s unclaimed blocks first')
      .option('--no-claim', 'with --withdraw: do not claim first (a co-staker that leaves forfeits its share of unclaimed blocks)')
      .option('--coordinator <url>', 'coordinator URL for the claims (default: the running devnet)'),
  ).action(
    withErrors(ctx, async (amountText: string | undefined, opts: ChainFlags & { device?: string; withdraw?: string; claim?: boolean; coordinator?: string; json?: boolean }) => {
      if (opts.withdraw !== undefined) {
        if (!/^\d+$/.test(opts.withdraw)) throw new BaseError('VALIDATION_FAILED', `Invalid request id "${opts.withdraw}"`, { details: 'Give the number `tgrid unstake` printed.' });
        const chain = resolveChain(ctx, opts);
        const requestId = BigInt(opts.withdraw);
        const claimed = opts.claim === false ? [] : await claimBeforeLeaving(ctx, chain, { requestId, ...(opts.coordinator ? { coordinator: opts.coordinator } : {}), ...(opts.dataDir ? { dataDir: opts.dataDir } : {}), json: opts.json === true });
        if (!opts.json) ctx.stderr.write(`  … withdrawing unstake request ${opts.withdraw}\n`);
        const outcome = await withdraw(chain.clients, { staking: chain.staking, requestId });
        const received = receivedBy(claimed, chain.account);
        if (opts.json) return void ctx.stdout.write(`${JSON.stringify({ txHash: outcome.txHash, requestId: opts.withdraw, claimed, received: received.toString() })}\n`);
        const before = claimed.length > 0 ? `Claimed ${claimed.length} block(s) first, ${formatGrid(received)} of it to you (your slot goes with the withdrawal). ` : '';
        return void ctx.stdout.write(`${before}Withdrew unstake request ${opts.withdraw} (tx ${outcome.txHash}).\n`);
      }
      if (amountText === undefined) throw new BaseError('VALIDATION_FAILED', 'Give an amount to unstake, or --withdraw <requestId>', { details: 'e.g. `tgrid unstake 100`' });
      const amount = parseGridAmount(amountText);
      const chain = resolveChain(ctx, opts);
      const device = accountBeneficiary(parseOrThrow(addressSchema, opts.device ?? chain.account, 'device id') as Address);
      if (!opts.json) ctx.stderr.write(`  … requesting to unstake ${formatGrid(amount)}\n`);
      const r = await requestUnstake(chain.clients, { staking: chain.staking, device, amount });
      const unlocksAt = new Date(Number(r.unlocksAt) * 1000).toISOString();
      if (opts.json) return void ctx.stdout.write(`${JSON.stringify({ txHash: r.txHash, requestId: r.requestId.toString(), amount: r.requestAmount.toString(), unlocksAt })}\n`);
      ctx.stdout.write(`Unstake request ${r.requestId}: ${formatGrid(r.requestAmount)}, withdrawable from ${unlocksAt} with \`tgrid unstake --withdraw ${r.requestId}\`.\n`);
    }),
  );
}
