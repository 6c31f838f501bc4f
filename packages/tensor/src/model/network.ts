import { conv2dBackward, conv2dForward } from '../kernels/conv2d';
import { denseBackward, denseForward } from '../kernels/dense';
import type { Reduction } from '../kernels/reduction';
import { reluBackward, reluForward } from '../kernels/relu';
import { softmaxCrossEntropy } from '../kernels/softmax-cross-entropy';
import type { CompiledModel, LayerPlan } from './compile-model';

/** A batch of examples: inputs [count, inputSize] and their labels. */
export interface Batch {
  inputs: Float32Array;
  labels: Uint32Array;
  count: number;
}

export interface NetworkPass {
  model: CompiledModel;
  params: Float32Array;
  /** Profiling only: a non-canonical summation order for the dense layers. */
  reduction?: Reduction;
}

export interface LossAndGradients {
  loss: number;
  correct: number;
  /** d loss / d params, laid out like the parameter vector. */
  grads: Float32Array;
}

function layerParams(params: Float32Array, l: { wOffset: number; bOffset: number }, biasCount: number): { w: Float32Array; b: Float32Array } {
  return { w: params.subarray(l.wOffset, l.bOffset), b: params.subarray(l.bOffset, l.bOffset + biasCount) };
}

function layerForward(pass: NetworkPass, l: LayerPlan, x: { data: Float32Array; batch: number }): Float32Array {
  if (l.kind === 'flatten') return x.data;
  if (l.kind === 'dense') {
    const y = denseForward({ x: x.data, ...layerParams(pass.params, l, l.outDim), batch: x.batch, inDim: l.inDim, outDim: l.outDim, reduction: pass.reduction });
    return l.relu ? reluForward(y) : y;
  }
  const y = conv2dForward({ x: x.data, ...layerParams(pass.params, l, l.filters), ...l, batch: x.batch });
  return l.relu ? reluForward(y) : y;
}

/**
 * The logits [count, classes] of a batch: the layers in order, no state kept.
 * @param pass - model and parameters
 * @param batch - the inputs (labels unused)
 */
export function forwardLogits(pass: NetworkPass, batch: Batch): Float32Array {
  let data = batch.inputs;
  for (const l of pass.model.layers) data = layerForward(pass, l, { data, batch: batch.count });
  return data;
}

/**
 * Forward pass, softmax cross-entropy and backward pass over one batch: the mean loss,
 * the number classified correctly and the gradient of every parameter.
 * @param pass - model and parameters
 * @param batch - inputs and labels
 */
export function lossAndGradients(pass: NetworkPass, batch: Batch): LossAndGradients {
  const { model, params } = pass;
  const outputs: Float32Array[] = [batch.inputs];
  for (const l of model.layers) outputs.push(layerForward(pass, l, { data: outputs[outputs.length - 1]!, batch: batch.count }));
  const ce = softmaxCrossEntropy({ logits: outputs[outputs.length - 1]!, labels: batch.labels, batch: batch.count, classes: model.classes });
  const grads = new Float32Array(model.paramCount);
  let dy = ce.dlogits;
  for (let i = model.layers.length - 1; i >= 0; i--) {
    const l = model.layers[i]!;
    if (l.kind === 'flatten') continue;
    const x = outputs[i]!;
    if (l.relu) dy = reluBackward(outputs[i + 1]!, dy);
    const skipInputGrad = model.layers.slice(0, i).every((p) => p.kind === 'flatten');
    const g =
      l.kind === 'dense'
        ? denseBackward({ x, dy, ...layerParams(params, l, l.outDim), batch: batch.count, inDim: l.inDim, outDim: l.outDim, reduction: pass.reduction, skipInputGrad })
        : conv2dBackward({ x, dy, ...layerParams(params, l, l.filters), ...l, batch: batch.count, skipInputGrad });
    grads.set(g.dw, l.wOffset);
    grads.set(g.db, l.bOffset);
    dy = g.dx;
  }
  return { loss: ce.loss, correct: ce.correct, grads };
}
