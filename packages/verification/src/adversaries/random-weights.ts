import type { Trainer, TrainingState } from '@tensorgrid/tensor';
import type { SolverPublication } from '../prover/solver-publication';
import { adversaryRng, publishStates } from './fabricate-states';

/**
 * C3, random weights (test/benchmark support). `all`: every committed state is random
 * (nothing trained; W_0 already fails the init check and every transition is wrong).
 * `final`: an honest run whose final state is replaced by random weights (the last
 * transition, always sampled, and the held-out check catch it).
 * @param trainer - the job's trainer
 * @param options - which states, and the cheater's seed
 */
export function randomWeightsCheater(trainer: Trainer, options: { which: 'all' | 'final'; seed: string }): SolverPublication {
  const rng = adversaryRng(options.seed, 'random-weights');
  const P = trainer.model.paramCount;
  const random = (step: number): TrainingState => ({
    step,
    params: Float32Array.from({ length: P }, () => Math.fround(0.5 * rng.nextGaussian())),
    slots: trainer.initialState().slots,
  });
  const T = trainer.totalSteps;
  const states: TrainingState[] = [];
  let state = trainer.initialState();
  for (let t = 0; t <= T; t++) {
    if (options.which === 'all' || t === T) states.push(random(t));
    else {
      states.push(state);
      state = trainer.step(state);
    }
  }
  return publishStates(trainer, states);
}
