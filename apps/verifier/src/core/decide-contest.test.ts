import { createTrainer, deriveJobSeed, lanesReduction, loadDataset, parseTrainingJob, train, type Trainer, type TrainRun } from '@tensorgrid/tensor';
import { calibrateTolerance, openTransition } from '@tensorgrid/verification';
import { describe, expect, it } from 'vitest';
import { decideContest, disputedStep, type ContestCase } from './decide-contest';
import { tinyJobSpec } from '@tensorgrid/test-utils';

const BEACON = '7e'.repeat(32);
/** A tiny job (T = 48); `lr` decides whether honest training reaches the held-out floor. */
function honestRun(lr: number, seed = '11'.repeat(32)): { trainer: Trainer; run: TrainRun } {
  const spec = tinyJobSpec({ seed: 'decide-contest-test', lr });
  const trainer = createTrainer(parseTrainingJob({ jobId: '1', jobSeed: deriveJobSeed('1', seed), spec: spec.training }), loadDataset({ spec: spec.training.dataset, split: 'train' }));
  return { trainer, run: train(trainer, { checkpointEvery: 10 }) };
}

const trained = honestRun(0.05);
const T = trained.trainer.totalSteps;
const ALL = Array.from({ length: T }, (_, t) => t);

function contest(over: Partial<ContestCase> & Pick<ContestCase, 'report'>, job = trained): ContestCase {
  return { trainer: job.trainer, commitment: { root: job.run.root, leafCount: T + 1 }, beacon: BEACON, heldOut: {}, challenged: ALL, opening: undefined, gas: { posted: 7n, spec: 7n }, ...over };
}

