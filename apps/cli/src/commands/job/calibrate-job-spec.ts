import { BaseError } from '@tensorgrid/protocol';
import { cloneState, createTrainer, deriveJobSeed, MAX_TOLERANCE_TAU, parseTrainingJob, type Dataset, type JobSpec, type TrainingState } from '@tensorgrid/tensor';
import { calibrateTolerance, DEFAULT_TOLERANCE_FACTOR } from '@tensorgrid/verification';

/** The seed calibration trains with: fixed, so anyone re-profiling a spec gets the same τ. */
export const CALIBRATION_JOB_SEED = deriveJobSeed('0', '00'.repeat(32));

/** What {@link calibrateJobSpec} runs. */
export interface CalibrateJobSpecParams {
  spec: JobSpec;
  /** The training split. */
  dataset: Dataset;
  /** Sampled states W_t, spread evenly over the trained steps. */
  states: number;
  /** c in τ = c · max ε. */
  factor?: number;
  /** Train at most this many steps (the whole run if shorter; Infinity: the whole run). */
  maxSteps: number;
  /** Progress lines. */
  say?: (line: string) => void;
}

/** A spec's profiled tolerance. */
export interface JobSpecCalibration {
  tau: number;
  maxEpsilon: number;
  factor: number;
  /** The steps the states were sampled at. */
  sampledSteps: number[];
  /** Steps trained, and the job's T. */
  trainedSteps: number;
  totalSteps: number;
  perSetting: { name: string; maxEpsilon: number }[];
}

/**
 * Profiles tolerant mode's τ for a job spec (research/verification.md §6.6): trains the
 * spec canonically from {@link CALIBRATION_JOB_SEED} for min(T, maxSteps) steps, keeps
 * `states` states spread evenly over them, and runs `calibrateTolerance` (one canonical step
 * against one step under each non-canonical summation order from every state).
 * @param params - spec, training split, how many states, c, the step bound and progress
 * @throws BaseError VALIDATION_FAILED when τ is 0 (every order agreed bit for bit) or above the largest a spec may name
 */
export function calibrateJobSpec(params: CalibrateJobSpecParams): JobSpecCalibration {
  const factor = params.factor ?? DEFAULT_TOLERANCE_FACTOR;
  const trainer = createTrainer(parseTrainingJob({ jobId: '0', jobSeed: CALIBRATION_JOB_SEED, spec: params.spec.training }), params.dataset);
  const trainedSteps = Math.min(trainer.totalSteps, params.maxSteps);
  const count = Math.min(params.states, trainedSteps);
  const wanted = new Set(Array.from({ length: count }, (_, i) => (count === 1 ? 0 : Math.round((i * (trainedSteps - 1)) / (count - 1)))));
  const states: TrainingState[] = [];
  let state = trainer.initialState();
  const every = Math.max(1, Math.ceil(trainedSteps / 10));
  for (let t = 0; t < trainedSteps; t++) {
    if (wanted.has(t)) states.push(cloneState(state));
    state = trainer.step(state);
    if ((t + 1) % every === 0 || t + 1 === trainedSteps) params.say?.(`trained ${t + 1}/${trainedSteps} steps (T = ${trainer.totalSteps})`);
  }
  params.say?.(`profiling ${states.length} states under 5 summation orders`);
  const cal = calibrateTolerance({ job: trainer.job, dataset: params.dataset, states, factor });
  const result = { tau: cal.tau, maxEpsilon: cal.maxEpsilon, factor, sampledSteps: states.map((s) => s.step), trainedSteps, totalSteps: trainer.totalSteps, perSetting: cal.perSetting };
  if (!(cal.tau > 0)) {
    throw new BaseError('VALIDATION_FAILED', 'Every summation order gave bit-identical steps: there is no noise to calibrate τ from', {
      data: result, details: 'Keep the job in exact mode (omit `verification`): non-canonical kernels replay it exactly.',
    });
  }
  if (cal.tau > MAX_TOLERANCE_TAU) {
    throw new BaseError('VALIDATION_FAILED', `τ = ${cal.tau} is above the largest tolerance a spec may name (${MAX_TOLERANCE_TAU})`, {
      data: result, details: 'The training is too noisy for tolerant mode: lower --factor, or use exact mode.',
    });
  }
  return result;
}
