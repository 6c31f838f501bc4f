import { accountBeneficiary, readStake, stake } from '@tensorgrid/chain';
import { addressSchema, parseOrThrow } from '@tensorgrid/protocol';
import { Command } from 'commander';
import type { Address } from 'viem';
import { withChainOptions } from '../../chain/chain-options';
import { formatGrid, parseGridAmount } from '../../chain/parse-grid-amount';
import { resolveChain, type ChainFlags } from '../../chain/resolve-chain';
import type { CliContext } from '../../context';
import { withErrors } from '../../output/with-errors';

/**
 * `tgrid stake <amount> [--device D]`: the device's owner stakes GRID on it (approve, then stake).
 * @param ctx - the CLI context
 */
export function stakeCommand(ctx: CliContext): Command {
  return withChainOptions(
    new Command('stake')
      .description('Stake GRID on a device you own; a device earns a block\'s rewards only if its stake met its minimum throughout the block')
      .argument('<amount>', 'GRID to add, e.g. 250 or 0.5')
      .option('--device <id>', 'the device (worker address); default: the signing key\'s own address (a worker without operator owns itself)'),
  ).action(
    withErrors(ctx, async (amountText: string, opts: ChainFlags & { device?: string; json?: boolean }) => {
      const amount = parseGridAmount(amountText);
      const chain = resolveChain(ctx, opts);
      const device = accountBeneficiary(parseOrThrow(addressSchema, opts.device ?? chain.account, 'device id') as Address);
      if (!opts.json) ctx.stderr.write(`  … approving and staking ${formatGrid(amount)} on ${opts.device ?? chain.account}\n`);
      const outcome = await stake(chain.clients, { staking: chain.staking, device, amount, approve: true });
      const after = await readStake(chain.clients.publicClient, { staking: chain.staking, device });
      const result = { txHash: outcome.txHash, stake: after.stake.toString(), minimum: after.minimumStake.toString(), meetsMinimum: after.meetsMinimum };
      if (opts.json) return void ctx.stdout.write(`${JSON.stringify(result)}\n`);
      ctx.stdout.write(`Staked ${formatGrid(amount)} (tx ${outcome.txHash}).\nDevice stake ${formatGrid(after.stake)}, minimum ${formatGrid(after.minimumStake)}: ${after.meetsMinimum ? 'met (for reward blocks that begin from now on)' : 'NOT met'}.\n`);
    }),
  );
}