describe('decideContest', () => {
  it('rules for the node when the verifier published no report, or a report naming no failure', () => {
    expect(decideContest(contest({ report: undefined }))).toMatchObject({ nodeWrong: false, step: null, kind: null, rounds: 1 });
    expect(decideContest(contest({ report: { passed: true, failures: [] } })).nodeWrong).toBe(false);
  });

  it('a transition failure is re-run on the node\'s opening: an honest opening wins, a run of another seed loses', () => {
    const report = { passed: false, failures: [{ step: 20, kind: 'wrong-transition' as const }] };
    expect(decideContest(contest({ report, opening: openTransition(trained.trainer, trained.run, 20) }))).toMatchObject({ nodeWrong: false, step: 20 });
    const other = honestRun(0.05, '22'.repeat(32));
    // The cheater committed its own run and opens it consistently; the referee's trainer has the assigned seed.
    const cheat = contest({ report, opening: openTransition(other.trainer, other.run, 20) }, { trainer: trained.trainer, run: other.run });
    expect(decideContest(cheat)).toMatchObject({ nodeWrong: true, step: 20, kind: 'wrong-transition' });
  });

  it('withheld: node wrong iff the opening is absent; a step never challenged cannot be held against the node', () => {
    const report = { passed: false, failures: [{ step: 5, kind: 'withheld' as const }] };
    expect(decideContest(contest({ report })).nodeWrong).toBe(true);
    expect(decideContest(contest({ report, opening: openTransition(trained.trainer, trained.run, 5) })).nodeWrong).toBe(false);
    expect(decideContest(contest({ report, challenged: [0, 47] }))).toMatchObject({ nodeWrong: false, why: 'step 5 was never challenged' });
  });

  it('leaves-withheld: node wrong iff its step hashes were not published by the challenge deadline', () => {
    const report = { passed: false, failures: [{ step: T, kind: 'leaves-withheld' as const }] };
    expect(decideContest(contest({ report }))).toMatchObject({ nodeWrong: true, kind: 'leaves-withheld', why: 'the node did not publish its step hashes in time' });
    expect(decideContest(contest({ report, leavesInTime: true }))).toMatchObject({ nodeWrong: false, why: 'the node published its step hashes in time' });
  });

  it('gas-mismatch: node wrong iff the gas posted on chain differs from its spec\'s, without re-running a step', () => {
    const report = { passed: false, failures: [{ step: T, kind: 'gas-mismatch' as const }] };
    expect(decideContest(contest({ report, gas: { posted: 10n ** 19n, spec: 10n ** 15n } }))).toMatchObject({ nodeWrong: true, kind: 'gas-mismatch', why: 'the posted gas 10000000000000000000 is not the spec\'s 1000000000000000' });
    expect(decideContest(contest({ report, gas: { posted: 10n ** 15n, spec: 10n ** 15n } }))).toMatchObject({ nodeWrong: false, kind: 'gas-mismatch' });
  });

  it('held-out: the final model replayed from transition T − 1 is re-evaluated on the same draw against the floor', () => {
    const report = { passed: false, failures: [{ step: T, kind: 'held-out' as const }] };
    expect(disputedStep(report, T)).toBe(T - 1);
    const good = decideContest(contest({ report, opening: openTransition(trained.trainer, trained.run, T - 1) }));
    expect(good).toMatchObject({ nodeWrong: false, step: T - 1, kind: 'held-out' });
    // Honest training with a learning rate too small to learn: committed faithfully, but useless.
    const stalled = honestRun(1e-6);
    const bad = decideContest(contest({ report, opening: openTransition(stalled.trainer, stalled.run, T - 1) }, stalled));
    expect(bad).toMatchObject({ nodeWrong: true, step: T - 1, kind: 'held-out' });
    expect(bad.why).toMatch(/accuracy is 0\.\d+ on 64 examples, floor 0\.6667/);
    // A tabular job that holds no rows out has no held-out check: the failure cannot be justified.
    expect(decideContest(contest({ report, heldOut: false, opening: openTransition(trained.trainer, trained.run, T - 1) })).nodeWrong).toBe(false);
    // A held-out failure is of the final model (leaf T): one naming an earlier step would have the
    // referee judge W_{t+1}, a model still training, so it rules for the node without evaluating it.
    const early = { passed: false, failures: [{ step: 0, kind: 'held-out' as const }] };
    expect(decideContest(contest({ report: early, opening: openTransition(stalled.trainer, stalled.run, 0) }, stalled))).toMatchObject({ nodeWrong: false, step: 0, kind: 'held-out', why: `a held-out failure is of the final model (step ${T}); the report names step 0` });
  });

  it('tolerant mode: a 4-lane node\'s transition is re-run within τ (node right), which exact mode rules wrong; held-out evaluates the committed W_T', () => {
    const { trainer } = trained;
    const tau = calibrateTolerance({ job: trainer.job, dataset: loadDataset({ spec: trainer.job.spec.dataset, split: 'train' }), states: [0, 20, 40].map((t) => openTransition(trainer, trained.run, t).state) }).tau;
    const lanes = createTrainer(trainer.job, loadDataset({ spec: trainer.job.spec.dataset, split: 'train' }), { reduction: lanesReduction(4) });
    const noisy = { trainer, run: train(lanes, { checkpointEvery: 10 }) };
    const report = { passed: false, failures: [{ step: 20, kind: 'wrong-transition' as const }] };
    const opening = openTransition(lanes, noisy.run, 20);
    expect(decideContest(contest({ report, opening, mode: { kind: 'tolerant', tau } }, noisy))).toMatchObject({ nodeWrong: false, why: 'step 20 is within τ of the committed state' });
    expect(decideContest(contest({ report, opening }, noisy))).toMatchObject({ nodeWrong: true, kind: 'wrong-transition' });
    const heldOut = { passed: false, failures: [{ step: T, kind: 'held-out' as const }] };
    expect(decideContest(contest({ report: heldOut, opening: openTransition(lanes, noisy.run, T - 1), mode: { kind: 'tolerant', tau } }, noisy))).toMatchObject({ nodeWrong: false, step: T - 1, kind: 'held-out' });
    // Without the committed W_T there is nothing within τ to compare: the node loses.
    const bare = { ...openTransition(lanes, noisy.run, T - 1), nextState: undefined };
    expect(decideContest(contest({ report: heldOut, opening: bare, mode: { kind: 'tolerant', tau } }, noisy))).toMatchObject({ nodeWrong: true, why: expect.stringContaining('state-mismatch') as string });
  });
});
