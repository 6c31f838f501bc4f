import type { Trainer } from '@tensorgrid/tensor';
import { openState, openTransition, type KeptRun } from './open-transition';
import type { SolverPublication } from './solver-publication';

/**
 * An honest solver's publication over its run: the root, T + 1 leaves, and answers from
 * its checkpoints.
 * @param trainer - the solver's trainer (canonical, or non-canonical for tolerant mode)
 * @param run - its run
 */
export function honestPublication(trainer: Trainer, run: KeptRun): SolverPublication {
  return {
    root: run.root,
    leafCount: run.stepHashes.length,
    open: (t) => openTransition(trainer, run, t),
    openFinal: () => openState(trainer, run),
  };
}
