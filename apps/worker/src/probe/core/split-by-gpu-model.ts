import { BaseError, gpuModelsOf, type GpuCard } from '@tensorgrid/protocol';

/** The cards of one GPU model on a machine. */
export interface GpuModelGroup {
  model: string;
  gpus: GpuCard[];
}

/** Which cards the operator asked a worker to serve. */
export interface GpuSelector {
  /** A model name, matched without regard to case, whole or as a part ("RTX 4090"). */
  model?: string;
  /** Card indices as nvidia-smi numbers them. */
  indices?: readonly number[];
}

/** The outcome of {@link selectGpus}. */
export type GpuSelection =
  /** The cards to serve: all of one model (none for a CPU-only machine given no selector). */
  | { kind: 'selected'; gpus: GpuCard[] }
  /** The selected cards span several models, which one worker cannot serve. */
  | { kind: 'mixed'; models: string[] }
  /** No card matches the selector; `available` lists what the machine has. */
  | { kind: 'none-matching'; available: GpuModelGroup[]; why: string };

/**
 * Groups cards by model, in the order models are first seen.
 * @param gpus - every card on the machine
 */
export function splitByGpuModel(gpus: readonly GpuCard[]): GpuModelGroup[] {
  return gpuModelsOf(gpus).map((model) => ({ model, gpus: gpus.filter((g) => g.model === model) }));
}

/**
 * Picks the cards one worker serves. One worker serves one GPU model, so a selection that
 * spans models (including no selector on a mixed machine) is `mixed`, never a subset.
 * @param gpus - every card on the machine
 * @param selector - the operator's `--gpu-model` and `--gpus` choices
 */
export function selectGpus(gpus: readonly GpuCard[], selector: GpuSelector = {}): GpuSelection {
  const available = splitByGpuModel(gpus);
  let chosen = [...gpus];
  if (selector.model !== undefined) {
    const wanted = selector.model.trim().toLowerCase();
    const exact = chosen.filter((g) => g.model.toLowerCase() === wanted);
    chosen = exact.length > 0 ? exact : chosen.filter((g) => g.model.toLowerCase().includes(wanted));
    if (chosen.length === 0) return { kind: 'none-matching', available, why: `no GPU model matches "${selector.model}"` };
  }
  if (selector.indices !== undefined) {
    const known = new Set(chosen.map((g) => g.index));
    const unknown = selector.indices.filter((i) => !known.has(i));
    if (unknown.length > 0) {
      const scope = selector.model === undefined ? '' : ` of model "${selector.model}"`;
      return { kind: 'none-matching', available, why: `no GPU${scope} has index ${unknown.join(', ')}` };
    }
    const wanted = new Set(selector.indices);
    chosen = chosen.filter((g) => wanted.has(g.index));
  }
  const models = gpuModelsOf(chosen);
  return models.length > 1 ? { kind: 'mixed', models } : { kind: 'selected', gpus: chosen };
}

/**
 * Throws unless every card is of one model: one worker serves one GPU model.
 * @param gpus - the cards a worker is about to serve
 * @throws BaseError `MIXED_GPU_MODELS` naming the models and what to do instead
 */
export function assertSingleModel(gpus: readonly GpuCard[]): void {
  const groups = splitByGpuModel(gpus);
  if (groups.length <= 1) return;
  const models = groups.map((g) => g.model);
  const listing = groups.map((g) => `${g.model} (index ${g.gpus.map((c) => c.index).join(', ')})`).join('; ');
  const commands = models.map((m) => `  tgrid worker start --gpu-model "${m}"`).join('\n');
  throw new BaseError('MIXED_GPU_MODELS', `These GPUs are of ${models.length} models: ${listing}`, {
    data: { models, groups: groups.map((g) => ({ model: g.model, indices: g.gpus.map((c) => c.index) })) },
    details:
      'One worker serves one GPU model: CUDA versions and resource management (memory, ' +
      'clocks, scheduling, pricing) differ per model, and buyers rent a known model. Start ' +
      `one worker per model:\n${commands}`,
  });
}
