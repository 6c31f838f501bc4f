import type { PrfStream, Trainer } from '@tensorgrid/tensor';
import { adversaryRng, fabricateStates, publishStates } from '../adversaries/fabricate-states';
import { fixedChallengeSteps } from '../challenge/sample-challenge-steps';
import type { SolverPublication } from '../prover/solver-publication';

/**
 * Where a canary's wrong transitions sit:
 * - `fixed`: one of the always-checked transitions (first, last or an epoch boundary), so every
 *   verifier that checks those fails it whatever the beacon;
 * - `sampled`: a share ({@link CANARY_SAMPLED_SHARE}) of the other transitions and none of the
 *   always-checked ones, so only the q beacon-drawn replays find it (missed by all 48 with
 *   probability 0.8⁴⁸ ≈ 2·10⁻⁵). A verifier that replays only the always-checked steps, the
 *   cheap part of the check, passes these.
 * The secret picks the kind per canary, half and half, so a verifier skipping either part of
 * the check passes about half of its canaries.
 */
export type CanaryKind = 'fixed' | 'sampled';

/** The share of the not-always-checked transitions a `sampled` canary gets wrong. */
export const CANARY_SAMPLED_SHARE = 0.2;

/** A planted canary run: the publication, its kind and every wrong transition (sorted). */
export type PlantedCanary = SolverPublication & { kind: CanaryKind; plantedSteps: number[]; stepHashes: string[] };

/** A sampled canary's steps: each not-always-checked transition with probability {@link CANARY_SAMPLED_SHARE}, at least one. */
function sampledSteps(fixed: readonly number[], draw: { totalSteps: number; rng: PrfStream }): number[] {
  const always = new Set(fixed);
  const others = Array.from({ length: draw.totalSteps }, (_, t) => t).filter((t) => !always.has(t));
  const steps = others.filter(() => draw.rng.nextFloat() < CANARY_SAMPLED_SHARE);
  return steps.length > 0 ? steps : [others[draw.rng.nextBelow(others.length)]!];
}

/**
 * A canary job (§6.8): the coordinator's bot trains the job honestly except at its planted
 * transitions, each skipped (W_{t+1} = W_t: ε = 1, so tolerant mode fails it too, where a
 * flipped low bit would sit inside τ) and trained on honestly from there, so exactly those
 * transitions are wrong ({@link CanaryKind}). A verifier that approves one was lazy, unless
 * its challenge drew none of a `sampled` canary's steps.
 * @param trainer - the job's trainer
 * @param options - the bot's secret seed; `kind` to force one (tests), else drawn from the seed
 */
export function plantCanary(trainer: Trainer, options: { seed: string; kind?: CanaryKind }): PlantedCanary {
  const rng = adversaryRng(options.seed, 'canary');
  const T = trainer.totalSteps;
  const fixed = fixedChallengeSteps({ totalSteps: T, stepsPerEpoch: trainer.stepsPerEpoch });
  const drawn = options.kind ?? (rng.nextBelow(2) === 0 ? 'fixed' : 'sampled');
  // A job whose every transition is always checked has no room for a sampled canary.
  const kind: CanaryKind = fixed.length === T ? 'fixed' : drawn;
  const plantedSteps = kind === 'fixed' ? [fixed[rng.nextBelow(fixed.length)]!] : sampledSteps(fixed, { totalSteps: T, rng });
  const planted = new Set(plantedSteps);
  const states = fabricateStates(trainer, (state, t) => (planted.has(t) ? state : trainer.step(state)));
  return { ...publishStates(trainer, states), kind, plantedSteps };
}
