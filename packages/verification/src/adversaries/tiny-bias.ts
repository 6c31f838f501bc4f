import type { Trainer } from '@tensorgrid/tensor';
import type { SolverPublication } from '../prover/solver-publication';
import { fabricateStates, publishStates } from './fabricate-states';

/**
 * C7, a tiny bias every step (test/benchmark support; the tolerant-mode exploit of §6.6):
 * after each honest step the cheater moves one chosen weight by δ_t = budget · ‖ΔW_t‖₂,
 * where ΔW_t is the honest update. Its teacher-forced ε is then about `budget` (it is
 * exactly the bias over the committed step, up to the bias's share of that step), so with
 * budget < τ every tolerant check passes, while in exact mode every transition is wrong.
 *
 * The bound this documents: tolerant mode lets a solver steer the weights by up to
 * τ · Σ_t ‖ΔW_t‖₂ in total (a drift linear in T, §6.6 "cumulative budget"), so it is for
 * low-stakes jobs; exact mode has no such budget.
 * @param trainer - the job's trainer
 * @param options - the per-step budget (relative to the honest step) and the weight to push
 */
export function tinyBiasCheater(trainer: Trainer, options: { budget: number; weight?: number }): SolverPublication & { drift: number } {
  const index = options.weight ?? 0;
  let drift = 0;
  const states = fabricateStates(trainer, (state) => {
    const next = trainer.step(state);
    let norm = 0;
    for (let i = 0; i < next.params.length; i++) norm += (next.params[i]! - state.params[i]!) ** 2;
    const delta = options.budget * Math.sqrt(norm);
    const before = next.params[index]!;
    next.params[index] = Math.fround(before + delta);
    drift += next.params[index]! - before;
    return next;
  });
  return { ...publishStates(trainer, states), drift };
}
