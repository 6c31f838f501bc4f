import { createTrainer, type Dataset, type Trainer, type TrainingSpec } from '@tensorgrid/tensor';
import type { SolverPublication } from '../prover/solver-publication';
import { fabricateStates, publishStates } from './fabricate-states';

/** What the C6 cheater changes. */
export type WrongHyperparameter = 'init' | 'lr' | 'optimizer';

/**
 * C6, wrong init, learning rate or optimizer (test/benchmark support), committed with this
 * job's hash so the leaves look right:
 * - `init`: W_0 drawn from another seed, then correct steps (caught by the W_0 check at the
 *   always-sampled transition 0);
 * - `lr`: a tenth of the learning rate (the "tiny LR" attack);
 * - `optimizer`: SGD without momentum in place of the job's SGD-momentum, or Adam with
 *   β₁ = 0.5 in place of the job's Adam (same state shape, other update).
 * @param trainer - the job's trainer
 * @param options - which parameter, the training split, and the other seed (for `init`)
 */
export function wrongHyperparameterCheater(trainer: Trainer, options: { which: WrongHyperparameter; dataset: Dataset; otherSeed?: string }): SolverPublication {
  const { job } = trainer;
  if (options.which === 'init') {
    const other = createTrainer({ ...job, jobSeed: options.otherSeed ?? 'ee'.repeat(32) }, options.dataset);
    return publishStates(trainer, fabricateStates(trainer, (s) => trainer.step(s), other.initialState()));
  }
  const spec: TrainingSpec = options.which === 'lr'
    ? { ...job.spec, lr: job.spec.lr / 10 }
    : { ...job.spec, optimizer: job.spec.optimizer.kind === 'sgd' ? { ...job.spec.optimizer, momentum: 0 } : { ...job.spec.optimizer, beta1: 0.5 } };
  const wrong = createTrainer({ ...job, spec }, options.dataset);
  return publishStates(trainer, fabricateStates(trainer, (s) => wrong.step(s)));
}
