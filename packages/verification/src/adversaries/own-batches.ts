import { createTrainer, type Dataset, type Trainer } from '@tensorgrid/tensor';
import type { SolverPublication } from '../prover/solver-publication';
import { fabricateStates, publishStates } from './fabricate-states';

/**
 * C5, fabricated data order (test/benchmark support): starts from the correct W_0 but trains
 * on batches of its own choosing (the permutation of another seed). The verifier recomputes
 * batch_t from PRF(jobSeed), so every transition is wrong.
 * @param trainer - the job's trainer
 * @param options - the training split and the cheater's own seed (64 hex)
 */
export function ownBatchesCheater(trainer: Trainer, options: { dataset: Dataset; batchSeed: string }): SolverPublication {
  const own = createTrainer({ ...trainer.job, jobSeed: options.batchSeed }, options.dataset);
  return publishStates(trainer, fabricateStates(trainer, (s, t) => trainer.stepOnBatch(s, own.batchAt(t)).state));
}
