import type { SolverPublication } from '../prover/solver-publication';

/**
 * C9, withholding (test/benchmark support): posts a commitment and then answers no challenge
 * (or only those outside `answers`): the verifier records `withheld` and wins by timeout.
 * @param publication - what the solver committed to
 * @param answers - the transitions it still answers (default none); the final model is withheld too
 */
export function withholdingSolver(publication: SolverPublication, answers: ReadonlySet<number> = new Set()): SolverPublication {
  return { root: publication.root, leafCount: publication.leafCount, open: (t) => (answers.has(t) ? publication.open(t) : undefined), openFinal: () => undefined };
}
