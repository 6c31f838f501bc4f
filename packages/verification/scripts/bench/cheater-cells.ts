import { createTrainer, lanesReduction, shuffledReduction, train } from '@tensorgrid/tensor';
import {
  adversaryRng, commitRoot, copyingSolverSucceeds, earlierStatesCheater, fabricateStates, fewerEpochsCheater, grindingCheater,
  fixedStepsVerifier, honestPublication, lazyVerifier, otherJobCheater, ownBatchesCheater, plantCanary, randomWeightsCheater, sampleChallengeSteps,
  challengeSeed, skippedStepsCheater, tinyBiasCheater, verifyCommitment, withholdingSolver, wrongHyperparameterCheater,
  type SkipVariant, type SolverPublication, type VerificationMode,
} from '../../src/index';
import { benchBeacon, benchDataset, benchTrainer, BENCH_T } from './bench-job';

/** One trial's outcome: whether the bad behaviour was detected, and the theoretical detection chance if known. */
export interface TrialOutcome {
  detected: boolean;
  expected?: number;
  /** A per-trial figure averaged into the table's note (e.g. grinding attempts). */
  extra?: number;
}

/** A benchmark cell: a behaviour and how one trial runs. */
export interface Cell {
  id: string;
  what: string;
  /** What "detected" means for the cell (for honest cells, a false positive). */
  kind: 'cheater' | 'honest';
  /** What `extra` is, for the note column. */
  extraLabel?: string;
  trial: (i: number, ctx: { tau: number }) => TrialOutcome;
}

/** q = 48 as in production. */
const Q = 48;

function caught(pub: SolverPublication, ctx: { trainer: ReturnType<typeof benchTrainer>; beacon: string; mode?: VerificationMode }): boolean {
  return !verifyCommitment({ trainer: ctx.trainer, commitment: pub, beacon: ctx.beacon, open: pub.open, openFinal: pub.openFinal, mode: ctx.mode, q: Q, stopAtFirstFailure: true }).passed;
}

/** 1 − C(T−m, k)/C(T, k): the chance that k uniformly placed fakes meet m checked transitions. */
function hitChance(m: number, k: number): number {
  let miss = 1;
  for (let i = 0; i < k; i++) miss *= (BENCH_T - m - i) / (BENCH_T - i);
  return 1 - Math.max(0, miss);
}

function skipped(fraction: number, variant: SkipVariant): Cell {
  return {
    id: `C1 ${variant} f=${fraction * 100}%`,
    what: `skipped steps (${variant}), ${Math.ceil(fraction * BENCH_T)} of ${BENCH_T} transitions faked`,
    kind: 'cheater',
    trial: (i) => {
      const trainer = benchTrainer(i);
      const beacon = benchBeacon(`c1-${variant}-${fraction}`, i);
      const cheat = skippedStepsCheater({ trainer, dataset: benchDataset(), fraction, variant, seed: `bench-c1-${i}` });
      const m = sampleChallengeSteps({ seed: challengeSeed(beacon, cheat.root), totalSteps: BENCH_T, stepsPerEpoch: trainer.stepsPerEpoch, q: Q }).length;
      return { detected: caught(cheat, { trainer, beacon }), expected: variant === 'no-op' ? hitChance(m, cheat.fakeSteps.length) : undefined };
    },
  };
}

interface SimpleCell {
  id: string;
  what: string;
  make: (i: number, trainer: ReturnType<typeof benchTrainer>, tau: number) => SolverPublication;
  mode?: (tau: number) => VerificationMode;
}

function simple({ id, what, make, mode }: SimpleCell): Cell {
  return {
    id,
    what,
    kind: 'cheater',
    trial: (i, ctx) => {
      const trainer = benchTrainer(i);
      return { detected: caught(make(i, trainer, ctx.tau), { trainer, beacon: benchBeacon(id, i), mode: mode?.(ctx.tau) }) };
    },
  };
}

