import { disputeJob, readJob } from '@tensorgrid/chain';
import { BaseError, disputeEvidence, jobIdSchema, parseOrThrow } from '@tensorgrid/protocol';
import { getJobChallenge, getJobStepHashes, orNotFound, putJobAuditOpening } from '@tensorgrid/sdk';
import { auditRun, stepHashTree, transitionOpeningWire, type AuditResult } from '@tensorgrid/verification';
import { Command } from 'commander';
import { z } from 'zod';
import { formatGrid } from '../../chain/parse-grid-amount';
import { jobMarketFlagsSchema, withJobMarketOptions } from '../../chain/job-market-options';
import type { CliContext } from '../../context';
import { withErrors } from '../../output/with-errors';
import { loadWhistleblowerJob } from './load-whistleblower-job';

const optionsSchema = jobMarketFlagsSchema.extend({ dispute: z.boolean().optional() });

const HELP = `
A verifier replays only a sample of a job's steps. A whistleblower may re-run a verified job in
full during its challenge window: the audit replays every step canonically and compares each
state hash with the step hashes the node published. The first transition that lands off the
node's hash is wrong; --dispute stores your opening of it (your W_t, which hashes to the node's
h_t, with proofs from the published hashes) and disputes the job on chain, locking the
whistleblower bond. The referee re-runs that one step: the node loses its whole deposit (half
of it is your bounty), and the verifier that passed it its locked bond, to you, if the step was
one it had to check (the challenge the job's beacon draws); if not, it keeps its bond and fee.

An audit costs the whole training on this machine; exact-mode jobs only (a tolerant job's
states are of the node's own kernel: dispute any of its steps with \`tgrid job dispute <id> --step t\`,
and its node must open it).

Example:
  $ tgrid job audit 12                                    # replay and report
  $ tgrid job audit 12 --dispute --key-file whistleblower.key`;

/** One line of the audit's outcome. */
function describe(id: string, result: AuditResult, disputeStep: number | undefined): string {
  if (result.kind === 'consistent') return `Job ${id} replays exactly: all ${result.steps} steps match the node's step hashes. Nothing to dispute.`;
  if (result.kind === 'wrong-init') return `Job ${id}'s h_0 is not the canonical W_0's hash: the initial weights are wrong (step 0).`;
  return `Job ${id}: transition ${result.step} → ${result.step + 1} lands off the node's h_${result.step + 1}: the node's step ${result.step} is wrong.${disputeStep === undefined ? ` Re-run with --dispute to dispute it.` : ''}`;
}

/**
 * `tgrid job audit <id> [--dispute]`: replays a verified job in full against the node's
 * published step hashes and, with --dispute, stores the opening of the first wrong transition
 * and disputes it on chain (research/verification.md §6.7.2).
 * @param ctx - the CLI context
 */
export function jobAuditCommand(ctx: CliContext): Command {
  return withJobMarketOptions(
    new Command('audit')
      .description('Re-run a verified job in full against the node\'s published step hashes; --dispute the first wrong step (locks the whistleblower bond)')
      .argument('<id>', 'the job id')
      .option('--dispute', 'store the opening of the first wrong transition and dispute the job on chain'),
    'the whistleblower',
  )
    .addHelpText('after', HELP)
    .action(
      withErrors(ctx, async (rawId: unknown, raw: unknown) => {
        const id = parseOrThrow(jobIdSchema, rawId, 'job id');
        const opts = parseOrThrow(optionsSchema, raw, 'options');
        const { market, client, job } = await loadWhistleblowerJob(ctx, id, opts);
        const onChain = await readJob(market.clients.publicClient, { address: market.jobMarket, jobId: BigInt(id) });
        if (onChain.state !== 'verified') {
          throw new BaseError('JOB_WRONG_STATE', `Job ${id} is ${onChain.state}: only a verified job can be audited`, { details: 'Audits run during a verified job\'s challenge window (`tgrid job show <id>`).' });
        }
        if (job.mode.kind === 'tolerant') throw new BaseError('VALIDATION_FAILED', `Job ${id} is verified in tolerant mode: its states are the node's own kernel's`, { details: 'Dispute a step instead (`tgrid job dispute <id> --step t`): its node must open it, and the referee judges the opening within τ.' });
        const published = await orNotFound(getJobStepHashes(client, { id }));
        const leaves = stepHashTree(job.commitment, published?.hashes, job.trainer.digest);
        if ('failure' in leaves) throw new BaseError('VALIDATION_FAILED', `Job ${id} cannot be audited: ${leaves.failure.detail ?? 'no step hashes'}`);

        const T = job.trainer.totalSteps;
        const every = Math.max(1, Math.ceil(T / 10));
        const say = (line: string) => void (opts.json ? undefined : ctx.stderr.write(`  … ${line}\n`));
        say(`replaying ${T} steps of job ${id} against the node's step hashes`);
        const result = auditRun({ trainer: job.trainer, commitment: job.commitment, hashes: published!.hashes, tree: leaves.tree, onStep: (t) => void ((t % every === 0 || t === T) && say(`${t}/${T} steps replayed`)) });
        const step = result.kind === 'diverges' ? result.step : result.kind === 'wrong-init' ? 0 : undefined;
        let disputed: { bond: bigint; txHash: string } | undefined;
        if (opts.dispute && step !== undefined) {
          // A challenged step has the node's own opening; any other needs the auditor's.
          const challenged = (await orNotFound(getJobChallenge(client, { id })))?.steps ?? [];
          if (result.kind === 'diverges' && !challenged.includes(step)) await putJobAuditOpening(client, { id, step, opening: transitionOpeningWire(result.opening) });
          disputed = await disputeJob(market.clients, { address: market.jobMarket, jobId: BigInt(id), evidence: disputeEvidence(step) });
        }
        const out = { jobId: id, steps: T, result: result.kind, step: step ?? null, disputed: disputed ? { bond: disputed.bond.toString(), txHash: disputed.txHash } : null, auditor: market.account };
        if (opts.json) return void ctx.stdout.write(`${JSON.stringify(out)}\n`);
        ctx.stdout.write(`${describe(id, result, opts.dispute ? step : undefined)}\n`);
        if (disputed) ctx.stdout.write(`Disputed job ${id} at step ${step}; bond ${formatGrid(disputed.bond)} locked (tx ${disputed.txHash}).\nThe referee re-runs the step; see \`tgrid job result ${id}\`.\n`);
      }),
    );
}
