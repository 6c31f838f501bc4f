import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { BaseError, addressSchema, parseOrThrow, safeJson } from '@tensorgrid/protocol';
import { planPlacement, type Plan } from '@tensorgrid/scheduler';
import { Command } from 'commander';
import { z } from 'zod';
import type { CliContext } from '../../context';
import { formatTable } from '../../output/format-table';
import { withErrors } from '../../output/with-errors';
import { measureTopology, type MeasuredSource } from './measure-topology';

const optionsSchema = z.object({
  topology: z.string().min(1).optional(),
  devices: z.string().transform((list) => list.split(',').map((d) => d.trim()).filter(Boolean)).pipe(z.array(addressSchema).min(2).max(64)).optional(),
  job: z.string().min(1).optional(),
  saveTopology: z.string().min(1).optional(),
  coordinator: z.string().url().optional(),
  dataDir: z.string().optional(),
  seed: z.coerce.number().int().min(0).default(1),
  budget: z.coerce.number().int().min(1).max(10_000_000).default(5000),
  timeLimitMs: z.coerce.number().int().min(1).default(60_000),
  json: z.boolean().optional(),
}).refine((o) => (o.topology === undefined) !== (o.devices === undefined), { message: 'give exactly one of --topology <file> and --devices <id,id,...>', path: ['topology'] })
  .refine((o) => o.devices !== undefined || (o.job === undefined && o.saveTopology === undefined), { message: '--job and --save-topology go with --devices', path: ['devices'] });

type FileSource = { kind: 'file'; path: string };

/** Reads a JSON file the user named, with a typed error naming the flag. */
function readJsonFile(ctx: CliContext, path: string, flag: string): unknown {
  const file = resolve(ctx.cwd, path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new BaseError('VALIDATION_FAILED', `Cannot read the ${flag.slice(2)} file ${file}`, { cause, details: `Check the path given to ${flag}.` });
  }
  const json = safeJson(text);
  if (json === undefined) throw new BaseError('VALIDATION_FAILED', `The ${flag.slice(2)} file ${file} is not valid JSON`);
  return json;
}

/** The plan as `--json` prints it: the issue's keys first, then the details. */
function toJson(plan: Plan, labels: string[] | undefined, source: FileSource | MeasuredSource) {
  return {
    groups: plan.groups,
    stage_order: plan.stageOrder,
    cost_s: plan.costS,
    evaluations: plan.evaluations,
    D_PP: plan.dPP,
    D_DP: plan.dDP,
    dp_cost_s: plan.dpCostS,
    pp_cost_s: plan.ppCostS,
    compute_cost_s: plan.computeCostS,
    pipelines: plan.pipelines,
    rank_of: plan.rankOf,
    considered: plan.considered.map((c) => ({ D_PP: c.dPP, D_DP: c.dDP, ...(c.costS === undefined ? {} : { cost_s: c.costS }), ...(c.why ? { why: c.why } : {}) })),
    ...(labels ? { labels } : {}),
    source,
  };
}

/**
 * `tgrid scheduler plan --topology <file.json>` or `--devices <id,id,...>`: places pipeline
 * stages and data-parallel groups on the devices of a topology, read from a file or measured
 * now by the devices themselves (the coordinator has them probe each other). The plan is
 * computed here from the matrix with the given seed and budget, as the coordinator does, so
 * `--save-topology` then `--topology` reproduces it.
 * @param ctx - the CLI context
 */
