/**
 * A device's weight inside its reward pool:
 *
 *   weight = class units × number of GPUs × quality score in hundredths (0..10,000)
 *
 * for a GPU device (GPU pool), and `CPU cores × quality score in hundredths` for a CPU device
 * (CPU pool). Class units are a published table of each GPU model's dense BF16/FP16 tensor
 * throughput in TFLOPS (rounded), matched on the lower-cased model name; models not in the
 * table count as {@link DEFAULT_GPU_CLASS_UNITS}.
 *
 * Why this and not raw measured throughput: block rewards pay for verified capacity that is
 * offered to buyers. The model is verified by the hardware challenges (a device that spoofs
 * its model fails them and misses the block outright), so a fixed table is deterministic,
 * auditable from public data and cannot be gamed by tuning a benchmark; the quality score
 * (uptime, network, measured throughput ratio, challenge pass rates) then scales that by how
 * useful the device really is. Integers only, so the split is exact.
 */
export const GPU_CLASS_UNITS: Readonly<Record<string, number>> = {
  h200: 989,
  h100: 989,
  a100: 312,
  l40s: 362,
  l40: 181,
  a6000: 155,
  'rtx 4090': 165,
  'rtx 4080': 97,
  'rtx 4070': 58,
  'rtx 3090': 71,
  'rtx 3080': 59,
  'rtx 3070': 40,
  'rtx 3060': 25,
  'apple m': 27,
};

/** Units of a GPU model missing from {@link GPU_CLASS_UNITS}. */
export const DEFAULT_GPU_CLASS_UNITS = 20;

/** What the weight is computed from. */
export interface RewardWeightInputs {
  kind: 'gpu' | 'cpu';
  /** The GPU model (GPU devices). */
  gpuModel: string | null;
  gpuCount: number;
  cpuCores: number;
  /** The quality score, 0..100. */
  score: number;
}

/**
 * The class units of a GPU model: the first table key (longest first) the lower-cased name contains.
 * @param model - the GPU model name, e.g. "NVIDIA GeForce RTX 4090"
 * @param table - the class table @default GPU_CLASS_UNITS
 */
export function gpuClassUnits(model: string, table: Readonly<Record<string, number>> = GPU_CLASS_UNITS): number {
  const name = model.toLowerCase();
  const key = Object.keys(table).sort((a, b) => b.length - a.length || a.localeCompare(b)).find((k) => name.includes(k));
  return key === undefined ? DEFAULT_GPU_CLASS_UNITS : (table[key] ?? DEFAULT_GPU_CLASS_UNITS);
}

/**
 * A device's integer weight in its pool (see the module comment for the formula and why).
 * @param inputs - kind, model, GPU count, cores and quality score
 * @param table - the class table @default GPU_CLASS_UNITS
 */
export function rewardWeight(inputs: RewardWeightInputs, table: Readonly<Record<string, number>> = GPU_CLASS_UNITS): bigint {
  const score = BigInt(Math.round(Math.min(100, Math.max(0, Number.isFinite(inputs.score) ? inputs.score : 0)) * 100));
  if (inputs.kind === 'cpu') return BigInt(Math.max(0, Math.floor(inputs.cpuCores))) * score;
  const units = BigInt(gpuClassUnits(inputs.gpuModel ?? '', table));
  return units * BigInt(Math.max(0, Math.floor(inputs.gpuCount))) * score;
}
