import type { Dataset } from '../data/generate-dataset';
import { softmaxCrossEntropy } from '../kernels/softmax-cross-entropy';
import type { CompiledModel } from '../model/compile-model';
import { forwardLogits } from '../model/network';

const CHUNK = 256;

/**
 * Mean loss, accuracy and correct count of parameters on a dataset, in fixed chunks of 256 examples (so
 * the result does not depend on memory): the held-out check of the final model.
 * @param model - the compiled model
 * @param params - the parameters (e.g. the final state's)
 * @param dataset - e.g. a held-out split drawn with a seed revealed after the commitment
 */
export function evaluate(model: CompiledModel, params: Float32Array, dataset: Dataset): { loss: number; accuracy: number; correct: number } {
  let loss = 0;
  let correct = 0;
  for (let start = 0; start < dataset.count; start += CHUNK) {
    const count = Math.min(CHUNK, dataset.count - start);
    const inputs = dataset.inputs.subarray(start * model.inputSize, (start + count) * model.inputSize);
    const labels = dataset.labels.subarray(start, start + count);
    const logits = forwardLogits({ model, params }, { inputs, labels, count });
    const ce = softmaxCrossEntropy({ logits, labels, batch: count, classes: model.classes });
    loss = Math.fround(loss + Math.fround(ce.loss * count));
    correct += ce.correct;
  }
  return { loss: Math.fround(loss / dataset.count), accuracy: correct / dataset.count, correct };
}
