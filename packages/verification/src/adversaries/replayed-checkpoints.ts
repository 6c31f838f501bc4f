import { createTrainer, type Dataset, type Trainer } from '@tensorgrid/tensor';
import type { SolverPublication } from '../prover/solver-publication';
import { fabricateStates, publishStates, relabel } from './fabricate-states';

/**
 * C4a, checkpoints of another job with the same spec (test/benchmark support): the cheater
 * publishes another job's honest run (its states and its leaves, bound to the other job id
 * and seed). Caught at the init check and by the job-id binding: the opened states never
 * hash to the leaves under this job.
 * @param trainer - this job's trainer
 * @param other - the other job's id and seed, and the training split
 */
export function otherJobCheater(trainer: Trainer, other: { jobId: string; jobSeed: string; dataset: Dataset }): SolverPublication {
  const theirs = createTrainer({ ...trainer.job, jobId: other.jobId, jobSeed: other.jobSeed }, other.dataset);
  return publishStates(theirs, fabricateStates(theirs, (s) => theirs.step(s)));
}

/**
 * C4b, earlier states of the same job (test/benchmark support): trains ⌈T/2⌉ steps and
 * stretches them over T, W_t := W_⌊t/2⌋ relabelled. Every transition is then a no-op or a
 * step on the wrong batch, both caught by the seed-derived batches.
 * @param trainer - the job's trainer
 */
export function earlierStatesCheater(trainer: Trainer): SolverPublication {
  const honest = fabricateStates(trainer, (s) => trainer.step(s));
  return publishStates(trainer, honest.map((_, t) => relabel(honest[Math.floor(t / 2)]!, t)));
}
