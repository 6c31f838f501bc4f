import type { Trainer } from '@tensorgrid/tensor';
import { adversaryRng, fabricateStates, publishStates } from '../adversaries/fabricate-states';
import { fixedChallengeSteps } from '../challenge/sample-challenge-steps';
import type { SolverPublication } from '../prover/solver-publication';

/**
 * A canary job (§6.8): the coordinator's bot trains the job honestly except at one
 * transition, which it skips (W_{t+1} = W_t: ε = 1, so tolerant mode fails it too, where a
 * flipped low bit would sit inside τ), then trains on honestly from there, so exactly that
 * transition is wrong. The transition is one of the
 * always-checked ones (first, last or an epoch boundary, chosen by the seed), so any verifier
 * that really checks fails it whatever the beacon; one that approves it was lazy.
 * @param trainer - the job's trainer
 * @param options - the bot's secret seed
 */
export function plantCanary(trainer: Trainer, options: { seed: string }): SolverPublication & { plantedStep: number; stepHashes: string[] } {
  const rng = adversaryRng(options.seed, 'canary');
  const candidates = fixedChallengeSteps({ totalSteps: trainer.totalSteps, stepsPerEpoch: trainer.stepsPerEpoch });
  const plantedStep = candidates[rng.nextBelow(candidates.length)]!;
  const states = fabricateStates(trainer, (state, t) => (t === plantedStep ? state : trainer.step(state)));
  return { ...publishStates(trainer, states), plantedStep };
}
