import { BaseError } from '@tensorgrid/protocol';
import type { ModelSpec } from './model-spec';

/** A layer with its tensor shapes and where its parameters sit in the flat parameter vector. */
export type LayerPlan =
  | { kind: 'dense'; inDim: number; outDim: number; relu: boolean; wOffset: number; bOffset: number }
  | { kind: 'conv2d'; channels: number; height: number; width: number; filters: number; kernel: number; padding: 'valid' | 'same'; outH: number; outW: number; relu: boolean; wOffset: number; bOffset: number }
  | { kind: 'flatten'; size: number };

/**
 * A model laid out for the kernels. All parameters live in one flat float32 vector, layer by
 * layer, each layer's weight then its bias: the byte order the state hash commits to.
 */
export interface CompiledModel {
  layers: LayerPlan[];
  inputSize: number;
  classes: number;
  paramCount: number;
  /** Float32 values each example keeps for the backward pass (all layer outputs). */
  activationsPerExample: number;
}

function invalid(message: string): BaseError {
  return new BaseError('VALIDATION_FAILED', `Invalid model: ${message}`);
}

/**
 * Checks the layer shapes fit together and assigns parameter offsets.
 * @param spec - a parsed model spec
 */
export function compileModel(spec: ModelSpec): CompiledModel {
  let shape: number[] = [...spec.input];
  let offset = 0;
  let activations = 0;
  const layers: LayerPlan[] = [];
  for (const [i, layer] of spec.layers.entries()) {
    const size = shape.reduce((a, b) => a * b, 1);
    if (layer.type === 'flatten') {
      layers.push({ kind: 'flatten', size });
      shape = [size];
      continue;
    }
    if (layer.type === 'dense') {
      const wOffset = offset;
      offset += size * layer.units;
      layers.push({ kind: 'dense', inDim: size, outDim: layer.units, relu: layer.activation === 'relu', wOffset, bOffset: offset });
      offset += layer.units;
      shape = [layer.units];
    } else {
      if (shape.length !== 3) throw invalid(`layer ${i} (conv2d) needs a [channels, height, width] input`);
      const [channels, height, width] = shape as [number, number, number];
      if (layer.padding === 'same' && layer.kernel % 2 === 0) throw invalid(`layer ${i}: same padding needs an odd kernel`);
      const pad = layer.padding === 'same' ? (layer.kernel - 1) / 2 : 0;
      const outH = height - layer.kernel + 1 + 2 * pad;
      const outW = width - layer.kernel + 1 + 2 * pad;
      if (outH < 1 || outW < 1) throw invalid(`layer ${i}: a ${layer.kernel}×${layer.kernel} kernel does not fit a ${height}×${width} input`);
      const wOffset = offset;
      offset += layer.filters * channels * layer.kernel * layer.kernel;
      layers.push({ kind: 'conv2d', channels, height, width, filters: layer.filters, kernel: layer.kernel, padding: layer.padding, outH, outW, relu: layer.activation === 'relu', wOffset, bOffset: offset });
      offset += layer.filters;
      shape = [layer.filters, outH, outW];
    }
    activations += shape.reduce((a, b) => a * b, 1);
  }
  const last = spec.layers[spec.layers.length - 1]!;
  if (last.type !== 'dense' || last.activation !== 'linear') throw invalid('the last layer must be a linear dense layer (the class logits)');
  if (last.units < 2) throw invalid('a classifier needs at least 2 classes');
  return { layers, inputSize: spec.input.reduce((a, b) => a * b, 1), classes: last.units, paramCount: offset, activationsPerExample: activations };
}
