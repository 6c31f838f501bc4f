import { datasetSampler, evaluate, type CompiledModel, type Dataset, type TrainingJob } from '@tensorgrid/tensor';
import { wilsonInterval } from '../stats/wilson-interval';
import { DEFAULT_HELD_OUT_COUNT, defaultAccuracyFloor, heldOutSplit } from './held-out';

/** The held-out check's settings; the floor defaults to {@link defaultAccuracyFloor}. */
export interface HeldOutOptions {
  /** Accuracy the final model must reach on the held-out set. */
  floor?: number;
  /** The held-out examples (a tabular file's held-out rows), evaluated whole; default: the job's seed-drawn held-out split. */
  dataset?: Dataset;
  /** The most examples drawn from the seed-drawn split when `dataset` is not given (default 512). */
  count?: number;
}

/**
 * The held-out check a job gets, as verifiers, the referee and the node itself judge it:
 * seed-generated data draws its held-out examples from the job seed and the beacon; a tabular
 * file is judged on the rows its spec holds out (`dataset.heldOut`); a file that holds none out
 * is the training split as a whole, so it has no held-out check (`false`) and the sampled replay
 * alone decides.
 * @param dataset - the job's dataset spec (its kind, and for a file how many rows it holds out)
 * @param heldOutRows - a tabular file's held-out rows, required when its spec holds some out
 * @throws RangeError when the spec holds rows out and `heldOutRows` is missing
 */
export function jobHeldOutOptions(dataset: { kind: string; heldOut?: number | undefined }, heldOutRows: Dataset | undefined): HeldOutOptions | false {
  if (dataset.kind !== 'tabular') return {};
  if (!dataset.heldOut) return false;
  // A file that holds rows out is judged on them: without them there is no check to agree on.
  if (!heldOutRows) throw new RangeError(`the spec holds ${dataset.heldOut} rows out, but none were given`);
  return { dataset: heldOutRows };
}

/** Examples at the sequential test's first look; each later look doubles them, up to the count. */
export const HELD_OUT_FIRST_LOOK = 64;

/** z of the interim looks' Wilson intervals: two-sided 99.9 %. */
export const HELD_OUT_LOOK_Z = 3.2905267314918945;

/** The held-out check's outcome: accuracy over the examples it evaluated. */
export interface HeldOutVerdict {
  passed: boolean;
  accuracy: number;
  floor: number;
  /** How many held-out examples were evaluated before the decision. */
  examples: number;
}

/** What to judge: the final model's parameters, under a job and the post-commitment beacon. */
export interface HeldOutCase {
  model: CompiledModel;
  params: Float32Array;
  job: TrainingJob;
  beacon: string;
  options: HeldOutOptions;
}

/**
 * The held-out check (research/verification.md §6.5.4): does the final model reach the floor?
 *
 * A given `dataset` (a tabular file's held-out rows, stored in file order, so no prefix of
 * them is a fair sample) is evaluated whole: passed iff accuracy ≥ floor.
 *
 * The seed-drawn split is tested sequentially, because its examples are independent draws:
 * evaluate 64, then 128, 256, … up to `count` (512). At each interim look the Wilson 99.9 %
 * interval of the accuracy so far decides early when it lies wholly above the floor (pass)
 * or below it (fail); at the last look the rule is the fixed one, accuracy ≥ floor. A trained
 * model far above its floor, or random weights near chance, are decided on 64 examples (an
 * eighth of the pass); only a model near its floor pays for all 512. For a model exactly at
 * its floor (0.55, 0.667 or 0.75) the interim looks wrongly fail it with probability 0.15–0.20 %
 * in all, and its chance to pass equals the fixed 512-example rule's within 10⁻⁴ (computed
 * exactly over the binomial). Deterministic: the beacon fixes the examples, so a referee
 * re-judging reaches the same verdict.
 * @param c - model, parameters, job, beacon and options
 */
export function judgeHeldOut(c: HeldOutCase): HeldOutVerdict {
  const { model, params, options } = c;
  const floor = options.floor ?? defaultAccuracyFloor(model.classes);
  if (options.dataset) {
    const { accuracy } = evaluate(model, params, options.dataset);
    return { passed: accuracy >= floor, accuracy, floor, examples: options.dataset.count };
  }
  const max = options.count ?? DEFAULT_HELD_OUT_COUNT;
  if (!Number.isSafeInteger(max) || max < 1) throw new RangeError(`the held-out count must be a positive integer, got ${max}`);
  const next = datasetSampler({ spec: c.job.spec.dataset, split: heldOutSplit(c.job, c.beacon) });
  let correct = 0;
  let seen = 0;
  for (let look = Math.min(HELD_OUT_FIRST_LOOK, max); ; look = Math.min(2 * look, max)) {
    correct += evaluate(model, params, next(look - seen)).correct;
    seen = look;
    const accuracy = correct / seen;
    if (seen === max) return { passed: accuracy >= floor, accuracy, floor, examples: seen };
    const { low, high } = wilsonInterval(correct, seen, HELD_OUT_LOOK_Z);
    if (low >= floor || high < floor) return { passed: low >= floor, accuracy, floor, examples: seen };
  }
}
