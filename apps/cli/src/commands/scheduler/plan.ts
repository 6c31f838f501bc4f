import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { BaseError, parseOrThrow, safeJson } from '@tensorgrid/protocol';
import { planPlacement, type Plan } from '@tensorgrid/scheduler';
import { Command } from 'commander';
import { z } from 'zod';
import type { CliContext } from '../../context';
import { formatTable } from '../../output/format-table';
import { withErrors } from '../../output/with-errors';

const optionsSchema = z.object({
  topology: z.string().min(1),
  seed: z.coerce.number().int().min(0).default(1),
  budget: z.coerce.number().int().min(1).max(10_000_000).default(5000),
  timeLimitMs: z.coerce.number().int().min(1).default(60_000),
  json: z.boolean().optional(),
});

/** The plan as `--json` prints it: the issue's keys first, then the details. */
function toJson(plan: Plan, labels: string[] | undefined) {
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
  };
}

/**
 * `tgrid scheduler plan --topology <file.json>`: places pipeline stages and data-parallel
 * groups on the devices of a topology.
 * @param ctx - the CLI context
 */
export function schedulerPlanCommand(ctx: CliContext): Command {
  return new Command('plan')
    .description('Place a training job on devices over an uneven network: data-parallel groups, stage order, pipelines')
    .requiredOption('--topology <file>', 'topology JSON: {"delay_ms": N×N, "bandwidth_gbps": N×N, "D_PP", "D_DP", "c_dp_gb", "c_pp_gb"} (or a "model" to choose the degrees)')
    .option('--seed <n>', 'search seed (same seed, same plan)', '1')
    .option('--budget <n>', 'cost evaluations to spend', '5000')
    .option('--time-limit-ms <ms>', 'wall-clock limit of the search', '60000')
    .option('--json', 'print JSON')
    .addHelpText('after', '\nOptional topology fields: "device_tflops", "device_memory_gb", "labels", and "model": {layers, gradient_gb, activation_gb, tflop_per_iteration?, memory_gb?}.\nExample: tgrid scheduler plan --topology packages/scheduler/fixtures/dtfm/case-5.json --json')
    .action(
      withErrors(ctx, async (raw: unknown) => {
        const opts = parseOrThrow(optionsSchema, raw, 'options');
        const file = resolve(ctx.cwd, opts.topology);
        let text: string;
        try {
          text = readFileSync(file, 'utf8');
        } catch (cause) {
          throw new BaseError('VALIDATION_FAILED', `Cannot read the topology file ${file}`, { cause, details: 'Check the path given to --topology.' });
        }
        const topology = safeJson(text);
        if (topology === undefined) throw new BaseError('VALIDATION_FAILED', `The topology file ${file} is not valid JSON`);
        const started = performance.now();
        const plan = planPlacement(topology, { seed: opts.seed, budget: opts.budget, timeLimitMs: opts.timeLimitMs });
        const ms = performance.now() - started;
        const labels = (topology as { labels?: string[] }).labels;
        if (opts.json) return void ctx.stdout.write(`${JSON.stringify(toJson(plan, labels))}\n`);
        const name = (d: number) => (labels ? `${d}:${labels[d]}` : String(d));
        ctx.stdout.write(
          `Plan for ${plan.rankOf.length} devices: ${plan.dPP} stages × ${plan.dDP} pipelines, ${plan.evaluations} evaluations in ${ms.toFixed(0)} ms\n` +
            `Estimated ${plan.costS.toFixed(4)} s per iteration = data-parallel ${plan.dpCostS.toFixed(4)} + pipeline ${plan.ppCostS.toFixed(4)}${plan.computeCostS ? ` + compute ${plan.computeCostS.toFixed(4)}` : ''}\n\n`,
        );
        const byStage = plan.groups.map((devices, k) => ({ stage: plan.stageOrder[k]!, devices })).sort((a, b) => a.stage - b.stage);
        ctx.stdout.write(formatTable(['STAGE', 'DATA-PARALLEL GROUP'], byStage.map((s) => [String(s.stage), s.devices.map(name).join(' ')])));
      }),
    );
}
