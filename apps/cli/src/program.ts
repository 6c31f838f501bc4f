import { Command } from 'commander';
import { devicesListCommand } from './commands/devices/list';
import { devicesShowCommand } from './commands/devices/show';
import { jobListCommand } from './commands/job/list';
import { jobShowCommand } from './commands/job/show';
import { jobSubmitCommand } from './commands/job/submit';
import { jobResultCommand } from './commands/job/result';
import { jobCalibrateCommand } from './commands/job/calibrate';
import { jobAuditCommand } from './commands/job/audit';
import { jobDisputeCommand } from './commands/job/dispute';
import { jobTimeoutCommand } from './commands/job/timeout';
import { jobCanariesCommand } from './commands/job/canaries';
import { devnetCommand } from './commands/devnet/start';
import { rewardsClaimCommand } from './commands/rewards/claim';
import { rewardsShowCommand } from './commands/rewards/show';
import { rewardsJobSharesCommand } from './commands/rewards/job-shares';
import { schedulerPlanCommand } from './commands/scheduler/plan';
import { costakeCommand } from './commands/stake/costake';
import { costakeOfferCommand } from './commands/stake/costake-offer';
import { stakeCommand } from './commands/stake/stake';
import { unstakeCommand } from './commands/stake/unstake';
import { workerCheckCommand } from './commands/worker/check';
import { workerStartCommand } from './commands/worker/start';
import type { CliContext } from './context';

/**
 * The `tgrid` command tree.
 * @param ctx - the CLI context
 */
export function createProgram(ctx: CliContext): Command {
  const program = new Command('tgrid')
    .description('Tensorgrid: an open network of GPUs and CPUs for AI work')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (s) => void ctx.stdout.write(s), writeErr: (s) => void ctx.stderr.write(s) });
  program.addCommand(devnetCommand(ctx));
  program.addCommand(new Command('worker').description('Run the worker agent (supply side)').addCommand(workerStartCommand(ctx)).addCommand(workerCheckCommand(ctx)));
  program.addCommand(new Command('devices').description('Inspect registered devices').addCommand(devicesListCommand(ctx)).addCommand(devicesShowCommand(ctx)));
  program.addCommand(new Command('scheduler').description('Place training over uneven networks').addCommand(schedulerPlanCommand(ctx)));
  program.addCommand(
    new Command('job')
      .description('The job market: submit a job, calibrate its tolerance, list posted jobs, one job with its spec and history, its result, time out an accepted job past its deadline, dispute or audit a verified job, verifiers\' diligence on canaries')
      .addCommand(jobSubmitCommand(ctx)).addCommand(jobCalibrateCommand(ctx)).addCommand(jobListCommand(ctx)).addCommand(jobShowCommand(ctx)).addCommand(jobResultCommand(ctx)).addCommand(jobTimeoutCommand(ctx)).addCommand(jobDisputeCommand(ctx)).addCommand(jobAuditCommand(ctx))
      .addCommand(jobCanariesCommand(ctx)),
  );
  program.addCommand(new Command('rewards').description('Block rewards and job shares: what is owed, why a block was missed, claims').addCommand(rewardsShowCommand(ctx)).addCommand(rewardsJobSharesCommand(ctx)).addCommand(rewardsClaimCommand(ctx)));
  program.addCommand(stakeCommand(ctx)).addCommand(unstakeCommand(ctx)).addCommand(costakeCommand(ctx)).addCommand(costakeOfferCommand(ctx));
  return program;
}
