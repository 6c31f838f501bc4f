import type { Trainer } from '@tensorgrid/tensor';
import type { SolverPublication } from '../prover/solver-publication';
import { fabricateStates, publishStates } from './fabricate-states';

/**
 * C2, fewer epochs (test/benchmark support): trains ⌊E/2⌋ epochs honestly, then fills the
 * remaining epochs by replaying the states of epoch 1 (W_1 … W_spe, relabelled), so every
 * transition of the second half is wrong (f ≥ 0.5) and the first later epoch boundary is
 * always checked. Needs E ≥ 2.
 * @param trainer - the job's trainer
 */
export function fewerEpochsCheater(trainer: Trainer): SolverPublication & { honestSteps: number } {
  const spe = trainer.stepsPerEpoch;
  const E = trainer.totalSteps / spe;
  if (E < 2) throw new RangeError('C2 needs a job of at least 2 epochs');
  const H = Math.floor(E / 2) * spe;
  const firstEpoch = fabricateStates(trainer, (s) => trainer.step(s)).slice(0, spe + 1);
  const states = fabricateStates(trainer, (state, t) => (t < H ? trainer.step(state) : firstEpoch[1 + ((t - H) % spe)]!));
  return { ...publishStates(trainer, states), honestSteps: H };
}
