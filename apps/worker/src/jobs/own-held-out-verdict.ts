import { stateAt, type Trainer } from '@tensorgrid/tensor';
import { judgeHeldOut, type HeldOutOptions, type HeldOutVerdict } from '@tensorgrid/verification';
import type { StoredRun } from './run-store';

/**
 * The held-out check the referee would run on a contest of a `held-out` rejection, run by the
 * node on its own final model W_T (recomputed from the run's last checkpoint): the same
 * examples (drawn from the job seed and the challenge beacon, or the file's held-out rows) and
 * the same floor. The referee's W_T is the node's: replayed from the opened W_{T−1} with the
 * canonical kernel (exact), or the committed one (tolerant). A model that misses the floor
 * would lose the contest and the whole deposit, so the node does not contest.
 * @param solver - the job's trainer (the run's kernel) and the stored run
 * @param draw - the challenge beacon (hex, with or without 0x) and the job's held-out check (false: none, so no verdict)
 * @returns the verdict and the state hash of the W_T it judged (the caller checks it is the committed h_T), or undefined when the job has no held-out check
 */
export function ownHeldOutVerdict(solver: { trainer: Trainer; run: StoredRun }, draw: { beacon: string; heldOut: HeldOutOptions | false }): (HeldOutVerdict & { hash: string }) | undefined {
  const { trainer, run } = solver;
  const { beacon, heldOut } = draw;
  if (heldOut === false) return undefined;
  const final = stateAt(trainer, run, trainer.totalSteps);
  const verdict = judgeHeldOut({ model: trainer.model, params: final.params, job: trainer.job, beacon: beacon.replace(/^0x/, ''), options: heldOut });
  return { ...verdict, hash: trainer.hash(final) };
}
