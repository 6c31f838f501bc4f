import { resolve } from 'node:path';
import { parseOrThrow } from '@tensorgrid/protocol';
import { createCoordinatorClient, fetchDatasetBytes } from '@tensorgrid/sdk';
import { loadDataset } from '@tensorgrid/tensor';
import { DEFAULT_TOLERANCE_FACTOR } from '@tensorgrid/verification';
import { Command } from 'commander';
import { z } from 'zod';
import type { CliContext } from '../../context';
import { coordinatorFlagsSchema, withCoordinatorOptions } from '../../coordinator-options';
import { withErrors } from '../../output/with-errors';
import { resolveCoordinatorUrl } from '../../resolve-coordinator';
import { calibrateJobSpec } from './calibrate-job-spec';
import { readJobSpecFile } from './read-job-spec-file';
import { writeSpecVerification } from './write-spec-verification';

/** Default bound on the steps calibration trains. */

const optionsSchema = coordinatorFlagsSchema.extend({
  states: z.coerce.number().int().min(1).max(1_000).default(16),
  factor: z.coerce.number().min(1).max(1_000).default(DEFAULT_TOLERANCE_FACTOR),
  maxSteps: z.coerce.number().int().min(1).max(1_000_000).optional(),
  write: z.boolean().optional(),
});

const HELP = `
Tolerant mode lets nodes on non-canonical kernels (PyTorch-like, other summation orders) take
the job: a verifier replays each sampled step canonically from the node's committed W_t and
accepts the committed W_{t+1} when ε (the distance relative to the step's update) is ≤ τ.
This command profiles τ for the spec (research/verification.md §6.6): it trains the spec
canonically from a fixed seed, samples --states states spread over the whole run (or the
first --max-steps steps: quicker, but late steps of a decaying schedule show the largest ε,
so a bounded profile can set τ too low), re-runs one step from each under reversed, 4-lane and shuffled summation orders, and
sets τ = --factor × the largest ε seen. A job without "verification" is checked exactly.

A tabular dataset is read from the spec's local file, else fetched from its location (the
coordinator's store needs --coordinator or a running devnet).

Examples:
  $ tgrid job calibrate my-job.json
  $ tgrid job calibrate my-job.json --states 32 --factor 10 --write
  $ tgrid job calibrate my-job.json --json`;

/**
 * `tgrid job calibrate <spec>`: profiles tolerant mode's τ for a job spec and, with `--write`,
 * sets `verification: { mode: 'tolerant', tau }` in the file.
 * @param ctx - the CLI context
 */
export function jobCalibrateCommand(ctx: CliContext): Command {
  return withCoordinatorOptions(
    new Command('calibrate')
      .description('Profile the tolerance τ of a job spec for tolerant verification (nodes on non-canonical kernels); --write puts it into the spec')
      .argument('<spec>', 'the job spec file (JSON)')
      .option('--states <n>', 'states to sample, spread over the trained steps', '16')
      .option('--factor <c>', `τ = c × the largest ε seen (at least 1)`, String(DEFAULT_TOLERANCE_FACTOR))
      .option('--max-steps <n>', 'train at most this many steps of the job to sample from (default: the whole run)')
      .option('--write', 'write verification: { mode: "tolerant", tau } into the spec file'),
  )
    .addHelpText('after', HELP)
    .action(
      withErrors(ctx, async (file: string, raw: unknown) => {
        const opts = parseOrThrow(optionsSchema, raw, 'options');
        const say = (line: string) => void (opts.json ? undefined : ctx.stderr.write(`  … ${line}\n`));
        const path = resolve(ctx.cwd, file);
        const { spec, dataset: local } = readJobSpecFile(path);
        const data = spec.training.dataset;
        let bytes = local?.bytes;
        if (data.kind === 'tabular' && !bytes) {
          say('fetching the dataset');
          bytes = await fetchDatasetBytes(createCoordinatorClient({ url: resolveCoordinatorUrl(ctx, opts), timeoutMs: 60_000 }), { sha256: data.sha256, location: data.location });
        }
        const dataset = loadDataset({ spec: data, split: 'train', ...(bytes ? { bytes } : {}) });
        const cal = calibrateJobSpec({ spec, dataset, states: opts.states, factor: opts.factor, maxSteps: opts.maxSteps ?? Number.POSITIVE_INFINITY, say });
        if (opts.write) {
          writeSpecVerification(path, { mode: 'tolerant', tau: cal.tau });
          say(`wrote verification: { mode: 'tolerant', tau: ${cal.tau} } into ${file}`);
        }
        const result = { ...cal, written: opts.write === true };
        if (opts.json) return void ctx.stdout.write(`${JSON.stringify(result)}\n`);
        ctx.stdout.write(
          [
            `τ         ${cal.tau} (${cal.factor} × max ε)`,
            `max ε     ${cal.maxEpsilon}`,
            `states    ${cal.sampledSteps.length}, steps ${cal.sampledSteps[0]}…${cal.sampledSteps.at(-1)} of ${cal.trainedSteps} trained (T = ${cal.totalSteps})`,
            ...cal.perSetting.map((s) => `  ${s.name.padEnd(12)} max ε ${s.maxEpsilon}`),
            ...(cal.trainedSteps < cal.totalSteps
              ? [`Note: only steps 0…${cal.trainedSteps - 1} of ${cal.totalSteps} were profiled; late steps (small updates under a decaying schedule) can show a larger ε. Profile the whole run with --max-steps ${cal.totalSteps}.`]
              : []),
            opts.write ? `Written into ${file}: "verification": { "mode": "tolerant", "tau": ${cal.tau} }` : `To use it: tgrid job calibrate ${file} --write (or add "verification": { "mode": "tolerant", "tau": ${cal.tau} })`,
          ].join('\n') + '\n',
        );
      }),
    );
}