export function schedulerPlanCommand(ctx: CliContext): Command {
  return new Command('plan')
    .description('Place a training job on devices over an uneven network: data-parallel groups, stage order, pipelines')
    .option('--topology <file>', 'topology JSON: {"delay_ms": N×N, "bandwidth_gbps": N×N, "D_PP", "D_DP", "c_dp_gb", "c_pp_gb"} (or a "model" to choose the degrees)')
    .option('--devices <ids>', 'instead of --topology: comma-separated device ids (2-64, online) that probe each other now')
    .option('--job <file>', 'with --devices: JSON with the job\'s "D_PP", "D_DP", "c_dp_gb", "c_pp_gb" or "model" (default: GPT-3 XL, degrees chosen)')
    .option('--save-topology <file>', 'with --devices: write the measured topology (the file --topology reads)')
    .option('--coordinator <url>', 'with --devices: coordinator URL (default: the running devnet)')
    .option('--data-dir <dir>', 'devnet data directory', '.tensorgrid')
    .option('--seed <n>', 'search seed (same seed, same plan)', '1')
    .option('--budget <n>', 'cost evaluations to spend', '5000')
    .option('--time-limit-ms <ms>', 'wall-clock limit of the search', '60000')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      '\nOptional topology fields: "device_tflops", "device_memory_gb", "labels", and "model": {layers, gradient_gb, activation_gb, tflop_per_iteration?, memory_gb?}.' +
        '\nExamples:\n  tgrid scheduler plan --topology packages/scheduler/fixtures/dtfm/case-5.json --json' +
        '\n  tgrid scheduler plan --devices 0xabc…,0xdef…,0x123…,0x456… --save-topology cluster.json',
    )
    .action(
      withErrors(ctx, async (raw: unknown) => {
        const opts = parseOrThrow(optionsSchema, raw, 'options');
        let topology: unknown;
        let source: FileSource | MeasuredSource;
        if (opts.devices) {
          const job = opts.job ? readJsonFile(ctx, opts.job, '--job') : {};
          if (typeof job !== 'object' || job === null || Array.isArray(job)) throw new BaseError('VALIDATION_FAILED', 'The job file must hold a JSON object');
          const measured = await measureTopology(ctx, { devices: opts.devices, job: job as Record<string, unknown>, seed: opts.seed, budget: opts.budget, coordinator: opts.coordinator, dataDir: opts.dataDir, saveTo: opts.saveTopology });
          topology = measured.response.topology;
          source = measured.source;
        } else {
          topology = readJsonFile(ctx, opts.topology!, '--topology');
          source = { kind: 'file', path: resolve(ctx.cwd, opts.topology!) };
        }
        const started = performance.now();
        const plan = planPlacement(topology, { seed: opts.seed, budget: opts.budget, timeLimitMs: opts.timeLimitMs });
        const ms = performance.now() - started;
        const labels = (topology as { labels?: string[] }).labels;
        if (opts.json) return void ctx.stdout.write(`${JSON.stringify(toJson(plan, labels, source))}\n`);
        const name = (d: number) => (labels ? `${d}:${labels[d]}` : String(d));
        const from =
          source.kind === 'file'
            ? `Matrix: from ${source.path}`
            : `Matrix: measured now by the devices via ${source.coordinator} (${source.measured_pairs} pairs probed, ${source.reused_pairs} reused)${source.saved_to ? `, saved to ${source.saved_to}` : ''}`;
        ctx.stdout.write(
          `Plan for ${plan.rankOf.length} devices: ${plan.dPP} stages × ${plan.dDP} pipelines, ${plan.evaluations} evaluations in ${ms.toFixed(0)} ms\n` +
            `Estimated ${plan.costS.toFixed(4)} s per iteration = data-parallel ${plan.dpCostS.toFixed(4)} + pipeline ${plan.ppCostS.toFixed(4)}${plan.computeCostS ? ` + compute ${plan.computeCostS.toFixed(4)}` : ''}\n` +
            `${from}\n\n`,
        );
        const byStage = plan.groups.map((devices, k) => ({ stage: plan.stageOrder[k]!, devices })).sort((a, b) => a.stage - b.stage);
        ctx.stdout.write(formatTable(['STAGE', 'DATA-PARALLEL GROUP'], byStage.map((s) => [String(s.stage), s.devices.map(name).join(' ')])));
      }),
    );
}
