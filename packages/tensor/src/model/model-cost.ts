import type { CompiledModel } from './compile-model';
import type { OptimizerSpec } from '../optim/optimizer-spec';
import { optimizerSlotCount } from '../optim/optimizer-spec';

/**
 * Floating-point operations of one training step, counting a multiply-add as 2: per example
 * the forward pass (2·MACs), the backward pass (4·MACs: input and weight gradients) and the
 * softmax; per step the optimizer update (about 4 flops per parameter for SGD, 12 for Adam).
 * Job gas is priced from these (deterministic, so every node agrees on it).
 * @param model - a compiled model
 * @param optimizer - the optimizer
 */
export function trainingFlops(model: CompiledModel, optimizer: OptimizerSpec): { perExample: number; optimizerPerStep: number } {
  let macs = 0;
  for (const l of model.layers) {
    if (l.kind === 'dense') macs += l.inDim * l.outDim;
    else if (l.kind === 'conv2d') macs += l.filters * l.outH * l.outW * l.channels * l.kernel * l.kernel;
  }
  const perExample = 6 * macs + 5 * model.classes;
  return { perExample, optimizerPerStep: (optimizer.kind === 'sgd' ? 4 : 12) * model.paramCount };
}

/**
 * Bytes a training step holds at its peak: parameters, gradients and optimizer slots, plus
 * every layer's output and its gradient for the batch, and the input batch (all float32).
 * An estimate for matching jobs to devices, not an exact allocator count.
 * @param model - a compiled model
 * @param opts - the optimizer and the batch size
 */
export function trainingMemoryBytes(model: CompiledModel, opts: { optimizer: OptimizerSpec; batchSize: number }): number {
  const perParam = 2 + optimizerSlotCount(opts.optimizer);
  const perExample = model.inputSize + 2 * model.activationsPerExample;
  return 4 * (perParam * model.paramCount + opts.batchSize * perExample);
}
