import { accountBeneficiary, closeCoStakeOffer, openCoStakeOffer, readStake } from '@tensorgrid/chain';
import { BaseError, addressSchema, parseOrThrow } from '@tensorgrid/protocol';
import { Command } from 'commander';
import type { Address } from 'viem';
import { z } from 'zod';
import { withChainOptions } from '../../chain/chain-options';
import { resolveChain, type ChainFlags } from '../../chain/resolve-chain';
import type { CliContext } from '../../context';
import { withErrors } from '../../output/with-errors';

/** "20", "20%" or "12.5%": a share of 0.01–100 % with at most two decimals, in basis points. */
const shareSchema = z
  .string()
  .regex(/^\d{1,3}(\.\d{1,2})?%?$/, 'must be a percentage such as 20 or 12.5% (at most two decimals)')
  .transform((s) => Math.round(Number(s.replace('%', '')) * 100))
  .refine((bps) => bps >= 1 && bps <= 10_000, 'must be between 0.01 % and 100 %');

/**
 * `tgrid costake-offer <share> [--device D]` opens (or raises) a device's co-stake offer: co-stakers
 * then share that part of its block rewards, pro rata to their co-stakes; `--close` stops new
 * co-stakes (the share stays in force for those already in).
 * @param ctx - the CLI context
 */
export function costakeOfferCommand(ctx: CliContext): Command {
  return withChainOptions(
    new Command('costake-offer')
      .description('Open co-staking on a device you own for a share of its block rewards (e.g. 20%), or --close it to new co-stakes')
      .argument('[share]', 'the co-stakers\' share of the device\'s rewards, e.g. 20 or 12.5%')
      .option('--device <id>', 'the device (default: the signing key\'s own address)')
      .option('--close', 'close the offer to new co-stakes instead'),
  ).action(
    withErrors(ctx, async (shareText: string | undefined, opts: ChainFlags & { device?: string; close?: boolean; json?: boolean }) => {
      if (opts.close && shareText !== undefined) throw new BaseError('VALIDATION_FAILED', 'Give a share to open the offer, or --close, not both');
      if (!opts.close && shareText === undefined) throw new BaseError('VALIDATION_FAILED', 'Give the co-stakers\' share, e.g. `tgrid costake-offer 20%`, or --close');
      const shareBps = shareText === undefined ? undefined : parseOrThrow(shareSchema, shareText, 'share');
      const chain = resolveChain(ctx, opts);
      const deviceId = parseOrThrow(addressSchema, opts.device ?? chain.account, 'device id').toLowerCase() as Address;
      const device = accountBeneficiary(deviceId);
      if (!opts.json) ctx.stderr.write(`  … ${shareBps === undefined ? 'closing the co-stake offer' : `opening a co-stake offer at ${shareBps / 100} %`} on ${deviceId}\n`);
      const outcome = shareBps === undefined
        ? await closeCoStakeOffer(chain.clients, { staking: chain.staking, device })
        : await openCoStakeOffer(chain.clients, { staking: chain.staking, device, shareBps });
      const after = await readStake(chain.clients.publicClient, { staking: chain.staking, device });
      if (opts.json) return void ctx.stdout.write(`${JSON.stringify({ txHash: outcome.txHash, device: deviceId, offerOpen: after.offerOpen, shareBps: shareBps ?? null })}\n`);
      ctx.stdout.write(shareBps === undefined
        ? `Closed the co-stake offer on ${deviceId} (tx ${outcome.txHash}); its ${after.coStakers.length} co-staker(s) keep their share.\n`
        : `Co-stake offer open on ${deviceId}: co-stakers share ${shareBps / 100} % of its block rewards (tx ${outcome.txHash}). Others join with \`tgrid costake ${deviceId} <amount>\`.\n`);
    }),
  );
}