/** Every cell of `npm run bench:cheaters`, in table order. */
export function cheaterCells(): Cell[] {
  const dataset = benchDataset();
  return [
    ...[0.01, 0.05, 0.1, 0.5].map((f) => skipped(f, 'no-op')),
    skipped(0.1, 'interpolation'),
    skipped(0.1, 'double-lr'),
    simple({ id: 'C2', what: 'fewer epochs: 2 of 4 trained, epoch 1 replayed after', make: (_, t) => fewerEpochsCheater(t) }),
    simple({ id: 'C3 all', what: 'random weights in every state', make: (i, t) => randomWeightsCheater(t, { which: 'all', seed: `c3-${i}` }) }),
    simple({ id: 'C3 final', what: 'honest run, random final weights', make: (i, t) => randomWeightsCheater(t, { which: 'final', seed: `c3f-${i}` }) }),
    simple({ id: 'C4a', what: 'checkpoints of another job, same spec', make: (i, t) => otherJobCheater(t, { jobId: `other-${i}`, jobSeed: benchTrainer(i + 1_000_000).job.jobSeed, dataset }) }),
    simple({ id: 'C4b', what: 'earlier states of the same job (W_t := W_⌊t/2⌋)', make: (_, t) => earlierStatesCheater(t) }),
    simple({ id: 'C5', what: 'own batches (another seed)', make: (i, t) => ownBatchesCheater(t, { dataset, batchSeed: benchTrainer(i + 2_000_000).job.jobSeed }) }),
    simple({ id: 'C6 init', what: 'wrong initial weights', make: (i, t) => wrongHyperparameterCheater(t, { which: 'init', dataset, otherSeed: benchTrainer(i + 3_000_000).job.jobSeed }) }),
    simple({ id: 'C6 lr', what: 'learning rate / 10', make: (_, t) => wrongHyperparameterCheater(t, { which: 'lr', dataset }) }),
    simple({ id: 'C6 optimizer', what: 'SGD without momentum instead of momentum 0.9', make: (_, t) => wrongHyperparameterCheater(t, { which: 'optimizer', dataset }) }),
    simple({ id: 'C7 exact', what: 'bias of τ/2 · ‖ΔW_t‖ every step, exact mode', make: (_, t, tau) => tinyBiasCheater(t, { budget: tau / 2 }) }),
    simple({ id: 'C7 tolerant', what: 'bias of τ/2 · ‖ΔW_t‖ every step, tolerant mode (documented blind spot)', make: (_, t, tau) => tinyBiasCheater(t, { budget: tau / 2 }), mode: (tau) => ({ kind: 'tolerant', tau }) }),
    grinding('root-only'),
    grinding('post-commit'),
    simple({ id: 'C9', what: 'withholds every answer', make: (_, t) => withholdingSolver(honestPublication(t, train(t))) }),
    {
      id: 'V1',
      what: 'lazy verifier approves a canary (each canary it approves exposes it)',
      kind: 'cheater',
      trial: (i) => {
        const trainer = benchTrainer(i);
        const canary = plantCanary(trainer, { seed: `v1-${i}` });
        const input = { trainer, commitment: canary, beacon: benchBeacon('V1', i), open: canary.open, openFinal: canary.openFinal };
        // A fixed canary must fail a diligent verifier, or it proves nothing (a sampled one escapes
        // every one of the 48 draws with probability 0.8⁴⁸ ≈ 2·10⁻⁵).
        if (canary.kind === 'fixed' && verifyCommitment({ ...input, stopAtFirstFailure: true }).passed) throw new Error('a fixed canary passed a diligent verifier');
        return { detected: lazyVerifier(input).passed };
      },
    },
    {
      id: 'V3',
      what: 'verifier replays only the always-checked steps (first, last, epoch boundaries) and skips the q draws; exposed by each sampled canary it approves',
      kind: 'cheater',
      trial: (i) => {
        const trainer = benchTrainer(i);
        const canary = plantCanary(trainer, { seed: `v3-${i}` });
        const input = { trainer, commitment: canary, beacon: benchBeacon('V3', i), open: canary.open, openFinal: canary.openFinal, stopAtFirstFailure: true };
        return { detected: fixedStepsVerifier(input).passed, expected: canary.kind === 'sampled' ? 1 : 0 };
      },
    },
    ...(['repost-commitment', 'commit-then-copy-root'] as const).map((strategy): Cell => ({
      id: `V2 ${strategy}`,
      what: 'copying solver in dual execution, commit-reveal of roots',
      kind: 'cheater',
      trial: (i) => {
        const rng = adversaryRng(`v2-${strategy}-${i}`, 'bench');
        const hex = (): string => Array.from({ length: 32 }, () => rng.nextBelow(256).toString(16).padStart(2, '0')).join('');
        const reveal = { root: hex(), node: `0x${'a'.repeat(38)}${(i % 256).toString(16).padStart(2, '0')}`, salt: hex() };
        return { detected: !copyingSolverSucceeds({ commitment: commitRoot(reveal), reveal }, { node: `0x${'b'.repeat(40)}`, strategy, rng }) };
      },
    })),
  ];
}

function grinding(variant: 'root-only' | 'post-commit'): Cell {
  return {
    id: `C8 ${variant}`,
    what: variant === 'root-only' ? 'grinds a stretch of 10 fake leaves (5 %); S = H(beacon known at commit ‖ R)' : 'grinds a stretch of 10 fake leaves (5 %); beacon revealed after the commitment',
    kind: 'cheater',
    extraLabel: 'mean tree rebuilds',
    trial: (i) => {
      const trainer = benchTrainer(i);
      const states = fabricateStates(trainer, (s) => trainer.step(s));
      const beacon = benchBeacon('C8', i);
      const cheat = grindingCheater({ trainer, states, fraction: 0.05, knownBeacon: variant === 'root-only' ? beacon : undefined, q: Q, maxAttempts: 50_000, seed: `c8-${i}` });
      return { detected: caught(cheat, { trainer, beacon }), extra: cheat.attempts };
    },
  };
}

/** Honest cells: "detected" is a false positive. H0 exact; H1 tolerant with non-canonical kernels. */
export function honestCells(): Cell[] {
  return [
    {
      id: 'H0 exact',
      what: 'honest canonical solver, exact mode (false positives)',
      kind: 'honest',
      trial: (i) => {
        const trainer = benchTrainer(i);
        const pub = honestPublication(trainer, train(trainer));
        return { detected: !verifyCommitment({ trainer, commitment: pub, beacon: benchBeacon('H0', i), open: pub.open, openFinal: pub.openFinal, q: Q }).passed };
      },
    },
    {
      id: 'H1 tolerant',
      what: 'honest solver with lanes4 / shuffled sums, tolerant mode (false positives)',
      kind: 'honest',
      trial: (i, ctx) => {
        const trainer = benchTrainer(i);
        const noisy = createTrainer(trainer.job, benchDataset(), { reduction: i % 2 ? lanesReduction(4) : shuffledReduction(i) });
        const pub = honestPublication(noisy, train(noisy, { checkpointEvery: 1 }));
        return { detected: !verifyCommitment({ trainer, commitment: pub, beacon: benchBeacon('H1', i), open: pub.open, openFinal: pub.openFinal, q: Q, mode: { kind: 'tolerant', tau: ctx.tau } }).passed };
      },
    },
  ];
}
