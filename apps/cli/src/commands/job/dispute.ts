import { disputeJob } from '@tensorgrid/chain';
import { BaseError, disputeEvidence, DISPUTE_OPENING_WINDOW_SECONDS, GAS_DISPUTE_EVIDENCE, jobIdSchema, parseOrThrow } from '@tensorgrid/protocol';
import { getJobOpening, orNotFound } from '@tensorgrid/sdk';
import { refereeStep } from '@tensorgrid/verification';
import { challengeOpeningFromWire, type VerifierJob } from '@tensorgrid/verifier';
import { Command } from 'commander';
import { z } from 'zod';
import { formatGrid } from '../../chain/parse-grid-amount';
import type { CliContext } from '../../context';
import { withErrors } from '../../output/with-errors';
import { jobMarketFlagsSchema, withJobMarketOptions } from '../../chain/job-market-options';
import { loadWhistleblowerJob, type WhistleblowerJob } from './load-whistleblower-job';

const optionsSchema = jobMarketFlagsSchema.extend({
  step: z.coerce.number().int().min(0).optional(),
  gas: z.boolean().optional(),
  force: z.boolean().optional(),
}).refine((o) => (o.step === undefined) !== (o.gas === undefined), { message: 'name either --step <t> or --gas' });

const HELP = `
A whistleblower may dispute a verified job during its challenge window, naming one transition
t → t+1 the node opened in the challenge exchange. The referee re-runs that one step: if the
node's transition is wrong, the node loses its whole deposit (half of it is your bounty) and the
verifier that passed it loses its locked bond to you (if the step was one it had to check: in
the challenge the job's beacon draws, or in its own); if it is right, your bond goes to the node.

Before posting, the step is re-run here exactly as the referee will: a step that replays to the
committed hash is refused (you would lose your bond) unless --force.

To dispute a step the node never opened, audit the whole job: \`tgrid job audit <id> --dispute\`.
A tolerant job cannot be replayed (its states are of the node's own kernel): name any of its
steps instead, and the node must open it within ${DISPUTE_OPENING_WINDOW_SECONDS / 3_600} h of the dispute (from when the
coordinator's job index first stored it; the coordinator's outages not counted). The referee
judges that opening within τ: a node that skipped the step, or never opens it, loses its
deposit; an honest one wins your bond.

With --gas instead of a step, the dispute claims the job was posted with other gas than its spec
costs (the day's shares are paid by gas); the referee compares the two. Checked here first too.

Examples:
  $ tgrid job dispute 12 --step 37 --key-file whistleblower.key
  $ tgrid job dispute 12 --gas --key-file whistleblower.key`;

/** What the check before posting found: `fails` is null when only the node's opening, still to come, can tell. */
interface StepCheck {
  fails: boolean | null;
  failure: string | null;
}

/**
 * The step's opening re-run as the referee will, refused when it replays correctly (unless
 * forced). A tolerant job's step the node never opened is the node's to open after the dispute.
 */
async function checkStep(w: WhistleblowerJob, params: { id: string; step: number; force: boolean }): Promise<StepCheck> {
  const { id, step } = params;
  const stored = await orNotFound(getJobOpening(w.client, { id, step }));
  if (!stored) {
    if (w.job.mode.kind !== 'tolerant') {
      throw new BaseError('VALIDATION_FAILED', `The node never opened step ${step} of job ${id}`, { details: 'Dispute one of the challenged steps (`GET /v1/jobs/:id/challenge`), or replay the whole job with `tgrid job audit <id> --dispute`.' });
    }
    if (step >= w.job.trainer.totalSteps) throw new BaseError('VALIDATION_FAILED', `Job ${id} has no transition ${step} (T = ${w.job.trainer.totalSteps})`, { details: `Name a step from 0 to ${w.job.trainer.totalSteps - 1}.` });
    return { fails: null, failure: null };
  }
  const opening = challengeOpeningFromWire(stored.opening, w.job);
  const check = refereeStep({ trainer: w.job.trainer, commitment: w.job.commitment, t: step, opening, mode: w.job.mode });
  if (!check.nodeWrong && !params.force) {
    throw new BaseError('VALIDATION_FAILED', `Step ${step} of job ${id} replays to the committed hash: the referee would rule for the node`, {
      details: 'Pick another step, or pass --force to dispute anyway (your bond would go to the node).',
    });
  }
  return { fails: check.nodeWrong, failure: check.failure?.kind ?? null };
}

/** The gas on chain against the spec's, refused when they agree (unless forced). */
function checkGas(job: VerifierJob, params: { id: string; force: boolean }): StepCheck {
  const { posted, spec } = job.gas;
  if (posted === spec && !params.force) {
    throw new BaseError('VALIDATION_FAILED', `Job ${params.id} was posted with its spec's gas (${spec}): the referee would rule for the node`, { details: 'Pass --force to dispute anyway (your bond would go to the node).' });
  }
  return { fails: posted !== spec, failure: posted !== spec ? 'gas-mismatch' : null };
}

/**
 * `tgrid job dispute <id> --step t | --gas`: checks the node's opening of transition t (or the
 * job's gas) as the referee would, then disputes the verified job on chain with the step (or
 * the gas claim) as evidence, locking the bond. A tolerant job's step the node never opened
 * is disputed unchecked: the node must open it.
 * @param ctx - the CLI context
 */
export function jobDisputeCommand(ctx: CliContext): Command {
  return withJobMarketOptions(
    new Command('dispute')
      .description('Dispute a verified job as a whistleblower: name one opened transition (any of a tolerant job) the referee will re-run, or its gas (locks the whistleblower bond)')
      .argument('<id>', 'the job id')
      .option('--step <t>', 'the transition t → t+1 to dispute (one the node opened in the challenge exchange, or any step of a tolerant job)')
      .option('--gas', 'dispute the job\'s gas: posted on chain other than its spec costs')
      .option('--force', 'dispute even when the step replays correctly (or the gas matches) here'),
    'the whistleblower',
  )
    .addHelpText('after', HELP)
    .action(
      withErrors(ctx, async (rawId: unknown, raw: unknown) => {
        const id = parseOrThrow(jobIdSchema, rawId, 'job id');
        const opts = parseOrThrow(optionsSchema, raw, 'options');
        const loaded = await loadWhistleblowerJob(ctx, id, opts);
        const force = opts.force === true;
        const check = opts.step === undefined ? checkGas(loaded.job, { id, force }) : await checkStep(loaded, { id, step: opts.step, force });
        const evidence = opts.step === undefined ? GAS_DISPUTE_EVIDENCE : disputeEvidence(opts.step);
        const { market } = loaded;
        const disputed = await disputeJob(market.clients, { address: market.jobMarket, jobId: BigInt(id), evidence });
        const what = opts.step === undefined ? 'its gas' : `step ${opts.step}`;
        const result = { jobId: id, step: opts.step ?? null, gas: opts.step === undefined, stepFails: check.fails, failure: check.failure, bond: disputed.bond.toString(), txHash: disputed.txHash, whistleblower: market.account };
        if (opts.json) return void ctx.stdout.write(`${JSON.stringify(result)}\n`);
        const found = check.fails === null ? `the node must open it within ${DISPUTE_OPENING_WINDOW_SECONDS} s` : check.fails ? `fails here: ${check.failure}` : 'holds here, forced';
        ctx.stdout.write(`Disputed job ${id} at ${what} (${found}); bond ${formatGrid(disputed.bond)} locked (tx ${disputed.txHash}).\nThe referee re-judges it; see \`tgrid job result ${id}\`.\n`);
      }),
    );
}
