import { disputeJob } from '@tensorgrid/chain';
import { BaseError, disputeEvidence, isBaseError, jobIdSchema, parseOrThrow } from '@tensorgrid/protocol';
import { getJobOpening } from '@tensorgrid/sdk';
import { refereeStep } from '@tensorgrid/verification';
import { challengeOpeningFromWire } from '@tensorgrid/verifier';
import { Command } from 'commander';
import { z } from 'zod';
import { formatGrid } from '../../chain/parse-grid-amount';
import type { CliContext } from '../../context';
import { withErrors } from '../../output/with-errors';
import { jobMarketFlagsSchema, withJobMarketOptions } from '../../chain/job-market-options';
import { loadWhistleblowerJob } from './load-whistleblower-job';

const optionsSchema = jobMarketFlagsSchema.extend({
  step: z.coerce.number().int().min(0),
  force: z.boolean().optional(),
});

const HELP = `
A whistleblower may dispute a verified job during its challenge window, naming one transition
t → t+1 the node opened in the challenge exchange. The referee re-runs that one step: if the
node's transition is wrong, the node loses its whole deposit (half of it is your bounty) and the
verifier that passed it loses its locked bond to you; if it is right, your bond goes to the node.

Before posting, the step is re-run here exactly as the referee will: a step that replays to the
committed hash is refused (you would lose your bond) unless --force.

To dispute a step the node never opened, audit the whole job: \`tgrid job audit <id> --dispute\`.

Example:
  $ tgrid job dispute 12 --step 37 --key-file whistleblower.key`;

/**
 * `tgrid job dispute <id> --step t`: checks the node's opening of transition t as the referee
 * would, then disputes the verified job on chain with the step as evidence (locking the bond).
 * @param ctx - the CLI context
 */
export function jobDisputeCommand(ctx: CliContext): Command {
  return withJobMarketOptions(
    new Command('dispute')
      .description('Dispute a verified job as a whistleblower: name one opened transition the referee will re-run (locks the whistleblower bond)')
      .argument('<id>', 'the job id')
      .requiredOption('--step <t>', 'the transition t → t+1 to dispute (one the node opened in the challenge exchange)')
      .option('--force', 'dispute even when the step replays correctly here'),
    'the whistleblower',
  )
    .addHelpText('after', HELP)
    .action(
      withErrors(ctx, async (rawId: unknown, raw: unknown) => {
        const id = parseOrThrow(jobIdSchema, rawId, 'job id');
        const opts = parseOrThrow(optionsSchema, raw, 'options');
        const { market, client, job } = await loadWhistleblowerJob(ctx, id, opts);
        const stored = await getJobOpening(client, { id, step: opts.step }).catch((err: unknown) => {
          if (isBaseError(err) && err.code === 'NOT_FOUND') {
            throw new BaseError('VALIDATION_FAILED', `The node never opened step ${opts.step} of job ${id}`, { details: 'Dispute one of the challenged steps (`GET /v1/jobs/:id/challenge`), or replay the whole job with `tgrid job audit <id> --dispute`.' });
          }
          throw err;
        });
        const opening = challengeOpeningFromWire(stored.opening, job);
        const check = refereeStep({ trainer: job.trainer, commitment: job.commitment, t: opts.step, opening, mode: job.mode });
        if (!check.nodeWrong && !opts.force) {
          throw new BaseError('VALIDATION_FAILED', `Step ${opts.step} of job ${id} replays to the committed hash: the referee would rule for the node`, {
            details: 'Pick another step, or pass --force to dispute anyway (your bond would go to the node).',
          });
        }
        const disputed = await disputeJob(market.clients, { address: market.jobMarket, jobId: BigInt(id), evidence: disputeEvidence(opts.step) });
        const result = { jobId: id, step: opts.step, stepFails: check.nodeWrong, failure: check.failure?.kind ?? null, bond: disputed.bond.toString(), txHash: disputed.txHash, whistleblower: market.account };
        if (opts.json) return void ctx.stdout.write(`${JSON.stringify(result)}\n`);
        ctx.stdout.write(`Disputed job ${id} at step ${opts.step} (${check.nodeWrong ? `fails here: ${result.failure}` : 'replays correctly here, forced'}); bond ${formatGrid(disputed.bond)} locked (tx ${disputed.txHash}).\nThe referee re-runs the step; see \`tgrid job result ${id}\`.\n`);
      }),
    );
}
