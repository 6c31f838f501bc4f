import { bytesToHex } from '@noble/hashes/utils';
import type { Trainer, TrainingState } from '@tensorgrid/tensor';
import { challengeSeed } from '../challenge/challenge-seed';
import { fixedChallengeSteps, sampleChallengeSteps } from '../challenge/sample-challenge-steps';
import type { SolverPublication } from '../prover/solver-publication';
import { adversaryRng, publishStates } from './fabricate-states';

/** Options of {@link grindingCheater}. */
export interface GrindingOptions {
  trainer: Trainer;
  /** The states it does hold (an honest run's W_0 … W_T; the faked stretch is never opened correctly). */
  states: readonly TrainingState[];
  /** f: the faked stretch is ⌈f·T⌉ consecutive leaves, placed clear of the always-checked transitions. */
  fraction: number;
  /**
   * The beacon, if the cheater knows it before committing. Known (S = H(tag ‖ beacon ‖ R) is a
   * function of R alone, the vulnerable design): it grinds. Unknown (a beacon revealed after
   * the commitment): it cannot predict the sample and commits its first attempt.
   */
  knownBeacon?: string;
  /** q used by the verifier. */
  q?: number;
  maxAttempts: number;
  seed: string;
}

/**
 * C8, grinding (test/benchmark support): the cheater fabricates a stretch of leaves (random
 * 32-byte values: states it never computed) and re-randomises them, rebuilding the tree,
 * until the sampled transitions avoid every transition that touches the stretch. With
 * f = 10 % and q = 48 about 1 root in 160 avoids it, so grinding succeeds when S can be
 * computed from R before committing, and fails (caught with P ≈ 1 − (1 − f)^q) with a
 * post-commitment beacon.
 * @param options - trainer, states, f, the beacon if known, q, attempts, seed
 */
export function grindingCheater(options: GrindingOptions): SolverPublication & { attempts: number; avoided: boolean; fakeLeaves: number[] } {
  const { trainer, fraction } = options;
  const T = trainer.totalSteps;
  const k = Math.max(1, Math.ceil(fraction * T));
  const fixed = new Set(fixedChallengeSteps({ totalSteps: T, stepsPerEpoch: trainer.stepsPerEpoch }));
  // Leaves j … j+k−1 touch transitions j−1 … j+k−1; none may be always checked. Leaf 0 and T are never faked.
  const starts: number[] = [];
  for (let j = 1; j + k - 1 <= T - 1; j++) {
    let clear = true;
    for (let t = j - 1; t <= j + k - 1 && clear; t++) clear = !fixed.has(t);
    if (clear) starts.push(j);
  }
  if (starts.length === 0) throw new RangeError(`no stretch of ${k} leaves avoids the always-checked transitions`);
  const rng = adversaryRng(options.seed, 'grinding');
  const start = starts[rng.nextBelow(starts.length)]!;
  const fakeLeaves = Array.from({ length: k }, (_, i) => start + i);
  const touched = new Set<number>([start - 1, ...fakeLeaves]);
  const base = options.states.map((s) => trainer.hash(s)); // hashed once; an attempt only rebuilds the tree
  const attempt = (): SolverPublication => {
    const leaves = new Map(fakeLeaves.map((j) => [j, bytesToHex(Uint8Array.from({ length: 32 }, () => rng.nextBelow(256)))]));
    return publishStates(trainer, options.states, { leafOverrides: leaves, hash: (s) => base[s.step]! });
  };
  let publication = attempt();
  let attempts = 1;
  const avoids = (p: SolverPublication, beacon: string): boolean =>
    sampleChallengeSteps({ seed: challengeSeed(beacon, p.root), totalSteps: T, stepsPerEpoch: trainer.stepsPerEpoch, q: options.q }).every((t) => !touched.has(t));
  if (options.knownBeacon === undefined) return { ...publication, attempts, avoided: false, fakeLeaves };
  while (!avoids(publication, options.knownBeacon) && attempts < options.maxAttempts) {
    publication = attempt();
    attempts++;
  }
  return { ...publication, attempts, avoided: avoids(publication, options.knownBeacon), fakeLeaves };
}
