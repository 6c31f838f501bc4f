import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { BaseError, type PlanClusterResponse } from '@tensorgrid/protocol';
import { createCoordinatorClient, planCluster } from '@tensorgrid/sdk';
import type { CliContext } from '../../context';
import { resolveCoordinatorUrl } from '../../resolve-coordinator';

/** Where a measured topology came from, as the plan output shows it. */
export interface MeasuredSource {
  kind: 'measured';
  coordinator: string;
  measured_pairs: number;
  reused_pairs: number;
  duration_ms: number;
  saved_to?: string;
}

/** Parameters of {@link measureTopology}. */
export interface MeasureTopologyParams {
  devices: string[];
  /** The job's shape fields (D_PP, D_DP, c_dp_gb, c_pp_gb or model); none: the coordinator's default model. */
  job: Record<string, unknown>;
  seed: number;
  budget: number;
  coordinator?: string | undefined;
  dataDir?: string | undefined;
  /** Write the measured topology here (the file `--topology` reads). */
  saveTo?: string | undefined;
}

/**
 * Asks the coordinator to have the devices probe each other now (`POST /v1/clusters/plan`),
 * showing progress on stderr, and returns the measured topology (saved to a file when asked).
 * @param ctx - the CLI context
 * @param params - devices, job shape, seed, budget, where the coordinator is and where to save
 * @throws {BaseError} what the coordinator refused with, or VALIDATION_FAILED when the file cannot be written
 */
export async function measureTopology(ctx: CliContext, params: MeasureTopologyParams): Promise<{ response: PlanClusterResponse; source: MeasuredSource }> {
  const url = resolveCoordinatorUrl(ctx, { ...(params.coordinator ? { coordinator: params.coordinator } : {}), ...(params.dataDir ? { dataDir: params.dataDir } : {}) });
  // Probing a large or slow cluster takes minutes: the coordinator bounds it at 5.
  const client = createCoordinatorClient({ url, timeoutMs: 330_000 });
  const pairs = (params.devices.length * (params.devices.length - 1)) / 2;
  ctx.stderr.write(`Probing ${params.devices.length} devices (${pairs} pairs) via ${url} …\n`);
  const ticker = setInterval(() => ctx.stderr.write('  still probing …\n'), 5000);
  let response: PlanClusterResponse;
  try {
    response = await planCluster(client, { devices: params.devices, ...params.job, seed: params.seed, budget: params.budget });
  } finally {
    clearInterval(ticker);
  }
  const { measuredPairs, reusedPairs, durationMs } = response.probe;
  ctx.stderr.write(`Measured ${measuredPairs} pairs (${reusedPairs} reused from a recent probe) in ${durationMs.toFixed(0)} ms\n`);
  const source: MeasuredSource = { kind: 'measured', coordinator: url, measured_pairs: measuredPairs, reused_pairs: reusedPairs, duration_ms: Math.round(durationMs) };
  if (params.saveTo) {
    const file = resolve(ctx.cwd, params.saveTo);
    try {
      writeFileSync(file, `${JSON.stringify(response.topology, null, 2)}\n`);
    } catch (cause) {
      throw new BaseError('VALIDATION_FAILED', `Cannot write the topology file ${file}`, { cause, details: 'Check the path given to --save-topology.' });
    }
    source.saved_to = file;
  }
  return { response, source };
}
