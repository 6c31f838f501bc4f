import { createPrfStream } from '../prf/prf-stream';
import type { CompiledModel } from './compile-model';

/**
 * W₀ = init(PRF(jobSeed, "init", layer)): weights uniform in [−a, a] with a = √(6/fanIn) for
 * ReLU layers (He) and a = √(6/(fanIn+fanOut)) for linear ones (Glorot/Xavier), biases 0.
 * Each layer has its own stream (index = layer position), so the verifier recomputes W₀
 * exactly and "start from other weights" fails at step 0.
 * @param model - a compiled model
 * @param jobSeed - the job seed's bytes
 */
export function initParams(model: CompiledModel, jobSeed: Uint8Array): Float32Array {
  const params = new Float32Array(model.paramCount);
  for (const [index, l] of model.layers.entries()) {
    if (l.kind === 'flatten') continue;
    const fanIn = l.kind === 'dense' ? l.inDim : l.channels * l.kernel * l.kernel;
    const fanOut = l.kind === 'dense' ? l.outDim : l.filters * l.kernel * l.kernel;
    const a = Math.sqrt(6 / (l.relu ? fanIn : fanIn + fanOut));
    const rng = createPrfStream({ seed: jobSeed, label: 'init', index });
    for (let i = l.wOffset; i < l.bOffset; i++) params[i] = Math.fround(a * (2 * rng.nextFloat() - 1));
  }
  return params;
}
