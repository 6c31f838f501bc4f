import type { Dataset } from '../data/generate-dataset';
import { createTrainer } from './trainer';
import type { TrainingJob } from './training-job';
import type { TrainingState } from './training-state';

/**
 * The canonical transition as one pure function: state t → state t+1 of `job` (batch_t from
 * the job seed). Builds a trainer each call; for many steps keep a {@link createTrainer}.
 * @param job - a parsed job
 * @param state - state t
 * @param dataset - the job's training split
 */
export function trainStep(job: TrainingJob, state: TrainingState, dataset: Dataset): TrainingState {
  return createTrainer(job, dataset).step(state);
}
