import type { Topology } from '../topology';

/** One choice of pipeline and data-parallel degrees, with its volumes, or why it is ruled out. */
export type DegreeOption =
  | { kind: 'feasible'; dPP: number; dDP: number; cDpGb: number; cPpGb: number }
  | { kind: 'ruled-out'; dPP: number; dDP: number; why: string };

/**
 * The (D_PP, D_DP) choices for a topology. Fixed degrees give one choice. With a model, every
 * factorisation D_PP × D_DP = N whose D_PP divides the layer count is considered: a stage
 * syncs gradient_gb / D_PP, a pipeline carries activation_gb / D_DP, and a stage must fit in
 * every device's memory (memory_gb / D_PP).
 * @param topology - the validated topology
 */
export function degreeOptions(topology: Topology): DegreeOption[] {
  const n = topology.delay_ms.length;
  const { model } = topology;
  if (topology.D_PP !== undefined && topology.D_DP !== undefined) {
    const cDpGb = topology.c_dp_gb ?? model!.gradient_gb / topology.D_PP;
    const cPpGb = topology.c_pp_gb ?? model!.activation_gb / topology.D_DP;
    return [fits(topology, { kind: 'feasible', dPP: topology.D_PP, dDP: topology.D_DP, cDpGb, cPpGb })];
  }
  const options: DegreeOption[] = [];
  for (let dPP = 1; dPP <= n; dPP++) {
    if (n % dPP !== 0) continue;
    const dDP = n / dPP;
    if (model!.layers % dPP !== 0) {
      options.push({ kind: 'ruled-out', dPP, dDP, why: `${model!.layers} layers do not split into ${dPP} equal stages` });
      continue;
    }
    options.push(fits(topology, { kind: 'feasible', dPP, dDP, cDpGb: model!.gradient_gb / dPP, cPpGb: model!.activation_gb / dDP }));
  }
  return options;
}

function fits(topology: Topology, option: Extract<DegreeOption, { kind: 'feasible' }>): DegreeOption {
  const need = topology.model?.memory_gb;
  const memory = topology.device_memory_gb;
  if (need === undefined || !memory) return option;
  const perStage = need / option.dPP;
  const smallest = Math.min(...memory);
  return smallest >= perStage
    ? option
    : { kind: 'ruled-out', dPP: option.dPP, dDP: option.dDP, why: `a stage needs ${perStage.toFixed(1)} GB but the smallest device has ${smallest} GB` };
}
