import { BaseError, type GpuCard } from '@tensorgrid/protocol';
import { assertSingleModel, selectGpus, splitByGpuModel, type GpuSelector } from '../../probe/core/split-by-gpu-model';

/** One worker to start: the cards it serves and the folder name of its identity. */
export interface PlannedWorker {
  /** 'cpu', or the GPU model as a file-name-safe slug. */
  slug: string;
  gpus: GpuCard[];
}

/**
 * Which workers a machine runs. One worker serves one GPU model, so a mixed machine gets
 * one worker per model unless the operator chooses with `--gpu-model` / `--gpus`; a choice
 * that spans two models is refused with MIXED_GPU_MODELS.
 * @param gpus - every card the probe found
 * @param selector - the operator's choice, if any
 * @throws {BaseError} MIXED_GPU_MODELS, CONFIG_INVALID when nothing matches the choice
 */
export function planWorkers(gpus: readonly GpuCard[], selector: GpuSelector = {}): PlannedWorker[] {
  const chose = selector.model !== undefined || selector.indices !== undefined;
  if (gpus.length === 0) {
    if (chose) throw new BaseError('CONFIG_INVALID', 'No GPU was found on this machine, so --gpu-model and --gpus cannot be used', { details: 'Leave them out to start a CPU worker.' });
    return [{ slug: 'cpu', gpus: [] }];
  }
  if (!chose) return splitByGpuModel(gpus).map((g) => ({ slug: slugOf(g.model), gpus: g.gpus }));
  const selection = selectGpus(gpus, selector);
  switch (selection.kind) {
    case 'selected': {
      // Workers serving different cards of one model keep different identities.
      const cards = selector.indices === undefined ? '' : `-gpus-${selection.gpus.map((g) => g.index).join('-')}`;
      return [{ slug: slugOf(selection.gpus[0]!.model) + cards, gpus: selection.gpus }];
    }
    case 'mixed':
      assertSingleModel(gpus.filter((g) => selector.indices?.includes(g.index) ?? true));
      throw new BaseError('MIXED_GPU_MODELS', `The chosen GPUs are of ${selection.models.length} models: ${selection.models.join(', ')}`);
    case 'none-matching':
      throw new BaseError('CONFIG_INVALID', `Cannot start a worker: ${selection.why}`, {
        data: { available: selection.available.map((g) => ({ model: g.model, indices: g.gpus.map((c) => c.index) })) },
        details: `GPUs on this machine: ${selection.available.map((g) => `${g.model} (index ${g.gpus.map((c) => c.index).join(', ')})`).join('; ')}.`,
      });
  }
}

/**
 * A GPU model as a file-name-safe slug, e.g. "NVIDIA GeForce RTX 4090" → "nvidia-geforce-rtx-4090".
 * @param model - the product name
 */
export function slugOf(model: string): string {
  return model.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'gpu';
}
