/**
 * The link costs of DT-FM's cost model (Yuan et al. 2022, scheduler.py), precomputed per
 * device pair. Units: delay in ms, bandwidth in Gbit/s, volumes in GB (×8 → Gbit), costs in s.
 * - data-parallel link: 2·(α + c_DP·8 / (D_DP·β)): a sharded parameter server, each peer
 *   sends its 1/D_DP shard and gets the aggregate back;
 * - pipeline link: α + c_PP·8 / β; the score doubles the pipeline path (forward activations,
 *   backward gradients), as their code does.
 * Asymmetric measurements are averaged, as the paper symmetrises its graph.
 */
export interface CostModel {
  /** Device count. */
  n: number;
  /** Pipeline degree: number of stages, i.e. of data-parallel groups. */
  dPP: number;
  /** Data-parallel degree: devices per group, i.e. number of pipelines. */
  dDP: number;
  /** n×n data-parallel link costs, s. */
  dpLink: Float64Array;
  /** n×n pipeline link costs, s. */
  ppLink: Float64Array;
  /** Per device: seconds to compute its share of one stage, or null when compute is not modelled. */
  computeS: Float64Array | null;
}

/** Inputs of {@link createCostModel}. */
export interface CostModelInput {
  delayMs: readonly (readonly number[])[];
  bandwidthGbps: readonly (readonly number[])[];
  dPP: number;
  dDP: number;
  cDpGb: number;
  cPpGb: number;
  /** TFLOP of one device's share of one stage (iteration TFLOP / N), with per-device TFLOPS. */
  compute?: { tflopPerDevice: number; deviceTflops: readonly number[] };
}

/**
 * Precomputes the link cost matrices of one (D_PP, D_DP) choice.
 * @param input - matrices, degrees and volumes
 */
export function createCostModel(input: CostModelInput): CostModel {
  const n = input.delayMs.length;
  const dpLink = new Float64Array(n * n);
  const ppLink = new Float64Array(n * n);
  const cDpGbit = input.cDpGb * 8;
  const cPpGbit = input.cPpGb * 8;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const alphaS = (input.delayMs[i]![j]! + input.delayMs[j]![i]!) / 2 / 1000;
      const beta = (input.bandwidthGbps[i]![j]! + input.bandwidthGbps[j]![i]!) / 2;
      dpLink[i * n + j] = 2 * (alphaS + cDpGbit / (input.dDP * beta));
      ppLink[i * n + j] = alphaS + cPpGbit / beta;
    }
  }
  const computeS = input.compute ? Float64Array.from(input.compute.deviceTflops, (tflops) => input.compute!.tflopPerDevice / tflops) : null;
  return { n, dPP: input.dPP, dDP: input.dDP, dpLink, ppLink, computeS };
}
