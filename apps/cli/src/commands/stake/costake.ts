import { accountBeneficiary, coStake } from '@tensorgrid/chain';
import { addressSchema, parseOrThrow } from '@tensorgrid/protocol';
import { Command } from 'commander';
import type { Address } from 'viem';
import { withChainOptions } from '../../chain/chain-options';
import { formatGrid, parseGridAmount } from '../../chain/parse-grid-amount';
import { resolveChain, type ChainFlags } from '../../chain/resolve-chain';
import type { CliContext } from '../../context';
import { withErrors } from '../../output/with-errors';

/**
 * `tgrid costake <device> <amount>`: co-stake on another supplier's device while its offer is open.
 * @param ctx - the CLI context
 */
export function costakeCommand(ctx: CliContext): Command {
  return withChainOptions(
    new Command('costake')
      .description('Co-stake GRID on a device whose owner opened a co-stake offer, and share its block rewards')
      .argument('<device>', 'the device (worker address)')
      .argument('<amount>', 'GRID to co-stake, e.g. 100'),
  ).action(
    withErrors(ctx, async (deviceText: string, amountText: string, opts: ChainFlags & { json?: boolean }) => {
      const deviceId = parseOrThrow(addressSchema, deviceText, 'device id') as Address;
      const amount = parseGridAmount(amountText);
      const chain = resolveChain(ctx, opts);
      if (!opts.json) ctx.stderr.write(`  … approving and co-staking ${formatGrid(amount)} on ${deviceId}\n`);
      const outcome = await coStake(chain.clients, { staking: chain.staking, device: accountBeneficiary(deviceId), amount, approve: true });
      if (opts.json) return void ctx.stdout.write(`${JSON.stringify({ txHash: outcome.txHash, device: deviceId, amount: amount.toString() })}\n`);
      ctx.stdout.write(`Co-staked ${formatGrid(amount)} on ${deviceId} (tx ${outcome.txHash}).\n`);
    }),
  );
}
